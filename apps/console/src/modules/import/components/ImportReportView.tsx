import { Alert, Badge, Chip, Group, Pagination, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { StatCard } from '../../../components/StatCard.js';
import { useI18n, type MessageKey } from '../../../i18n/locale.js';
import { messagesId } from '../../../i18n/messages.id.js';
import type { ImportReport, RowAction, RowError, RowResult } from '@peksos/types';
import { headerProblems, OUTCOME_ORDER, outcomeCounts, pageOf, rowsFor, type OutcomeFilter } from '../lib/report-rows.js';

export const ROWS_PER_PAGE = 50;

const OUTCOME_COLORS: Record<RowAction, string> = { error: 'red', create: 'teal', update: 'blue', unchanged: 'gray' };

/** A field's name in the console's language (the report names changed fields as the API does). */
function useFieldLabel(): (field: string) => string {
  const { t } = useI18n();
  return (field) => {
    const key = `import.field.${field}`;
    return key in messagesId ? t(key as MessageKey) : field;
  };
}

export function OutcomeBadge({ action }: { action: RowAction }) {
  const { t } = useI18n();
  return (
    <Badge
      color={OUTCOME_COLORS[action]}
      variant={action === 'unchanged' ? 'outline' : 'light'}
      tt="none"
      size="md"
      styles={{ label: { overflow: 'visible' } }}
      data-testid="row-outcome"
      data-outcome={action}
    >
      {t(`import.outcome.${action}`)}
    </Badge>
  );
}

/** A row's problems, one a line: the column as the file names it, then what is wrong, in the console's language. */
export function RowProblems({ errors }: { errors: readonly RowError[] }) {
  const { label } = useI18n();
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {errors.map((error, index) => (
        <Text key={index} component="li" size="sm" c="red.8" data-testid="row-problem" data-code={error.code}>
          {error.column && (
            <Badge component="span" color="gray" variant="default" radius="sm" tt="none" mr={6} style={{ verticalAlign: 'baseline' }} data-testid="problem-column">
              {error.column}
            </Badge>
          )}
          <span data-testid="problem-message">{label(error.message)}</span>
        </Text>
      ))}
    </Stack>
  );
}

function RowDetails({ result }: { result: RowResult }) {
  const { t } = useI18n();
  const fieldLabel = useFieldLabel();
  if (result.errors?.length) return <RowProblems errors={result.errors} />;
  if (result.changes?.length) {
    return (
      <Text size="sm" c="blue.8">
        {t('import.changes', { fields: result.changes.map(fieldLabel).join(', ') })}
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      {t('common.none')}
    </Text>
  );
}

/** The rows of one page: a table, or on a phone one card per row (a four-column table does not fit). */
function RowList({ rows }: { rows: readonly RowResult[] }) {
  const { t } = useI18n();
  const narrow = useMediaQuery('(max-width: 48em)');
  if (narrow) {
    return (
      <Stack gap="xs" data-testid="import-rows">
        {rows.map((result) => (
          <Paper key={result.row} withBorder p="sm" data-testid="import-row" data-row={result.row} data-outcome={result.action}>
            <Group justify="space-between" gap="xs" wrap="nowrap" mb={4}>
              <Text size="sm" c="dimmed">
                {t('import.col.row')} {result.row}
              </Text>
              <OutcomeBadge action={result.action} />
            </Group>
            <Text size="sm" fw={600} mb={4} style={{ wordBreak: 'break-word' }}>
              {result.key || t('common.none')}
            </Text>
            <RowDetails result={result} />
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" striped data-testid="import-rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('import.col.row')}</Table.Th>
              <Table.Th w={260}>{t('import.col.record')}</Table.Th>
              <Table.Th w={150}>{t('import.col.outcome')}</Table.Th>
              <Table.Th>{t('import.col.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((result) => (
              <Table.Tr key={result.row} data-testid="import-row" data-row={result.row} data-outcome={result.action} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {result.row}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: 'break-word' }}>
                    {result.key || t('common.none')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <OutcomeBadge action={result.action} />
                </Table.Td>
                <Table.Td>
                  <RowDetails result={result} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/**
 * What an import did or would do: the totals, problems with the header row, then every row with its outcome,
 * refused rows first, filterable by outcome and paged (a file can have tens of thousands of rows).
 */
export function ImportReportView({ report, fileName, actions }: { report: ImportReport; fileName: string; actions?: ReactNode }) {
  const { t, formatNumber } = useI18n();
  const [filter, setFilter] = useState<OutcomeFilter>('all');
  const [page, setPage] = useState(1);
  const counts = outcomeCounts(report);
  const header = headerProblems(report);
  const rows = rowsFor(report, filter);
  const shown = pageOf(rows, page, ROWS_PER_PAGE);
  const done = report.applied;

  const totals: { action: RowAction; label: MessageKey; color?: string }[] = [
    { action: 'create', label: done ? 'import.total.created' : 'import.total.create', color: 'teal.8' },
    { action: 'update', label: done ? 'import.total.updated' : 'import.total.update', color: 'blue.8' },
    { action: 'unchanged', label: 'import.total.unchanged' },
    { action: 'error', label: 'import.total.error', color: report.summary.error > 0 ? 'red.7' : undefined },
  ];

  return (
    <Stack gap="md" data-testid="import-report" data-dry-run={String(report.dryRun)} data-applied={String(report.applied)}>
      <Text size="sm" c="dimmed" data-testid="import-note">
        {t(done ? 'import.appliedNote' : 'import.dryRunNote', { rows: formatNumber(report.summary.rows), file: fileName })}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        {totals.map((total) => (
          <StatCard
            key={total.action}
            label={t(total.label)}
            value={formatNumber(report.summary[total.action])}
            color={total.color}
            testId={`import-total-${total.action}`}
          />
        ))}
      </SimpleGrid>

      {header.length > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('import.headerProblems')} data-testid="header-problems">
          <RowProblems errors={header} />
        </Alert>
      )}
      {report.ignoredColumns.length > 0 && (
        <Alert color="gray" icon={<IconInfoCircle size={18} />} data-testid="ignored-columns">
          {t('import.ignoredColumns', { columns: report.ignoredColumns.join(', ') })}
        </Alert>
      )}

      {actions}

      {report.summary.rows === 0 ? (
        <Text c="dimmed">{t('import.noRows')}</Text>
      ) : (
        <Stack gap="xs">
          <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={600} id="import-filter-label">
                {t('import.filter')}
              </Text>
              <Chip.Group
                value={filter}
                onChange={(value) => {
                  setFilter(value as OutcomeFilter);
                  setPage(1);
                }}
              >
                <Group gap="xs" role="radiogroup" aria-labelledby="import-filter-label" data-testid="outcome-filter">
                  {(['all', ...OUTCOME_ORDER] as OutcomeFilter[]).map((value) => (
                    <Chip key={value} value={value} type="radio" size="sm" disabled={value !== 'all' && counts[value] === 0}>
                      {`${t(value === 'all' ? 'import.filter.all' : `import.outcome.${value}`)} (${formatNumber(counts[value])})`}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
            {filter === 'all' && report.summary.error > 0 && (
              <Text size="xs" c="dimmed">
                {t('import.refusedFirst')}
              </Text>
            )}
          </Group>
          {report.resultsTruncated && (
            <Text size="sm" c="dimmed" data-testid="results-truncated">
              {t('import.truncated', { count: formatNumber(report.results.length) })}
            </Text>
          )}
          {rows.length === 0 ? (
            <Text c="dimmed">{t('import.noRowsWithOutcome')}</Text>
          ) : (
            <RowList rows={shown.rows} />
          )}
          {rows.length > 0 && (
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text size="sm" c="dimmed" data-testid="import-rows-status">
                {t('import.rowsShown', { from: formatNumber(shown.from), to: formatNumber(shown.to), total: formatNumber(rows.length) })}
              </Text>
              {shown.pages > 1 && (
                <Pagination
                  total={shown.pages}
                  value={Math.min(page, shown.pages)}
                  onChange={setPage}
                  size="sm"
                  getControlProps={(control) =>
                    control === 'previous' ? { 'aria-label': t('common.previous') } : control === 'next' ? { 'aria-label': t('common.next') } : {}
                  }
                  data-testid="import-pagination"
                />
              )}
            </Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}
