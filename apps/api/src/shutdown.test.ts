import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemContext, withAuditContext } from '@peksos/db';
import { createTestDatabaseLocation, testDatabaseKind } from '@peksos/db/testing';
import { graphql as post, signInAsDemoAdmin, startServerProcess as startProcess } from './testing/processes.js';
import { startTestServer } from './testing/test-server.js';

describe(`shutdown (${testDatabaseKind()})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('finishes the request in flight, refuses new ones, then closes the database', async () => {
    const api = await startTestServer({ dataSet: 'cimahi' });
    cleanups.push(() => api.close());
    const [{ id }] = await api.database.dataSource.query(`SELECT id FROM worker ORDER BY full_name LIMIT 1`);

    // Hold the worker's row (and, on the embedded database, its one connection) so the update waits. As the system:
    // without an actor, row-level security shows no row to lock, and the update would not wait on PostgreSQL.
    let release!: () => void;
    const held = new Promise<void>((resolveHold) => (release = resolveHold));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolveLock) => (locked = resolveLock));
    const holder = withAuditContext(systemContext('shutdown test'), () =>
      api.database.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(`SELECT id FROM worker WHERE id = $1 FOR UPDATE`, [id])) as unknown[];
        expect(rows).toHaveLength(1);
        locked();
        await held;
      }),
    );
    await isLocked;

    const inFlight = api.query<{ updateWorker: { fullName: string } }>(
      `mutation ($id: ID!) { updateWorker(id: $id, input: { fullName: "Sudah Diganti" }) { fullName } }`,
      { id },
    );
    // The stop must find the update in flight (a fixed pause is too short on a busy machine).
    while (api.requestsInFlight() === 0) await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    expect(api.requestsInFlight()).toBe(1);
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
    expect(await first.exited).toBe(0);
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
    expect(await second.exited).toBe(0);
  }, 180_000);
});
