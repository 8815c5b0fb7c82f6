import type { SchemaModule } from '@peksos/schema-kit';
import { Area } from './areas/area.entity.js';
import { AreaResolver } from './areas/area.resolver.js';
import { Assignment } from './assignments/assignment.entity.js';
import {
  AssignmentResolver,
  OrganisationAssignmentsResolver,
  WorkerAssignmentsResolver,
} from './assignments/assignment.resolver.js';
import { Certification } from './certifications/certification.entity.js';
import { CertificationResolver, WorkerCertificationsResolver } from './certifications/certification.resolver.js';
import { workforceConstraintMeanings } from './constraint-meanings.js';
import { loadCimahiWorkforce } from './data-sets/cimahi/index.js';
import { CoverageResolver } from './coverage/coverage.resolver.js';
import { Organisation } from './organisations/organisation.entity.js';
import { OrganisationResolver } from './organisations/organisation.resolver.js';
import { ProfessionalRole } from './roles/professional-role.entity.js';
import { ProfessionalRoleResolver } from './roles/professional-role.resolver.js';
import { Worker } from './workers/worker.entity.js';
import { WorkerResolver } from './workers/worker.resolver.js';
import { WorkforceSchema1764400000000 } from './migrations/1764400000000-workforce-schema.js';
import { CoverageIndexes1764400050000 } from './migrations/1764400050000-coverage-indexes.js';
import { AssignmentOverlapByOrganisation1764400060000 } from './migrations/1764400060000-assignment-overlap-by-organisation.js';

/** Areas, organisations, workers, certifications, professional roles, assignments and the coverage questions. */
export const workforceModule: SchemaModule = {
  name: 'workforce',
  dependsOn: [],
  entities: [Area, Organisation, Worker, Certification, ProfessionalRole, Assignment],
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
  ],
  migrations: [WorkforceSchema1764400000000, CoverageIndexes1764400050000, AssignmentOverlapByOrganisation1764400060000],
  constraintMeanings: workforceConstraintMeanings,
  dataSets: { cimahi: loadCimahiWorkforce },
};
