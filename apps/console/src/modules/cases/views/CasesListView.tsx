import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Select, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { DownloadMenu } from '../../../components/DownloadMenu.js';
import { ListFrame } from '../../../components/ListFrame.js';
import { SearchInput } from '../../../components/SearchInput.js';
import { SortableTh, SortControls, sortDirection, sortField } from '../../../components/SortControls.js';
import type { CaseFilter, CaseSortField, CaseStatus } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { CASE_STATUSES, caseStatusLabel } from '../../../lib/labels.js';
import { useListState } from '../../../lib/list-state.js';
import { useAccess } from '../../access/lib/access.js';
import { AreaSelect } from '../../areas/components/AreaSelect.js';
import { CasesListQuery, PmksCategoriesQuery } from '../graphql/queries.js';
import { CardTable } from '../../../components/CardTable.js';

const SORT_FIELDS: CaseSortField[] = ['OPENED_ON', 'REFERENCE'];

export function CasesListView() {
  const { t, label, locale, formatDate } = useI18n();
  const { canEdit } = useAccess();
  const list = useListState();
  const categories = useQuery(PmksCategoriesQuery);
  const status = list.get('status') as CaseStatus | null;
  const filter: CaseFilter = {
    search: list.get('q') ?? undefined,
    status: status && CASE_STATUSES.includes(status) ? status : undefined,
    pmksCategoryCode: list.get('category') ?? undefined,
    areaCode: list.get('area') ?? undefined,
  };
  const orderBy = { field: sortField(list, SORT_FIELDS, 'OPENED_ON'), direction: sortDirection(list, 'DESC') };
  const { data, previousData, loading, error, refetch } = useQuery(CasesListQuery, {
    variables: { filter, first: list.pageSize, after: list.after, orderBy },
  });
  const connection = (data ?? previousData)?.cases ?? null;
  const categoryLabel = (category: { labelId: string; labelEn: string }) => (locale === 'en' ? category.labelEn : category.labelId);
  const roleLabel = categoryLabel;

  return (
    <ListFrame
      title={t('case.title')}
      actions={
        <>
          <DownloadMenu
            list="cases"
            filters={{ search: filter.search, status: filter.status, pmksCategoryCode: filter.pmksCategoryCode, areaCode: filter.areaCode }}
          />
          {canEdit && (
            <Button component={Link} to="/cases/new" leftSection={<IconPlus size={16} />}>
              {t('case.new')}
            </Button>
          )}
        </>
      }
      filters={
        <>
          <SearchInput list={list} />
          <Select
            label={t('common.status')}
            placeholder={t('common.all')}
            data={CASE_STATUSES.map((value) => ({ value, label: label(caseStatusLabel(value)) }))}
            value={filter.status ?? null}
            onChange={(value) => list.set({ status: value })}
            clearable
          />
          <Select
            label={t('case.category')}
            placeholder={t('case.allCategories')}
            data={(categories.data?.pmksCategories ?? []).map((category) => ({ value: category.code, label: categoryLabel(category) }))}
            value={filter.pmksCategoryCode ?? null}
            onChange={(value) => list.set({ category: value })}
            searchable
            clearable
          />
          <AreaSelect label={t('common.area')} placeholder={t('common.allKecamatan')} value={filter.areaCode ?? null} onChange={(value) => list.set({ area: value })} />
        </>
      }
      toolbar={
        <>
          <span />
          <SortControls
            list={list}
            defaultField="OPENED_ON"
            defaultDirection="DESC"
            options={[
              { value: 'OPENED_ON', label: t('case.sort.openedOn') },
              { value: 'REFERENCE', label: t('case.sort.reference') },
            ]}
          />
        </>
      }
      list={list}
      connection={connection}
      loading={loading}
      error={error}
      onRetry={() => void refetch()}
      emptyText={t('case.empty')}
    >
      {connection && (
        <CardTable minWidth={760} striped highlightOnHover verticalSpacing="sm" data-testid="cases-table">
            <Table.Thead>
              <Table.Tr>
                <SortableTh list={list} field="REFERENCE" fields={SORT_FIELDS} defaultField="OPENED_ON" defaultDirection="DESC">
                  {t('case.reference')}
                </SortableTh>
                <Table.Th>{t('case.category')}</Table.Th>
                <Table.Th>{t('case.organisation')}</Table.Th>
                <Table.Th>{t('case.involvements')}</Table.Th>
                <SortableTh list={list} field="OPENED_ON" fields={SORT_FIELDS} defaultField="OPENED_ON" defaultDirection="DESC">
                  {t('case.openedOn')}
                </SortableTh>
                <Table.Th>{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {connection.nodes.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${item.id}`} fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {item.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{categoryLabel(item.pmksCategory)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{item.organisation.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    {item.involvements.map((involvement) => (
                      <Text size="sm" key={involvement.id} c={involvement.endsOn ? 'dimmed' : undefined}>
                        {involvement.worker.fullName} · {roleLabel(involvement.role)}
                        {involvement.isLead ? ` (${t('worker.lead').toLowerCase()})` : ''}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(item.openedOn)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={item.status === 'OPEN' ? 'blue' : 'gray'}>
                      {label(caseStatusLabel(item.status))}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </CardTable>
      )}
    </ListFrame>
  );
}
