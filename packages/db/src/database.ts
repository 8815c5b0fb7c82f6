import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource, MigrationExecutor, type EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import { APPLICATION_ROLE, ApplicationRoleClient, asOwner, ensureRoleSql } from './application-role.js';
import { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { StatementCountingLogger } from './statement-counter.js';
import { routeReadsByRequest } from './read-routing.js';
import { AuditContextSubscriber } from './audit-context.js';
import { AuditLog1764300000000 } from './migrations/1764300000000-audit-log.js';
import { ApplicationRole1764300100000 } from './migrations/1764300100000-application-role.js';

/** The platform's migrations, run before (and together with) the modules'. */
const platformMigrations = [AuditLog1764300000000, ApplicationRole1764300100000];

/** Where the data lives: a PostgreSQL server, or the embedded PGlite (in a directory, or in memory when null). */
export type DatabaseLocation =
  /** With `replicaUrl`, a streaming replica that read-only requests read from (read-routing.ts). */
  | { kind: 'postgres'; url: string; replicaUrl?: string }
  | { kind: 'embedded'; dataDir: string | null };

type EntityTarget = Function | EntitySchema;
type MigrationClass = new () => MigrationInterface;

export interface OpenDatabaseOptions {
  location: DatabaseLocation;
  entities: EntityTarget[];
  migrations: MigrationClass[];
  /** Pool size for PostgreSQL (the embedded database always uses one connection). */
  poolSize?: number;
  /**
   * How long a unit of work waits for a connection before failing with SERVICE_UNAVAILABLE, in milliseconds
   * (default 5 s). On the embedded database that is the wait behind the one connection's current transaction.
   */
  connectionTimeoutMs?: number;
  logSql?: boolean;
  /** The embedded database: who opens it, and how (data-directory ownership and start check). */
  embedded?: EmbeddedPostgresOptions;
}

export interface Database {
  dataSource: DataSource;
  location: DatabaseLocation;
  /** The embedded database's process-side handle (ownership, dumps); null on PostgreSQL. */
  embedded: EmbeddedPostgres | null;
  /**
   * Closes the connections, then the embedded database. With `abortRunning`, transactions still running are rolled
   * back first (their connections are cut) rather than waited for: for a stop whose grace period is over.
   */
  close(options?: { abortRunning?: boolean }): Promise<void>;
}

// Dates without a time (OID 1082) stay 'YYYY-MM-DD' strings: no time-zone shifts between server and client.
pg.types.setTypeParser(1082, (value: string) => value);
// Counts and sums (bigint, OID 20) fit comfortably in a JavaScript number for this registry.
pg.types.setTypeParser(20, (value: string) => Number(value));

/**
 * A `pg` client that always has an 'error' listener. TypeORM listens on a connection only while a query runner holds
 * it, and pg-pool only while it is idle; a connection that PostgreSQL terminates (pg_terminate_backend, a restart)
 * can emit a second error after TypeORM has let go of it, and an 'error' event nobody listens to ends the process.
 * The failure itself reaches the request that was using the connection (as SERVICE_UNAVAILABLE).
 */
class ListenedClient extends ApplicationRoleClient {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => {});
  }
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  // Names this process's connections, so that a stop can end exactly these (pg_stat_activity.application_name).
  const applicationName = `peksos-${process.pid}-${randomBytes(4).toString('hex')}`;
  const location = options.location;
  const connection =
    location.kind === 'postgres'
      ? location.replicaUrl
        ? {
            applicationName,
            replication: {
              master: { url: location.url },
              slaves: [{ url: location.replicaUrl }],
            },
          }
        : { url: location.url, applicationName }
      : await (async () => {
          embedded = await startEmbeddedPostgres(
            options.location.kind === 'embedded' ? options.location.dataDir : null,
            options.embedded,
          );
          return { host: embedded.socketDirectory, port: embedded.port, username: 'postgres', database: 'postgres' };
        })();

  const dataSource = new DataSource({
    type: 'postgres',
    ...connection,
    entities: options.entities,
    // The platform's audit log comes first; then the modules' migrations, ordered by their timestamps.
    migrations: [...platformMigrations, ...options.migrations],
    subscribers: [AuditContextSubscriber],
    migrationsTableName: 'schema_migration',
    namingStrategy: new SnakeNamingStrategy(),
    logger: new StatementCountingLogger(options.logSql ?? false),
    maxQueryExecutionTime: 1_000,
    synchronize: false,
    installExtensions: false,
    extra: {
      // Every connection acts as the application role, so row-level security holds each statement (application-role.ts),
      // and always has an error listener (ListenedClient).
      Client: ListenedClient,
      max: embedded ? 1 : (options.poolSize ?? 10),
      // Fail fast when the database is unreachable or stuck, rather than let requests hang.
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
      query_timeout: 30_000,
      ...(embedded
        ? {}
        : {
            statement_timeout: 25_000,
            keepAlive: true,
            // No parallel query: the API runs many short statements at once, and a statement that starts parallel
            // workers (8 per server by default) waits for them. With 10 concurrent coverage requests on the national
            // data set, the count's parallel worker made each request take 41 ms instead of 25 (docs/benchmark.md).
            options: '-c max_parallel_workers_per_gather=0',
          }),
    },
  });

  if (location.kind === 'postgres' && location.replicaUrl) {
    await awaitRoleOnReplica(location.url, location.replicaUrl);
    routeReadsByRequest(dataSource);
  }
  try {
    await dataSource.initialize();
  } catch (error) {
    await (embedded as EmbeddedPostgres | null)?.stop();
    throw error;
  }

  return {
    dataSource,
    location: options.location,
    embedded,
    async close(closeOptions = {}) {
      const handle = embedded as EmbeddedPostgres | null;
      if (closeOptions.abortRunning) {
        // The embedded socket server rolls back the transaction of a client it disconnects; PostgreSQL does the
        // same for a backend it terminates.
        if (handle) await handle.stop();
        else if (options.location.kind === 'postgres') await terminateBackends(options.location.url, applicationName);
      }
      if (dataSource.isInitialized) await dataSource.destroy();
      await handle?.stop();
    },
  };
}

/**
 * Makes sure the application role exists on the primary, then waits (up to 30 s) until the replica has it too: on a
 * fresh installation the replica's connections could otherwise not take the role the primary has only just created.
 */
async function awaitRoleOnReplica(primaryUrl: string, replicaUrl: string): Promise<void> {
  const primary = new pg.Client({ connectionString: primaryUrl, connectionTimeoutMillis: 5_000 });
  await primary.connect();
  try {
    await primary.query(ensureRoleSql(APPLICATION_ROLE));
  } finally {
    await primary.end().catch(() => {});
  }
  const replica = new pg.Client({ connectionString: replicaUrl, connectionTimeoutMillis: 5_000 });
  await replica.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      const rows = (await replica.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [APPLICATION_ROLE])).rows;
      if (rows.length > 0) return;
      if (attempt >= 300) {
        throw new Error(`The read replica (DATABASE_REPLICA_URL) has not received the role ${APPLICATION_ROLE} from the primary after 30 s: is it replicating?`);
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  } finally {
    await replica.end().catch(() => {});
  }
}

/** Ends this process's own PostgreSQL sessions (best effort: the server may be unreachable, which ends them anyway). */
async function terminateBackends(url: string, applicationName: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, [
      applicationName,
    ]);
  } catch {
    // Unreachable: its sessions are gone or going.
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The advisory lock held while migrations run: TypeORM's MigrationExecutor takes none, so two processes starting
 * together would both find a migration pending and both apply it (the second failing on "already exists").
 */
const MIGRATION_LOCK = 7_391_024_001;

/**
 * Applies every pending migration, each in its own transaction, as the tables' owner (the application role may not
 * change the schema). Returns the names of those applied.
 *
 * Several server processes may start together on one PostgreSQL: the first takes a session-level advisory lock and
 * migrates; the others wait for the lock, then find nothing pending. The lock is released with the session if the
 * process dies half-way (each migration is its own transaction, so what was applied stays applied).
 */
/**
 * Takes the migration lock, asking again every 100 ms rather than waiting in `pg_advisory_lock`: a session blocked in
 * that statement keeps the statement's snapshot, and a migration that builds an index CONCURRENTLY (the audit log's
 * reference index) waits for every older snapshot, so a second process starting meanwhile made a deadlock that
 * PostgreSQL broke by failing one of the starts.
 */
async function takeMigrationLock(queryRunner: QueryRunner): Promise<void> {
  for (;;) {
    const [{ locked }] = (await queryRunner.query(`SELECT pg_try_advisory_lock(${MIGRATION_LOCK}) AS locked`)) as [{ locked: boolean }];
    if (locked) return;
    await new Promise((retry) => setTimeout(retry, 100));
  }
}

export async function migrate(dataSource: DataSource): Promise<string[]> {
  return asOwner(dataSource, async (queryRunner) => {
    await takeMigrationLock(queryRunner);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await queryRunner.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
}

/** Reverts the last applied migration, as the tables' owner. */
export async function undoLastMigration(dataSource: DataSource): Promise<void> {
  await asOwner(dataSource, async (queryRunner) => {
    const executor = new MigrationExecutor(dataSource, queryRunner);
    executor.transaction = 'each';
    await executor.undoLastMigration();
  });
}
