import { useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { OrganisationKind, OrganisationSortField, SortDirection } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { CITY_AREA_CODE } from '../../../lib/areas.js';
import { ORGANISATION_KINDS } from '../../../lib/labels.js';
import { useListState } from '../../../lib/list-state.js';
import { CoveragePage, type CoverageFilters } from '../components/CoveragePage.js';
import { CoverageGapsQuery, CoverageSummaryQuery } from '../graphql/queries.js';
import { AssignWorkerDialog, type AssignTarget } from './AssignWorkerDialog.js';

const SORT_FIELDS: OrganisationSortField[] = ['NAME', 'KIND', 'AREA_CODE'];

/** The home page: which organisations lack a (certified) worker; filters, sort and page live in the URL. */
export function CoverageView() {
  const { t } = useI18n();
  const list = useListState();
  const [assignTarget, setAssignTarget] = useState<AssignTarget | null>(null);

  const sortParam = list.get('sort') as OrganisationSortField | null;
  const filters: CoverageFilters = {
    kecamatan: list.get('kec'),
    kelurahan: list.get('kel'),
    kinds: list.getAll('kind').filter((kind): kind is OrganisationKind => (ORGANISATION_KINDS as string[]).includes(kind)),
    asOf: list.get('asOf'),
    certifiedOnly: list.getBoolean('certified'),
    sort: sortParam && SORT_FIELDS.includes(sortParam) ? sortParam : 'NAME',
    direction: list.get('dir') === 'DESC' ? 'DESC' : 'ASC',
  };
  const areaCode = filters.kelurahan ?? filters.kecamatan ?? CITY_AREA_CODE;
  const asOf = filters.asOf ?? undefined;
  const filter = {
    areaCode,
    kinds: filters.kinds.length ? filters.kinds : undefined,
    asOf,
    certifiedOnly: filters.certifiedOnly,
  };
  const orderBy = { field: filters.sort, direction: filters.direction as SortDirection };

  const gaps = useQuery(CoverageGapsQuery, {
    variables: { filter, first: list.pageSize, after: list.after, orderBy, asOf },
    notifyOnNetworkStatusChange: true,
  });
  const summary = useQuery(CoverageSummaryQuery, { variables: { areaCode, asOf } });


  return (
    <>
      <CoveragePage
        filters={filters}
        onFiltersChange={(changes) =>
          list.set({
            ...('kecamatan' in changes ? { kec: changes.kecamatan } : {}),
            ...('kelurahan' in changes ? { kel: changes.kelurahan } : {}),
            ...('kinds' in changes ? { kind: changes.kinds } : {}),
            ...('asOf' in changes ? { asOf: changes.asOf } : {}),
            ...('certifiedOnly' in changes ? { certified: changes.certifiedOnly ? '1' : null } : {}),
            ...('sort' in changes ? { sort: changes.sort === 'NAME' ? null : changes.sort } : {}),
            ...('direction' in changes ? { dir: changes.direction === 'ASC' ? null : changes.direction } : {}),
          })
        }
        onReset={() => list.reset()}
        list={list}
        summary={summary.data?.workforceSummary ?? null}
        summaryError={summary.error}
        gaps={gaps.data?.organisationsLackingWorker ?? null}
        loading={gaps.loading}
        error={gaps.error}
        onRetry={() => {
          void gaps.refetch();
          void summary.refetch();
        }}
        onAssign={(organisation) => setAssignTarget(organisation)}
        exportFilters={filter}
      />
      <AssignWorkerDialog
        target={assignTarget}
        onClose={() => setAssignTarget(null)}
        refetchQueries={[CoverageGapsQuery, CoverageSummaryQuery]}
        focusAfterAssign="gap-count"
        onAssigned={({ workerName, organisationName }) => {
          setAssignTarget(null);
          notifications.show({
            color: 'teal',
            message: t('coverage.gapClosed', { worker: workerName, organisation: organisationName }),
          });
        }}
      />
    </>
  );
}
