import { AuditTablesMigration } from '@peksos/schema-kit';

/** Every change to the training extension's tables is recorded in the audit log, in the same transaction (docs/access.md). */
export class AuditTrainingChanges1764500010000 extends AuditTablesMigration {
  name = 'AuditTrainingChanges1764500010000';
  tables = ['training_session', 'training_enrolment'];
}
