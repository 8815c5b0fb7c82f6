import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from '../application-role.js';

/**
 * The rights of the application role (application-role.ts) in this database, and the rules every module's policies
 * build on:
 *
 * - it reads and writes every table, now and created later, except two: it only reads the audit log (the audit
 *   trigger and `record_audited_read` write it as the owner, so no statement of the application can forge or edit a
 *   record) and has no access to the migrations' own table;
 * - `actor_role()` and `actor_area()` are the acting caller's role and area, which every transaction sets
 *   (audit-context.ts); without them a transaction has no rights;
 * - `actor_manages_area(role, area, code)` is THE rule for what an actor may change by area: an admin everything, a
 *   coordinator what lies in their area or under it (Kemendagri codes nest by dotted prefix), nobody else anything.
 *   Policies pass the transaction's actor; services pass the caller to explain a refusal before the database would
 *   make it; `viewerCanManage` fields pass the reader.
 *
 * Row-level security is switched on per table by each module's own migration, next to its tables.
 */
export class ApplicationRole1764300100000 implements MigrationInterface {
  name = 'ApplicationRole1764300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const role = APPLICATION_ROLE;
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`);
    await queryRunner.query(`REVOKE ALL ON audit_record FROM ${role}`);
    await queryRunner.query(`GRANT SELECT ON audit_record TO ${role}`);
    await queryRunner.query(`REVOKE ALL ON schema_migration FROM ${role}`);

    // The audit trigger writes as the owner; a read of personal data is recorded through a function that does too.
    await queryRunner.query(`ALTER FUNCTION record_audit() SECURITY DEFINER SET search_path = public, pg_temp`);
    await queryRunner.query(`
      CREATE FUNCTION record_audited_read(table_name text, record_id text, details jsonb) RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        INSERT INTO audit_record (actor_kind, actor_id, actor_label, operation, table_name, record_id, action, after)
        SELECT c->>'actorKind', c->>'actorId', coalesce(c->>'actorLabel', 'unknown'), c->>'operation',
               record_audited_read.table_name, record_audited_read.record_id, 'READ', details
        FROM (SELECT audit_context() AS c) AS context
      $$`);

    await queryRunner.query(`
      CREATE FUNCTION actor_role() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(current_setting('peksos.actor_role', true), '')
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION actor_area() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(current_setting('peksos.actor_area', true), '')
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION actor_manages_area(role text, area text, code text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN role = 'admin' THEN true
          WHEN role = 'coordinator' AND area <> '' AND code IS NOT NULL THEN code = area OR starts_with(code, area || '.')
          ELSE false
        END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const role = APPLICATION_ROLE;
    await queryRunner.query(`DROP FUNCTION actor_manages_area(text, text, text)`);
    await queryRunner.query(`DROP FUNCTION actor_area()`);
    await queryRunner.query(`DROP FUNCTION actor_role()`);
    await queryRunner.query(`DROP FUNCTION record_audited_read(text, text, jsonb)`);
    await queryRunner.query(`ALTER FUNCTION record_audit() SECURITY INVOKER RESET search_path`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${role}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${role}`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${role}`);
  }
}
