import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import {
  acquireDataDirectory,
  currentProcessOwner,
  DataDirectoryInUseError,
  OWNER_FILE,
  processStartOf,
  type DataDirectoryOwner,
} from './data-directory-owner.js';
import { DamagedDataDirectoryError, removeAbandonedSocketFolders, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * One owner per embedded data directory: a live owner is refused with its name, a dead one (kill -9) never blocks,
 * a reused pid is told from the owner, an owner that is stopping is waited for, and a damaged directory is refused.
 * Other processes are real processes (a sleeping node), their owner files written as they would write them.
 */
describe('embedded data directory ownership', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  const temporaryDirectory = async () => {
    const directory = await mkdtemp(join(tmpdir(), 'peksos-owner-test-'));
    cleanups.push(() => rm(directory, { recursive: true, force: true }));
    return directory;
  };

  /** A live process of another program, and a way to end it. */
  const otherProcess = (): ChildProcess => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    cleanups.push(async () => child.kill('SIGKILL'));
    return child;
  };
  const exited = (child: ChildProcess) => new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  /** The owner file a process with this pid would have written. */
  const ownerFileOf = (pid: number, patch: Partial<DataDirectoryOwner> = {}): string =>
    JSON.stringify({
      ...currentProcessOwner({ kind: 'server', description: 'the API server on http://127.0.0.1:4000' }),
      pid,
      processStart: processStartOf(pid),
      state: 'serving',
      ...patch,
    });

  it('refuses a second opener at once, naming the owner, and lets the next one in after release', async () => {
    const dataDir = await temporaryDirectory();
    const lease = await acquireDataDirectory(dataDir, { kind: 'server', description: 'the API server on http://127.0.0.1:4000' });
    expect(lease.previousStopWasClean).toBe(true);
    await lease.update({ state: 'serving' });

    const started = Date.now();
    // Refused once the owner has had a moment (settleMs, 2 s by default) to say it is stopping; here none.
    const refusal = await acquireDataDirectory(dataDir, { kind: 'command', description: 'the command import' }, { settleMs: 0 }).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DataDirectoryInUseError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((refusal as Error).message).toContain(`the API server on http://127.0.0.1:4000 (pid ${process.pid}, since `);
    expect((refusal as Error).message).toContain(`kill -TERM ${process.pid}`);

    await lease.release();
    const next = await acquireDataDirectory(dataDir, { kind: 'command', description: 'the command import' });
    expect(next.previousStopWasClean).toBe(true);
    await next.release();
    await expect(stat(join(dataDir, OWNER_FILE))).rejects.toThrow();
  });

  it('refuses while another live process owns it', async () => {
    const dataDir = await temporaryDirectory();
    const other = otherProcess();
    await writeFile(join(dataDir, OWNER_FILE), ownerFileOf(other.pid!));
    const refusal = await acquireDataDirectory(dataDir, { kind: 'server', description: 'a second server' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DataDirectoryInUseError);
    expect((refusal as DataDirectoryInUseError).owner.pid).toBe(other.pid);
  });

  it('takes over from an owner killed with kill -9, and says the stop was not clean', async () => {
    const dataDir = await temporaryDirectory();
    const other = otherProcess();
    await writeFile(join(dataDir, OWNER_FILE), ownerFileOf(other.pid!));
    other.kill('SIGKILL');
    await exited(other);
    const lease = await acquireDataDirectory(dataDir, { kind: 'server', description: 'the restarted server' });
    expect(lease.previousStopWasClean).toBe(false);
    expect(JSON.parse(await readFile(join(dataDir, OWNER_FILE), 'utf8')).pid).toBe(process.pid);
    await lease.release();
  });

  it.skipIf(processStartOf(process.pid) === null)('tells a reused pid from the owner by its start time (Linux)', async () => {
    const dataDir = await temporaryDirectory();
    // A live process (this one) has the pid the file names, but it started at another time: the owner is gone.
    const other = otherProcess();
    await writeFile(join(dataDir, OWNER_FILE), ownerFileOf(other.pid!, { processStart: '1' }));
    const lease = await acquireDataDirectory(dataDir, { kind: 'server', description: 'server' });
    expect(lease.previousStopWasClean).toBe(false);
    await lease.release();
  });

  it('waits for an owner that is still closing the database, then opens', async () => {
    const dataDir = await temporaryDirectory();
    const other = otherProcess();
    await writeFile(join(dataDir, OWNER_FILE), ownerFileOf(other.pid!, { state: 'stopping' }));
    const waitedFor: number[] = [];
    const acquiring = acquireDataDirectory(dataDir, { kind: 'server', description: 'restart' }, {
      waitForStoppingMs: 20_000,
      onWait: (owner) => waitedFor.push(owner.pid),
    });
    await new Promise((resolveWait) => setTimeout(resolveWait, 700));
    // The old server finishes closing: it removes its file and exits.
    await rm(join(dataDir, OWNER_FILE));
    other.kill('SIGTERM');
    const lease = await acquiring;
    expect(waitedFor).toEqual([other.pid]);
    expect(lease.previousStopWasClean).toBe(true);
    await lease.release();
  });

  it('waits when the owner says it is stopping a moment after the new process looked (a supervisor restart)', async () => {
    const dataDir = await temporaryDirectory();
    const other = otherProcess();
    await writeFile(join(dataDir, OWNER_FILE), ownerFileOf(other.pid!, { state: 'serving' }));
    const acquiring = acquireDataDirectory(dataDir, { kind: 'server', description: 'restart' });
    await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    await writeFile(join(dataDir, OWNER_FILE), ownerFileOf(other.pid!, { state: 'stopping' }));
    await new Promise((resolveWait) => setTimeout(resolveWait, 2_500));
    await rm(join(dataDir, OWNER_FILE));
    other.kill('SIGTERM');
    const lease = await acquiring;
    expect(lease.previousStopWasClean).toBe(true);
    await lease.release();
  });

  it('refuses an owner that is stopping for longer than the wait', async () => {
    const dataDir = await temporaryDirectory();
    const other = otherProcess();
    await writeFile(join(dataDir, OWNER_FILE), ownerFileOf(other.pid!, { state: 'stopping' }));
    const refusal = await acquireDataDirectory(dataDir, { kind: 'server', description: 'restart' }, { waitForStoppingMs: 500 }).catch(
      (error: unknown) => error,
    );
    expect((refusal as Error).message).toMatch(/still closing the database/);
  });

  it('removes the socket folders of processes that are gone, and only those', async () => {
    const directory = await temporaryDirectory();
    const dead = otherProcess();
    dead.kill('SIGKILL');
    await exited(dead);
    const live = otherProcess();
    for (const [name, pid] of [['peksos-pglite-dead', dead.pid!], ['peksos-pglite-live', live.pid!]] as const) {
      await mkdir(join(directory, name));
      await writeFile(join(directory, name, 'owner.json'), ownerFileOf(pid));
      await writeFile(join(directory, name, '.s.PGSQL.5432'), '');
    }
    expect(await removeAbandonedSocketFolders(directory)).toBe(1);
    await expect(stat(join(directory, 'peksos-pglite-dead'))).rejects.toThrow();
    expect((await stat(join(directory, 'peksos-pglite-live'))).isDirectory()).toBe(true);
  });

  // PGlite takes 3 to 10 s to open a directory on a busy machine; these tests open it two or three times.
  describe('a damaged directory', { timeout: 120_000 }, () => {
    /** A directory with a table and its index, cleanly closed; returns the index's file. */
    const directoryWithData = async () => {
      const dataDir = join(await temporaryDirectory(), 'pglite');
      const pglite = await PGlite.create({ dataDir });
      await pglite.exec(`CREATE TABLE probe (id int PRIMARY KEY, name text); INSERT INTO probe SELECT g, 'row ' || g FROM generate_series(1, 2000) g`);
      const [{ path }] = (await pglite.query<{ path: string }>(`SELECT pg_relation_filepath('probe_pkey') AS path`)).rows as [{ path: string }];
      await pglite.close();
      return { dataDir, indexFile: join(dataDir, path) };
    };
    const overwrite = async (file: string, offset: number, length: number) => {
      const bytes = await readFile(file);
      bytes.fill(0x41, offset, offset + length);
      await writeFile(file, bytes);
    };

    it('is found by amcheck after an unclean stop, and refused', async () => {
      const { dataDir, indexFile } = await directoryWithData();
      await overwrite(indexFile, 8192 + 200, 200);
      // After a clean stop no check runs (it would cost every start); `always` finds the damage.
      const unchecked = await startEmbeddedPostgres(dataDir, { owner: { kind: 'command', description: 'test' } });
      expect(unchecked.startCheck).toBeNull();
      await unchecked.stop();
      const refusal = await startEmbeddedPostgres(dataDir, { check: 'always' }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DamagedDataDirectoryError);
      expect((refusal as Error).message).toMatch(/index probe_pkey: .*invalid page/);
      expect((refusal as Error).message).toMatch(/pnpm restore/);

      // The refusal left the directory marked as not cleanly stopped: the next start checks it and refuses again.
      const again = await startEmbeddedPostgres(dataDir).catch((error: unknown) => error);
      expect(again).toBeInstanceOf(DamagedDataDirectoryError);
    });

    it('is refused when PGlite cannot open it', async () => {
      const { dataDir } = await directoryWithData();
      await overwrite(join(dataDir, 'global', 'pg_control'), 0, 64);
      const refusal = await startEmbeddedPostgres(dataDir).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DamagedDataDirectoryError);
      expect((refusal as Error).message).toMatch(/cannot open it/);
    });

    it('passes the check when intact, after an unclean stop', async () => {
      const { dataDir } = await directoryWithData();
      const gone = otherProcess();
      gone.kill('SIGKILL');
      await exited(gone);
      await writeFile(join(dataDir, OWNER_FILE), ownerFileOf(gone.pid!));
      const embedded = await startEmbeddedPostgres(dataDir);
      expect(embedded.startCheck?.problems).toEqual([]);
      expect(embedded.startCheck?.indexesChecked).toBeGreaterThan(100);
      await embedded.stop();
    });
  });
});
