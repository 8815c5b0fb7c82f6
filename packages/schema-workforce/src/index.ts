export { workforceModule, workforceModule as schemaModule } from './workforce.module.js';
export { Area } from './areas/area.entity.js';
export { Organisation } from './organisations/organisation.entity.js';
export { Worker } from './workers/worker.entity.js';
export { Certification } from './certifications/certification.entity.js';
export { ProfessionalRole } from './roles/professional-role.entity.js';
export { Assignment, placementConflict } from './assignments/assignment.entity.js';
export { loadArea } from './areas/area.resolver.js';
export { loadOfficialAreas, readOfficialAreas, OFFICIAL_AREAS_SOURCE, type OfficialArea } from './areas/official-areas.js';
export { upsertOfficialAreas, type OfficialAreaLoad } from './areas/area.service.js';
export { loadOrganisation, OrganisationConnection } from './organisations/organisation.resolver.js';
export { loadWorker } from './workers/worker.resolver.js';
export { loadProfessionalRole } from './roles/professional-role.resolver.js';
export { WorkerService, WORKER_COLUMN_NAMES, type WorkerColumns, type LockedWorker } from './workers/worker.service.js';
export { CertificationService, certificateDatesProblem, type CertificateColumns, type LockedCertificate } from './certifications/certification.service.js';
export type { RecordCertificationInput } from './certifications/certification.input.js';
export { OrganisationService, incompleteAccreditationField, ORGANISATION_COLUMN_NAMES, type OrganisationColumns, type LockedOrganisation } from './organisations/organisation.service.js';
export { AssignmentService, ASSIGNMENT_COLUMN_NAMES, type AssignmentColumns, type LockedAssignment } from './assignments/assignment.service.js';
export { AreaService } from './areas/area.service.js';
export { ProfessionalRoleService } from './roles/professional-role.service.js';
export {
  areaParams,
  inAreaSql,
  assignmentActiveSql,
  certifiedOnSql,
  certificationStatusSql,
  coverageGapSql,
  lacksWorkerSql,
  placedSql,
  workerInAreaSql,
  organisationFoundByTextSql,
  organisationMatchesTextSql,
  workerFoundByTextSql,
} from './sql.js';
export { CoverageService } from './coverage/coverage.service.js';
export { WorkforceSummary, PlacementKindCount } from './coverage/workforce-summary.type.js';
export { assertManagesOrganisation, assertManagesWorker } from './scope.js';
export { PlacementRequest, PlacementRequestStatus } from './placements/placement-request.entity.js';
export { PlacementRequestService } from './placements/placement-request.service.js';
export { WorkloadLimits } from './workload/workload-limits.entity.js';
export { Workload } from './workload/workload.type.js';
export { WorkloadService, checkLimitOverride, placementLimitExcess, type PlacementPeriod } from './workload/workload.service.js';
export {
  CandidatePool,
  CandidateRankingService,
  type CandidatePoolRequest,
  type PoolRankingOptions,
  type RankedCandidate,
  type RankingOptions,
} from './workload/candidate-ranking.service.js';
export { Nearness } from './coverage/coverage-plan.solver.js';
export { CoveragePlanService } from './coverage/coverage-plan.service.js';
