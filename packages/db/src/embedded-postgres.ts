import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { checkDatabaseFiles, pgliteRunner, type DataCheckResult } from './data-directory-check.js';
import {
  acquireDataDirectory,
  currentProcessOwner,
  ownerIsAlive,
  type DataDirectoryLease,
  type DataDirectoryOwner,
  type OwnerIdentity,
} from './data-directory-owner.js';

/**
 * PGlite (PostgreSQL compiled to WebAssembly) served on a private Unix socket, so the application talks to it with
 * the same `pg` driver, SQL and migrations as to a PostgreSQL server.
 *
 * PGlite is a single database session. The caller must connect with a pool of exactly one connection: a transaction
 * then holds the only connection until it commits or rolls back, and the next unit of work waits its turn. (Sharing
 * the session between concurrent transactions, as a driver that calls PGlite directly would, lets one transaction's
 * rollback undo another's writes, or a rolled-back write survive.)
 *
 * A data directory has one owner process at a time (data-directory-owner.ts). When the previous owner died without
 * closing it, its files are checked with amcheck before anything is served from them; a directory PGlite cannot open,
 * or whose check finds damage, is refused with DamagedDataDirectoryError.
 */
export interface EmbeddedPostgres {
  /** Directory holding the socket; pass it to `pg` as `host`. Private to this process's user (mode 0700). */
  socketDirectory: string;
  port: number;
  /** The ownership of the data directory; null in memory. */
  lease: DataDirectoryLease | null;
  /** The check run at start after an unclean stop, if one ran. */
  startCheck: DataCheckResult | null;
  /** A consistent copy of the data directory as a gzipped tar (PGlite's dumpDataDir), taken between statements. */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Who opens it, for the owner file and for the refusal a second process gets. */
  owner?: OwnerIdentity;
  /** How long to wait for a previous owner that is still closing the database. */
  waitForStoppingMs?: number;
  onWaitForOwner?: (owner: DataDirectoryOwner) => void;
  /** Check the files with amcheck at start: after an unclean stop (default), always, or never. */
  check?: 'after-unclean-stop' | 'always' | 'never';
}

/** The data directory cannot be served from: PGlite fails to open it, or amcheck found damage. Nothing was written. */
export class DamagedDataDirectoryError extends Error {
  constructor(
    readonly dataDir: string,
    readonly problems: string[],
  ) {
    super(
      `The embedded database in ${dataDir} is damaged, so it is not served (nothing more was written to it):\n` +
        problems.slice(0, 20).map((problem) => `  - ${problem}`).join('\n') +
        (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '') +
        `\nRestore your last backup into a fresh directory: pnpm restore <backup file> (docs/operating.md). ` +
        `The damaged directory is left as it is, for inspection.`,
    );
    this.name = 'DamagedDataDirectoryError';
  }
}

const SOCKET_FOLDER_PREFIX = 'peksos-pglite-';
const SOCKET_FOLDER_OWNER = 'owner.json';
/** Socket folders of an earlier version carry no owner file: they go once they are this old. */
const UNOWNED_SOCKET_FOLDER_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes the socket folders that processes killed with kill -9 left in the temporary directory: those whose owner
 * process is gone. Only folders of this user, and never one whose owner still runs.
 */
export async function removeAbandonedSocketFolders(directory = tmpdir()): Promise<number> {
  let removed = 0;
  const uid = process.getuid?.();
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    if (!name.startsWith(SOCKET_FOLDER_PREFIX)) continue;
    const folder = join(directory, name);
    try {
      const info = await stat(folder);
      if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
      const text = await readFile(join(folder, SOCKET_FOLDER_OWNER), 'utf8').catch(() => null);
      const owner = text ? (JSON.parse(text) as DataDirectoryOwner) : null;
      const abandoned = owner ? !ownerIsAlive(owner) : Date.now() - info.mtimeMs > UNOWNED_SOCKET_FOLDER_AGE_MS;
      if (abandoned) {
        await rm(folder, { recursive: true, force: true });
        removed += 1;
      }
    } catch {
      // Removed by someone else meanwhile, or not ours to read: leave it.
    }
  }
  return removed;
}

/** Opens PGlite, turning a failure to open an existing directory into DamagedDataDirectoryError. */
export async function openPGlite(dataDir: string | null, loadDataDir?: Blob): Promise<PGlite> {
  const existed = dataDir !== null && existsSync(join(dataDir, 'PG_VERSION'));
  try {
    return await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}), extensions: { btree_gist, amcheck } });
  } catch (error) {
    if (!existed) throw error;
    // PGlite reports damage as "RuntimeError: Aborted()" or "PGlite failed to initialize properly".
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new DamagedDataDirectoryError(dataDir!, [
      `PostgreSQL (PGlite) cannot open it (${reason}); it may also have been written by another version of PGlite`,
    ]);
  }
}

export async function startEmbeddedPostgres(dataDir: string | null, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const identity = options.owner ?? { kind: 'command', description: describeThisCommand() };
  await removeAbandonedSocketFolders();
  const lease = dataDir
    ? await acquireDataDirectory(dataDir, identity, {
        ...(options.waitForStoppingMs !== undefined ? { waitForStoppingMs: options.waitForStoppingMs } : {}),
        ...(options.onWaitForOwner ? { onWait: options.onWaitForOwner } : {}),
      })
    : null;

  let pglite: PGlite | null = null;
  let socketDirectory: string | null = null;
  try {
    pglite = await openPGlite(dataDir);
    const check = options.check ?? 'after-unclean-stop';
    let startCheck: DataCheckResult | null = null;
    if (lease && (check === 'always' || (check === 'after-unclean-stop' && !lease.previousStopWasClean))) {
      startCheck = await checkDatabaseFiles(pgliteRunner(pglite));
      if (startCheck.problems.length > 0) throw new DamagedDataDirectoryError(dataDir!, startCheck.problems);
    }

    socketDirectory = await mkdtemp(join(tmpdir(), SOCKET_FOLDER_PREFIX));
    await writeFile(join(socketDirectory, SOCKET_FOLDER_OWNER), JSON.stringify(currentProcessOwner(identity)));
    const port = 5432;
    const server = new PGLiteSocketServer({ db: pglite, path: join(socketDirectory, `.s.PGSQL.${port}`) });
    await server.start();

    const db = pglite;
    const folder = socketDirectory;
    let stopped = false;
    return {
      socketDirectory: folder,
      port,
      lease,
      startCheck,
      async dump() {
        return (await db.dumpDataDir('gzip')) as Blob;
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        // Closing the socket rolls back a transaction its client left open; closing PGlite flushes the files.
        await server.stop();
        await db.close();
        await rm(folder, { recursive: true, force: true });
        await lease?.release();
      },
    };
  } catch (error) {
    await pglite?.close().catch(() => {});
    if (socketDirectory) await rm(socketDirectory, { recursive: true, force: true });
    // A damaged directory stays marked as not cleanly stopped, so it is checked again next time.
    if (error instanceof DamagedDataDirectoryError) lease?.abandon();
    else await lease?.release();
    throw error;
  }
}

/** "node admin.js api-key create …": how a command that opens the database is named to a second process. */
function describeThisCommand(): string {
  const script = process.argv[1]?.split('/').slice(-3).join('/') ?? 'node';
  return `the command ${[script, ...process.argv.slice(2)].join(' ')}`.slice(0, 300);
}
