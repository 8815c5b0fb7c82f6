import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite (PostgreSQL compiled to WebAssembly) served on a private Unix socket, so the application talks to it with
 * the same `pg` driver, SQL and migrations as to a PostgreSQL server.
 *
 * PGlite is a single database session. The caller must connect with a pool of exactly one connection: a transaction
 * then holds the only connection until it commits or rolls back, and the next unit of work waits its turn. (Sharing
 * the session between concurrent transactions, as a driver that calls PGlite directly would, lets one transaction's
 * rollback undo another's writes, or a rolled-back write survive.)
 */
export interface EmbeddedPostgres {
  /** Directory holding the socket; pass it to `pg` as `host`. */
  socketDirectory: string;
  port: number;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string | null): Promise<EmbeddedPostgres> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { btree_gist } });
  const socketDirectory = await mkdtemp(join(tmpdir(), 'peksos-pglite-'));
  const port = 5432;
  const server = new PGLiteSocketServer({ db: pglite, path: join(socketDirectory, `.s.PGSQL.${port}`) });
  await server.start();

  let stopped = false;
  return {
    socketDirectory,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      // Closing PGlite flushes a persisted data directory to disk.
      await pglite.close();
      await rm(socketDirectory, { recursive: true, force: true });
    },
  };
}
