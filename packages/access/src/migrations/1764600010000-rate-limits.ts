import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counts of the rate limits and sign-in throttling, shared by every server process of one database
 * (packages/access/src/http/rate-limiter.ts). The layout is rate-limiter-flexible's PostgreSQL store's: a key
 * (the limit's name and the caller), the points counted, and when the window ends (epoch milliseconds). No audit
 * and no row-level security: the rows say nothing about people beyond an address, and every request writes one.
 */
export class RateLimits1764600010000 implements MigrationInterface {
  name = 'RateLimits1764600010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rate_limit (
        key varchar(255) NOT NULL CONSTRAINT rate_limit_pkey PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await queryRunner.query(`CREATE INDEX rate_limit_expire_idx ON rate_limit (expire)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit`);
  }
}
