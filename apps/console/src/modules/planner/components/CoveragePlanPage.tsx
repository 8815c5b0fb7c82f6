import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { CoveragePlanQuery, Nearness } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey } from '../../../i18n/locale.js';

export type CoveragePlan = CoveragePlanQuery['coveragePlan'];
type PlanRow = CoveragePlan['rows'][number];

const NEARNESS: Record<Nearness, MessageKey> = {
  SAME_KELURAHAN: 'plan.nearness.SAME_KELURAHAN',
  SAME_KECAMATAN: 'plan.nearness.SAME_KECAMATAN',
  SAME_CITY: 'plan.nearness.SAME_CITY',
};

/** Why the planner proposed this worker here, in words. */
function Why({ row }: { row: PlanRow }) {
  const { t } = useI18n();
  return (
    <Stack gap={2}>
      <Text size="sm">{t(NEARNESS[row.nearness], { area: row.organisation.area.name })}</Text>
      <Text size="xs" c="dimmed">
        {row.certified ? t('plan.whyCertified') : t('plan.whyNotCertified')} ·{' '}
        {row.placementsBefore === 0 ? t('plan.whyUnplaced') : t('plan.whyPlacements', { count: String(row.placementsBefore) })}
      </Text>
    </Stack>
  );
}

/** The proposed placements, each with a tick box, and the two ways to accept them. */
export function PlanRowsTable({
  plan,
  ticked,
  onTick,
  onAccept,
  accepting,
}: {
  plan: CoveragePlan;
  ticked: ReadonlySet<string>;
  onTick(organisationId: string, on: boolean): void;
  onAccept(rows: PlanRow[]): void;
  accepting: boolean;
}) {
  const { t } = useI18n();
  const chosen = plan.rows.filter((row) => ticked.has(row.organisationId));
  return (
    <Paper withBorder p="md" radius="md">
      <Stack>
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3">
            {t('plan.rowsTitle')}
          </Title>
          <Group>
            <Button variant="default" disabled={chosen.length === 0} loading={accepting} onClick={() => onAccept(chosen)}>
              {t('plan.acceptTicked', { count: String(chosen.length) })}
            </Button>
            <Button disabled={plan.rows.length === 0} loading={accepting} onClick={() => onAccept(plan.rows)}>
              {t('plan.acceptAll', { count: String(plan.rows.length) })}
            </Button>
          </Group>
        </Group>
        {plan.rows.length === 0 ? (
          <Text c="dimmed">{t('plan.noRows')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t('plan.tickAll')}
                      checked={chosen.length === plan.rows.length}
                      indeterminate={chosen.length > 0 && chosen.length < plan.rows.length}
                      onChange={(event) => plan.rows.forEach((row) => onTick(row.organisationId, event.currentTarget.checked))}
                    />
                  </Table.Th>
                  <Table.Th>{t('plan.organisation')}</Table.Th>
                  <Table.Th>{t('plan.worker')}</Table.Th>
                  <Table.Th>{t('plan.why')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.rows.map((row) => (
                  <Table.Tr key={row.organisationId} data-testid="plan-row">
                    <Table.Td>
                      <Checkbox
                        aria-label={t('plan.tick', { organisation: row.organisation.name })}
                        checked={ticked.has(row.organisationId)}
                        onChange={(event) => onTick(row.organisationId, event.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/organisations/${row.organisation.id}`}>
                        {row.organisation.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Anchor component={Link} to={`/workers/${row.worker.id}`}>
                          {row.worker.fullName}
                        </Anchor>
                        {row.certified && <Badge color="teal" variant="light">{t('plan.certified')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Why row={row} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

/** Per kecamatan, what the plan leaves: workers and certified workers still needed, and who could be certified. */
export function PlanNeedsTable({ plan }: { plan: CoveragePlan }) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="md" radius="md">
      <Stack>
        <Title order={2} size="h3">
          {t('plan.needsTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('plan.needsLead', { max: String(plan.maxPlacements) })}
        </Text>
        {/* Focusable, so that a keyboard can scroll the table sideways on a phone (it holds no link or button). */}
        <Table.ScrollContainer minWidth={720} scrollAreaProps={{ viewportProps: { tabIndex: 0, 'aria-label': t('plan.needsTitle') } }}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.kecamatan')}</Table.Th>
                <Table.Th>{t('plan.stillLacking')}</Table.Th>
                <Table.Th>{t('plan.workersNeeded')}</Table.Th>
                <Table.Th>{t('plan.certifiedGap')}</Table.Th>
                <Table.Th>{t('plan.certifiedNeeded')}</Table.Th>
                <Table.Th>{t('plan.certifyWho')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.needs.map((need) => (
                <Table.Tr key={need.areaCode} data-testid="plan-need">
                  <Table.Td>{need.areaName}</Table.Td>
                  <Table.Td>{t('plan.ofLacking', { still: String(need.stillLackingWorker), lacking: String(need.organisationsLackingWorker) })}</Table.Td>
                  <Table.Td>{need.additionalWorkersNeeded}</Table.Td>
                  <Table.Td>{t('plan.ofLacking', { still: String(need.certifiedGapAfterPlan), lacking: String(need.organisationsLackingCertifiedWorker) })}</Table.Td>
                  <Table.Td>{need.additionalCertifiedWorkersNeeded}</Table.Td>
                  <Table.Td>
                    {need.certificationCandidates.length === 0
                      ? '—'
                      : need.certificationCandidates.map((candidate) => (
                          <Text size="sm" key={candidate.worker.id}>
                            {candidate.worker.fullName}{' '}
                            <Text span size="xs" c="dimmed">
                              ({candidate.organisations.map((organisation) => organisation.name).join(', ')})
                            </Text>
                          </Text>
                        ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
