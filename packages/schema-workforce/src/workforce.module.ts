import { Access, type SchemaModule } from '@peksos/schema-kit';
import { Area } from './areas/area.entity.js';
import { AreaResolver } from './areas/area.resolver.js';
import { Assignment } from './assignments/assignment.entity.js';
import {
  assignmentNode,
  AssignmentResolver,
  OrganisationAssignmentsResolver,
  WorkerAssignmentsResolver,
} from './assignments/assignment.resolver.js';
import { Certification } from './certifications/certification.entity.js';
import { certificationNode, CertificationResolver, WorkerCertificationsResolver } from './certifications/certification.resolver.js';
import { workforceConstraintMeanings } from './constraint-meanings.js';
import { loadCimahiWorkforce } from './data-sets/cimahi/index.js';
import { areaBreakdownExport, AREA_BREAKDOWN_ACCESS } from './coverage/area-breakdown.export.js';
import { AreaBreakdownResolver } from './coverage/area-breakdown.resolver.js';
import { CoverageResolver } from './coverage/coverage.resolver.js';
import { Organisation } from './organisations/organisation.entity.js';
import { organisationNode, OrganisationResolver } from './organisations/organisation.resolver.js';
import { ProfessionalRole } from './roles/professional-role.entity.js';
import { ProfessionalRoleResolver } from './roles/professional-role.resolver.js';
import { professionalRolesExport } from './roles/professional-role.export.js';
import { Worker } from './workers/worker.entity.js';
import { workerNode, WorkerResolver } from './workers/worker.resolver.js';
import { WORKER_PERSONAL_DATA_READERS } from './workers/worker.service.js';
import { WorkforceSchema1764400000000 } from './migrations/1764400000000-workforce-schema.js';
import { CoverageIndexes1764400050000 } from './migrations/1764400050000-coverage-indexes.js';
import { AssignmentOverlapByOrganisation1764400060000 } from './migrations/1764400060000-assignment-overlap-by-organisation.js';
import { AuditWorkforceChanges1764400090000 } from './migrations/1764400090000-audit-workforce-changes.js';
import { WorkforceRowSecurity1764400095000 } from './migrations/1764400095000-workforce-row-security.js';
import { PlacementRequests1764400096000 } from './migrations/1764400096000-placement-requests.js';
import { PlacementRequest } from './placements/placement-request.entity.js';
import { PlacementRequestResolver } from './placements/placement-request.resolver.js';
import { WorkloadLimits1764400097000 } from './migrations/1764400097000-workload-limits.js';
import { PlacementRequestWithdrawal1764400099900 } from './migrations/1764400099900-placement-request-withdrawal.js';
import { WorkforceVersion1764400099950 } from './migrations/1764400099950-workforce-version.js';
import { WorkloadLimits } from './workload/workload-limits.entity.js';
import { WorkerWorkloadResolver, WorkloadLimitsResolver } from './workload/workload.resolver.js';
import {
  AssignmentCandidateResolver,
  CertificationCandidateResolver,
  CoveragePlanResolver,
  CoveragePlanRowResolver,
} from './coverage/coverage-plan.resolver.js';
import { workforceNeedsAction } from './pipeline/needs-action.source.js';

/**
 * Areas, organisations, workers, certifications, professional roles, assignments, placement requests, workloads
 * and their limits, and the coverage questions (the coverage planner among them).
 */
export const workforceModule: SchemaModule = {
  name: 'workforce',
  dependsOn: [],
  entities: [Area, Organisation, Worker, Certification, ProfessionalRole, Assignment, PlacementRequest, WorkloadLimits],
  resolvers: [
    AreaResolver,
    OrganisationResolver,
    WorkerResolver,
    CertificationResolver,
    WorkerCertificationsResolver,
    ProfessionalRoleResolver,
    AssignmentResolver,
    OrganisationAssignmentsResolver,
    WorkerAssignmentsResolver,
    CoverageResolver,
    AreaBreakdownResolver,
    PlacementRequestResolver,
    WorkloadLimitsResolver,
    WorkerWorkloadResolver,
    CoveragePlanResolver,
    CoveragePlanRowResolver,
    CertificationCandidateResolver,
    AssignmentCandidateResolver,
  ],
  migrations: [
    WorkforceSchema1764400000000,
    CoverageIndexes1764400050000,
    AssignmentOverlapByOrganisation1764400060000,
    AuditWorkforceChanges1764400090000,
    WorkforceRowSecurity1764400095000,
    PlacementRequests1764400096000,
    WorkloadLimits1764400097000,
    PlacementRequestWithdrawal1764400099900,
    WorkforceVersion1764400099950,
  ],
  constraintMeanings: workforceConstraintMeanings,
  nodeTypes: [organisationNode, workerNode, assignmentNode, certificationNode],
  dataSets: { cimahi: loadCimahiWorkforce },
  exports: [professionalRolesExport, areaBreakdownExport],
  needsAction: [workforceNeedsAction],
  auditedRecords: [
    { table: 'organisation', nameColumn: 'name', references: { parent_id: 'organisation' } },
    { table: 'worker', nameColumn: 'full_name', personalColumns: ['national_id_number', 'phone', 'email', 'home_area_code'] },
    { table: 'certification', references: { worker_id: 'worker' } },
    { table: 'assignment', references: { worker_id: 'worker', organisation_id: 'organisation' } },
    { table: 'placement_request', references: { worker_id: 'worker', organisation_id: 'organisation' } },
  ],
  access: {
    operations: {
      // Reference data and aggregate figures: every signed-in caller, partners included.
      'Query.area': Access.signedIn,
      'Query.areas': Access.signedIn,
      'Query.professionalRole': Access.signedIn,
      'Query.professionalRoles': Access.signedIn,
      'Query.workforceSummary': Access.signedIn,
      // A coordinator's own subtree only (AreaBreakdownService); the file export has the same rule.
      'Query.areaBreakdown': AREA_BREAKDOWN_ACCESS,
      // A partner's key reads only its own organisations (OrganisationService.read and list).
      'Query.organisation': Access.signedIn,
      'Query.organisations': Access.signedIn,
      'Query.organisationsLackingWorker': Access.staff,
      'Query.worker': Access.staff,
      'Query.workers': Access.staff,
      'Query.assignment': Access.staff,
      'Query.assignments': Access.staff,
      'Query.certification': Access.staff,
      'Query.certifications': Access.staff,
      // Coordinators only within their area (checked by the services).
      'Mutation.createOrganisation': Access.managers,
      'Mutation.updateOrganisation': Access.managers,
      'Mutation.archiveOrganisation': Access.managers,
      'Mutation.createWorker': Access.managers,
      'Mutation.updateWorker': Access.managers,
      'Mutation.archiveWorker': Access.managers,
      'Mutation.assignWorker': Access.managers,
      'Mutation.endAssignment': Access.managers,
      'Mutation.recordCertification': Access.managers,
      'Mutation.scheduleCompetencyTest': Access.managers,
      // Asked by the organisation's side, answered by the worker's (checked by the service and the database).
      'Query.placementRequests': Access.managers,
      'Mutation.requestPlacement': Access.managers,
      'Mutation.acceptPlacementRequest': Access.managers,
      'Mutation.declinePlacementRequest': Access.managers,
      'Mutation.withdrawPlacementRequest': Access.managers,
      // Workload limits: read by staff, set by admins; plans and candidates for those who place workers.
      'Query.workloadLimits': Access.staff,
      'Mutation.updateWorkloadLimits': Access.admins,
      'Query.coveragePlan': Access.managers,
      'Query.assignmentCandidates': Access.managers,
      'Mutation.acceptCoveragePlan': Access.managers,
      'Mutation.createProfessionalRole': Access.admins,
      'Mutation.revealNationalIdNumber': Access.admins,
    },
    types: {
      Area: Access.signedIn,
      ProfessionalRole: Access.signedIn,
      WorkforceSummary: Access.signedIn,
      PlacementKindCount: Access.signedIn,
      AreaBreakdown: Access.signedIn,
      AreaBreakdownRow: Access.signedIn,
      // Reached by partners only through their own organisations (parent is closed to them, see fields).
      Organisation: Access.signedIn,
      Assignment: Access.signedIn,
      Worker: Access.staff,
      Certification: Access.staff,
      PlacementRequest: Access.managers,
      WorkloadLimits: Access.staff,
      Workload: Access.staff,
      CoveragePlan: Access.managers,
      CoveragePlanRow: Access.managers,
      KecamatanNeed: Access.managers,
      CertificationCandidate: Access.managers,
      AssignmentCandidate: Access.managers,
    },
    fields: {
      'Organisation.parent': Access.staff,
      // What a partner sees of the workers placed at its organisations: who, and whether certified.
      'Worker.id': Access.signedIn,
      'Worker.fullName': Access.signedIn,
      'Worker.gender': Access.signedIn,
      'Worker.employmentStatus': Access.signedIn,
      'Worker.certificationStatus': Access.signedIn,
      // Personal data (UU 27/2022): not for viewers or partners.
      'Worker.phone': WORKER_PERSONAL_DATA_READERS,
      'Worker.email': WORKER_PERSONAL_DATA_READERS,
      'Worker.maskedNationalIdNumber': WORKER_PERSONAL_DATA_READERS,
      'Worker.homeArea': WORKER_PERSONAL_DATA_READERS,
      'Worker.homeAreaCode': WORKER_PERSONAL_DATA_READERS,
      'Worker.archiveReason': Access.managers,
    },
  },
};
