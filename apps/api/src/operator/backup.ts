import type { Writable } from 'node:stream';
import { asOwner, backupEmbeddedDatabase, type BackupSummary, type Database } from '@peksos/db';

export class BackupRefusedError extends Error {}

/**
 * Writes a backup of the embedded database to `out` (docs/operating.md), holding its one connection meanwhile:
 * requests wait for the copy (about a second for the Cimahi data set), and no transaction is half-way in it.
 */
export async function writeBackup(database: Database, out: Writable, log: Writable): Promise<BackupSummary> {
  const embedded = database.embedded;
  const lease = embedded?.lease;
  if (!embedded || !lease) {
    throw new BackupRefusedError(
      database.location.kind === 'postgres'
        ? 'pnpm backup copies the embedded database; on PostgreSQL use pg_dump (docs/operating.md)'
        : 'An in-memory database keeps nothing to back up',
    );
  }
  // As the tables' owner: CHECKPOINT and amcheck are not for the application role. The one connection is held meanwhile.
  return asOwner(database.dataSource, async (runner) => {
    const summary = await backupEmbeddedDatabase(embedded, (sql) => runner.query(sql), out);
    log.write(
      `Backup of ${lease.dataDir}: ${(summary.bytes / 1024 / 1024).toFixed(1)} MiB, checked with amcheck ` +
        `(${summary.check.indexesChecked} indexes, ${summary.check.tablesChecked} tables: intact), ` +
        `${summary.counts.worker ?? 0} workers, ${summary.counts.organisation ?? 0} organisations, ` +
        `${summary.counts.audit_record ?? 0} audit records.\n`,
    );
    return summary;
  });
}
