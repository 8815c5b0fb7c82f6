import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one append-only row per changed row of the registry, written by a trigger in the same transaction
 * as the change, so no path (GraphQL, import, a command, psql) changes data without a record.
 *
 * Who and through which operation come from the transaction-local setting `peksos.audit_context` (see
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
      CREATE FUNCTION record_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        context jsonb := coalesce(nullif(current_setting('peksos.audit_context', true), '')::jsonb,
                                  jsonb_build_object('actorKind', 'database', 'actorLabel', session_user));
        old_row jsonb;
        new_row jsonb;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN old_row := audit_row(to_jsonb(OLD)); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN new_row := audit_row(to_jsonb(NEW)); END IF;
        INSERT INTO audit_record (actor_kind, actor_id, actor_label, operation, table_name, record_id, action, before, after)
        VALUES (context->>'actorKind', context->>'actorId', coalesce(context->>'actorLabel', 'unknown'),
                context->>'operation', TG_TABLE_NAME,
                coalesce(new_row->>'id', old_row->>'id', new_row->>'code', old_row->>'code'), TG_OP, old_row, new_row);
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
    await queryRunner.query(`DROP FUNCTION audit_row(jsonb)`);
  }
}

/** The platform's migrations, run before (and together with) the modules'. */
export const platformMigrations = [AuditLog1764300000000];
