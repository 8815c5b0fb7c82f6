import { useQuery } from '@apollo/client/react';
import { Anchor, Autocomplete, Badge, Box, Button, Code, Group, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ListFrame } from '../../../components/ListFrame.js';
import type { AuditRecordFilter, AuditRecordsQuery } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey } from '../../../i18n/locale.js';
import { useListState, type ListState } from '../../../lib/list-state.js';
import { AdminOnly } from '../components/AdminOnly.js';
import { AuditRecordsQuery as AuditRecordsDocument } from '../graphql/queries.js';
import { diffRows, formatValue, recordPath, startOfDay, startOfNextDay } from '../lib/audit-diff.js';
import { HiddenHeader } from '../../../components/HiddenHeader.js';
import { EventSentence } from '../../history/components/EventSentence.js';

type AuditRecord = AuditRecordsQuery['auditRecords']['nodes'][number];

const ACTIONS = ['INSERT', 'UPDATE', 'DELETE', 'READ'] as const;
const ACTION_COLORS: Record<string, string> = { INSERT: 'teal', UPDATE: 'blue', DELETE: 'red', READ: 'orange' };
/** The audited tables of the registry's modules (others can be typed). */
const TABLES = [
  'organisation',
  'worker',
  'certification',
  'assignment',
  'professional_role',
  'social_case',
  'case_involvement',
  'pmks_category',
  'area',
  'account',
  'session',
  'api_key',
  'api_key_organisation',
];
const ACTOR_KINDS = new Set(['account', 'api_key', 'anonymous', 'system', 'database']);
/** The operations the log names, each with a label people read (others are shown as they are recorded). */
const OPERATIONS = [
  'createOrganisation',
  'updateOrganisation',
  'archiveOrganisation',
  'createWorker',
  'updateWorker',
  'archiveWorker',
  'assignWorker',
  'endAssignment',
  'recordCertification',
  'scheduleCompetencyTest',
  'requestPlacement',
  'acceptPlacementRequest',
  'declinePlacementRequest',
  'withdrawPlacementRequest',
  'handOverWorker',
  'createProfessionalRole',
  'revealNationalIdNumber',
  'openCase',
  'updateCase',
  'closeCase',
  'involveWorker',
  'endInvolvement',
  'scheduleTrainingSession',
  'enrolWorkerInTraining',
  'recordTrainingResult',
  'signIn',
  'signOut',
  'changeMyPassword',
  'createAccount',
  'updateAccount',
  'setAccountPassword',
  'createApiKey',
  'revokeApiKey',
] as const;

/** An operation's label in the reader's language, or its recorded name. */
function useOperationLabel(): (operation: string) => string {
  const { t } = useI18n();
  return (operation) => ((OPERATIONS as readonly string[]).includes(operation) ? t(`audit.op.${operation as (typeof OPERATIONS)[number]}`) : operation);
}

export function AuditLogView() {
  return (
    <AdminOnly>
      <AuditLogPage />
    </AdminOnly>
  );
}

/** A text filter kept in the URL, sent a moment after typing stops. */
function useUrlText(list: ListState, key: string): [string, (value: string) => void] {
  const current = list.get(key) ?? '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  const commit = useDebouncedCallback((next: string) => list.set({ [key]: next.trim() || null }, { replace: true }), 300);
  return [
    value,
    (next) => {
      setValue(next);
      commit(next);
    },
  ];
}

function AuditLogPage() {
  const { t } = useI18n();
  const list = useListState();
  const operationLabel = useOperationLabel();
  const operation = list.get('operation');
  const [table, setTable] = useUrlText(list, 'table');
  const action = list.get('action');
  const from = list.get('from');
  const to = list.get('to');
  const filter: AuditRecordFilter = {
    operation: list.get('operation') ?? undefined,
    tableName: list.get('table') ?? undefined,
    action: action && (ACTIONS as readonly string[]).includes(action) ? action : undefined,
    from: startOfDay(from) ?? undefined,
    to: startOfNextDay(to) ?? undefined,
  };
  const { data, previousData, loading, error, refetch } = useQuery(AuditRecordsDocument, {
    variables: { filter, first: list.pageSize, after: list.after },
  });
  const connection = (data ?? previousData)?.auditRecords ?? null;

  return (
    <ListFrame
      title={t('audit.title')}
      lead={t('audit.lead')}
      filters={
        <>
          <Select
            label={t('audit.operation')}
            placeholder={t('audit.operationAll')}
            data={[...OPERATIONS, ...(operation && !(OPERATIONS as readonly string[]).includes(operation) ? [operation] : [])]
              .map((value) => ({ value, label: operationLabel(value) }))
              .sort((a, b) => a.label.localeCompare(b.label))}
            value={operation}
            onChange={(value) => list.set({ operation: value })}
            searchable
            clearable
            data-testid="audit-operation"
          />
          <Autocomplete label={t('audit.table')} placeholder={t('common.all')} data={TABLES} value={table} onChange={setTable} />
          <Select
            label={t('audit.action')}
            placeholder={t('common.all')}
            data={ACTIONS.map((value) => ({ value, label: t(`audit.action.${value}`) }))}
            value={filter.action ?? null}
            onChange={(value) => list.set({ action: value })}
            clearable
          />
        </>
      }
      toolbar={
        <>
          <Group gap="sm" align="flex-end">
            <TextInput type="date" w={180} label={t('audit.from')} value={from ?? ''} onChange={(event) => list.set({ from: event.currentTarget.value })} />
            <TextInput type="date" w={180} label={t('audit.to')} value={to ?? ''} onChange={(event) => list.set({ to: event.currentTarget.value })} />
          </Group>
          {list.params.size > 0 && (
            <Button size="xs" variant="subtle" onClick={() => list.reset(['size'])}>
              {t('common.resetFilters')}
            </Button>
          )}
        </>
      }
      list={list}
      connection={connection}
      loading={loading}
      error={error}
      onRetry={() => void refetch()}
      emptyText={t('audit.empty')}
    >
      {connection && <AuditTable records={connection.nodes} />}
    </ListFrame>
  );
}

function AuditTable({ records }: { records: readonly AuditRecord[] }) {
  const { t, formatDateTime } = useI18n();
  const operationLabel = useOperationLabel();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <HiddenHeader w={36}>{t('common.details')}</HiddenHeader>
            <Table.Th>{t('audit.recordedAt')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.event')}</Table.Th>
            <Table.Th>{t('audit.operation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((record) => {
            const open = expanded.has(record.id);
            const path = recordPath(record.tableName, record.recordId);
            return (
              <Fragment key={record.id}>
                <Table.Tr data-testid="audit-row" bg={open ? 'gray.0' : undefined}>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      px={4}
                      onClick={() => toggle(record.id)}
                      aria-expanded={open}
                      aria-label={open ? t('audit.hideChanges') : t('audit.showChanges')}
                      data-testid="audit-toggle"
                    >
                      {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(record.recordedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {record.actorLabel}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {ACTOR_KINDS.has(record.actorKind) ? t(`audit.actorKind.${record.actorKind}` as MessageKey) : record.actorKind}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {record.action === 'READ' ? (
                      <Text size="sm">
                        {t('audit.action.READ')}:{' '}
                        {path ? (
                          <Anchor component={Link} to={path} fw={600} inherit>
                            {record.event.record.name ?? record.recordId}
                          </Anchor>
                        ) : (
                          (record.event.record.name ?? record.recordId ?? '—')
                        )}
                      </Text>
                    ) : (
                      <EventSentence event={{ ...record.event, recordedAt: record.recordedAt, action: record.action }} withDay={false} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <Text size="sm">{record.operation ? operationLabel(record.operation) : '—'}</Text>
                      <Group gap={4} wrap="nowrap">
                        <Badge variant="light" color={ACTION_COLORS[record.action] ?? 'gray'} styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>
                          {(ACTIONS as readonly string[]).includes(record.action) ? t(`audit.action.${record.action as (typeof ACTIONS)[number]}`) : record.action}
                        </Badge>
                        {record.operation && (
                          <Code c="dark.6" fz="xs">
                            {record.operation}
                          </Code>
                        )}
                      </Group>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr data-testid="audit-changes">
                    <Table.Td colSpan={5} bg="gray.0" p="sm">
                      <RowChanges record={record} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The row before and after, field by field; for an update, only the fields that changed unless asked for all. */
function RowChanges({ record }: { record: AuditRecord }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const changes = diffRows(record.before, record.after);
  const isUpdate = !!record.before && !!record.after;
  const shown = isUpdate && !all ? changes.filter((change) => change.changed) : changes;
  return (
    <Box>
      <Group justify="space-between" mb="xs">
        <Text size="sm" fw={600}>
          {t('audit.changesOf', { table: record.tableName, id: record.recordId ?? '' })}
        </Text>
        {isUpdate && <Switch size="xs" label={t('audit.allFields')} checked={all} onChange={(event) => setAll(event.currentTarget.checked)} />}
      </Group>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noChanges')}
        </Text>
      ) : (
        <Table withTableBorder withColumnBorders bg="white" fz="xs" data-testid="audit-diff" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('audit.field')}</Table.Th>
              {record.before && <Table.Th>{t('audit.before')}</Table.Th>}
              {record.after && <Table.Th>{t('audit.after')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((change) => (
              <Table.Tr key={change.field}>
                <Table.Td ff="monospace">{change.field}</Table.Td>
                {record.before && (
                  <Table.Td ff="monospace" bg={isUpdate && change.changed ? 'red.0' : undefined} style={{ wordBreak: 'break-word' }}>
                    {formatValue(change.before)}
                  </Table.Td>
                )}
                {record.after && (
                  <Table.Td ff="monospace" bg={isUpdate && change.changed ? 'green.0' : undefined} style={{ wordBreak: 'break-word' }}>
                    {formatValue(change.after)}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Box>
  );
}
