import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Select, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CardTable } from '../../../components/CardTable.js';
import { DownloadMenu } from '../../../components/DownloadMenu.js';
import { ListFrame } from '../../../components/ListFrame.js';
import { useI18n } from '../../../i18n/locale.js';
import { today } from '../../../lib/dates.js';
import { useListState } from '../../../lib/list-state.js';
import { AreaSelect } from '../../areas/components/AreaSelect.js';
import { NeedsActionQuery } from '../graphql/queries.js';

const KIND_COLORS: Record<string, string> = {
  CERTIFICATE_EXPIRING: 'orange',
  ACCREDITATION_EXPIRING: 'grape',
  TEST_SCHEDULED: 'blue',
  UNCERTIFIED_AFTER_TEST: 'red',
};

/**
 * *Perlu tindakan*: what the certification pipeline asks of the office soon, soonest first, by area and kind, as the
 * server scopes it (a coordinator sees their area); downloadable like the other lists.
 */
export function NeedsActionView() {
  const { t, locale, formatDate } = useI18n();
  const list = useListState();
  const areaCode = list.get('area');
  const kind = list.get('kind');
  const { data, previousData, loading, error, refetch } = useQuery(NeedsActionQuery, {
    variables: { areaCode, kinds: kind ? [kind] : null, first: list.pageSize, after: list.after },
  });
  const shown = data ?? previousData;
  const connection = shown?.needsAction ?? null;
  const kinds = shown?.needsActionKinds ?? [];
  const kindLabel = (code: string) => {
    const found = kinds.find((candidate) => candidate.code === code);
    return found ? (locale === 'en' ? found.labelEn : found.labelId) : code;
  };
  const now = today();

  return (
    <ListFrame
      title={t('needsAction.title')}
      lead={t('needsAction.lead')}
      actions={<DownloadMenu list="needs-action" filters={{ areaCode, kind }} />}
      filters={
        <>
          <AreaSelect label={t('common.area')} placeholder={t('common.allKecamatan')} value={areaCode} onChange={(value) => list.set({ area: value })} />
          <Select
            label={t('needsAction.kind')}
            placeholder={t('common.all')}
            data={kinds.map((candidate) => ({ value: candidate.code, label: locale === 'en' ? candidate.labelEn : candidate.labelId }))}
            value={kind}
            onChange={(value) => list.set({ kind: value })}
            clearable
          />
        </>
      }
      list={list}
      connection={connection}
      loading={loading}
      error={error}
      onRetry={() => void refetch()}
      emptyText={t('needsAction.empty')}
    >
      {connection && (
        <CardTable minWidth={760} striped verticalSpacing="sm" data-testid="needs-action-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('needsAction.dueOn')}</Table.Th>
              <Table.Th>{t('needsAction.kind')}</Table.Th>
              <Table.Th>{t('needsAction.subject')}</Table.Th>
              <Table.Th>{t('needsAction.detail')}</Table.Th>
              <Table.Th>{t('needsAction.area')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {connection.nodes.map((item) => {
              const to = item.workerId ? `/workers/${item.workerId}` : item.organisationId ? `/organisations/${item.organisationId}` : null;
              return (
                <Table.Tr key={item.id} data-testid="needs-action-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(item.dueOn)}
                    {item.dueOn < now && (
                      <Text size="xs" c="red.9">
                        {t('needsAction.overdue')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={KIND_COLORS[item.kind] ?? 'gray'} styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>
                      {kindLabel(item.kind)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {to ? (
                      <Anchor component={Link} to={to} fw={600}>
                        {item.subjectName}
                      </Anchor>
                    ) : (
                      item.subjectName
                    )}
                  </Table.Td>
                  <Table.Td>{item.detail ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {item.areaCode}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </CardTable>
      )}
    </ListFrame>
  );
}
