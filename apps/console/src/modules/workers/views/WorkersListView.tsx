import { useQuery } from '@apollo/client/react';
import { Button, Select, Switch } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { DownloadMenu } from '../../../components/DownloadMenu.js';
import { ListFrame } from '../../../components/ListFrame.js';
import { SearchInput } from '../../../components/SearchInput.js';
import { SortControls, sortDirection, sortField } from '../../../components/SortControls.js';
import type { CertificationStatus, WorkerFilter } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { CERTIFICATION_STATUSES, certificationStatusLabel } from '../../../lib/labels.js';
import { useListState } from '../../../lib/list-state.js';
import { useAccess } from '../../access/lib/access.js';
import { AreaSelect } from '../../areas/components/AreaSelect.js';
import { WORKER_SORT_FIELDS, WorkersTable } from '../components/WorkersTable.js';
import { WorkersListQuery } from '../graphql/queries.js';


export function WorkersListView() {
  const { t, label } = useI18n();
  const { canEdit, seesPersonalData } = useAccess();
  const list = useListState();
  const status = list.get('status') as CertificationStatus | null;
  const placed = list.get('placed');
  const filter: WorkerFilter = {
    search: list.get('q') ?? undefined,
    areaCode: list.get('area') ?? undefined,
    certificationStatus: status && CERTIFICATION_STATUSES.includes(status) ? status : undefined,
    placed: placed === '1' ? true : placed === '0' ? false : undefined,
    includeArchived: list.getBoolean('archived'),
  };
  const orderBy = { field: sortField(list, WORKER_SORT_FIELDS, 'FULL_NAME'), direction: sortDirection(list) };
  const { data, previousData, loading, error, refetch } = useQuery(WorkersListQuery, {
    variables: { filter, first: list.pageSize, after: list.after, orderBy, withPersonalData: seesPersonalData },
  });
  const connection = (data ?? previousData)?.workers ?? null;


  return (
    <ListFrame
      title={t('worker.title')}
      actions={
        <>
          {/* The server exports worker lists to those who may see contact details (coordinators, admins). */}
          {seesPersonalData && (
            <DownloadMenu
              list="workers"
              filters={{
                search: filter.search,
                areaCode: filter.areaCode,
                certificationStatus: filter.certificationStatus,
                placed: filter.placed,
                includeArchived: filter.includeArchived || undefined,
              }}
              nikMasked
            />
          )}
          {canEdit && (
            <Button component={Link} to="/workers/new" leftSection={<IconPlus size={16} />}>
              {t('worker.new')}
            </Button>
          )}
        </>
      }
      filters={
        <>
          <SearchInput list={list} />
          <Select
            label={t('worker.certificationStatus')}
            placeholder={t('common.all')}
            data={CERTIFICATION_STATUSES.map((value) => ({ value, label: label(certificationStatusLabel(value)) }))}
            value={filter.certificationStatus ?? null}
            onChange={(value) => list.set({ status: value })}
            clearable
          />
          <Select
            label={t('worker.placement')}
            placeholder={t('common.all')}
            data={[
              { value: '1', label: t('worker.placed') },
              { value: '0', label: t('worker.unplaced') },
            ]}
            value={placed}
            onChange={(value) => list.set({ placed: value })}
            clearable
          />
          <AreaSelect label={t('common.area')} placeholder={t('common.allKecamatan')} value={filter.areaCode ?? null} onChange={(value) => list.set({ area: value })} />
        </>
      }
      toolbar={
        <>
          <Switch label={t('common.includeArchived')} checked={filter.includeArchived ?? false} onChange={(event) => list.set({ archived: event.currentTarget.checked ? '1' : null })} />
          <SortControls
            list={list}
            defaultField="FULL_NAME"
            options={[
              { value: 'FULL_NAME', label: t('worker.sort.name') },
              { value: 'CREATED_AT', label: t('worker.sort.created') },
            ]}
          />
        </>
      }
      list={list}
      connection={connection}
      loading={loading}
      error={error}
      onRetry={() => void refetch()}
      emptyText={t('worker.empty')}
    >
      {connection && <WorkersTable workers={connection.nodes} showHomeArea={seesPersonalData} list={list} />}
    </ListFrame>
  );
}
