import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql, dropAuditTableSql } from '@peksos/schema-kit';

const TABLES = ['pmks_category', 'social_case', 'case_involvement'];

/** Every change to the module's tables is recorded in the audit log, in the same transaction (docs/access.md). */
export class AuditCaseChanges1764400190000 implements MigrationInterface {
  name = 'AuditCaseChanges1764400190000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(auditTableSql(table));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.query(dropAuditTableSql(table));
  }
}
