import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One process at a time owns an embedded data directory. PGlite is PostgreSQL in one process, with no shared memory
 * or locks between processes: two processes on one directory each write their own view of the files and damage it
 * (issue 15 found lost rows, duplicate keys and broken indexes). So every process that opens the directory (the
 * server, `pnpm admin`, `pnpm run import`, `pnpm backup`) first takes ownership here, and gives it back after
 * PGlite has closed the files.
 *
 * How: the owner file `peksos-owner.json` in the data directory, created with O_EXCL, naming the process (pid, its
 * start time, what it is, since when, its state). A process that finds the file checks that its owner still lives:
 * - `kill(pid, 0)` says whether a process with that pid exists;
 * - on Linux, the process's start time (`/proc/<pid>/stat`) and the boot id tell a reused pid from the owner (after a
 *   kill -9 and a container restart the new server often gets the old one's pid);
 * so a kill -9 never blocks the next start, and a live owner is never taken over. A stale file is replaced under a
 * short-lived guard file, so two processes that find the same stale owner cannot both take it over.
 *
 * Why not `proper-lockfile`: it tells a stale lock by its age, refreshed by a timer on the event loop. PGlite runs on
 * the event loop's thread, and one long statement (a large import) blocks it for seconds, so a live server's lock
 * would look stale and a second process would take it over: the very damage this prevents. Nor does it record who
 * holds the lock, which the refusal must say.
 *
 * The directory must be on a local file system of this machine (as PostgreSQL's own data directory must).
 */

export const OWNER_FILE = 'peksos-owner.json';

export type OwnerKind = 'server' | 'command';
export type OwnerState = 'opening' | 'serving' | 'stopping';

export interface DataDirectoryOwner {
  pid: number;
  /** When the process started, in clock ticks since boot (Linux), or null where unknown. */
  processStart: string | null;
  /** The kernel's boot id (Linux): a file written before a reboot names a process that is gone. */
  bootId: string | null;
  kind: OwnerKind;
  /** What the process is, for people: "the API server on http://127.0.0.1:4000", "pnpm run import workers.csv". */
  description: string;
  /** When it took the directory (ISO 8601). */
  since: string;
  state: OwnerState;
  /** The server's private command socket, through which commands run while it serves (see operator-commands). */
  commandSocket?: string | null;
}

export interface OwnerIdentity {
  kind: OwnerKind;
  description: string;
}

export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirectoryOwner,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by ${describeOwner(owner)}. ` +
        (owner.kind === 'server'
          ? owner.state === 'stopping'
            ? 'It is still closing the database: wait for it to exit, then try again.'
            : owner.state === 'opening'
              ? 'It is starting: try again in a moment (or stop it first, kill -TERM ' + owner.pid + ').'
              : `Use that server, or stop it first (Ctrl+C in its terminal, or kill -TERM ${owner.pid}) and try again. ` +
              'To run a second server, give it a data directory of its own (PEKSOS_DATA_DIR).'
          : `Wait for that command to finish (or stop it: kill -TERM ${owner.pid}), then try again.`),
    );
    this.name = 'DataDirectoryInUseError';
  }
}

/** "the API server on http://… (pid 4711, since 2026-12-01 10:02:03, stopping)". */
export function describeOwner(owner: DataDirectoryOwner): string {
  const since = owner.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `${owner.description} (pid ${owner.pid}, since ${since}${owner.state === 'serving' ? '' : `, ${owner.state}`})`;
}

/** What a process holds while it owns a directory. */
export interface DataDirectoryLease {
  dataDir: string;
  owner: DataDirectoryOwner;
  /**
   * False when the previous owner died without giving the directory back (kill -9, a crash, power loss): the
   * files are as PostgreSQL leaves them in a crash, so the opener checks them (embedded-postgres.ts).
   */
  previousStopWasClean: boolean;
  /** Records a new state or command socket in the owner file. */
  update(patch: Partial<Pick<DataDirectoryOwner, 'state' | 'commandSocket' | 'description'>>): Promise<void>;
  /** Gives the directory back: call only after PGlite has closed its files. */
  release(): Promise<void>;
  /**
   * Lets go without giving the directory back: the owner file stays, naming this process, so whoever opens it next
   * (after this process has exited) treats it as not cleanly stopped and checks it. For a directory found damaged.
   */
  abandon(): void;
}

export interface AcquireOptions {
  /** How long to wait for an owner that is stopping (closing the database) before refusing. */
  waitForStoppingMs?: number;
  /**
   * How long a live owner that is not stopping is watched before the refusal, in case it is about to (a supervisor
   * sends SIGTERM and starts the next process at once; the old one needs a moment to say it is stopping).
   */
  settleMs?: number;
  /** Told once when the wait for a stopping owner begins. */
  onWait?: (owner: DataDirectoryOwner) => void;
}

const TAKEOVER_GUARD_STALE_MS = 10_000;
const DEFAULT_SETTLE_MS = 2_000;
/** The directories this process owns: an owner file naming this very process is ours only if listed here. */
const heldHere = new Set<string>();
/** An owner file that stays unreadable this long was left half-written by a process that died creating it. */
const UNREADABLE_STALE_MS = 5_000;

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks after boot; null where there is no /proc. */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process an owner file names is still running (the very process, not a later one with its pid). */
export function ownerIsAlive(owner: DataDirectoryOwner): boolean {
  const currentBoot = bootId();
  if (owner.bootId && currentBoot && owner.bootId !== currentBoot) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (owner.processStart) {
    const start = processStartOf(owner.pid);
    if (start !== null && start !== owner.processStart) return false;
  }
  return true;
}

/** This process, as an owner file names it. */
export function currentProcessOwner(identity: OwnerIdentity): DataDirectoryOwner {
  return {
    pid: process.pid,
    processStart: processStartOf(process.pid),
    bootId: bootId(),
    kind: identity.kind,
    description: identity.description,
    since: new Date().toISOString(),
    state: 'opening',
    commandSocket: null,
  };
}

function parseOwner(text: string): DataDirectoryOwner | null {
  try {
    const owner = JSON.parse(text) as DataDirectoryOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : null;
  } catch {
    return null;
  }
}

/** The owner file's text and parsed content; null when there is no file. */
async function readOwnerFile(file: string): Promise<{ text: string; owner: DataDirectoryOwner | null } | null> {
  try {
    const text = await readFile(file, 'utf8');
    return { text, owner: parseOwner(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The live owner of a data directory, or null when nobody owns it (or its owner died). */
export async function currentOwner(dataDir: string): Promise<DataDirectoryOwner | null> {
  const found = await readOwnerFile(join(dataDir, OWNER_FILE));
  return found?.owner && ownerIsAlive(found.owner) ? found.owner : null;
}

/**
 * Refuses early, before a server loads anything, when a live owner that is not stopping has the directory (after
 * watching it for `settleMs`, as acquireDataDirectory does). Taking the directory is still acquireDataDirectory's job.
 */
export async function assertNotOwned(dataDir: string, settleMs = DEFAULT_SETTLE_MS): Promise<void> {
  const until = Date.now() + settleMs;
  for (;;) {
    const owner = await currentOwner(dataDir);
    if (!owner || owner.state === 'stopping') return;
    if (Date.now() >= until) throw new DataDirectoryInUseError(dataDir, owner);
    await sleep(100);
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o644 });
  await rename(temporary, file);
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/**
 * Replaces a stale owner file with ours, unless another process got there first: under a guard file created with
 * O_EXCL, the owner file must still hold exactly the stale text we judged.
 */
async function takeOver(file: string, staleText: string, ours: string): Promise<boolean> {
  const guard = `${file}.takeover`;
  try {
    await (await open(guard, 'wx')).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A guard left by a process that died in the middle of a takeover (a few microseconds' window) goes after a while.
    const age = await stat(guard).then((info) => Date.now() - info.mtimeMs, () => 0);
    if (age > TAKEOVER_GUARD_STALE_MS) await rm(guard, { force: true });
    return false;
  }
  try {
    const now = await readOwnerFile(file);
    if (now === null || now.text !== staleText) return false;
    await writeAtomically(file, ours);
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}

/**
 * Takes ownership of a data directory, or throws DataDirectoryInUseError naming the live owner. An owner that is
 * stopping is waited for (up to `waitForStoppingMs`), so a restart right after SIGTERM opens the directory only once
 * the old process has closed it.
 */
export async function acquireDataDirectory(
  dataDir: string,
  identity: OwnerIdentity,
  options: AcquireOptions = {},
): Promise<DataDirectoryLease> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, OWNER_FILE);
  const owner = currentProcessOwner(identity);
  const deadline = Date.now() + (options.waitForStoppingMs ?? 120_000);
  const settleUntil = Date.now() + (options.settleMs ?? DEFAULT_SETTLE_MS);
  let waitAnnounced = false;
  let unreadableSince: number | null = null;
  let previousStopWasClean = true;

  for (;;) {
    const text = `${JSON.stringify(owner, null, 2)}\n`;
    try {
      const handle = await open(file, 'wx', 0o644);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const found = await readOwnerFile(file);
    if (found === null) continue; // given back meanwhile: try again
    if (found.owner === null) {
      // Being written by a process that has just created it, or left half-written by one that died doing so.
      unreadableSince ??= Date.now();
      if (Date.now() - unreadableSince < UNREADABLE_STALE_MS) {
        await sleep(100);
        continue;
      }
    } else if (ownerIsAlive(found.owner)) {
      const isThisProcess = found.owner.pid === process.pid && found.owner.processStart === owner.processStart;
      if (isThisProcess && heldHere.has(file)) throw new DataDirectoryInUseError(dataDir, found.owner);
      if (isThisProcess) {
        // Written by an earlier process that had our pid (where start times are unknown): stale.
      } else if (found.owner.state === 'stopping' && Date.now() < deadline) {
        if (!waitAnnounced) options.onWait?.(found.owner);
        waitAnnounced = true;
        await sleep(200);
        continue;
      } else if (found.owner.state !== 'stopping' && Date.now() < settleUntil) {
        await sleep(100);
        continue;
      } else {
        throw new DataDirectoryInUseError(dataDir, found.owner);
      }
    }
    // The owner died without giving the directory back.
    if (await takeOver(file, found.text, text)) {
      previousStopWasClean = false;
      break;
    }
    await sleep(50);
  }

  heldHere.add(file);
  let released = false;
  return {
    dataDir,
    owner,
    previousStopWasClean,
    async update(patch) {
      if (released) return;
      Object.assign(owner, patch);
      await writeAtomically(file, `${JSON.stringify(owner, null, 2)}\n`);
    },
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      // Only our own file: never remove one a later owner wrote (it cannot exist while we live, but be exact).
      const found = await readOwnerFile(file);
      if (found?.owner?.pid === owner.pid && found.owner.processStart === owner.processStart) await rm(file, { force: true });
    },
    abandon() {
      released = true;
      heldHere.delete(file);
    },
  };
}
