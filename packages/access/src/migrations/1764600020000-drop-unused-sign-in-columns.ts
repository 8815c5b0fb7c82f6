import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling moved to the shared rate-limit store (RateLimits1764600010000), counted per account and address
 * across every server process; the account's own counters were written but no longer read. Dropped so that nobody
 * takes them for the throttle's state.
 */
export class DropUnusedSignInColumns1764600020000 implements MigrationInterface {
  name = 'DropUnusedSignInColumns1764600020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE account DROP COLUMN failed_sign_ins, DROP COLUMN sign_in_blocked_until`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE account
        ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0 CONSTRAINT account_failed_sign_ins_check CHECK (failed_sign_ins >= 0),
        ADD COLUMN sign_in_blocked_until timestamptz`);
  }
}
