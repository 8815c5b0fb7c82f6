import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDemoAccounts, existingDemoAccounts } from '@peksos/access';
import { asOwner, openDatabase, systemContext, withAuditContext, type DatabaseLocation } from '@peksos/db';
import { createTestDatabaseLocation, testDatabaseKind } from '@peksos/db/testing';
import { startServer } from './api-server.js';
import { REPO_ROOT, serverEnv, spawnCollecting, waitForServer } from './testing/processes.js';
import { createTestSession, TEST_ACCESS_SETTINGS, testConfig } from './testing/test-server.js';

/** Stops and starts: the start script, the grace period, the demo accounts (both databases). */
describe(`starts and stops (${testDatabaseKind()})`, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  /** A database of the test's own that outlives a server: a temporary data directory, or a PostgreSQL database. */
  const durableLocation = async (): Promise<DatabaseLocation> => {
    if (testDatabaseKind() === 'postgres') {
      const database = await createTestDatabaseLocation();
      cleanups.push(() => database.dispose());
      return database.location;
    }
    const directory = await mkdtemp(join(tmpdir(), 'peksos-stops-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    return { kind: 'embedded', dataDir: join(directory, 'pglite') };
  };
  const envFor = (location: DatabaseLocation): Record<string, string> =>
    location.kind === 'postgres' ? { DATABASE_URL: location.url, PEKSOS_DATA_DIR: '' } : { DATABASE_URL: '', PEKSOS_DATA_DIR: location.dataDir! };

  it('pnpm serve hands the signal to the server and exits only after it, with its exit code', async () => {
    expect(JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')).scripts.start).toMatch(/&& exec pnpm run --silent serve$/);
    const env = serverEnv(envFor(await durableLocation()));
    const pnpm = await waitForServer(spawnCollecting('pnpm', ['run', '--silent', 'serve'], env));
    const serverPid = Number(/\(pid (\d+)\)/.exec(pnpm.output())![1]);
    expect(serverPid).not.toBe(pnpm.child.pid);
    pnpm.child.kill('SIGTERM');
    expect(await pnpm.exited).toBe(0);
    // When pnpm has exited, the server has too, after closing the database.
    expect(() => process.kill(serverPid, 0)).toThrow();
    expect(pnpm.output()).toMatch(/SIGTERM: finishing requests in flight[\s\S]*Stopped\./);

    // The server's own exit code comes through.
    const refused = spawnCollecting('pnpm', ['run', '--silent', 'serve'], { ...env, PORT: 'not-a-port' });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('PORT must be a whole number');
  }, 180_000);

  it('answers a request still running after the grace period with a coded 503, and rolls its change back', async () => {
    const location = await durableLocation();
    const server = await startServer(testConfig(location, { shutdownGraceSeconds: 1, databaseWaitSeconds: 20 }));
    const { cookie } = await createTestSession(server);
    const [{ id, fullName }] = (await server.database.dataSource.query(`SELECT id, full_name AS "fullName" FROM worker ORDER BY id LIMIT 1`)) as {
      id: string;
      fullName: string;
    }[];

    // Keep the request from finishing: on PostgreSQL a lock on the worker's row, held by another session; on the
    // embedded database its one connection, held by a transaction that also changes the worker.
    let release = () => {};
    let holder: Promise<unknown> = Promise.resolve();
    if (location.kind === 'postgres') {
      const other = new pg.Client({ connectionString: location.url });
      await other.connect();
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM worker WHERE id = $1 FOR UPDATE`, [id]);
      release = () => void other.query('ROLLBACK').finally(() => other.end());
    } else {
      let held!: () => void;
      const waiting = new Promise<void>((resolveHeld) => (held = resolveHeld));
      let releaseHolder!: () => void;
      const released = new Promise<void>((resolveRelease) => (releaseHolder = resolveRelease));
      holder = withAuditContext(systemContext('test: hold the connection'), () =>
        server.database.dataSource.transaction(async (manager) => {
          // TypeORM answers an UPDATE with [rows, count]: the system may change it (row-level security lets it).
          const [, updated] = (await manager.query(`UPDATE worker SET full_name = 'Ditahan' WHERE id = $1`, [id])) as [unknown[], number];
          expect(updated).toBe(1);
          held();
          await released;
        }),
      ).catch(() => 'rolled back');
      await waiting;
      release = releaseHolder;
    }

    const inFlight = fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-peksos-csrf': '1' },
      body: JSON.stringify({ query: `mutation ($id: ID!) { updateWorker(id: $id, input: { fullName: "Terpotong" }) { fullName } }`, variables: { id } }),
    });
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    const started = Date.now();
    const closing = server.close();
    const response = await inFlight;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors[0]!.message).toMatch(/stopped before this request finished/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await closing;
    release();
    if (location.kind === 'embedded') expect(await holder).toBe('rolled back');

    // Neither the request's change nor the embedded holder's was committed.
    const reopened = await openDatabase({ location, entities: [], migrations: [] });
    try {
      const [{ name }] = (await reopened.dataSource.query(`SELECT full_name AS name FROM worker WHERE id = $1`, [id])) as { name: string }[];
      expect(name).toBe(fullName);
    } finally {
      await reopened.close();
    }
  }, 180_000);

  it('creates the demo accounts all or none', async () => {
    const location = await durableLocation();
    const server = await startServer(testConfig(location, { demoAccounts: false }));
    cleanups.push(() => server.close());
    const { dataSource } = server.database;
    // As the server creates them: as the system.
    const ensure = () => withAuditContext(systemContext('create demo accounts'), () => ensureDemoAccounts(dataSource, TEST_ACCESS_SETTINGS));
    // A failure while creating the last of them (as a kill would leave it half-done without one transaction).
    await asOwner(dataSource, async (owner) => {
      await owner.query(`CREATE FUNCTION refuse_pengamat() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
      await owner.query(`CREATE TRIGGER refuse_pengamat BEFORE INSERT ON account FOR EACH ROW
        WHEN (NEW.username = 'pengamat') EXECUTE FUNCTION refuse_pengamat()`);
    });
    await expect(ensure()).rejects.toThrow(/injected failure/);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM account`)).toEqual([{ n: 0 }]);
    expect(await existingDemoAccounts(dataSource)).toEqual([]);

    await asOwner(dataSource, async (owner) => {
      await owner.query(`DROP TRIGGER refuse_pengamat ON account`);
      await owner.query(`DROP FUNCTION refuse_pengamat()`);
    });
    expect(await ensure()).toBe(true);
    expect((await existingDemoAccounts(dataSource)).map((account) => account.username)).toEqual(['admin', 'koordinator', 'pengamat']);
    expect(await ensure()).toBe(false);

    // The banner offers only accounts that can sign in.
    await asOwner(dataSource, (owner) => owner.query(`UPDATE account SET disabled_at = now() WHERE username = 'pengamat'`));
    expect((await existingDemoAccounts(dataSource)).map((account) => account.username)).toEqual(['admin', 'koordinator']);
  }, 120_000);
});
