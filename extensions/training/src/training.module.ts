import { Access, ErrorCode, type SchemaModule } from '@peksos/schema-kit';
import { loadCimahiTraining } from './data-sets/cimahi-training.js';
import { TrainingSchema1764500000000 } from './migrations/1764500000000-training-schema.js';
import { TrainingEnrolment, TrainingSession } from './sessions/training.entities.js';
import { AuditTrainingChanges1764500010000 } from './migrations/1764500010000-audit-training-changes.js';
import { TrainingRowSecurity1764500020000 } from './migrations/1764500020000-training-row-security.js';
import { trainingNeedsAction } from './sessions/training.needs-action.js';
import {
  OrganisationTrainingResolver,
  TrainingEnrolmentResolver,
  trainingSessionNode,
  TrainingSessionResolver,
  WorkerTrainingResolver,
} from './sessions/training.resolver.js';

/** Training and competency-test sessions: an extension built only on the module API and the workforce module's exports. */
export const trainingModule: SchemaModule = {
  name: 'training',
  dependsOn: ['workforce'],
  entities: [TrainingSession, TrainingEnrolment],
  resolvers: [TrainingSessionResolver, TrainingEnrolmentResolver, WorkerTrainingResolver, OrganisationTrainingResolver],
  migrations: [TrainingSchema1764500000000, AuditTrainingChanges1764500010000, TrainingRowSecurity1764500020000],
  constraintMeanings: {
    training_enrolment_once: { code: ErrorCode.CONFLICT, field: 'workerId', message: 'The worker is already enrolled' },
    training_session_level_for_tests: {
      code: ErrorCode.BAD_USER_INPUT,
      field: 'certificationLevel',
      message: 'A competency test, and only a competency test, certifies a level',
    },
  },
  nodeTypes: [trainingSessionNode],
  dataSets: { cimahi: loadCimahiTraining },
  needsAction: [trainingNeedsAction],
  auditedRecords: [
    { table: 'training_session', nameColumn: 'title', references: { organiser_id: 'organisation' } },
    { table: 'training_enrolment', references: { session_id: 'training_session', worker_id: 'worker' } },
  ],
  access: {
    operations: {
      'Query.trainingSession': Access.staff,
      'Query.trainingSessions': Access.staff,
      // Coordinators only for sessions organised within their area (checked by TrainingService).
      'Mutation.scheduleTrainingSession': Access.managers,
      'Mutation.enrolWorkerInTraining': Access.managers,
      'Mutation.recordTrainingResult': Access.managers,
    },
    types: {
      TrainingSession: Access.staff,
      TrainingEnrolment: Access.staff,
    },
    fields: {
      'Organisation.organisedTrainingSessions': Access.staff,
    },
  },
};
