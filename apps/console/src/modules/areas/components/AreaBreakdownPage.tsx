import { Anchor, Breadcrumbs, Group, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { DownloadMenu } from '../../../components/DownloadMenu.js';
import { PageHeader } from '../../../components/PageHeader.js';
import type { AreaBreakdownQuery } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey } from '../../../i18n/locale.js';
import { CITY_AREA_CODE, withinArea } from '../../../lib/areas.js';
import { BreakdownChart } from './BreakdownChart.js';

type Breakdown = AreaBreakdownQuery['areaBreakdown'];
type Row = Breakdown['rows'][number];
type Parent = NonNullable<Breakdown['parent']>;

/** The parent and the areas above it, province first, by name: Jawa Barat › Kota Cimahi › Cimahi Selatan. */
function lineage(parent: Parent | null): { code: string; name: string }[] {
  const chain: { code: string; name: string }[] = [];
  for (let area: { code: string; name: string; parent?: unknown } | null | undefined = parent; area; area = area.parent as typeof area) {
    chain.unshift({ code: area.code, name: area.name });
  }
  return chain;
}

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
  ownArea = null,
}: {
  breakdown: Breakdown;
  sort: BreakdownSortField;
  direction: 'ASC' | 'DESC';
  onSort(field: BreakdownSortField): void;
  /** A coordinator's area: the areas above it are named but not links (the API would refuse them). */
  ownArea?: string | null;
}) {
  const { t, formatNumber, formatDate } = useI18n();
  // Per 100,000 where the population is known; otherwise said in words, never a division by nothing.
  const per100k = (value: number | null) =>
    value === null ? t('areas.unknown') : formatNumber(value, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const parent = breakdown.parent;
  // Indonesia, then the parent's ancestors and the parent by name (Jawa Barat › Kota Cimahi › Cimahi Selatan).
  const ancestors = lineage(parent);
  const reachable = (code: string | null) => ownArea === null || withinArea(ownArea, code);
  const rows = sortRows(breakdown.rows, sort, direction);

  return (
    <>
      <PageHeader
        title={parent ? t('areas.titleOf', { area: parent.name }) : t('areas.titleIndonesia')}
        lead={t('areas.lead', { date: formatDate(breakdown.asOf) })}
      />
      <Group justify="space-between" align="center" mb="md" wrap="wrap">
        <Breadcrumbs aria-label={t('areas.breadcrumbs')} data-testid="breakdown-breadcrumbs">
          {reachable(null) && parent ? (
            <Anchor component={Link} to={breakdownPath(null)}>
              Indonesia
            </Anchor>
          ) : (
            <Text {...(parent ? {} : { 'aria-current': 'page' as const })}>Indonesia</Text>
          )}
          {ancestors.map((area) =>
            area.code === parent?.code || !reachable(area.code) ? (
              <Text key={area.code} {...(area.code === parent?.code ? { 'aria-current': 'page' as const } : {})}>
                {area.name}
              </Text>
            ) : (
              <Anchor key={area.code} component={Link} to={breakdownPath(area.code)}>
                {area.name}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
        <DownloadMenu list="area-breakdown" filters={{ parentCode: parent?.code ?? null, asOf: breakdown.asOf }} />
      </Group>
      <BreakdownChart rows={rows} />
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
                      {per100k(row.workersPer100k)}
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
