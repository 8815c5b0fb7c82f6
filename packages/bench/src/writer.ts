import pg from 'pg';

/**
 * Writes during a run (`pnpm bench --writes-per-second N`): N committed transactions a second, each touching one
 * worker row (`phone = phone`, which changes no answer of the bench). Each commit bumps the workforce version, as any
 * change through the API does, so the API's cached coverage answers are computed afresh once after every write: the
 * run then measures the cache as an office that keeps working sees it, not only its hits. The write goes straight to
 * the database (the bench signs in as a viewer, who may not write); the triggers that bump the version are the ones
 * every writer passes through.
 */
export interface Writer {
  /** Stops writing; resolves to the number of transactions committed. */
  stop(): Promise<number>;
}

const WORKERS_WRITTEN = 1_000;

export async function startWriter(databaseUrl: string, perSecond: number): Promise<Writer> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'peksos-bench-writer' });
  await client.connect();
  const ids = ((await client.query(`SELECT id FROM worker ORDER BY id LIMIT ${WORKERS_WRITTEN}`)).rows as { id: string }[]).map((row) => row.id);
  if (ids.length === 0) throw new Error('The bench database has no worker to write: run pnpm seed:national first');
  let running = true;
  let committed = 0;
  const interval = 1000 / perSecond;
  const started = performance.now();
  let failure: unknown = null;
  const loop = (async () => {
    while (running) {
      await client.query(`UPDATE worker SET phone = phone WHERE id = $1`, [ids[committed % ids.length]]);
      committed++;
      // On schedule (N a second from the start), not N a second plus the time each write took.
      const wait = started + committed * interval - performance.now();
      if (wait > 0) await new Promise((resume) => setTimeout(resume, wait));
    }
  })().catch((error: unknown) => {
    failure = error;
  });
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      if (failure) throw failure;
      return committed;
    },
  };
}
