import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one append-only row per changed row of the registry, written by a trigger in the same transaction
 * as the change, so no path (GraphQL, import, a command, psql) changes data without a record.
 *
 * The triggers are per statement, with the changed rows as transition tables; who and through which operation come
 * from the transaction-local setting `peksos.audit_context` (see
 * audit-context.ts); a change made outside the application is recorded with the database user's name. Hashes of
 * secrets are left out of the recorded rows and national ID numbers are masked, so the log does not become a second
 * copy of personal data. Modules add the trigger to each of their tables with `auditTableSql` (@peksos/schema-kit).
 *
 * This is the platform's own migration: it runs before every module's (hence its early timestamp).
 */
export class AuditLog1764300000000 implements MigrationInterface {
  name = 'AuditLog1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_record (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT audit_record_pkey PRIMARY KEY,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_kind text NOT NULL,
        actor_id text,
        actor_label text NOT NULL,
        operation text,
        table_name text NOT NULL,
        record_id text,
        action text NOT NULL CONSTRAINT audit_record_action_check CHECK (action IN ('INSERT', 'UPDATE', 'DELETE', 'READ')),
        before jsonb,
        after jsonb
      )`);
    await queryRunner.query(`CREATE INDEX audit_record_recorded_at_idx ON audit_record (recorded_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX audit_record_record_idx ON audit_record (table_name, record_id)`);
    await queryRunner.query(`CREATE INDEX audit_record_actor_idx ON audit_record (actor_id, recorded_at DESC)`);

    await queryRunner.query(`
      CREATE FUNCTION audit_row(data jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT (CASE WHEN data->>'national_id_number' IS NOT NULL
                  THEN jsonb_set(data, '{national_id_number}',
                                 to_jsonb(repeat('*', greatest(length(data->>'national_id_number') - 4, 0))
                                          || right(data->>'national_id_number', 4)))
                  ELSE data END) - 'password_hash' - 'token_hash' - 'secret_hash'
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_context() RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT coalesce(nullif(current_setting('peksos.audit_context', true), '')::jsonb,
                        jsonb_build_object('actorKind', 'database', 'actorLabel', session_user))
      $$`);
    // One statement per changed statement, not per row: the changed rows come as the transition tables old_rows and
    // new_rows (a per-row trigger made a 50,000-row import three times slower on the embedded database).
    await queryRunner.query(`
      CREATE FUNCTION record_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        context jsonb := audit_context();
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO audit_record (actor_kind, actor_id, actor_label, operation, table_name, record_id, action, before, after)
          SELECT context->>'actorKind', context->>'actorId', coalesce(context->>'actorLabel', 'unknown'),
                 context->>'operation', TG_TABLE_NAME, coalesce(changed.row->>'id', changed.row->>'code'), 'INSERT', NULL, changed.row
          FROM (SELECT audit_row(to_jsonb(n)) AS row FROM new_rows n) AS changed;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO audit_record (actor_kind, actor_id, actor_label, operation, table_name, record_id, action, before, after)
          SELECT context->>'actorKind', context->>'actorId', coalesce(context->>'actorLabel', 'unknown'),
                 context->>'operation', TG_TABLE_NAME, coalesce(changed.row->>'id', changed.row->>'code'), 'DELETE', changed.row, NULL
          FROM (SELECT audit_row(to_jsonb(o)) AS row FROM old_rows o) AS changed;
        ELSE
          -- An update's rows before and after, paired by their key (id, or code for reference tables).
          INSERT INTO audit_record (actor_kind, actor_id, actor_label, operation, table_name, record_id, action, before, after)
          SELECT context->>'actorKind', context->>'actorId', coalesce(context->>'actorLabel', 'unknown'),
                 context->>'operation', TG_TABLE_NAME, after_rows.key, 'UPDATE', before_rows.row, after_rows.row
          FROM (SELECT r.row, coalesce(r.row->>'id', r.row->>'code') AS key FROM (SELECT audit_row(to_jsonb(o)) AS row FROM old_rows o) r) AS before_rows
          JOIN (SELECT r.row, coalesce(r.row->>'id', r.row->>'code') AS key FROM (SELECT audit_row(to_jsonb(n)) AS row FROM new_rows n) r) AS after_rows
            ON after_rows.key = before_rows.key;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
      FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
    await queryRunner.query(`CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_record`);
    await queryRunner.query(`DROP FUNCTION refuse_audit_change()`);
    await queryRunner.query(`DROP FUNCTION record_audit()`);
    await queryRunner.query(`DROP FUNCTION audit_context()`);
    await queryRunner.query(`DROP FUNCTION audit_row(jsonb)`);
  }
}
