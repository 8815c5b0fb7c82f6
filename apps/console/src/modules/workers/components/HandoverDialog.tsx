import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CORE_ROLE_LABELS, isValidLocalDate } from '@peksos/types';
import { useEffect, useState } from 'react';
import type { HandoverPreviewQuery, HandoverReason } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { useAccess, useErrorWords } from '../../access/lib/access.js';
import { today } from '../../../lib/dates.js';
import { errorMessage, parseError } from '../../../lib/errors.js';
import { RecordHistoryQuery } from '../../history/graphql/queries.js';
import { NeedsActionCountQuery } from '../../needs-action/graphql/queries.js';
import { HandOverWorkerMutation } from '../graphql/mutations.js';
import { HandoverPreviewQuery as HandoverPreviewDocument, WorkerDetailQuery } from '../graphql/queries.js';

type Preview = HandoverPreviewQuery['handoverPreview'];
type Candidate = Preview['placements'][number]['candidates'][number];

const REASONS: HandoverReason[] = ['RESIGNED', 'MOVED', 'ON_LEAVE'];
const NONE = 'none';

/**
 * The handover of a worker who leaves: the day and why, then each placement and case involvement they hold, those
 * becoming uncovered first, with the proposed replacement preselected (or none); applied in one request, which the
 * server runs as one transaction.
 */
export function HandoverDialog({ workerId, workerName, opened, onClose }: { workerId: string; workerName: string; opened: boolean; onClose(): void }) {
  const { t, label } = useI18n();
  const errorWords = useErrorWords();
  const { isAdmin } = useAccess();
  const [endsOn, setEndsOn] = useState(today());
  const [reason, setReason] = useState<HandoverReason>('RESIGNED');
  const [note, setNote] = useState('');
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  // The refusal of one replacement (replacements.N.*), shown at its row: keyed by the assignment or involvement.
  const [rowProblems, setRowProblems] = useState<Record<string, string>>({});
  // An admin's reason to go beyond a workload limit, asked for at a row the server refused for it (as assignWorker's).
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const validDay = isValidLocalDate(endsOn);
  const { data, previousData, loading, error } = useQuery(HandoverPreviewDocument, {
    variables: { workerId, endsOn },
    skip: !opened || !validDay,
    fetchPolicy: 'network-only',
  });
  const preview = (data ?? previousData)?.handoverPreview ?? null;
  const [apply, { loading: applying }] = useMutation(HandOverWorkerMutation, {
    refetchQueries: [WorkerDetailQuery, NeedsActionCountQuery, RecordHistoryQuery],
    awaitRefetchQueries: true,
  });

  // The proposals preselected whenever a new preview arrives.
  useEffect(() => {
    if (!data) return;
    const proposed: Record<string, string> = {};
    for (const placement of data.handoverPreview.placements) proposed[placement.assignmentId] = placement.proposedWorkerId ?? NONE;
    for (const involvement of data.handoverPreview.involvements) proposed[involvement.involvementId] = involvement.proposedWorkerId ?? NONE;
    setChoices(proposed);
  }, [data]);

  const candidateLabel = (candidate: Candidate) => {
    const reasons = [
      candidate.certified && t('handover.reason.certified'),
      candidate.sameKelurahan ? t('handover.reason.sameKelurahan') : candidate.sameKecamatan && t('handover.reason.sameKecamatan'),
      t('handover.reason.placements', { count: candidate.activePlacements }),
    ].filter(Boolean);
    return t('handover.candidate', { name: candidate.fullName, reasons: reasons.join(', ') });
  };
  const options = (candidates: readonly Candidate[]) => [
    { value: NONE, label: t('handover.noReplacement') },
    ...candidates.map((candidate) => ({ value: candidate.workerId, label: candidateLabel(candidate) })),
  ];
  const choice = (id: string) => choices[id] ?? NONE;
  const uncoveredOrganisations = preview?.placements.filter((p) => p.becomesUncovered && choice(p.assignmentId) === NONE).length ?? 0;
  const uncoveredCases = preview?.involvements.filter((i) => i.becomesUncovered && choice(i.involvementId) === NONE).length ?? 0;
  const nothing = preview && preview.placements.length === 0 && preview.involvements.length === 0;

  const overrideOf = (id: string) => overrides[id]?.trim() || null;
  const choose = (id: string, value: string | null) => {
    setChoices((current) => ({ ...current, [id]: value ?? NONE }));
    // Another replacement: the refusal and the reason given for the one before no longer apply.
    setRowProblems(({ [id]: _, [`${id}.limitOverrideReason`]: __, ...others }) => others);
    setOverrides(({ [id]: _, ...others }) => others);
  };

  const submit = async () => {
    if (!preview) return;
    setProblem(null);
    setRowProblems({});
    // The rows sent, in the order of `replacements`: the server names a refused one by its index.
    const rows = [
      ...preview.placements
        .filter((p) => choice(p.assignmentId) !== NONE)
        .map((p) => ({ id: p.assignmentId, name: p.organisationName, replacement: { assignmentId: p.assignmentId, workerId: choice(p.assignmentId), limitOverrideReason: overrideOf(p.assignmentId) } })),
      ...preview.involvements
        .filter((i) => choice(i.involvementId) !== NONE)
        .map((i) => ({ id: i.involvementId, name: i.caseReference, replacement: { involvementId: i.involvementId, workerId: choice(i.involvementId), limitOverrideReason: overrideOf(i.involvementId) } })),
    ];
    try {
      await apply({
        variables: { input: { workerId, endsOn, reason, note: note.trim() || null, replacements: rows.map((row) => row.replacement) } },
      });
      notifications.show({ color: 'teal', message: t('handover.done', { name: workerName }) });
      onClose();
    } catch (caught) {
      const parsed = parseError(caught, errorWords);
      const { key, values } = errorMessage(parsed);
      const [field, message] = Object.entries(parsed.fieldErrors)[0] ?? [null, t(key, values)];
      const row = rows[Number(/^replacements\.(\d+)(?:\.|$)/.exec(field ?? '')?.[1] ?? NaN)];
      if (row) {
        const atReason = field?.endsWith('.limitOverrideReason') ?? false;
        setRowProblems({ [atReason ? `${row.id}.limitOverrideReason` : row.id]: message });
        if (parsed.kind === 'workloadLimit' && isAdmin) setOverrides((current) => ({ ...current, [row.id]: current[row.id] ?? '' }));
        setProblem(t('handover.rowProblem', { name: row.name, message }));
      } else {
        setProblem(message);
      }
    }
  };

  const overrideField = (id: string, name: string) =>
    id in overrides && (
      <Textarea
        mt="xs"
        label={t('handover.overrideReason', { name })}
        description={t('assign.overrideHint')}
        autosize
        minRows={2}
        value={overrides[id]}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setOverrides((current) => ({ ...current, [id]: value }));
        }}
        error={rowProblems[`${id}.limitOverrideReason`]}
      />
    );

  return (
    <Modal opened={opened} onClose={onClose} title={t('handover.title', { name: workerName })} size="xl" closeButtonProps={{ 'aria-label': t('common.cancel') }}>
      <Stack>
        <Text size="sm">{t('handover.lead', { name: workerName })}</Text>
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('handover.endsOn')}
            required
            value={endsOn}
            onChange={(event) => setEndsOn(event.currentTarget.value)}
            error={!validDay ? t('validation.date') : undefined}
            data-testid="handover-date"
          />
          <Select
            label={t('handover.reason')}
            data={REASONS.map((value) => ({ value, label: t(`handover.reason.${value}`) }))}
            value={reason}
            onChange={(value) => value && setReason(value as HandoverReason)}
            allowDeselect={false}
            data-testid="handover-reason"
          />
        </Group>
        <Textarea label={t('handover.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} maxLength={300} autosize minRows={1} />
        {error && !preview && <Alert color="red">{t(errorMessage(parseError(error, errorWords)).key, errorMessage(parseError(error, errorWords)).values)}</Alert>}
        {!preview && loading && <Text size="sm">{t('common.loading')}</Text>}
        {nothing && <Alert color="gray">{t('handover.nothing')}</Alert>}
        {preview && preview.placements.length > 0 && (
          <Stack gap="xs" data-testid="handover-placements">
            <Title order={3} size="h5">
              {t('handover.placements')}
            </Title>
            {preview.placements.map((placement) => (
              <Paper key={placement.assignmentId} withBorder p="sm" data-testid="handover-placement">
                <Group justify="space-between" mb={6} wrap="nowrap">
                  <Text fw={600} size="sm">
                    {placement.organisationName}
                  </Text>
                  <Badge variant="light" color={placement.becomesUncovered ? 'red' : 'gray'} styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>
                    {placement.becomesUncovered ? t('handover.uncovered') : t('handover.covered')}
                  </Badge>
                </Group>
                <Select
                  label={t('handover.replacement', { name: placement.organisationName })}
                  data={options(placement.candidates)}
                  value={choice(placement.assignmentId)}
                  onChange={(value) => choose(placement.assignmentId, value)}
                  allowDeselect={false}
                  error={rowProblems[placement.assignmentId]}
                  comboboxProps={{ withinPortal: true }}
                />
                {overrideField(placement.assignmentId, placement.organisationName)}
              </Paper>
            ))}
          </Stack>
        )}
        {preview && preview.involvements.length > 0 && (
          <Stack gap="xs" data-testid="handover-involvements">
            <Title order={3} size="h5">
              {t('handover.involvements')}
            </Title>
            {preview.involvements.map((involvement) => (
              <Paper key={involvement.involvementId} withBorder p="sm" data-testid="handover-involvement">
                <Group justify="space-between" mb={6} wrap="nowrap">
                  <Text fw={600} size="sm">
                    {involvement.caseReference} · {involvement.organisationName} ·{' '}
                    {involvement.roleCode in CORE_ROLE_LABELS ? label(CORE_ROLE_LABELS[involvement.roleCode as keyof typeof CORE_ROLE_LABELS]) : involvement.roleCode}
                  </Text>
                  {involvement.becomesUncovered && (
                    <Badge variant="light" color="red" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>
                      {t('handover.uncoveredCase')}
                    </Badge>
                  )}
                </Group>
                <Select
                  label={t('handover.replacement', { name: involvement.caseReference })}
                  data={options(involvement.candidates)}
                  value={choice(involvement.involvementId)}
                  onChange={(value) => choose(involvement.involvementId, value)}
                  allowDeselect={false}
                  error={rowProblems[involvement.involvementId]}
                />
                {overrideField(involvement.involvementId, involvement.caseReference)}
              </Paper>
            ))}
          </Stack>
        )}
        {preview && !nothing && (
          <Alert color={uncoveredOrganisations + uncoveredCases > 0 ? 'orange' : 'teal'} data-testid="handover-summary">
            {t('handover.summary', { uncovered: uncoveredOrganisations, cases: uncoveredCases })}
          </Alert>
        )}
        {problem && (
          <Alert color="red" data-testid="handover-problem">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={applying} disabled={!preview || !!nothing || !validDay} data-testid="handover-apply">
            {t('handover.apply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
