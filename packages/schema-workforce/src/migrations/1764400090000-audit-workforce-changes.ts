import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql, dropAuditTableSql } from '@peksos/schema-kit';

const TABLES = ['area', 'organisation', 'worker', 'certification', 'professional_role', 'assignment'];

/** Every change to the module's tables is recorded in the audit log, in the same transaction (docs/access.md). */
export class AuditWorkforceChanges1764400090000 implements MigrationInterface {
  name = 'AuditWorkforceChanges1764400090000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(auditTableSql(table));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(dropAuditTableSql(table));
  }
}
