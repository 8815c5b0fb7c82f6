import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { NoAccess } from '../../../components/NoAccess.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { useI18n } from '../../../i18n/locale.js';
import { CITY_AREA_CODE } from '../../../lib/areas.js';
import { errorMessage, parseError, type ParsedError } from '../../../lib/errors.js';
import { useAccess, useErrorWords } from '../../access/lib/access.js';
import { AreaChildrenQuery } from '../../areas/graphql/queries.js';
import { PlanNeedsTable, PlanRowsTable, type CoveragePlan } from '../components/CoveragePlanPage.js';
import { AcceptCoveragePlanMutation } from '../graphql/mutations.js';
import { CoveragePlanQuery } from '../graphql/queries.js';

/**
 * Rencana cakupan: the coverage planner's proposal for the city or a kecamatan (docs/coverage-planner.md). An admin or
 * coordinator accepts all rows or the ticked ones; the server makes them in one transaction, with the same rules as
 * a single assignment.
 */
export function CoveragePlanView() {
  const { t } = useI18n();
  const { canEdit } = useAccess();
  const errorWords = useErrorWords();
  const [kecamatan, setKecamatan] = useState<string | null>(null);
  const [certifiedOnly, setCertifiedOnly] = useState(false);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<ParsedError | null>(null);
  const [lastAccepted, setLastAccepted] = useState<CoveragePlan['rows']>([]);
  const areas = useQuery(AreaChildrenQuery, { variables: { parentCode: CITY_AREA_CODE } });
  const variables = { areaCode: kecamatan ?? CITY_AREA_CODE, certifiedOnly };
  const planQuery = useQuery(CoveragePlanQuery, { variables, fetchPolicy: 'cache-and-network', skip: !canEdit });
  const [accept, accepting] = useMutation(AcceptCoveragePlanMutation);

  useEffect(() => setTicked(new Set()), [kecamatan, certifiedOnly]);
  if (!canEdit) return <NoAccess />;

  const plan: CoveragePlan | undefined = planQuery.data?.coveragePlan;
  const onTick = (organisationId: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(organisationId);
      else next.delete(organisationId);
      return next;
    });
  const onAccept = async (rows: CoveragePlan['rows']) => {
    setProblem(null);
    setLastAccepted(rows);
    try {
      const result = await accept({ variables: { input: { rows: rows.map(({ organisationId, workerId }) => ({ organisationId, workerId })) } } });
      notifications.show({ color: 'teal', message: t('plan.accepted', { count: String(result.data?.acceptCoveragePlan.length ?? rows.length) }) });
      setTicked(new Set());
      await planQuery.refetch();
    } catch (caught) {
      setProblem(parseError(caught, errorWords));
    }
  };
  const failure = problem ? errorMessage(problem) : null;
  // The server names the row at fault (rows.3.workerId): say which organisation it was.
  const rowIndex = Object.keys(problem?.fieldErrors ?? {}).map((field) => /^rows\.(\d+)\./.exec(field)?.[1]).find(Boolean);
  const failedRow = rowIndex !== undefined ? lastAccepted[Number(rowIndex)]?.organisation.name : undefined;

  return (
    <>
      <PageHeader title={t('plan.title')} lead={t('plan.lead')} />
      <Stack gap="lg">
        <Group align="flex-end">
          <Select
            label={t('common.kecamatan')}
            placeholder={t('common.allKecamatan')}
            data={(areas.data?.areas.nodes ?? []).map((area) => ({ value: area.code, label: area.name }))}
            value={kecamatan}
            onChange={setKecamatan}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <Switch label={t('plan.certifiedOnly')} checked={certifiedOnly} onChange={(event) => setCertifiedOnly(event.currentTarget.checked)} />
        </Group>
        {failure && (
          <Alert color="red" role="alert">
            {t(failure.key, failure.values)}
            {failedRow ? ` — ${failedRow}` : ''}
          </Alert>
        )}
        {planQuery.error && !plan ? (
          <ErrorState error={planQuery.error} onRetry={() => void planQuery.refetch()} />
        ) : !plan ? (
          <LoadingState />
        ) : (
          <>
            <Text data-testid="plan-summary">
              {t(plan.certifiedOnly ? 'plan.summaryCertified' : 'plan.summary', {
                covered: String(plan.rows.length),
                lacking: String(plan.organisationsLacking),
                workers: String(plan.availableWorkers),
              })}
            </Text>
            <PlanRowsTable plan={plan} ticked={ticked} onTick={onTick} onAccept={(rows) => void onAccept(rows)} accepting={accepting.loading} />
            <PlanNeedsTable plan={plan} />
          </>
        )}
      </Stack>
    </>
  );
}
