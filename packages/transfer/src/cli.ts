#!/usr/bin/env node
import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import {
  DamagedDataDirectoryError,
  DataDirectoryInUseError,
  openDatabase,
  sendCommand,
  serverCommandSocket,
  type DatabaseLocation,
} from '@peksos/db';
import { workforceModule } from '@peksos/schema-workforce';
import { parseTransferArgs, runTransferCommand, TRANSFER_USAGE, UsageError } from './commands.js';

/**
 * `pnpm run import …` and `pnpm run export …`. On PostgreSQL, or on an embedded data directory no server owns, the
 * command opens the database itself. While a server owns the embedded directory, the command runs through that
 * server's private command socket instead (@peksos/db command-socket.ts), so nothing opens the directory twice.
 */
function databaseLocation(env: NodeJS.ProcessEnv): DatabaseLocation {
  if (env.DATABASE_URL) {
    if (env.PEKSOS_DATA_DIR) throw new UsageError('Set either DATABASE_URL (PostgreSQL) or PEKSOS_DATA_DIR (embedded), not both');
    return { kind: 'postgres', url: env.DATABASE_URL };
  }
  const dataDir = env.PEKSOS_DATA_DIR ?? '.data/pglite';
  return { kind: 'embedded', dataDir: dataDir === 'memory' ? null : resolve(dataDir) };
}

/** The command line with its file paths made absolute and --output taken out (the output file is written here). */
function prepareArgs(argv: string[]): { args: string[]; output: string | null } {
  const { positionals } = parseTransferArgs(argv);
  const args: string[] = [];
  let output: string | null = null;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--output' || arg === '-o') {
      output = resolve(argv[index + 1] ?? '');
      index += 1;
    } else if (arg.startsWith('--output=')) {
      output = resolve(arg.slice('--output='.length));
    } else if (positionals[0] === 'import' && arg === positionals[1]) {
      args.push(resolve(arg));
    } else {
      args.push(arg);
    }
  }
  return { args, output };
}

async function main(argv: string[]): Promise<number> {
  const { args, output } = prepareArgs(argv);
  const location = databaseLocation(process.env);
  const file = output ? createWriteStream(output) : null;
  const stdout: Writable = file ?? process.stdout;
  try {
    const socket = location.kind === 'embedded' && location.dataDir ? await serverCommandSocket(location.dataDir) : null;
    if (socket) {
      process.stderr.write(`${socket.owner.description} (pid ${socket.owner.pid}) has the database open: the command runs through it.\n`);
      return await sendCommand(socket.path, { command: 'transfer', args, user: userInfo().username }, { stdout, stderr: process.stderr });
    }
    return await runTransferCommand(args, {
      stdout,
      stderr: process.stderr,
      actorLabel: `cli:${userInfo().username}`,
      timeZone: process.env.PEKSOS_TIME_ZONE ?? 'Asia/Jakarta',
      async withDataSource(work) {
        const database = await openDatabase({
          location,
          entities: workforceModule.entities,
          migrations: workforceModule.migrations,
          poolSize: 2,
          embedded: { owner: { kind: 'command', description: `the command pnpm run ${argv.join(' ')}` } },
        });
        try {
          const [{ exists }] = (await database.dataSource.query(`SELECT to_regclass('public.worker') IS NOT NULL AS exists`)) as [{ exists: boolean }];
          if (!exists) throw new UsageError('The database has no registry tables yet: start the server once (pnpm start) to create them.');
          return await work(database.dataSource);
        } finally {
          await database.close();
        }
      },
    });
  } finally {
    if (file) await new Promise<void>((resolveClosed) => file.end(() => resolveClosed()));
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`${(error as Error).message}\n\n${TRANSFER_USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof DataDirectoryInUseError || error instanceof DamagedDataDirectoryError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
