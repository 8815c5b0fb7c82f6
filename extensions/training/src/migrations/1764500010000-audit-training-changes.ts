import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql, dropAuditTableSql } from '@peksos/schema-kit';

const TABLES = ['training_session', 'training_enrolment'];

/** Every change to the module's tables is recorded in the audit log, in the same transaction (docs/access.md). */
export class AuditTrainingChanges1764500010000 implements MigrationInterface {
  name = 'AuditTrainingChanges1764500010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(auditTableSql(table));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(dropAuditTableSql(table));
  }
}
