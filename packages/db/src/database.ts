import 'reflect-metadata';
import pg from 'pg';
import { DataSource, MigrationExecutor, type EntitySchema, type MigrationInterface } from 'typeorm';
import { ApplicationRoleClient, asOwner } from './application-role.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { StatementCountingLogger } from './statement-counter.js';
import { AuditContextSubscriber } from './audit-context.js';
import { AuditLog1764300000000 } from './migrations/1764300000000-audit-log.js';
import { ApplicationRole1764300100000 } from './migrations/1764300100000-application-role.js';

/** The platform's migrations, run before (and together with) the modules'. */
const platformMigrations = [AuditLog1764300000000, ApplicationRole1764300100000];

/** Where the data lives: a PostgreSQL server, or the embedded PGlite (in a directory, or in memory when null). */
export type DatabaseLocation = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string | null };

type EntityTarget = Function | EntitySchema;
type MigrationClass = new () => MigrationInterface;

export interface OpenDatabaseOptions {
  location: DatabaseLocation;
  entities: EntityTarget[];
  migrations: MigrationClass[];
  /** Pool size for PostgreSQL (the embedded database always uses one connection). */
  poolSize?: number;
  /** How long a request waits for a connection before failing, in milliseconds. */
  connectionTimeoutMs?: number;
  logSql?: boolean;
}

export interface Database {
  dataSource: DataSource;
  location: DatabaseLocation;
  close(): Promise<void>;
}

// Dates without a time (OID 1082) stay 'YYYY-MM-DD' strings: no time-zone shifts between server and client.
pg.types.setTypeParser(1082, (value: string) => value);
// Counts and sums (bigint, OID 20) fit comfortably in a JavaScript number for this registry.
pg.types.setTypeParser(20, (value: string) => Number(value));

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  const connection =
    options.location.kind === 'postgres'
      ? { url: options.location.url }
      : await (async () => {
          embedded = await startEmbeddedPostgres(options.location.kind === 'embedded' ? options.location.dataDir : null);
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
      // Every connection acts as the application role, so row-level security holds each statement (application-role.ts).
      Client: ApplicationRoleClient,
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

  try {
    await dataSource.initialize();
  } catch (error) {
    await (embedded as EmbeddedPostgres | null)?.stop();
    throw error;
  }

  return {
    dataSource,
    location: options.location,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await (embedded as EmbeddedPostgres | null)?.stop();
    },
  };
}

/**
 * Applies every pending migration, each in its own transaction, as the tables' owner (the application role may not
 * change the schema). Returns the names of those applied.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  return asOwner(dataSource, async (queryRunner) => {
    const executor = new MigrationExecutor(dataSource, queryRunner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
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
