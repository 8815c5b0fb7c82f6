import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the coverage questions at national scale (tens of thousands of organisations, ~100,000 assignments).
 *
 * - `assignment_organisation_covering_idx`: "is there an active assignment at this organisation?" (the NOT EXISTS of
 *   organisationsLackingWorker and workforceSummary) and the active workers of a page of organisations, answered from
 *   the index alone. Without it PostgreSQL looks organisation_id up in the `assignment_no_overlap` GiST index, where
 *   organisation_id is the second column: its cost model does not see that this reads the whole index (~40 ms per
 *   organisation on the national data set).
 * - `organisation_active_name_idx`: the default order of organisation lists (lower(name), id) over active
 *   organisations, so a page is read in order instead of sorting every organisation.
 */
export class CoverageIndexes1764400050000 implements MigrationInterface {
  name = 'CoverageIndexes1764400050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX assignment_organisation_covering_idx ON assignment (organisation_id)
       INCLUDE (worker_id, starts_on, ends_on, is_primary)`,
    );
    await queryRunner.query(
      `CREATE INDEX organisation_active_name_idx ON organisation (lower(name), id) WHERE archived_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX organisation_active_name_idx`);
    await queryRunner.query(`DROP INDEX assignment_organisation_covering_idx`);
  }
}
