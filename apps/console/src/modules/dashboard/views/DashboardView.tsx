import { useQuery } from '@apollo/client/react';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { CITY_AREA_CODE } from '../../../lib/areas.js';
import { DashboardPage } from '../components/DashboardPage.js';
import { WorkforceDashboardQuery } from '../graphql/queries.js';

export function DashboardView() {
  const { data, error, refetch } = useQuery(WorkforceDashboardQuery, { variables: { areaCode: CITY_AREA_CODE } });
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  return <DashboardPage summary={data.workforceSummary} />;
}
