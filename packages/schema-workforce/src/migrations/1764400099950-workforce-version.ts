import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the coverage answers read (coverage.service.ts, area-breakdown.service.ts, sql.ts). */
export const WORKFORCE_VERSIONED_TABLES = ['area', 'organisation', 'worker', 'certification', 'assignment'] as const;

/**
 * A version of the tables the coverage answers read, bumped once by every committing transaction that wrote any of
 * them: what the coverage cache (coverage/coverage-cache.ts) compares its entries with, so every API process sharing
 * the database serves an entry only while nothing it was computed from changed.
 *
 * - A row-level constraint trigger, DEFERRABLE INITIALLY DEFERRED, bumps at commit: the version's row lock is the
 *   last lock a writing transaction takes (it cannot close a deadlock cycle with the row locks taken before) and is
 *   held only while committing. A transaction-local setting makes it bump once; the rows after the first (an import of
 *   50,000) return at once. A rolled-back transaction bumps nothing. Not a sequence: its value is visible before the
 *   writes commit, so an answer computed from the old data could be stored under the new value.
 * - A statement-level trigger marks the transaction as having written (`peksos.workforce_written`) at once, so a reader
 *   inside it, who sees its own uncommitted writes, computes without the cache. TRUNCATE, which row triggers do not
 *   see, bumps there too.
 * The application role may read the version only; the bump runs as the table's owner.
 */
export class WorkforceVersion1764400099950 implements MigrationInterface {
  name = 'WorkforceVersion1764400099950';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE workforce_version (
        only_row boolean NOT NULL DEFAULT true CONSTRAINT workforce_version_pkey PRIMARY KEY CONSTRAINT workforce_version_one_row CHECK (only_row),
        version bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`INSERT INTO workforce_version DEFAULT VALUES`);
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'peksos_app') THEN
          REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON workforce_version FROM peksos_app;
          GRANT SELECT ON workforce_version TO peksos_app;
        END IF;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION workforce_version_bump_once() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, public AS $$
      BEGIN
        IF current_setting('peksos.workforce_bumped', true) = 'on' THEN RETURN; END IF;
        PERFORM set_config('peksos.workforce_bumped', 'on', true);
        UPDATE workforce_version SET version = version + 1;
      END $$`);
    // Not SECURITY DEFINER (no setting saved and restored per row): the rows after the first only read a setting.
    await queryRunner.query(`
      CREATE FUNCTION workforce_version_bump_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('peksos.workforce_bumped', true) = 'on' THEN RETURN NULL; END IF;
        PERFORM workforce_version_bump_once();
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION workforce_version_mark_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('peksos.workforce_written', 'on', true);
        IF TG_OP = 'TRUNCATE' THEN PERFORM workforce_version_bump_once(); END IF;
        RETURN NULL;
      END $$`);
    for (const table of WORKFORCE_VERSIONED_TABLES) {
      await queryRunner.query(`
        CREATE CONSTRAINT TRIGGER workforce_version_bump AFTER INSERT OR UPDATE OR DELETE ON "${table}"
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION workforce_version_bump_at_commit()`);
      await queryRunner.query(`
        CREATE TRIGGER workforce_version_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION workforce_version_mark_written()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of WORKFORCE_VERSIONED_TABLES) {
      await queryRunner.query(`DROP TRIGGER workforce_version_written ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER workforce_version_bump ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION workforce_version_mark_written()`);
    await queryRunner.query(`DROP FUNCTION workforce_version_bump_at_commit()`);
    await queryRunner.query(`DROP FUNCTION workforce_version_bump_once()`);
    await queryRunner.query(`DROP TABLE workforce_version`);
  }
}
