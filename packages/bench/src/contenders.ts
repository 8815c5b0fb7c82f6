import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CSRF_HEADER, hashPassword, SESSION_COOKIE } from '@peksos/access';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root, seen from packages/bench/src or packages/bench/dist. */
export const REPO_ROOT = resolve(here, '../../..');

export type ContenderKey = 'ours' | 'floor' | 'peer';

export interface Contender {
  key: ContenderKey;
  label: string;
  baseUrl: string;
  process: ChildProcess;
  /** SQL statements sent so far, where the contender can say (floor and peer over IPC). */
  statements(): Promise<number | null>;
  /** Headers every request to it carries (ours: the session of a benchmark account). */
  headers: Record<string, string>;
  stop(): Promise<void>;
}

/** Resident set size and its peak, in bytes, of a process, from /proc. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system) a process has used, in milliseconds, from /proc; null where there is no /proc. With
 * `withChildren`, also that of the children it has reaped (a PostgreSQL backend that exits passes its time on to the
 * postmaster's).
 */
export function cpuTimeOf(pid: number, withChildren = false): number | null {
  try {
    // Fields after the command name (proc(5)), which is in parentheses and may hold spaces, counted from its closing
    // one; in clock ticks: state is the 1st, then utime the 12th, stime the 13th, cutime the 14th and cstime the 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    const ticks = fields[11]! + fields[12]! + (withChildren ? fields[13]! + fields[14]! : 0);
    return ticks * (1000 / CLOCK_TICKS_PER_SECOND);
  } catch {
    return null;
  }
}

/** Linux's USER_HZ, 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time of all PostgreSQL processes of this machine (server and backends), those that have exited included (through
 * the postmaster's reaped children), in milliseconds; null without /proc. The bench runs one contender at a time, so
 * what PostgreSQL spends during a run is that contender's.
 */
export function postgresCpuTime(): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  let total = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) continue;
    } catch {
      continue; // ended meanwhile
    }
    total += cpuTimeOf(Number(entry), true) ?? 0;
  }
  return total;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${url} did not become ready in ${timeoutMs / 1000} s:\n${output()}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    });
}

function captureOutput(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

/**
 * Node's settings for every contender: those `pnpm start` runs the API with (a larger young generation, see the
 * README), given to the floor and the peer too, so that none is tuned and the others not.
 */
export const NODE_FLAGS = ['--max-semi-space-size=32'];

/** The Peksos API, built (apps/api/dist/main.js), as production runs it, with statement counts exposed. */
export async function startOurs(databaseUrl: string, port: number, poolSize: number, logSql: boolean): Promise<Contender> {
  const child = spawn(process.execPath, [...NODE_FLAGS, resolve(REPO_ROOT, 'apps/api/dist/main.js')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PEKSOS_DATA_SET: 'none',
      NODE_ENV: 'production',
      PEKSOS_EXPOSE_SQL_COUNT: '1',
      PEKSOS_DB_POOL_SIZE: String(poolSize),
      PEKSOS_LOG_SQL: logSql ? '1' : '',
      // One address sends everything: no per-address limit during the run.
      PEKSOS_RATE_LIMIT_PER_MINUTE: '0',
      // The nested question (50 organisations × up to 100 cases per worker) is estimated at ~160,000 by the cost
      // limit, whose default (10,000) refuses it; the limit is still checked on every request.
      PEKSOS_MAX_QUERY_COST: '1000000',
      // The core modules only, where the API reads a module list (extensions add nothing these queries use).
      PEKSOS_MODULES: process.env.PEKSOS_MODULES ?? '@peksos/schema-workforce,@peksos/schema-cases',
    },
    stdio: ['ignore', logSql ? 'inherit' : 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${baseUrl}/readyz`, child, 600_000, output);
  } catch (error) {
    await stopper(child)();
    throw error;
  }
  let headers: Record<string, string>;
  try {
    headers = await signInAsBenchViewer(databaseUrl, baseUrl);
  } catch (error) {
    await stopper(child)();
    throw error;
  }
  return { key: 'ours', label: 'Peksos API', baseUrl, process: child, statements: async () => null, stop: stopper(child), headers };
}

/**
 * The API answers signed-in callers only. The bench reads as a viewer (the role with the fewest rights that can ask
 * every question), through an account it (re)creates in the database, signed in over HTTP like the console.
 */
async function signInAsBenchViewer(databaseUrl: string, baseUrl: string): Promise<Record<string, string>> {
  const password = `bench-${randomBytes(12).toString('hex')}`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO account (username, display_name, role, password_hash) VALUES ('benchmark', 'Benchmark (pnpm bench)', 'viewer', $1)
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled_at = NULL,
         role = 'viewer', area_code = NULL`,
      [await hashPassword(password, { costLog2: 10 })],
    );
  } finally {
    await client.end();
  }
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { signIn(username: "benchmark", password: "${password}") { expiresAt } }` }),
  });
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0];
  if (!cookie) throw new Error(`The bench could not sign in to the API: ${await response.text()}`);
  return { cookie, [CSRF_HEADER]: '1' };
}

/** The floor or the peer: a script of this package in a child process, reporting statement counts over IPC. */
export async function startScript(
  key: 'floor' | 'peer',
  script: string,
  databaseUrl: string,
  port: number,
  poolSize: number,
): Promise<Contender> {
  const child = fork(resolve(here, script), [], {
    execArgv: NODE_FLAGS,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: String(poolSize), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = captureOutput(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`${key} did not start in 120 s:\n${output()}`)), 120_000);
      child.on('message', (message: { type?: string }) => {
        if (message?.type === 'ready') {
          clearTimeout(timer);
          ready();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`${key} exited (${code}):\n${output()}`));
      });
    });
  } catch (error) {
    await stopper(child)();
    throw error;
  }
  const statements = () =>
    new Promise<number | null>((answer) => {
      const timer = setTimeout(() => answer(null), 5_000);
      const listener = (message: { type?: string; statements?: number }) => {
        if (message?.type === 'stats') {
          clearTimeout(timer);
          child.off('message', listener);
          answer(message.statements ?? null);
        }
      };
      child.on('message', listener);
      child.send({ type: 'stats' });
    });
  const label = key === 'floor' ? 'floor (1 SQL statement, node:http)' : 'PostGraphile 5 (amber)';
  return { key, label, baseUrl, process: child, statements, stop: stopper(child), headers: {} };
}
