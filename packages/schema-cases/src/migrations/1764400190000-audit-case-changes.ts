import { AuditTablesMigration } from '@peksos/schema-kit';

/** Every change to the cases module's tables is recorded in the audit log, in the same transaction (docs/access.md). */
export class AuditCaseChanges1764400190000 extends AuditTablesMigration {
  name = 'AuditCaseChanges1764400190000';
  tables = ['pmks_category', 'social_case', 'case_involvement'];
}
