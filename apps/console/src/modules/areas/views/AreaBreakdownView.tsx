import { useQuery } from '@apollo/client/react';
import { Navigate, useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { AreaBreakdownPage, BREAKDOWN_SORT_FIELDS, breakdownPath, type BreakdownSortField } from '../components/AreaBreakdownPage.js';
import { withinArea } from '../../../lib/areas.js';
import { useAccess } from '../../access/lib/access.js';
import { AreaBreakdownQuery } from '../graphql/queries.js';


/**
 * The national drill-down: Indonesia → province → regency or city → kecamatan; the parent and the order in the URL.
 * A coordinator starts at their own area and cannot go above it (the API refuses other parents).
 */
export function AreaBreakdownView() {
  const [params, setParams] = useSearchParams();
  const { role, areaCode } = useAccess();
  const parentCode = params.get('parent');
  const ownArea = role === 'COORDINATOR' ? areaCode : null;
  // The API refuses a coordinator any other parent: their page starts at their own area.
  const outside = ownArea !== null && !withinArea(ownArea, parentCode);
  const sortParam = params.get('sort') as BreakdownSortField | null;
  const sort: BreakdownSortField = sortParam && BREAKDOWN_SORT_FIELDS.includes(sortParam) ? sortParam : 'name';
  const direction = params.get('dir') === 'DESC' ? 'DESC' : 'ASC';
  const { data, error, refetch } = useQuery(AreaBreakdownQuery, { variables: { parentCode }, skip: outside });
  if (outside) return <Navigate to={breakdownPath(ownArea)} replace />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  const onSort = (field: BreakdownSortField) => {
    const next = new URLSearchParams(params);
    next.set('sort', field);
    // The same column again turns the order round; a new column starts with the largest numbers first.
    next.set('dir', field === sort ? (direction === 'ASC' ? 'DESC' : 'ASC') : field === 'name' ? 'ASC' : 'DESC');
    setParams(next);
  };
  return <AreaBreakdownPage breakdown={data.areaBreakdown} sort={sort} direction={direction} onSort={onSort} ownArea={ownArea} />;
}
