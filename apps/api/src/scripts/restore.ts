/**
 * pnpm restore <backup file>: puts a backup made by pnpm backup in place of the embedded data directory
 * (PEKSOS_DATA_DIR, default .data/pglite), after checking it. Stop the server first: a restore under a running server
 * is refused. The directory it replaces is moved aside to <dir>.before-restore-<time>, not deleted.
 */
import { resolve } from 'node:path';
import { restoreEmbeddedDatabase } from '@peksos/db';
import { loadConfig } from '../config.js';
import { runCommand } from './run-command.js';

async function run(args: string[]): Promise<number> {
  const config = loadConfig();
  const [file] = args;
  if (!file) throw new Error('Give the backup file: pnpm restore <file.tar.gz>');
  if (config.database.kind !== 'embedded' || !config.database.dataDir) {
    throw new Error('pnpm restore restores the embedded database (PEKSOS_DATA_DIR); on PostgreSQL use pg_restore (docs/operating.md)');
  }
  const summary = await restoreEmbeddedDatabase(resolve(file), config.database.dataDir);
  if (summary.movedAside) console.error(`The directory that was there is kept, moved aside: ${summary.movedAside}`);
  console.error(
    `Restored ${file} into ${config.database.dataDir}: checked with amcheck (${summary.check.indexesChecked} indexes, ` +
      `${summary.check.tablesChecked} tables: intact); ${summary.counts.worker ?? 0} workers, ` +
      `${summary.counts.organisation ?? 0} organisations, ${summary.counts.audit_record ?? 0} audit records. Start the server: pnpm start`,
  );
  return 0;
}

runCommand(run);
