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
  TextInput,
  Title,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CardTable } from '../../../components/CardTable.js';
import { CertificationBadge } from '../../../components/CertificationBadge.js';
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
  summaryError,
  gaps,
  loading,
  error,
  onRetry,
  onAssign,
  exportFilters,
}: {
  filters: CoverageFilters;
  onFiltersChange(changes: Partial<CoverageFilters>): void;
  onReset(): void;
  list: ListState;
  summary: CoverageSummaryQuery['workforceSummary'] | null;
  summaryError?: unknown;
  gaps: CoverageGapsQuery['organisationsLackingWorker'] | null;
  loading: boolean;
  error?: unknown;
  onRetry(): void;
  onAssign(organisation: AssignTarget): void;
  /** The filters of the list, for its download (the server's export honours the same ones). */
  exportFilters: { areaCode: string; kinds?: OrganisationKind[]; asOf?: string; certifiedOnly: boolean };
}) {
  const { t, label, formatNumber, formatDate } = useI18n();
  const { canEdit } = useAccess();
  const lacking = filters.certifiedOnly ? summary?.organisationsLackingCertifiedWorker : summary?.organisationsLackingWorker;
  const covered = summary && lacking !== undefined ? summary.organisationsNeedingWorker - lacking : undefined;
  const inArea = summary ? t('coverage.stat.inArea', { area: summary.area.name }) : undefined;
  const count = (value: number | undefined) => (value === undefined ? '…' : formatNumber(value));
  const hasFilters =
    !!filters.kecamatan || filters.kinds.length > 0 || !!filters.asOf || filters.certifiedOnly || filters.sort !== 'NAME';

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

      {summaryError ? (
        <ErrorState error={summaryError} onRetry={onRetry} />
      ) : (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="md">
          <StatCard label={t('coverage.stat.needing')} value={count(summary?.organisationsNeedingWorker)} hint={inArea} testId="stat-needing" />
          <StatCard
            label={t('coverage.stat.lacking')}
            value={count(summary?.organisationsLackingWorker)}
            hint={inArea}
            color={filters.certifiedOnly ? undefined : 'red.7'}
            testId="stat-lacking"
          />
          <StatCard
            label={t('coverage.stat.lackingCertified')}
            value={count(summary?.organisationsLackingCertifiedWorker)}
            hint={inArea}
            color={filters.certifiedOnly ? 'red.7' : undefined}
            testId="stat-lacking-certified"
          />
          <StatCard label={t('coverage.stat.covered')} value={count(covered)} hint={inArea} color="teal.8" testId="stat-covered" />
        </SimpleGrid>
      )}

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
          <TextInput
            type="date"
            label={t('common.asOf')}
            value={filters.asOf ?? summary?.asOf ?? ''}
            onChange={(event) => onFiltersChange({ asOf: event.currentTarget.value || null })}
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
                          <Button
                            size="xs"
                            leftSection={<IconUserPlus size={14} />}
                            onClick={() => onAssign({ id: organisation.id, name: organisation.name, areaCode: organisation.areaCode })}
                            aria-label={`${t('coverage.assign')}: ${organisation.name}`}
                          >
                            {t('coverage.assign')}
                          </Button>
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
