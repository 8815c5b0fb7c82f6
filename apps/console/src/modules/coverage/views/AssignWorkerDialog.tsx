import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Select, Stack, Switch, Text, Textarea, type ComboboxItem } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DocumentNode } from 'graphql';
import { useEffect, useMemo, useState } from 'react';
import { CertificationBadge } from '../../../components/CertificationBadge.js';
import { DateField } from '../../../components/DateField.js';
import { useI18n, type MessageKey } from '../../../i18n/locale.js';
import { today } from '../../../lib/dates.js';
import { errorMessage, parseError, type ParsedError } from '../../../lib/errors.js';
import { AssignWorkerMutation, RequestPlacementMutation } from '../graphql/mutations.js';
import { AssignCandidatesQuery, AssignRankingQuery } from '../graphql/queries.js';
import { useAccess } from '../../access/lib/access.js';
import { rankCandidates, type CandidateGroup } from '../lib/rank-candidates.js';
import { useErrorWords } from '../../access/lib/access.js';

const GROUP_LABELS: Record<CandidateGroup, MessageKey> = {
  recommended: 'assign.groupRecommended',
  certified: 'assign.groupCertified',
  sameKecamatan: 'assign.groupSameKecamatan',
  others: 'assign.groupOthers',
  full: 'assign.groupFull',
};

export interface AssignTarget {
  id: string;
  name: string;
  areaCode: string;
}

/**
 * Assigns a worker to an organisation; the workers are offered in the server's ranking (certified, then nearer, then
 * more spare capacity), each with their workload; those without spare capacity come last. A worker
 * the caller does not manage (another area's, `viewerCanManage` false) cannot be placed directly: the dialog sends a
 * placement request instead, which the worker's coordinator answers (docs/access.md).
 */
export function AssignWorkerDialog({
  target,
  onClose,
  onAssigned,
  refetchQueries,
  focusAfterAssign,
}: {
  target: AssignTarget | null;
  onClose(): void;
  onAssigned(result: { workerName: string; organisationName: string }): void;
  /** Queries to fetch again once the worker is assigned, so the page shows the gap closed. */
  refetchQueries?: Array<string | DocumentNode>;
  /**
   * The id of the element to focus once the dialog has closed after an assignment: the row's button that opened it
   * leaves the list with the gap it closed, and focus must not fall back to the top of the page.
   */
  focusAfterAssign?: string;
}) {
  const { t, locale } = useI18n();
  const errorWords = useErrorWords();
  const [workerId, setWorkerId] = useState<string | null>(null);
  const [isPrimary, setIsPrimary] = useState(true);
  const [startsOn, setStartsOn] = useState(today());
  const [problem, setProblem] = useState<ParsedError | null>(null);
  const [missingWorker, setMissingWorker] = useState(false);
  const [note, setNote] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const { isAdmin } = useAccess();
  const [assigned, setAssigned] = useState(false);

  useEffect(() => {
    setWorkerId(null);
    setIsPrimary(true);
    setStartsOn(today());
    setProblem(null);
    setMissingWorker(false);
    setNote('');
    setOverrideReason('');
  }, [target?.id]);

  const candidates = useQuery(AssignCandidatesQuery, { variables: {}, skip: !target });
  const ranking = useQuery(AssignRankingQuery, { variables: { organisationId: target?.id ?? '' }, skip: !target, fetchPolicy: 'network-only' });
  const [assign, assigning] = useMutation(AssignWorkerMutation, { refetchQueries, awaitRefetchQueries: true });
  const [requestPlacement, requesting] = useMutation(RequestPlacementMutation);

  const nodes = useMemo(() => candidates.data?.workers.nodes ?? [], [candidates.data]);
  const ranked = useMemo(
    () => (target ? rankCandidates(nodes, ranking.data?.assignmentCandidates ?? [], locale) : []),
    [nodes, ranking.data, target, locale],
  );
  const byId = useMemo(() => new Map(nodes.map((node) => [node.id, node])), [nodes]);
  const chosen = workerId ? byId.get(workerId) : undefined;
  /** Another area's worker: asked for, not placed. */
  const asRequest = chosen !== undefined && !chosen.viewerCanManage;
  const data = ranked.map((entry) => ({
    group: t(GROUP_LABELS[entry.group]),
    items: entry.candidates.map((candidate) => ({ value: candidate.id, label: candidate.fullName })),
  }));

  const renderOption = ({ option }: { option: ComboboxItem }) => {
    const candidate = byId.get(option.value);
    if (!candidate) return option.label;
    const placement = candidate.activeAssignments[0]?.organisation.name;
    return (
      <Stack gap={0}>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm">{candidate.fullName}</Text>
          <CertificationBadge status={candidate.certificationStatus} />
        </Group>
        <Text size="xs" c="dimmed">
          {placement ? t('assign.placedAt', { organisation: placement }) : t('assign.unplaced')}
          {candidate.homeArea ? ` · ${candidate.homeArea.name}` : ''}
          {` · ${t('workload.short', {
            placements: String(candidate.workload.activePlacements),
            maxPlacements: String(candidate.workload.maxPlacements),
            cases: String(candidate.workload.openCases),
          })}`}
        </Text>
      </Stack>
    );
  };

  const submit = async () => {
    if (!target) return;
    setProblem(null);
    if (!workerId) {
      setMissingWorker(true);
      return;
    }
    try {
      if (asRequest) {
        await requestPlacement({
          variables: { input: { organisationId: target.id, workerId, isPrimary, startsOn: startsOn || null, note: note.trim() || null } },
        });
        notifications.show({ color: 'teal', message: t('assign.requestedNotice', { worker: chosen.fullName, organisation: target.name }) });
        onClose();
        return;
      }
      const result = await assign({
        variables: { input: { organisationId: target.id, workerId, isPrimary, startsOn: startsOn || null, limitOverrideReason: overrideReason.trim() || null } },
      });
      const assignment = result.data?.assignWorker;
      setAssigned(true);
      onAssigned({
        workerName: assignment?.worker.fullName ?? byId.get(workerId)?.fullName ?? '',
        organisationName: assignment?.organisation.name ?? target.name,
      });
    } catch (error) {
      setProblem(parseError(error, errorWords));
    }
  };

  const fieldError = (field: string) => problem?.fieldErrors[field];
  const general = problem && Object.keys(problem.fieldErrors).length === 0 ? errorMessage(problem) : null;

  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      returnFocus={!(assigned && focusAfterAssign)}
      onExitTransitionEnd={() => {
        if (assigned && focusAfterAssign) document.getElementById(focusAfterAssign)?.focus();
        setAssigned(false);
      }}
      title={target ? t('coverage.assignTo', { organisation: target.name }) : ''}
      size="lg"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack>
          {candidates.error && <Alert color="red">{t(errorMessage(parseError(candidates.error, errorWords)).key)}</Alert>}
          <Select
            label={t('assign.worker')}
            placeholder={t('assign.workerPlaceholder')}
            description={t('assign.workerHint')}
            data={data}
            value={workerId}
            onChange={(value) => {
              setWorkerId(value);
              setMissingWorker(false);
              const candidate = value ? byId.get(value) : undefined;
              if (candidate) setIsPrimary(!candidate.activeAssignments.some((a) => a.isPrimary));
            }}
            renderOption={renderOption}
            searchable
            required
            maxDropdownHeight={320}
            nothingFoundMessage={candidates.loading ? t('common.loading') : t('worker.empty')}
            error={missingWorker ? t('common.required') : (fieldError('workerId') ?? fieldError('organisationId'))}
            data-autofocus
          />
          <Switch
            label={t('assign.primary')}
            description={t('assign.primaryHint')}
            checked={isPrimary}
            onChange={(event) => setIsPrimary(event.currentTarget.checked)}
            error={fieldError('isPrimary')}
          />
          <DateField
            label={t('assign.startsOn')}
            value={startsOn}
            onChange={setStartsOn}
            error={fieldError('startsOn')}
          />
          {asRequest && (
            <>
              <Alert color="blue" data-testid="assign-as-request">
                {t('assign.requestHint', { worker: chosen.fullName, area: chosen.homeArea?.name ?? chosen.homeAreaCode ?? '—' })}
              </Alert>
              <Textarea
                label={t('assign.requestNote')}
                autosize
                minRows={2}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
                error={fieldError('note')}
              />
            </>
          )}
          {problem?.kind === 'workloadLimit' && isAdmin && (
            <Textarea
              label={t('assign.overrideReason')}
              description={t('assign.overrideHint')}
              autosize
              minRows={2}
              value={overrideReason}
              onChange={(event) => setOverrideReason(event.currentTarget.value)}
              error={fieldError('limitOverrideReason')}
            />
          )}
          {general && (
            <Alert color="red" role="alert">
              {t(general.key, general.values)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={assigning.loading || requesting.loading}>
              {asRequest ? t('assign.requestSubmit') : t('assign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

