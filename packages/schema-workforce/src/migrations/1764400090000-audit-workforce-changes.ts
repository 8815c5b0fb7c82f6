import { AuditTablesMigration } from '@peksos/schema-kit';

/** Every change to the workforce module's tables is recorded in the audit log, in the same transaction (docs/access.md). */
export class AuditWorkforceChanges1764400090000 extends AuditTablesMigration {
  name = 'AuditWorkforceChanges1764400090000';
  tables = ['area', 'organisation', 'worker', 'certification', 'professional_role', 'assignment'];
}
