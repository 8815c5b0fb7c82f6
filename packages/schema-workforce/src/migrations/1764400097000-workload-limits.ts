import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql, dropAuditTableSql, dropRowSecuritySql, rowSecuritySql } from '@peksos/schema-kit';

/**
 * The office's workload limits (docs/workload-and-coverage-planner.md): one row, changed by admins only, audited.
 * Defaults: about 25 open cases recommended and 40 at most per worker (the caseloads case-management systems use,
 * docs/sources.md), and at most 2 placements at a time (one primary and one further placement, as the Cimahi kelurahan
 * workers who also serve an institution have). An assignment or case involvement beyond a maximum is refused unless
 * an admin overrides it with a reason, which is kept on the row it made (and so in its audit record).
 */
export class WorkloadLimits1764400097000 implements MigrationInterface {
  name = 'WorkloadLimits1764400097000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE workload_limits (
        id boolean PRIMARY KEY DEFAULT true CONSTRAINT workload_limits_one_row CHECK (id),
        recommended_open_cases integer NOT NULL DEFAULT 25,
        max_open_cases integer NOT NULL DEFAULT 40,
        max_placements integer NOT NULL DEFAULT 2,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workload_limits_positive CHECK (recommended_open_cases >= 1 AND max_placements >= 1),
        CONSTRAINT workload_limits_recommended_within_max CHECK (recommended_open_cases <= max_open_cases)
      )`);
    await queryRunner.query(`INSERT INTO workload_limits (id) VALUES (true)`);
    await queryRunner.query(auditTableSql('workload_limits'));
    for (const sql of rowSecuritySql({ table: 'workload_limits' })) await queryRunner.query(sql);
    await queryRunner.query(`ALTER TABLE assignment ADD COLUMN limit_override_reason text
      CONSTRAINT assignment_limit_override_reason_length CHECK (limit_override_reason IS NULL OR length(btrim(limit_override_reason)) BETWEEN 1 AND 500)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE assignment DROP COLUMN limit_override_reason`);
    for (const sql of dropRowSecuritySql({ table: 'workload_limits' })) await queryRunner.query(sql);
    await queryRunner.query(dropAuditTableSql('workload_limits'));
    await queryRunner.query(`DROP TABLE workload_limits`);
  }
}
