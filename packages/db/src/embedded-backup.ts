import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { checkDatabaseFiles, pgliteRunner, type DataCheckResult, type SqlRunner } from './data-directory-check.js';
import { acquireDataDirectory, currentOwner, DataDirectoryInUseError, OWNER_FILE } from './data-directory-owner.js';
import { DamagedDataDirectoryError, openPGlite, type EmbeddedPostgres } from './embedded-postgres.js';

/**
 * Backups of the embedded database: a copy of its data directory as a gzipped tar (PGlite's `dumpDataDir`), taken
 * while the one connection is held (so no transaction is half-way) and after a CHECKPOINT, and checked with amcheck
 * first, so a backup is never taken of a damaged directory. A restore unpacks it into a fresh directory, lets
 * PostgreSQL recover it, checks it, and only then puts it in place; the directory it replaces is moved aside, never
 * deleted.
 *
 * Why a copy of the files rather than pg_dump (@electric-sql/pglite-tools): it restores exactly (sequences,
 * migrations table, audit log ids) in seconds, with no second WASM module to load. Its limit: a backup opens only with
 * the PGlite version of the same PostgreSQL major version (PGlite 0.5 is PostgreSQL 17), as any PostgreSQL data
 * directory does. On PostgreSQL, use pg_dump (docs/operating.md).
 */

/** Row counts of every table of the public schema, for a backup's and a restore's report. */
export async function tableCounts(sql: SqlRunner): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  if (tables.length === 0) return {};
  const [counts] = await sql<Record<string, number>>(
    `SELECT ${tables.map((table) => `(SELECT count(*) FROM ${table.name})::int AS ${table.name}`).join(', ')}`,
  );
  return counts ?? {};
}

export interface BackupSummary {
  bytes: number;
  check: DataCheckResult;
  counts: Record<string, number>;
}

/**
 * Writes a backup of an open embedded database to `out`. `sql` must run on the session's one connection, held by the
 * caller for the whole backup (outside any transaction), so nothing changes while the files are copied.
 */
export async function backupEmbeddedDatabase(embedded: EmbeddedPostgres, sql: SqlRunner, out: Writable): Promise<BackupSummary> {
  await sql('CHECKPOINT');
  const check = await checkDatabaseFiles(sql);
  if (check.problems.length > 0) throw new DamagedDataDirectoryError(embedded.lease?.dataDir ?? 'memory', check.problems);
  const counts = await tableCounts(sql);
  const dump = await embedded.dump();
  const bytes = Buffer.from(await dump.arrayBuffer());
  await new Promise<void>((resolveWritten, rejectWritten) => out.write(bytes, (error) => (error ? rejectWritten(error) : resolveWritten())));
  return { bytes: bytes.length, check, counts };
}

export interface RestoreSummary {
  check: DataCheckResult;
  counts: Record<string, number>;
  /** Where the directory that was in the way went, if there was one. */
  movedAside: string | null;
}

/**
 * Restores a backup into `dataDir`. Refuses while any live process owns `dataDir` (stop the server first). The
 * backup is unpacked into a new sibling directory and checked there; a directory already at `dataDir` is then renamed
 * to `<dataDir>.before-restore-<time>`, and the restored one takes its place.
 */
export async function restoreEmbeddedDatabase(backupFile: string, dataDir: string): Promise<RestoreSummary> {
  const owner = await currentOwner(dataDir);
  if (owner) throw new DataDirectoryInUseError(dataDir, owner);

  await mkdir(dirname(dataDir), { recursive: true });
  const staging = join(dirname(dataDir), `.${basename(dataDir)}.restoring-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  let summary: Omit<RestoreSummary, 'movedAside'>;
  try {
    const pglite = await openPGlite(staging, new Blob([await readFile(backupFile)])).catch((error: unknown) => {
      throw error instanceof DamagedDataDirectoryError
        ? error
        : new DamagedDataDirectoryError(backupFile, [`the backup cannot be opened: ${(error as Error).message}`]);
    });
    try {
      const sql = pgliteRunner(pglite);
      const check = await checkDatabaseFiles(sql);
      if (check.problems.length > 0) throw new DamagedDataDirectoryError(backupFile, check.problems);
      summary = { check, counts: await tableCounts(sql) };
    } finally {
      await pglite.close();
    }
    // The backup holds the owner file of the process that took it: it names no owner of this copy.
    for (const name of await readdir(staging)) {
      if (name.startsWith(OWNER_FILE)) await rm(join(staging, name), { force: true });
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }

  let movedAside: string | null = null;
  if (existsSync(dataDir)) {
    // Owning it for the move: a server that starts meanwhile is refused, or refuses us.
    const lease = await acquireDataDirectory(dataDir, { kind: 'command', description: 'the command pnpm restore' }, { waitForStoppingMs: 0 });
    movedAside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(dataDir, movedAside);
    lease.abandon();
    await rm(join(movedAside, OWNER_FILE), { force: true });
  }
  await rename(staging, dataDir);
  return { ...summary, movedAside };
}

/**
 * Checks a data directory no process is using (taking ownership meanwhile): amcheck on every index and table, and
 * each table's row count. For tests and for looking at a directory after an incident.
 */
export async function inspectDataDirectory(dataDir: string): Promise<{ check: DataCheckResult; counts: Record<string, number> }> {
  const lease = await acquireDataDirectory(dataDir, { kind: 'command', description: 'a check of the data directory' }, { waitForStoppingMs: 0 });
  try {
    const pglite = await openPGlite(dataDir);
    try {
      const sql = pgliteRunner(pglite);
      return { check: await checkDatabaseFiles(sql), counts: await tableCounts(sql) };
    } finally {
      await pglite.close();
    }
  } finally {
    await lease.release();
  }
}
