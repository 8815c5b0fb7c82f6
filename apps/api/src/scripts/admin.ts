/**
 * Administration from the server's shell, for what must work before anyone can sign in:
 *
 *   pnpm admin create-admin --username siti [--display-name "Siti Rahayu"]   (password from PEKSOS_ADMIN_PASSWORD or stdin)
 *   pnpm admin api-key create --name "PKH Cimahi Utara" --organisation <id or code> [--organisation …]
 *   pnpm admin api-key revoke <key id>
 *   pnpm admin api-key list
 *   pnpm admin areas load          (also pnpm areas:load: Indonesia's official areas)
 *
 * It uses the database of the server's configuration (DATABASE_URL or PEKSOS_DATA_DIR), applying migrations first.
 * While a server owns the embedded database, the command runs through that server (operator/commands.ts), which
 * alone may open the directory. Changes are recorded in the audit log as made by `cli:<user of the shell>`.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { migrate, openDatabase, sendCommand, serverCommandSocket } from '@peksos/db';
import { loadConfig } from '../config.js';
import { loadServerModules } from '../graphql/modules.js';
import { AdminCommandError, adminCommandNeedsPassword, runAdminCommand } from '../operator/admin-command.js';
import { runCommand } from './run-command.js';

async function readPassword(): Promise<string> {
  if (process.env.PEKSOS_ADMIN_PASSWORD) return process.env.PEKSOS_ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password (at least 10 characters; input is shown): ');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new AdminCommandError('No password given: set PEKSOS_ADMIN_PASSWORD or write it on standard input');
}

async function run(args: string[]): Promise<number> {
  const config = loadConfig();
  const actorLabel = `cli:${userInfo().username}`;
  const socket =
    config.database.kind === 'embedded' && config.database.dataDir ? await serverCommandSocket(config.database.dataDir) : null;
  if (socket) {
    process.stderr.write(`${socket.owner.description} (pid ${socket.owner.pid}) has the database open: the command runs through it.\n`);
    return sendCommand(
      socket.path,
      { command: 'admin', args, user: userInfo().username, ...(adminCommandNeedsPassword(args) ? { secret: await readPassword() } : {}) },
      { stdout: process.stdout, stderr: process.stderr },
    );
  }

  const modules = await loadServerModules(config.modules);
  const database = await openDatabase({
    location: config.database,
    entities: modules.flatMap((module) => module.entities),
    migrations: modules.flatMap((module) => module.migrations),
    embedded: { owner: { kind: 'command', description: `the command pnpm admin ${args.join(' ')}` } },
  });
  try {
    await migrate(database.dataSource);
    await runAdminCommand(args, { dataSource: database.dataSource, access: config.access, actorLabel, stdout: process.stdout, readPassword });
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(run);
