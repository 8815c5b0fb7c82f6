import type { DatabaseLocation } from '@peksos/db';
import type { AccessSettings } from '@peksos/access';

/** What the server needs to run, read once at start (apps/api reads it from the environment) and validated. */
export interface ServerConfig {
  host: string;
  port: number;
  database: DatabaseLocation;
  /** The data set loaded into an empty database on first start (`none` for none). */
  dataSet: string;
  /** The registry's time zone: what "today" means for `asOf` defaults. */
  timeZone: string;
  /** The built console to serve at `/`, if any. */
  consoleDir: string | null;
  production: boolean;
  /** Adds `extensions.sqlStatements` to each GraphQL response (tests and benchmarks). */
  exposeStatementCount: boolean;
  databasePoolSize: number;
  /**
   * How long a request waits for a database connection before it fails with SERVICE_UNAVAILABLE, in seconds. On
   * PostgreSQL a short wait fails fast during an outage; the embedded database has one connection, so there it is
   * the wait behind whatever holds it (a large import), and longer by default.
   */
  databaseWaitSeconds: number;
  /** After SIGTERM, how long requests in flight may still run before they are answered 503 and cut off. */
  shutdownGraceSeconds: number;
  logSql: boolean;
  /** Sign-in, sessions, rate limits (docs/operating.md). */
  access: AccessSettings;
  /** Create the demo accounts (admin, koordinator, pengamat) on a database without accounts; never in production. */
  demoAccounts: boolean;
  /**
   * Behind reverse proxies: which of them to trust to report the caller's address in X-Forwarded-For (for rate
   * limits), as express's `trust proxy` (proxy-addr) takes it: the number of proxies in front of the server, or their
   * addresses and subnets. The caller's address is then the entry the nearest untrusted hop appended, never one a
   * client wrote itself. false: the connection's own address.
   */
  trustProxy: false | number | string[];
  /**
   * The largest estimated cost an operation may have (operationCost in graphql/query-limits.ts: each page multiplied
   * by the size it will have); `PEKSOS_MAX_QUERY_COST`, 10,000 by default (docs/access.md, "Abuse resistance").
   */
  maxQueryCost: number;
}

/** The default of `ServerConfig.maxQueryCost`. */
export const DEFAULT_MAX_QUERY_COST = 10_000;
