import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseLocation } from '@peksos/db';
import { isDataSetName } from '@peksos/db';
import { DEFAULT_ACCESS_SETTINGS, type AccessSettings } from '@peksos/access';
import { DEFAULT_MAX_QUERY_COST, type ServerConfig } from '@peksos/server';
import { configuredModuleNames } from './graphql/modules.js';

/** Everything the server reads from its environment, read once at start and validated. */
export interface ApiConfig extends ServerConfig {
  /** The schema module packages to load, in dependency order. */
  modules: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const here = dirname(fileURLToPath(import.meta.url));
/** apps/console/dist, seen from apps/api/src or apps/api/dist. */
const DEFAULT_CONSOLE_DIR = resolve(here, '../../console/dist');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';

  const port = integer(env.PORT, 4000, 0, 65_535, 'PORT', problems);
  const databasePoolSize = integer(env.PEKSOS_DB_POOL_SIZE, 10, 1, 200, 'PEKSOS_DB_POOL_SIZE', problems);
  const maxQueryCost = integer(env.PEKSOS_MAX_QUERY_COST, DEFAULT_MAX_QUERY_COST, 100, 10_000_000, 'PEKSOS_MAX_QUERY_COST', problems);
  const shutdownGraceSeconds = integer(env.PEKSOS_SHUTDOWN_GRACE_SECONDS, 10, 0, 3_600, 'PEKSOS_SHUTDOWN_GRACE_SECONDS', problems);

  let database: DatabaseLocation;
  if (env.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      problems.push('DATABASE_URL must be a PostgreSQL URL such as postgres://user@host:5432/peksos');
    }
    if (env.PEKSOS_DATA_DIR) problems.push('Set either DATABASE_URL (PostgreSQL) or PEKSOS_DATA_DIR (embedded), not both');
    database = { kind: 'postgres', url: env.DATABASE_URL };
    if (env.DATABASE_REPLICA_URL) {
      if (!/^postgres(ql)?:\/\//.test(env.DATABASE_REPLICA_URL)) {
        problems.push('DATABASE_REPLICA_URL must be a PostgreSQL URL such as postgres://user@replica:5432/peksos');
      }
      database.replicaUrl = env.DATABASE_REPLICA_URL;
    }
  } else {
    if (env.DATABASE_REPLICA_URL) problems.push('DATABASE_REPLICA_URL needs DATABASE_URL: the embedded database has no replica');
    const dataDir = env.PEKSOS_DATA_DIR ?? '.data/pglite';
    database = { kind: 'embedded', dataDir: dataDir === 'memory' ? null : resolve(dataDir) };
  }

  const databaseWaitSeconds = integer(
    env.PEKSOS_DB_WAIT_SECONDS,
    database.kind === 'embedded' ? 30 : 5,
    1,
    600,
    'PEKSOS_DB_WAIT_SECONDS',
    problems,
  );

  const dataSetDefault = database.kind === 'embedded' ? 'cimahi' : 'none';
  const dataSet = env.PEKSOS_DATA_SET ?? dataSetDefault;
  if (!isDataSetName(dataSet)) problems.push(`PEKSOS_DATA_SET must be a data set name such as cimahi, or none, not ${JSON.stringify(dataSet)}`);

  const modules = env.PEKSOS_MODULES
    ? env.PEKSOS_MODULES.split(',').map((name) => name.trim()).filter(Boolean)
    : configuredModuleNames();
  if (modules.length === 0) problems.push('PEKSOS_MODULES must name at least one module package');

  const timeZone = env.PEKSOS_TIME_ZONE ?? 'Asia/Jakarta';
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    problems.push(`PEKSOS_TIME_ZONE must be an IANA time zone such as Asia/Jakarta, not ${JSON.stringify(timeZone)}`);
  }

  let consoleDir: string | null = null;
  if (env.PEKSOS_CONSOLE_DIR) {
    consoleDir = resolve(env.PEKSOS_CONSOLE_DIR);
    if (!existsSync(resolve(consoleDir, 'index.html'))) problems.push(`PEKSOS_CONSOLE_DIR has no index.html: ${consoleDir}`);
  } else if (existsSync(resolve(DEFAULT_CONSOLE_DIR, 'index.html'))) {
    consoleDir = DEFAULT_CONSOLE_DIR;
  }

  const demoAccounts = flag(env.PEKSOS_DEMO_ACCOUNTS, database.kind === 'embedded' && !production);
  if (demoAccounts && production) {
    problems.push('PEKSOS_DEMO_ACCOUNTS cannot be used in production: create the first admin with pnpm admin create-admin');
  }
  const access: AccessSettings = {
    ...DEFAULT_ACCESS_SETTINGS,
    passwordCostLog2: integer(env.PEKSOS_PASSWORD_COST, DEFAULT_ACCESS_SETTINGS.passwordCostLog2, 10, 20, 'PEKSOS_PASSWORD_COST', problems),
    sessionHours: integer(env.PEKSOS_SESSION_HOURS, DEFAULT_ACCESS_SETTINGS.sessionHours, 1, 24 * 30, 'PEKSOS_SESSION_HOURS', problems),
    secureCookies: flag(env.PEKSOS_SECURE_COOKIES, production),
    requestsPerMinutePerAddress: integer(
      env.PEKSOS_RATE_LIMIT_PER_MINUTE,
      DEFAULT_ACCESS_SETTINGS.requestsPerMinutePerAddress,
      0,
      1_000_000,
      'PEKSOS_RATE_LIMIT_PER_MINUTE',
      problems,
    ),
    signInsPerMinutePerAddress: integer(
      env.PEKSOS_SIGN_IN_LIMIT_PER_MINUTE,
      DEFAULT_ACCESS_SETTINGS.signInsPerMinutePerAddress,
      0,
      1_000_000,
      'PEKSOS_SIGN_IN_LIMIT_PER_MINUTE',
      problems,
    ),
    requestsPerMinutePerKey: integer(
      env.PEKSOS_KEY_RATE_LIMIT_PER_MINUTE,
      DEFAULT_ACCESS_SETTINGS.requestsPerMinutePerKey,
      0,
      1_000_000,
      'PEKSOS_KEY_RATE_LIMIT_PER_MINUTE',
      problems,
    ),
  };

  const trustProxy = trustedProxies(env.PEKSOS_TRUST_PROXY, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    database,
    dataSet,
    modules,
    timeZone,
    consoleDir,
    production,
    exposeStatementCount: flag(env.PEKSOS_EXPOSE_SQL_COUNT, !production),
    databasePoolSize,
    databaseWaitSeconds,
    shutdownGraceSeconds,
    logSql: flag(env.PEKSOS_LOG_SQL, false),
    access,
    demoAccounts,
    trustProxy,
    maxQueryCost,
  };
}

function integer(raw: string | undefined, fallback: number, min: number, max: number, name: string, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
    return fallback;
  }
  return value;
}

const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * PEKSOS_TRUST_PROXY: a number of proxy hops (1 behind one reverse proxy), or a comma-separated list of the proxies'
 * addresses or subnets (`10.0.0.0/8`, `loopback`). Not `true`: trusting every hop takes the left-most
 * X-Forwarded-For entry, which the caller writes itself.
 */
function trustedProxies(raw: string | undefined, problems: string[]): false | number | string[] {
  if (raw === undefined || raw.trim() === '' || raw === '0' || raw.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(raw.trim())) {
    const hops = Number(raw.trim());
    if (hops > 10) problems.push(`PEKSOS_TRUST_PROXY must be the number of proxies in front of the server (1 to 10), not ${raw}`);
    return hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  const wrong = entries.filter((entry) => {
    if (NAMED_SUBNETS.has(entry)) return false;
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0 || rest.length > 0) return true;
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (wrong.length > 0 || entries.length === 0) {
    problems.push(
      `PEKSOS_TRUST_PROXY must be the number of proxies in front of the server (such as 1) or their addresses and ` +
        `subnets (such as 10.0.0.5, 10.1.0.0/16, loopback), not ${JSON.stringify(raw)}` +
        (raw.toLowerCase() === 'true' ? ': true would trust the X-Forwarded-For entry a caller writes itself' : ''),
    );
    return false;
  }
  return entries;
}

function flag(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  return raw === '1' || raw.toLowerCase() === 'true';
}
