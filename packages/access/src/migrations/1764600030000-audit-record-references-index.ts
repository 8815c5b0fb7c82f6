import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A record's history (`RecordHistoryService.history`) reads the audit records of the rows pointing at it: those whose
 * recorded row, before or after the change, holds its id in a reference column (an assignment's `organisation_id`).
 * Nothing indexed that, so the history of one organisation walked the whole audit log (3 s over 500,000 records).
 *
 * `audit_reference_ids(before, after)` gives the ids a change's rows refer to: the string values of their columns named
 * `…_id` (every reference column of `SchemaModule.auditedRecords` is so named; `RecordHistoryService` refuses others).
 * A GIN index over it finds them; the history asks `audit_reference_ids(r.before, r.after) @> ARRAY[id]` and keeps its
 * exact conditions (the table and the column) as a filter. A text array, not jsonb: PostgreSQL keeps statistics of
 * its elements, so the planner knows an id is rare (with jsonb it guessed 1% of the log and added scans by table
 * name). READ records are left out, as the history does.
 *
 * Built concurrently, outside a transaction: on a national audit log it takes minutes, during which every audited
 * write would otherwise wait. A build that failed half-way leaves an invalid index, dropped before building again.
 */
export class AuditRecordReferencesIndex1764600030000 implements MigrationInterface {
  name = 'AuditRecordReferencesIndex1764600030000';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_reference_ids(before jsonb, after jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ARRAY(SELECT jsonb_array_elements_text(
          jsonb_path_query_array(coalesce(before, '{}'), 'strict $.keyvalue() ? (@.key like_regex "_id$" && @.value.type() == "string").value') ||
          jsonb_path_query_array(coalesce(after, '{}'), 'strict $.keyvalue() ? (@.key like_regex "_id$" && @.value.type() == "string").value')))
      $$`);
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS audit_record_reference_ids_idx`);
    await queryRunner.query(`
      CREATE INDEX CONCURRENTLY audit_record_reference_ids_idx ON audit_record
        USING gin (audit_reference_ids(before, after)) WHERE action <> 'READ'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS audit_record_reference_ids_idx`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS audit_reference_ids(jsonb, jsonb)`);
  }
}
