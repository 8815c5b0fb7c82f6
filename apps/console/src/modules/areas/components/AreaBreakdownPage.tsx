import { Anchor, Breadcrumbs, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import type { AreaBreakdownQuery } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey } from '../../../i18n/locale.js';
import { CITY_AREA_CODE } from '../../../lib/areas.js';

type Breakdown = AreaBreakdownQuery['areaBreakdown'];
type Row = Breakdown['rows'][number];

export const BREAKDOWN_SORT_FIELDS = ['name', 'workers', 'certifiedWorkers', 'workersPer100k', 'organisationsLackingWorker', 'organisationsLackingCertifiedWorker'] as const;
export type BreakdownSortField = (typeof BREAKDOWN_SORT_FIELDS)[number];

const COLUMNS: { field: BreakdownSortField; label: MessageKey; numeric: boolean }[] = [
  { field: 'name', label: 'areas.column.area', numeric: false },
  { field: 'workers', label: 'dashboard.workers', numeric: true },
  { field: 'certifiedWorkers', label: 'dashboard.certified', numeric: true },
  { field: 'workersPer100k', label: 'dashboard.per100k', numeric: true },
  { field: 'organisationsLackingWorker', label: 'coverage.stat.lacking', numeric: true },
  { field: 'organisationsLackingCertifiedWorker', label: 'coverage.stat.lackingCertified', numeric: true },
];

/** The drill-down link of an area: its children's figures (villages have none). */
export function breakdownPath(code: string | null): string {
  return code ? `/wilayah?parent=${encodeURIComponent(code)}` : '/wilayah';
}

/** The gap list of an area, where the list can show it: Kota Cimahi, its kecamatan and kelurahan. */
function gapListPath(code: string): string | null {
  if (code === CITY_AREA_CODE) return '/';
  if (!code.startsWith(`${CITY_AREA_CODE}.`)) return null;
  const parts = code.split('.');
  return parts.length === 3 ? `/?kec=${code}` : `/?kec=${parts.slice(0, 3).join('.')}&kel=${code}`;
}

function sortRows(rows: readonly Row[], field: BreakdownSortField, direction: 'ASC' | 'DESC'): Row[] {
  const value = (row: Row) => (field === 'name' ? row.area.name : (row[field] ?? -1));
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const order = typeof x === 'string' ? x.localeCompare(y as string, 'id') : x - (y as number);
    return order || a.area.code.localeCompare(b.area.code);
  });
  return direction === 'DESC' ? sorted.reverse() : sorted;
}

export function AreaBreakdownPage({
  breakdown,
  sort,
  direction,
  onSort,
}: {
  breakdown: Breakdown;
  sort: BreakdownSortField;
  direction: 'ASC' | 'DESC';
  onSort(field: BreakdownSortField): void;
}) {
  const { t, formatNumber, formatDate } = useI18n();
  const decimal = (value: number | null) => (value === null ? '—' : formatNumber(value, { maximumFractionDigits: 2, minimumFractionDigits: 2 }));
  const parent = breakdown.parent;
  // Indonesia, then each ancestor of the parent by its code (32 → 32.77 → 32.77.03).
  const ancestors = parent ? parent.code.split('.').map((_, index, parts) => parts.slice(0, index + 1).join('.')) : [];
  const rows = sortRows(breakdown.rows, sort, direction);

  return (
    <>
      <PageHeader
        title={parent ? t('areas.titleOf', { area: parent.name }) : t('areas.titleIndonesia')}
        lead={t('areas.lead', { date: formatDate(breakdown.asOf) })}
      />
      <Breadcrumbs mb="md" aria-label={t('areas.breadcrumbs')} data-testid="breakdown-breadcrumbs">
        <Anchor component={Link} to={breakdownPath(null)}>
          Indonesia
        </Anchor>
        {ancestors.map((code) =>
          code === parent?.code ? (
            <Text key={code} aria-current="page">
              {parent.name}
            </Text>
          ) : (
            <Anchor key={code} component={Link} to={breakdownPath(code)}>
              {code}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
      <Paper withBorder p="md" radius="md">
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="breakdown-table">
            <Table.Thead>
              <Table.Tr>
                {COLUMNS.map((column) => (
                  <Table.Th
                    key={column.field}
                    ta={column.numeric ? 'right' : undefined}
                    aria-sort={sort === column.field ? (direction === 'ASC' ? 'ascending' : 'descending') : 'none'}
                  >
                    <UnstyledButton onClick={() => onSort(column.field)} fw={600} fz="sm" data-testid={`sort-${column.field}`}>
                      {t(column.label)} {sort === column.field ? (direction === 'ASC' ? '▲' : '▼') : ''}
                    </UnstyledButton>
                  </Table.Th>
                ))}
                <Table.Th>{t('areas.column.gaps')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const gaps = gapListPath(row.area.code);
                return (
                  <Table.Tr key={row.area.code} data-code={row.area.code}>
                    <Table.Td>
                      {row.area.level === 'VILLAGE' ? (
                        row.area.name
                      ) : (
                        <Anchor component={Link} to={breakdownPath(row.area.code)}>
                          {row.area.name}
                        </Anchor>
                      )}{' '}
                      <Text span size="xs" c="dimmed">
                        {row.area.code}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(row.workers)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(row.certifiedWorkers)}</Table.Td>
                    <Table.Td ta="right" title={row.population === null ? t('areas.populationUnknown') : undefined}>
                      {decimal(row.workersPer100k)}
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(row.organisationsLackingWorker)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(row.organisationsLackingCertifiedWorker)}</Table.Td>
                    <Table.Td>
                      {gaps ? (
                        <Anchor component={Link} to={gaps} size="sm">
                          {t('areas.seeGaps')}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {t('areas.note')}
        </Text>
      </Paper>
    </>
  );
}
