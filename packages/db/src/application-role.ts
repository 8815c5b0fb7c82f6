import pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The role the application's statements run as: it owns no table, is not a superuser and cannot bypass row-level
 * security, so the policies of every table (docs/access.md) hold whatever path a write takes: a GraphQL mutation, an
 * import, a command, an extension's own SQL. The user the server connects as (the tables' owner, a superuser on the
 * embedded database) is only used, explicitly, for migrations and maintenance (`asOwner`).
 *
 * Roles belong to the whole PostgreSQL server, not to one database: every database of a server shares this one,
 * and its rights (GRANTs, policies) are given per database by the migrations.
 */
export const APPLICATION_ROLE = 'peksos_app';

/**
 * Makes sure the role exists and the connected user may act as it; safe when several processes or test files do it
 * at the same time (a concurrent CREATE or GRANT is caught). Where the connected user may not create roles (a managed
 * PostgreSQL), the operator creates it once beforehand (docs/access.md), and this only checks it.
 */
export function ensureRoleSql(role: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`Not a role name: ${role}`);
  return `DO $ensure$
BEGIN
  -- A read replica (hot standby) cannot create anything: the role and its grant come from the primary.
  IF pg_is_in_recovery() THEN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
      RAISE EXCEPTION 'The role ${role} does not exist on this replica yet: it is created on the primary and replicated'
        USING ERRCODE = 'undefined_object';
    END IF;
    RETURN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
    BEGIN
      CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'The database user % may not create the role ${role}', current_user
          USING ERRCODE = 'insufficient_privilege',
                HINT = format('Ask the database operator to run: CREATE ROLE ${role} NOLOGIN; GRANT ${role} TO %I;', current_user);
    END;
  END IF;
  IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT ${role} TO %I', current_user);
    EXCEPTION
      WHEN unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'The database user % may not act as the role ${role}', current_user
          USING ERRCODE = 'insufficient_privilege',
                HINT = format('Ask the database operator to run: GRANT ${role} TO %I;', current_user);
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}' AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'The role ${role} must not be a superuser nor bypass row-level security'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END $ensure$`;
}

/**
 * A `pg` client that, once connected, acts as the application role for its whole session. The pool hands a
 * connection out only after this succeeded: a connection that could not take the role fails, it is never used as
 * the owner by mistake.
 */
export class ApplicationRoleClient extends pg.Client {
  // Both of pg's forms: a promise (returned), or a callback (which pg-pool passes).
  override connect(...args: unknown[]): any {
    const callback = args[0] as ((error: Error | null, client?: pg.Client) => void) | undefined;
    const ready = super.connect().then(async () => {
      try {
        await this.query(`${ensureRoleSql(APPLICATION_ROLE)}; SET ROLE ${APPLICATION_ROLE}`);
      } catch (error) {
        await this.end().catch(() => {});
        throw error;
      }
      return this;
    });
    if (!callback) return ready;
    ready.then(
      (client) => callback(null, client),
      (error: Error) => callback(error),
    );
  }
}

/** Marks a query runner whose transactions run as the owner (migrations, maintenance): see AuditContextSubscriber. */
const OWNER = 'peksos.asOwner';

export function isOwnerQueryRunner(queryRunner: QueryRunner): boolean {
  return (queryRunner.data as Record<string, unknown> | undefined)?.[OWNER] === true;
}

/**
 * Runs work on one connection as the tables' owner: migrations and maintenance tools (the benchmark's data
 * generator), never a request. The connection takes the application role again before it goes back to the pool, or
 * is closed if it cannot.
 */
export async function asOwner<T>(dataSource: DataSource, work: (queryRunner: QueryRunner) => Promise<T>): Promise<T> {
  const queryRunner = dataSource.createQueryRunner();
  queryRunner.data = { ...queryRunner.data, [OWNER]: true };
  await queryRunner.query('RESET ROLE');
  let result: T;
  try {
    result = await work(queryRunner);
  } catch (error) {
    await restoreApplicationRole(queryRunner);
    throw error;
  }
  await restoreApplicationRole(queryRunner);
  return result;
}

async function restoreApplicationRole(queryRunner: QueryRunner): Promise<void> {
  try {
    if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
    await queryRunner.query(`SET ROLE ${APPLICATION_ROLE}`);
    await queryRunner.release();
  } catch (error) {
    // Never hand a connection still acting as the owner back to the pool: pg-pool closes one released with an error.
    await (queryRunner as QueryRunner & { releasePostgresConnection(error: unknown): Promise<void> }).releasePostgresConnection(error);
    throw error;
  }
}
