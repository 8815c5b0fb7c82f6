/**
 * pnpm backup [file]: a consistent copy of the embedded database (docs/operating.md). While a server owns the data
 * directory the copy is taken by that server (through its command socket), otherwise by this command. The default
 * file is backups/peksos-<time>.tar.gz next to the data directory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { openDatabase, sendCommand, serverCommandSocket } from '@peksos/db';
import { loadConfig } from '../config.js';
import { writeBackup } from '../operator/backup.js';
import { runCommand } from './run-command.js';

async function run(args: string[]): Promise<number> {
  const config = loadConfig();
  if (config.database.kind !== 'embedded' || !config.database.dataDir) {
    throw new Error(
      config.database.kind === 'postgres'
        ? 'pnpm backup copies the embedded database; on PostgreSQL use pg_dump (docs/operating.md)'
        : 'PEKSOS_DATA_DIR=memory keeps nothing to back up',
    );
  }
  const dataDir = config.database.dataDir;
  const file = resolve(args[0] ?? join(dirname(dataDir), 'backups', `peksos-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`));
  await mkdir(dirname(file), { recursive: true });
  // Written under a temporary name, renamed when complete: a file named like a backup is a whole backup.
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const closed = () => new Promise<void>((resolveClosed, rejectClosed) => out.end((error?: Error | null) => (error ? rejectClosed(error) : resolveClosed())));
  try {
    const socket = await serverCommandSocket(dataDir);
    if (socket) {
      process.stderr.write(`${socket.owner.description} (pid ${socket.owner.pid}) has the database open: it takes the backup.\n`);
      const code = await sendCommand(socket.path, { command: 'backup', args: [], user: userInfo().username }, { stdout: out, stderr: process.stderr });
      await closed();
      if (code !== 0) throw new Error('No backup written');
    } else {
      const database = await openDatabase({
        location: config.database,
        entities: [],
        migrations: [],
        embedded: { owner: { kind: 'command', description: 'the command pnpm backup' } },
      });
      try {
        await writeBackup(database, out, process.stderr);
      } finally {
        await database.close();
      }
      await closed();
    }
    await rename(partial, file);
    console.log(file);
    return 0;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

runCommand(run);
