import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Involving a worker in more open cases than the office's maximum (workload_limits.max_open_cases) is refused unless an
 * admin overrides it with a reason, kept on the involvement (and so in its audit record).
 */
export class InvolvementLimitOverride1764400196000 implements MigrationInterface {
  name = 'InvolvementLimitOverride1764400196000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_involvement ADD COLUMN limit_override_reason text
      CONSTRAINT case_involvement_limit_override_reason_length CHECK (limit_override_reason IS NULL OR length(btrim(limit_override_reason)) BETWEEN 1 AND 500)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_involvement DROP COLUMN limit_override_reason`);
  }
}
