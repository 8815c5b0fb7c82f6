import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { AreaBreakdownPage, BREAKDOWN_SORT_FIELDS, type BreakdownSortField } from '../components/AreaBreakdownPage.js';
import { AreaBreakdownQuery } from '../graphql/queries.js';

/** The national drill-down: Indonesia → province → regency or city → kecamatan; the parent and the order in the URL. */
export function AreaBreakdownView() {
  const [params, setParams] = useSearchParams();
  const parentCode = params.get('parent');
  const sortParam = params.get('sort') as BreakdownSortField | null;
  const sort: BreakdownSortField = sortParam && BREAKDOWN_SORT_FIELDS.includes(sortParam) ? sortParam : 'name';
  const direction = params.get('dir') === 'DESC' ? 'DESC' : 'ASC';
  const { data, error, refetch } = useQuery(AreaBreakdownQuery, { variables: { parentCode } });
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  const onSort = (field: BreakdownSortField) => {
    const next = new URLSearchParams(params);
    next.set('sort', field);
    // The same column again turns the order round; a new column starts with the largest numbers first.
    next.set('dir', field === sort ? (direction === 'ASC' ? 'DESC' : 'ASC') : field === 'name' ? 'ASC' : 'DESC');
    setParams(next);
  };
  return <AreaBreakdownPage breakdown={data.areaBreakdown} sort={sort} direction={direction} onSort={onSort} />;
}
