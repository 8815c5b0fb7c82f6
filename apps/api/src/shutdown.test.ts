import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabaseLocation, testDatabaseKind } from '@peksos/db/testing';
import { DEMO_PASSWORD } from '@peksos/access';
import { sessionCookieOf, startTestServer } from './testing/test-server.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

/** Starts the built server as a separate process, the way `pnpm start` does, and waits for its address. */
async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', PEKSOS_DATA_SET: 'cimahi', PEKSOS_DEMO_ACCOUNTS: '1', PEKSOS_PASSWORD_COST: '10', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', () => {
      const match = /GraphQL API:\s+(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

const exitCode = (child: ChildProcess) => new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

async function post(url: string, query: string, variables?: Record<string, unknown>, cookie?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(cookie ? { cookie, 'x-peksos-csrf': '1' } : {}) };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: any; errors?: any[] };
}

/** Signs in as the demo admin the process created; returns the session cookie. */
async function signInAsDemoAdmin(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { signIn(username: "admin", password: "${DEMO_PASSWORD}") { expiresAt } }` }),
  });
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error(`demo sign-in failed: ${await response.text()}`);
  return cookie;
}

describe(`shutdown (${testDatabaseKind()})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('finishes the request in flight, refuses new ones, then closes the database', async () => {
    const api = await startTestServer({ dataSet: 'cimahi' });
    cleanups.push(() => api.close());
    const [{ id }] = await api.database.dataSource.query(`SELECT id FROM worker ORDER BY full_name LIMIT 1`);

    // Hold the worker's row (and, on the embedded database, its one connection) so the update waits.
    let release!: () => void;
    const held = new Promise<void>((resolveHold) => (release = resolveHold));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolveLock) => (locked = resolveLock));
    const holder = api.database.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT id FROM worker WHERE id = $1 FOR UPDATE`, [id]);
      locked();
      await held;
    });
    await isLocked;

    const inFlight = api.query<{ updateWorker: { fullName: string } }>(
      `mutation ($id: ID!) { updateWorker(id: $id, input: { fullName: "Sudah Diganti" }) { fullName } }`,
      { id },
    );
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    const closing = api.close();
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();

    release();
    await holder;
    expect((await inFlight).updateWorker.fullName).toBe('Sudah Diganti');
    await closing;
    expect(api.database.dataSource.isInitialized).toBe(false);
  }, 120_000);

  it('on SIGTERM exits 0, and a restart finds every committed change', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'peksos-shutdown-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    let env: Record<string, string> = { PEKSOS_DATA_DIR: dataDir };
    if (testDatabaseKind() === 'postgres') {
      const database = await createTestDatabaseLocation();
      cleanups.push(() => database.dispose());
      env = { DATABASE_URL: (database.location as { url: string }).url };
    }

    const first = await startProcess(env);
    const created = await post(
      first.url,
      `mutation { createProfessionalRole(input: { code: "PENDAMPING", labelId: "Pendamping", labelEn: "Companion" }) { code } }`,
      undefined,
      await signInAsDemoAdmin(first.url),
    );
    expect(created.data?.createProfessionalRole.code).toBe('PENDAMPING');
    first.child.kill('SIGTERM');
    expect(await exitCode(first.child)).toBe(0);
    expect(first.output()).toMatch(/SIGTERM/);

    const second = await startProcess(env);
    cleanups.push(async () => {
      if (second.child.exitCode === null) second.child.kill('SIGKILL');
    });
    const found = await post(
      second.url,
      `{ professionalRole(code: "PENDAMPING") { labelId } workers { totalCount } }`,
      undefined,
      await signInAsDemoAdmin(second.url),
    );
    expect(found.data?.professionalRole.labelId).toBe('Pendamping');
    // The data set is loaded once, into an empty database only.
    expect(found.data?.workers.totalCount).toBe(36);
    second.child.kill('SIGTERM');
    expect(await exitCode(second.child)).toBe(0);
  }, 180_000);
});
