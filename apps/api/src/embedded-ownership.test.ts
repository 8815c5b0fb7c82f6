import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectDataDirectory, OWNER_FILE } from '@peksos/db';
import { testDatabaseKind } from '@peksos/db/testing';
import {
  ADMIN_SCRIPT,
  BACKUP_SCRIPT,
  graphql,
  RESTORE_SCRIPT,
  runCommand,
  signInAsDemoAdmin,
  spawnCollecting,
  startServerProcess,
  serverEnv,
  TRANSFER_CLI,
  waitForServer,
  API_MAIN,
  type ServerProcess,
} from './testing/processes.js';

/** Workers for an import: a header the importer knows, and `count` rows with NIKs of the invented region 32.77.99. */
function workersCsv(count: number, from = 0): string {
  const rows = Array.from({ length: count }, (_, index) => {
    const n = from + index;
    return `32779901019${String(n).padStart(5, '0')},Pekerja Uji ${n},${n % 2 ? 'Perempuan' : 'Laki-laki'},PPPK`;
  });
  return `NIK,Nama lengkap,Jenis kelamin,Status kepegawaian\n${rows.join('\n')}\n`;
}

/**
 * One owner per embedded data directory, seen from outside as an operator sees it: real server processes and
 * commands on a directory of their own. A second server refuses at once; import, export, admin and backup run through
 * the running server; a restart right after SIGTERM waits for the old process; kill -9 blocks nothing; backup and
 * restore make a round trip; and the directory passes amcheck after each. Embedded only: PostgreSQL has no such
 * directory (the PostgreSQL pass skips this file).
 */
describe.skipIf(testDatabaseKind() === 'postgres')('the embedded data directory has one owner (processes)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  const temporaryDirectory = async () => {
    const directory = await mkdtemp(join(tmpdir(), 'peksos-owner-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    return directory;
  };
  const track = (server: ServerProcess) => {
    cleanups.push(async () => {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    });
    return server;
  };

  it('refuses a second server at once, runs the commands through the first, backs up and restores', async () => {
    const directory = await temporaryDirectory();
    const dataDir = join(directory, 'pglite');
    const env = { PEKSOS_DATA_DIR: dataDir };
    const first = track(await startServerProcess(env));
    const owner = JSON.parse(await readFile(join(dataDir, OWNER_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: first.child.pid, kind: 'server', state: 'serving' });

    // A second server: refused before it opens anything, naming the first and what to do.
    const started = Date.now();
    const second = spawnCollecting(process.execPath, [API_MAIN], serverEnv(env));
    expect(await second.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(second.output()).toContain(`in use by the API server on ${first.url} (pid ${first.child.pid}, since `);
    expect(second.output()).toContain(`kill -TERM ${first.child.pid}`);

    // The commands run through the first server.
    const file = join(directory, 'workers.csv');
    await writeFile(file, workersCsv(300));
    const imported = await runCommand(TRANSFER_CLI, ['import', file, '--kind', 'workers', '--apply'], env);
    expect(imported.stderr).toContain(`(pid ${first.child.pid}) has the database open: the command runs through it`);
    expect(imported.stderr).toMatch(/300 baris\/rows: 300 baru\/create/);
    expect(imported.code).toBe(0);

    const exported = await runCommand(TRANSFER_CLI, ['export', '--kind', 'workers', '--format', 'csv', '--output', join(directory, 'out.csv')], env);
    expect(exported.code).toBe(0);
    expect((await readFile(join(directory, 'out.csv'), 'utf8')).trim().split('\n')).toHaveLength(1 + 36 + 300);

    const [{ id: organisationId }] = (await graphql(first.url, '{ organisations(first: 1) { nodes { id } } }', undefined, await signInAsDemoAdmin(first.url)))
      .data!.organisations.nodes;
    const key = await runCommand(ADMIN_SCRIPT, ['api-key', 'create', '--name', 'PKH Uji', '--organisation', organisationId], env);
    expect(key.code).toBe(0);
    expect(key.stdout).toMatch(/^pks_/m);
    const refused = await runCommand(ADMIN_SCRIPT, ['api-key', 'create', '--name', 'X', '--organisation', 'NO-SUCH-CODE'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('No organisation with the id or code NO-SUCH-CODE');
    // The server sees what the commands wrote, at once: they used its own connection.
    const keys = await graphql(first.url, '{ apiKeys { name } }', undefined, await signInAsDemoAdmin(first.url));
    expect(keys.data!.apiKeys.map((apiKey: { name: string }) => apiKey.name)).toContain('PKH Uji');

    const backupFile = join(directory, 'backup.tar.gz');
    const backup = await runCommand(BACKUP_SCRIPT, [backupFile], env);
    expect(backup.code).toBe(0);
    expect(backup.stderr).toMatch(/it takes the backup/);
    expect(backup.stderr).toMatch(/336 workers/);

    // A restore under the running server is refused.
    const underServer = await runCommand(RESTORE_SCRIPT, [backupFile], env);
    expect(underServer.code).toBe(1);
    expect(underServer.stderr).toContain(`(pid ${first.child.pid}`);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, OWNER_FILE))).toBe(false);
    const afterwards = await inspectDataDirectory(dataDir);
    expect(afterwards.check.problems).toEqual([]);
    expect(afterwards.counts.worker).toBe(336);
    expect(afterwards.counts.api_key).toBe(1);

    // Restore into a fresh directory: the same rows, intact.
    const restoredDir = join(directory, 'restored');
    const restored = await runCommand(RESTORE_SCRIPT, [backupFile], { PEKSOS_DATA_DIR: restoredDir });
    expect(restored.code).toBe(0);
    const inRestored = await inspectDataDirectory(restoredDir);
    expect(inRestored.check.problems).toEqual([]);
    expect(inRestored.check.indexesChecked).toBeGreaterThan(100);
    expect(inRestored.counts).toEqual(afterwards.counts);
    expect(existsSync(join(restoredDir, OWNER_FILE))).toBe(false);

    // Restore over the original: it is moved aside, not deleted, and the restored copy serves.
    const over = await runCommand(RESTORE_SCRIPT, [backupFile], env);
    expect(over.code).toBe(0);
    expect((await readdir(directory)).some((name) => name.startsWith('pglite.before-restore-'))).toBe(true);
    const again = track(await startServerProcess(env));
    const workers = await graphql(again.url, '{ workers { totalCount } }', undefined, await signInAsDemoAdmin(again.url));
    expect(workers.data!.workers.totalCount).toBe(336);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 300_000);

  it('a restart right after SIGTERM waits for the old process; kill -9 blocks nothing; the directory stays intact', async () => {
    const directory = await temporaryDirectory();
    const dataDir = join(directory, 'pglite');
    const env = { PEKSOS_DATA_DIR: dataDir };
    const restarts = 3;
    let server = track(await startServerProcess(env));
    const written: string[] = [];
    for (let round = 0; round < restarts; round += 1) {
      const code = `PERAN_${round}`;
      const created = await graphql(
        server.url,
        `mutation ($code: String!) { createProfessionalRole(input: { code: $code, labelId: "Peran", labelEn: "Role" }) { code } }`,
        { code },
        await signInAsDemoAdmin(server.url),
      );
      expect(created.data?.createProfessionalRole.code).toBe(code);
      written.push(code);

      // What a supervisor does: SIGTERM, and start the next one at once.
      const old = server;
      old.child.kill('SIGTERM');
      let oldExitedAt = 0;
      void old.exited.then(() => (oldExitedAt = Date.now()));
      const next = track(await waitForServer(spawnCollecting(process.execPath, [API_MAIN], serverEnv(env))));
      const nextServingAt = Date.now();
      expect(await old.exited).toBe(0);
      expect(oldExitedAt).toBeGreaterThan(0);
      expect(oldExitedAt).toBeLessThanOrEqual(nextServingAt);
      expect(next.output()).not.toMatch(/previous stop was not clean/);
      server = next;
    }

    // kill -9: the next start is not blocked, checks the files, and removes the killed process's socket folder.
    const socketFolderOf = async (pid: number) => {
      for (const name of (await readdir(tmpdir())).filter((entry) => entry.startsWith('peksos-pglite-'))) {
        const owner = await readFile(join(tmpdir(), name, 'owner.json'), 'utf8').catch(() => null);
        if (owner && JSON.parse(owner).pid === pid) return join(tmpdir(), name);
      }
      return null;
    };
    const killedFolder = await socketFolderOf(server.child.pid!);
    expect(killedFolder).not.toBeNull();
    server.child.kill('SIGKILL');
    await server.exited;
    expect(existsSync(killedFolder!)).toBe(true);
    const afterKill = track(await startServerProcess(env));
    expect(afterKill.output()).toMatch(/previous stop was not clean: checked the database files \(\d+ indexes, \d+ tables, \d+ ms\): intact/);
    expect(existsSync(killedFolder!)).toBe(false);
    expect(JSON.parse(await readFile(join(dataDir, OWNER_FILE), 'utf8')).pid).toBe(afterKill.child.pid);

    const roles = await graphql(afterKill.url, '{ professionalRoles(first: 100) { nodes { code } } }', undefined, await signInAsDemoAdmin(afterKill.url));
    expect(roles.data!.professionalRoles.nodes.map((role: { code: string }) => role.code)).toEqual(expect.arrayContaining(written));
    afterKill.child.kill('SIGTERM');
    expect(await afterKill.exited).toBe(0);

    const inspected = await inspectDataDirectory(dataDir);
    expect(inspected.check.problems).toEqual([]);
    expect(inspected.counts.professional_role).toBeGreaterThanOrEqual(7 + restarts);
  }, 300_000);
});
