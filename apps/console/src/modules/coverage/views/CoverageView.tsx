import { useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { OrganisationKind, OrganisationSortField, SortDirection } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { CITY_AREA_CODE, kecamatanOf } from '../../../lib/areas.js';
import { ORGANISATION_KINDS } from '../../../lib/labels.js';
import { useListState } from '../../../lib/list-state.js';
import { useAccess } from '../../access/lib/access.js';
import { CoveragePage, type CoverageFilters } from '../components/CoveragePage.js';
import { CoverageGapsQuery, CoverageSummaryQuery } from '../graphql/queries.js';
import { AssignWorkerDialog, type AssignTarget } from './AssignWorkerDialog.js';

const SORT_FIELDS: OrganisationSortField[] = ['NAME', 'KIND', 'AREA_CODE'];

/**
 * A coordinator's own area as the list's filter: its kecamatan, and its kelurahan when the area is one; null for a
 * coordinator of the whole city (or no area).
 */
function ownAreaFilter(areaCode: string | null): { kec: string; kel: string | null } | null {
  const kecamatan = kecamatanOf(areaCode);
  if (!areaCode || !kecamatan) return null;
  return { kec: kecamatan, kel: areaCode === kecamatan ? null : areaCode };
}

/**
 * The home page: which organisations lack a (certified) worker; filters, sort and page live in the URL. A coordinator
 * lands on their own area; choosing "Seluruh Kota Cimahi" then keeps the city (`kec=32.77`) rather than landing again.
 */
export function CoverageView() {
  const { t } = useI18n();
  const list = useListState();
  const { role, areaCode: ownAreaCode } = useAccess();
  const [assignTarget, setAssignTarget] = useState<AssignTarget | null>(null);

  const ownArea = role === 'COORDINATOR' ? ownAreaFilter(ownAreaCode) : null;
  const landing = ownArea !== null && !list.params.has('kec') && !list.params.has('kel');
  useEffect(() => {
    if (landing) list.set({ kec: ownArea.kec, kel: ownArea.kel }, { replace: true, keepPage: true });
  }, [landing, list, ownArea?.kec, ownArea?.kel]);

  const kecParam = landing ? ownArea.kec : list.get('kec');
  const sortParam = list.get('sort') as OrganisationSortField | null;
  const filters: CoverageFilters = {
    kecamatan: kecParam === CITY_AREA_CODE ? null : kecParam,
    kelurahan: landing ? ownArea.kel : list.get('kel'),
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
  const summary = useQuery(CoverageSummaryQuery, { variables: { areaCode, asOf }, notifyOnNetworkStatusChange: true });

  return (
    <>
      <CoveragePage
        filters={filters}
        onFiltersChange={(changes) =>
          list.set({
            // A coordinator who clears the kecamatan chose the whole city: say so, or they would land on their area again.
            ...('kecamatan' in changes ? { kec: changes.kecamatan ?? (ownArea ? CITY_AREA_CODE : null) } : {}),
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
        // While a change loads, the previous figures and rows stay (dimmed), rather than blanking the page.
        summary={(summary.data ?? summary.previousData)?.workforceSummary ?? null}
        gaps={(gaps.data ?? gaps.previousData)?.organisationsLackingWorker ?? null}
        loading={gaps.loading || summary.loading}
        // One failure, one box: the list and the figures come from the same server.
        error={gaps.error ?? summary.error}
        homeArea={ownArea ? { kecamatan: ownArea.kec, kelurahan: ownArea.kel } : null}
        onShowLacking={(certifiedOnly) => list.set({ certified: certifiedOnly ? '1' : null, kind: null })}
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
