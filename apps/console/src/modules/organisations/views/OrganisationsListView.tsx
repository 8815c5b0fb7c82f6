import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, MultiSelect, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CertificationBadge } from '../../../components/CertificationBadge.js';
import { DownloadMenu } from '../../../components/DownloadMenu.js';
import { ListFrame } from '../../../components/ListFrame.js';
import { SearchInput } from '../../../components/SearchInput.js';
import { SortableTh, SortControls, sortDirection, sortField } from '../../../components/SortControls.js';
import type { OrganisationFilter, OrganisationKind, OrganisationSortField } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { kindLabel, ORGANISATION_KINDS } from '../../../lib/labels.js';
import { useListState } from '../../../lib/list-state.js';
import { useAccess } from '../../access/lib/access.js';
import { AreaSelect } from '../../areas/components/AreaSelect.js';
import { OrganisationsListQuery } from '../graphql/queries.js';
import { CardTable } from '../../../components/CardTable.js';

const SORT_FIELDS: OrganisationSortField[] = ['NAME', 'KIND', 'AREA_CODE', 'CREATED_AT'];

export function OrganisationsListView() {
  const { t, label } = useI18n();
  const { canEdit } = useAccess();
  const list = useListState();
  const should = list.get('should');
  const filter: OrganisationFilter = {
    search: list.get('q') ?? undefined,
    areaCode: list.get('area') ?? undefined,
    kinds: list.getAll('kind').filter((kind): kind is OrganisationKind => (ORGANISATION_KINDS as string[]).includes(kind)),
    shouldHaveWorker: should === '1' ? true : should === '0' ? false : undefined,
    includeArchived: list.getBoolean('archived'),
  };
  if (filter.kinds?.length === 0) delete filter.kinds;
  const orderBy = { field: sortField(list, SORT_FIELDS, 'NAME'), direction: sortDirection(list) };
  const { data, previousData, loading, error, refetch } = useQuery(OrganisationsListQuery, {
    variables: { filter, first: list.pageSize, after: list.after, orderBy },
  });
  const connection = (data ?? previousData)?.organisations ?? null;


  return (
    <ListFrame
      title={t('org.title')}
      actions={
        <>
          <DownloadMenu
            list="organisations"
            filters={{
              search: filter.search,
              areaCode: filter.areaCode,
              kinds: filter.kinds,
              shouldHaveWorker: filter.shouldHaveWorker,
              includeArchived: filter.includeArchived || undefined,
            }}
          />
          {canEdit && (
            <Button component={Link} to="/organisations/new" leftSection={<IconPlus size={16} />}>
              {t('org.new')}
            </Button>
          )}
        </>
      }
      filters={
        <>
          <SearchInput list={list} />
          <MultiSelect
            label={t('common.kind')}
            placeholder={filter.kinds?.length ? undefined : t('common.allKinds')}
            data={ORGANISATION_KINDS.map((value) => ({ value, label: label(kindLabel(value)) }))}
            value={filter.kinds ?? []}
            onChange={(kinds) => list.set({ kind: kinds })}
            clearable
          />
          <AreaSelect label={t('common.area')} placeholder={t('common.allKecamatan')} value={filter.areaCode ?? null} onChange={(value) => list.set({ area: value })} />
          <Select
            label={t('org.shouldHaveWorker')}
            placeholder={t('common.all')}
            data={[
              { value: '1', label: t('common.yes') },
              { value: '0', label: t('common.no') },
            ]}
            value={should}
            onChange={(value) => list.set({ should: value })}
            clearable
          />
        </>
      }
      toolbar={
        <>
          <Switch label={t('common.includeArchived')} checked={filter.includeArchived ?? false} onChange={(event) => list.set({ archived: event.currentTarget.checked ? '1' : null })} />
          <SortControls
            list={list}
            defaultField="NAME"
            options={[
              { value: 'NAME', label: t('org.sort.name') },
              { value: 'KIND', label: t('org.sort.kind') },
              { value: 'AREA_CODE', label: t('org.sort.area') },
              { value: 'CREATED_AT', label: t('org.sort.created') },
            ]}
          />
        </>
      }
      list={list}
      connection={connection}
      loading={loading}
      error={error}
      onRetry={() => void refetch()}
      emptyText={t('org.empty')}
    >
      {connection && (
        <CardTable minWidth={720} striped highlightOnHover verticalSpacing="sm" data-testid="organisations-table">
            <Table.Thead>
              <Table.Tr>
                <SortableTh list={list} field="NAME" fields={SORT_FIELDS} defaultField="NAME">
                  {t('org.name')}
                </SortableTh>
                <SortableTh list={list} field="KIND" fields={SORT_FIELDS} defaultField="NAME">
                  {t('org.kind')}
                </SortableTh>
                <SortableTh list={list} field="AREA_CODE" fields={SORT_FIELDS} defaultField="NAME">
                  {t('common.area')}
                </SortableTh>
                <Table.Th>{t('org.activeWorkers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {connection.nodes.map((organisation) => (
                <Table.Tr key={organisation.id} data-testid="organisation-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/organisations/${organisation.id}`} fw={600}>
                      {organisation.name}
                    </Anchor>
                    {organisation.archivedAt && (
                      <Badge ml="xs" size="xs" color="gray">
                        {t('common.archived')}
                      </Badge>
                    )}
                    {organisation.code && (
                      <Text size="xs" c="dimmed">
                        {organisation.code}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{label(kindLabel(organisation.kind))}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{organisation.area.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    {organisation.activeWorkers.length === 0 ? (
                      organisation.shouldHaveWorker ? (
                        <Text size="sm" c="red.7">
                          {t('org.gap')}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('common.none')}
                        </Text>
                      )
                    ) : (
                      <Stack gap={2}>
                        {organisation.activeWorkers.slice(0, 3).map((worker) => (
                          <Group key={worker.id} gap={6} wrap="wrap">
                            <Text size="sm">{worker.fullName}</Text>
                            <CertificationBadge status={worker.certificationStatus} />
                          </Group>
                        ))}
                        {organisation.activeWorkers.length > 3 && (
                          <Text size="xs" c="dimmed">
                            +{organisation.activeWorkers.length - 3}
                          </Text>
                        )}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </CardTable>
      )}
    </ListFrame>
  );
}
