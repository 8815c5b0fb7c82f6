import { lazy, Suspense, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.js';
import { NotFoundPage } from './components/NotFoundPage.js';
import { LoadingState } from './components/QueryStates.js';
/**
 * Every page is loaded when it is first opened: the first load carries the frame (router, Apollo, Mantine, the
 * texts) and the page asked for, in parallel. The dashboard's charts (recharts) are the heaviest part and load only
 * with it. Layout (and the sign-in route) show a loading state while a page arrives.
 */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));

const SignInView = page(() => import('./modules/access/views/SignInView.js'), 'SignInView');
const CoverageView = page(() => import('./modules/coverage/views/CoverageView.js'), 'CoverageView');
const DashboardView = page(() => import('./modules/dashboard/views/DashboardView.js'), 'DashboardView');
const OrganisationsListView = page(() => import('./modules/organisations/views/OrganisationsListView.js'), 'OrganisationsListView');
const OrganisationCreateView = page(() => import('./modules/organisations/views/OrganisationFormViews.js'), 'OrganisationCreateView');
const OrganisationEditView = page(() => import('./modules/organisations/views/OrganisationFormViews.js'), 'OrganisationEditView');
const OrganisationDetailView = page(() => import('./modules/organisations/views/OrganisationDetailView.js'), 'OrganisationDetailView');
const WorkersListView = page(() => import('./modules/workers/views/WorkersListView.js'), 'WorkersListView');
const WorkerCreateView = page(() => import('./modules/workers/views/WorkerFormViews.js'), 'WorkerCreateView');
const WorkerEditView = page(() => import('./modules/workers/views/WorkerFormViews.js'), 'WorkerEditView');
const WorkerDetailView = page(() => import('./modules/workers/views/WorkerDetailView.js'), 'WorkerDetailView');
const CasesListView = page(() => import('./modules/cases/views/CasesListView.js'), 'CasesListView');
const CaseCreateView = page(() => import('./modules/cases/views/CaseFormViews.js'), 'CaseCreateView');
const CaseEditView = page(() => import('./modules/cases/views/CaseFormViews.js'), 'CaseEditView');
const CaseDetailView = page(() => import('./modules/cases/views/CaseDetailView.js'), 'CaseDetailView');
const NeedsActionView = page(() => import('./modules/needs-action/views/NeedsActionView.js'), 'NeedsActionView');
const PlacementRequestsView = page(() => import('./modules/placements/views/PlacementRequestsView.js'), 'PlacementRequestsView');
const RolesListView = page(() => import('./modules/roles/views/RolesListView.js'), 'RolesListView');
const RoleCreateView = page(() => import('./modules/roles/views/RoleCreateView.js'), 'RoleCreateView');
const RoleDetailView = page(() => import('./modules/roles/views/RoleDetailView.js'), 'RoleDetailView');
const ImportView = page(() => import('./modules/import/views/ImportView.js'), 'ImportView');
const AccountsView = page(() => import('./modules/access/views/AccountsView.js'), 'AccountsView');
const ApiKeysView = page(() => import('./modules/access/views/ApiKeysView.js'), 'ApiKeysView');
const AuditLogView = page(() => import('./modules/access/views/AuditLogView.js'), 'AuditLogView');
const AreaBreakdownView = page(() => import('./modules/areas/views/AreaBreakdownView.js'), 'AreaBreakdownView');
const CoveragePlanView = page(() => import('./modules/planner/views/CoveragePlanView.js'), 'CoveragePlanView');

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="masuk"
        element={
          <Suspense fallback={<LoadingState />}>
            <SignInView />
          </Suspense>
        }
      />
      <Route element={<Layout />}>
        <Route index element={<CoverageView />} />
        <Route path="dashboard" element={<DashboardView />} />
        <Route path="wilayah" element={<AreaBreakdownView />} />
        <Route path="organisations" element={<OrganisationsListView />} />
        <Route path="organisations/new" element={<OrganisationCreateView />} />
        <Route path="organisations/:id" element={<OrganisationDetailView />} />
        <Route path="organisations/:id/edit" element={<OrganisationEditView />} />
        <Route path="workers" element={<WorkersListView />} />
        <Route path="workers/new" element={<WorkerCreateView />} />
        <Route path="workers/:id" element={<WorkerDetailView />} />
        <Route path="workers/:id/edit" element={<WorkerEditView />} />
        <Route path="cases" element={<CasesListView />} />
        <Route path="cases/new" element={<CaseCreateView />} />
        <Route path="cases/:id" element={<CaseDetailView />} />
        <Route path="cases/:id/edit" element={<CaseEditView />} />
        <Route path="needs-action" element={<NeedsActionView />} />
        <Route path="placement-requests" element={<PlacementRequestsView />} />
        <Route path="coverage-plan" element={<CoveragePlanView />} />
        <Route path="roles" element={<RolesListView />} />
        <Route path="roles/new" element={<RoleCreateView />} />
        <Route path="roles/:code" element={<RoleDetailView />} />
        <Route path="import" element={<ImportView />} />
        <Route path="accounts" element={<AccountsView />} />
        <Route path="api-keys" element={<ApiKeysView />} />
        <Route path="audit-log" element={<AuditLogView />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
