import type { Writable } from 'node:stream';
import type { CommandHandler, Database } from '@peksos/db';
import { runTransferCommand } from '@peksos/transfer';
import { DomainError } from '@peksos/schema-kit';
import type { ApiConfig } from '../config.js';
import { ADMIN_USAGE, AdminCommandError, runAdminCommand } from './admin-command.js';
import { writeBackup } from './backup.js';

/**
 * The commands an operator may run through the server while it owns the embedded database (docs/operating.md):
 * `pnpm admin …`, `pnpm run import|export …` and `pnpm backup`. They arrive on the server's private command socket
 * (@peksos/db command-socket.ts) and run here exactly as they would in a process of their own, on the server's
 * connection, so they queue with requests instead of opening the directory a second time.
 */
export function operatorCommands(database: Database, config: ApiConfig): CommandHandler {
  return async (request, { stdout, stderr }) => {
    const actorLabel = `cli:${request.user}`;
    switch (request.command) {
      case 'admin':
        try {
          await runAdminCommand(request.args, {
            dataSource: database.dataSource,
            access: config.access,
            actorLabel,
            stdout,
            readPassword: async () => {
              if (!request.secret) throw new AdminCommandError('No password given: set PEKSOS_ADMIN_PASSWORD or write it on standard input');
              return request.secret;
            },
          });
          return 0;
        } catch (error) {
          if (error instanceof AdminCommandError || error instanceof DomainError) return fail(stderr, error.message);
          throw error;
        }
      case 'transfer':
        return runTransferCommand(request.args, {
          withDataSource: (work) => work(database.dataSource),
          stdout,
          stderr,
          actorLabel,
          timeZone: config.timeZone,
        });
      case 'backup':
        await writeBackup(database, stdout, stderr);
        return 0;
      default:
        return fail(stderr, `Unknown command ${request.command}. ${ADMIN_USAGE}`);
    }
  };
}

function fail(stderr: Writable, message: string): number {
  stderr.write(`${message}\n`);
  return 1;
}
