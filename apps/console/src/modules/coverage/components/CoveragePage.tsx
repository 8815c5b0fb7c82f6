import {
  Anchor,
  Button,
  Group,
  LoadingOverlay,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CardTable } from '../../../components/CardTable.js';
import { CertificationBadge } from '../../../components/CertificationBadge.js';
import { DateField } from '../../../components/DateField.js';
import { DownloadMenu } from '../../../components/DownloadMenu.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ListPagination } from '../../../components/Pagination.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { StatCard } from '../../../components/StatCard.js';
import type {
  CoverageGapsQuery,
  CoverageSummaryQuery,
  OrganisationKind,
  OrganisationSortField,
} from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { kindLabel, ORGANISATION_KINDS } from '../../../lib/labels.js';
import type { ListState } from '../../../lib/list-state.js';
import { useAccess } from '../../access/lib/access.js';
import { AreaSelects } from '../../areas/components/AreaSelects.js';
import type { AssignTarget } from '../views/AssignWorkerDialog.js';

export interface CoverageFilters {
  kecamatan: string | null;
  kelurahan: string | null;
  kinds: OrganisationKind[];
  asOf: string | null;
  certifiedOnly: boolean;
  sort: OrganisationSortField;
  direction: 'ASC' | 'DESC';
}

export function CoveragePage({
  filters,
  onFiltersChange,
  onReset,
  list,
  summary,
  gaps,
  loading,
  error,
  onRetry,
  onAssign,
  onShowLacking,
  homeArea = null,
  exportFilters,
}: {
  filters: CoverageFilters;
  onFiltersChange(changes: Partial<CoverageFilters>): void;
  onReset(): void;
  list: ListState;
  /** The figures: the last ones fetched while new ones load. */
  summary: CoverageSummaryQuery['workforceSummary'] | null;
  /** The rows: the last page fetched while a new one loads. */
  gaps: CoverageGapsQuery['organisationsLackingWorker'] | null;
  loading: boolean;
  /** The list's or the figures' failure, shown once. */
  error?: unknown;
  onRetry(): void;
  onAssign(organisation: AssignTarget): void;
  /** A figure card asks for the list it counts: without a worker, or without a certified one (all kinds). */
  onShowLacking(certifiedOnly: boolean): void;
  /** Where the list starts (a coordinator's own area); null for the whole city. Being there is no filter to reset. */
  homeArea?: { kecamatan: string; kelurahan: string | null } | null;
  /** The filters of the list, for its download (the server's export honours the same ones). */
  exportFilters: { areaCode: string; kinds?: OrganisationKind[]; asOf?: string; certifiedOnly: boolean };
}) {
  const { t, label, formatNumber, formatDate } = useI18n();
  const { canEdit, role } = useAccess();
  const lacking = filters.certifiedOnly ? summary?.organisationsLackingCertifiedWorker : summary?.organisationsLackingWorker;
  const covered = summary && lacking !== undefined ? summary.organisationsNeedingWorker - lacking : undefined;
  const inArea = summary ? t('coverage.stat.inArea', { area: summary.area.name }) : undefined;
  const count = (value: number | undefined) => (value === undefined ? (error ? '—' : '…') : formatNumber(value));
  // The organisations list of the same area, limited to those that should have a worker: what "needing" counts.
  const needingList = summary ? `/organisations?${new URLSearchParams({ area: summary.area.code, should: '1' }).toString()}` : undefined;
  const awayFromHome = homeArea
    ? filters.kecamatan !== homeArea.kecamatan || filters.kelurahan !== homeArea.kelurahan
    : !!filters.kecamatan;
  const hasFilters =
    awayFromHome || filters.kinds.length > 0 || !!filters.asOf || filters.certifiedOnly || filters.sort !== 'NAME';

  return (
    <>
      <PageHeader
        title={t('coverage.title')}
        lead={t('coverage.lead')}
        actions={
          <DownloadMenu
            list="coverage-gaps"
            filters={exportFilters}
            printable={{ areaCode: exportFilters.areaCode, asOf: exportFilters.asOf ?? null }}
          />
        }
      />

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="md" style={{ opacity: loading ? 0.6 : 1 }} aria-busy={loading}>
        <StatCard
          label={t('coverage.stat.needing')}
          value={count(summary?.organisationsNeedingWorker)}
          hint={inArea}
          testId="stat-needing"
          to={needingList}
        />
        <StatCard
          label={t('coverage.stat.lacking')}
          value={count(summary?.organisationsLackingWorker)}
          hint={inArea}
          color={filters.certifiedOnly ? undefined : 'red.8'}
          testId="stat-lacking"
          onClick={() => onShowLacking(false)}
          pressed={!filters.certifiedOnly && filters.kinds.length === 0}
        />
        <StatCard
          label={t('coverage.stat.lackingCertified')}
          value={count(summary?.organisationsLackingCertifiedWorker)}
          hint={inArea}
          color={filters.certifiedOnly ? 'red.8' : undefined}
          testId="stat-lacking-certified"
          onClick={() => onShowLacking(true)}
          pressed={filters.certifiedOnly && filters.kinds.length === 0}
        />
        <StatCard
          label={t(filters.certifiedOnly ? 'coverage.stat.coveredCertified' : 'coverage.stat.covered')}
          value={count(covered)}
          hint={inArea}
          color="teal.8"
          testId="stat-covered"
        />
      </SimpleGrid>

      <Paper withBorder p="md" mb="md" component="section" aria-label={t('common.search')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <AreaSelects
            kecamatan={filters.kecamatan}
            kelurahan={filters.kelurahan}
            onChange={(area) => onFiltersChange(area)}
          />
          <MultiSelect
            label={t('common.kind')}
            placeholder={filters.kinds.length ? undefined : t('common.allKinds')}
            data={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: label(kindLabel(kind)) }))}
            value={filters.kinds}
            onChange={(kinds) => onFiltersChange({ kinds: kinds as OrganisationKind[] })}
            clearable
            data-testid="filter-kind"
          />
          <DateField
            label={t('common.asOf')}
            value={filters.asOf ?? summary?.asOf ?? ''}
            // Only a whole date changes the list; '' goes back to today.
            onChange={(value) => {
              if (value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value)) onFiltersChange({ asOf: value || null });
            }}
            data-testid="filter-as-of"
          />
        </SimpleGrid>
        <Group justify="space-between" mt="md" gap="sm" wrap="wrap">
          <Switch
            label={t('coverage.certifiedOnly')}
            description={t('coverage.certifiedOnlyHint')}
            checked={filters.certifiedOnly}
            onChange={(event) => onFiltersChange({ certifiedOnly: event.currentTarget.checked })}
            data-testid="filter-certified-only"
          />
          <Group gap="xs" align="flex-end">
            <Select
              label={t('common.sortBy')}
              size="xs"
              w={170}
              data={[
                { value: 'NAME', label: t('coverage.sort.name') },
                { value: 'KIND', label: t('coverage.sort.kind') },
                { value: 'AREA_CODE', label: t('coverage.sort.area') },
              ]}
              value={filters.sort}
              allowDeselect={false}
              onChange={(value) => value && onFiltersChange({ sort: value as OrganisationSortField })}
            />
            <Select
              aria-label={t('common.sortBy')}
              size="xs"
              w={150}
              data={[
                { value: 'ASC', label: t('common.ascending') },
                { value: 'DESC', label: t('common.descending') },
              ]}
              value={filters.direction}
              allowDeselect={false}
              onChange={(value) => value && onFiltersChange({ direction: value as 'ASC' | 'DESC' })}
            />
            {hasFilters && (
              <Button size="xs" variant="subtle" onClick={onReset}>
                {t('common.resetFilters')}
              </Button>
            )}
          </Group>
        </Group>
      </Paper>

      <Stack gap="xs" component="section" aria-labelledby="gap-count">
        {/* Focusable by script: focus returns here after an assignment closes the row's gap (AssignWorkerDialog). */}
        <Title order={2} size="h4" id="gap-count" aria-live="polite" tabIndex={-1}>
          {gaps ? (
            <span data-testid="gap-count" data-count={gaps.totalCount}>
              {t(filters.certifiedOnly ? 'coverage.resultCountCertified' : 'coverage.resultCount', {
                count: formatNumber(gaps.totalCount),
              })}
            </span>
          ) : error ? (
            t('coverage.unavailable')
          ) : (
            t('common.loading')
          )}
          {summary && (
            <Text span c="dimmed" size="sm" fw={400}>
              {' '}
              · {t('common.asOf').toLowerCase()} {formatDate(summary.asOf)}
            </Text>
          )}
        </Title>

        {error ? (
          <ErrorState error={error} onRetry={onRetry} />
        ) : !gaps ? (
          <LoadingState />
        ) : gaps.nodes.length === 0 ? (
          <EmptyState>{t(filters.certifiedOnly ? 'coverage.emptyCertified' : 'coverage.empty')}</EmptyState>
        ) : (
          <Paper withBorder pos="relative">
            <LoadingOverlay visible={loading} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
            <CardTable minWidth={760} striped highlightOnHover verticalSpacing="sm" data-testid="gap-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('coverage.col.organisation')}</Table.Th>
                    <Table.Th>{t('coverage.col.kind')}</Table.Th>
                    <Table.Th>{t('coverage.col.area')}</Table.Th>
                    <Table.Th>{t('coverage.col.workers')}</Table.Th>
                    {canEdit && (
                      <Table.Th>
                        <span className="visually-hidden">{t('coverage.col.action')}</span>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {gaps.nodes.map((organisation) => (
                    <Table.Tr key={organisation.id} data-testid="gap-row" data-organisation-id={organisation.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/organisations/${organisation.id}`} fw={600}>
                          {organisation.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{label(kindLabel(organisation.kind))}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{organisation.area.name}</Text>
                        {organisation.area.parent && organisation.area.level === 'VILLAGE' && (
                          <Text size="xs" c="dimmed">
                            {organisation.area.parent.name}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {organisation.activeWorkers.length === 0 ? (
                          <Text size="sm" c="red.7">
                            {t('coverage.noWorkers')}
                          </Text>
                        ) : (
                          <Stack gap={4}>
                            {organisation.activeWorkers.map((worker) => (
                              <Group key={worker.id} gap={6} wrap="wrap">
                                <Anchor component={Link} to={`/workers/${worker.id}`} size="sm">
                                  {worker.fullName}
                                </Anchor>
                                <CertificationBadge status={worker.certificationStatus} />
                              </Group>
                            ))}
                          </Stack>
                        )}
                      </Table.Td>
                      {canEdit && (
                        <Table.Td ta="right">
                          {/* Only where the server says this caller may act (viewerCanManage): a coordinator's own area. */}
                          {organisation.viewerCanManage ? (
                          <Button
                            size="xs"
                            leftSection={<IconUserPlus size={14} />}
                            onClick={() => onAssign({ id: organisation.id, name: organisation.name, areaCode: organisation.areaCode })}
                            aria-label={`${t('coverage.assign')}: ${organisation.name}`}
                          >
                            {t('coverage.assign')}
                          </Button>
                          ) : (
                            role === 'COORDINATOR' && (
                              <Text size="xs" c="dimmed" data-testid="not-your-area">
                                {t('coverage.notYourArea')}
                              </Text>
                            )
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
            </CardTable>
          </Paper>
        )}
        {gaps && gaps.totalCount > 0 && (
          <ListPagination list={list} totalCount={gaps.totalCount} shown={gaps.nodes.length} pageInfo={gaps.pageInfo} />
        )}
      </Stack>
    </>
  );
}
