import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PostgreSQL's server programs (initdb, pg_ctl) on this machine, or null where none are installed. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'pg_ctl')) && existsSync(join(bin, 'initdb'))) return bin;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface PrivatePostgres {
  url: string;
  /** The port it listens on (127.0.0.1). */
  port: number;
  start(): Promise<void>;
  /** Stops the server at once, as an outage would (fast shutdown: open sessions are cut). */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL instance of the test's own, in a temporary directory on a free port, so that stopping it disturbs
 * nobody. PostgreSQL refuses to run as root: as root, the programs run as the `postgres` user. With `replicaOf`, a
 * streaming replica (hot standby) of that instance, made with `pg_basebackup -R`; initdb's default pg_hba.conf lets
 * 127.0.0.1 replicate.
 */
export async function createPrivatePostgres(bin: string, options: { replicaOf?: PrivatePostgres } = {}): Promise<PrivatePostgres> {
  const directory = await mkdtemp(join(tmpdir(), 'peksos-pg-'));
  const dataDir = join(directory, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  let uid = 0;
  let gid = 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    uid = Number(stdout.trim());
    gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    await chown(directory, uid, gid);
  }
  const pg = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args]) : run(join(bin, program), args);

  if (options.replicaOf) {
    // A streaming replica: a base backup of the primary, with -R writing standby.signal and primary_conninfo.
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(options.replicaOf.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--no-sync']);
  } else {
    await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  }
  const serverOptions = `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const instance: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: async () => {
      await pg('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', join(directory, 'log'), '-w', 'start']);
    },
    stop: async () => {
      await pg('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
    destroy: async () => {
      await instance.stop().catch(() => {});
      await rm(directory, { recursive: true, force: true });
    },
  };
  await instance.start();
  return instance;
}
