import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.js';
import { NotFoundPage } from './components/NotFoundPage.js';
import { LoadingState } from './components/QueryStates.js';
import { AccountsView } from './modules/access/views/AccountsView.js';
import { ApiKeysView } from './modules/access/views/ApiKeysView.js';
import { AuditLogView } from './modules/access/views/AuditLogView.js';
import { SignInView } from './modules/access/views/SignInView.js';
import { CaseDetailView } from './modules/cases/views/CaseDetailView.js';
import { CaseCreateView, CaseEditView } from './modules/cases/views/CaseFormViews.js';
import { CasesListView } from './modules/cases/views/CasesListView.js';
import { CoverageView } from './modules/coverage/views/CoverageView.js';
import { ImportView } from './modules/import/views/ImportView.js';
import { OrganisationDetailView } from './modules/organisations/views/OrganisationDetailView.js';
import { OrganisationCreateView, OrganisationEditView } from './modules/organisations/views/OrganisationFormViews.js';
import { OrganisationsListView } from './modules/organisations/views/OrganisationsListView.js';
import { NeedsActionView } from './modules/needs-action/views/NeedsActionView.js';
import { PlacementRequestsView } from './modules/placements/views/PlacementRequestsView.js';
import { CoveragePlanView } from './modules/planner/views/CoveragePlanView.js';
import { RoleCreateView } from './modules/roles/views/RoleCreateView.js';
import { RoleDetailView } from './modules/roles/views/RoleDetailView.js';
import { RolesListView } from './modules/roles/views/RolesListView.js';
import { WorkerDetailView } from './modules/workers/views/WorkerDetailView.js';
import { WorkerCreateView, WorkerEditView } from './modules/workers/views/WorkerFormViews.js';
import { WorkersListView } from './modules/workers/views/WorkersListView.js';

// The charts (recharts) are the heaviest part of the console: loaded only when the dashboard is opened.
const DashboardView = lazy(() => import('./modules/dashboard/views/DashboardView.js').then((m) => ({ default: m.DashboardView })));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="masuk" element={<SignInView />} />
      <Route element={<Layout />}>
        <Route index element={<CoverageView />} />
        <Route
          path="dashboard"
          element={
            <Suspense fallback={<LoadingState />}>
              <DashboardView />
            </Suspense>
          }
        />
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
