import { createServer } from 'node:http';
import pg from 'pg';
import { reportStatsOverIpc } from './today.js';

/**
 * The peer: PostGraphile 5 with the amber preset, in a process of its own (DATABASE_URL, PORT, POOL_SIZE), over the
 * same database, with the SQL functions of peer-functions.ts. Node 20 lacks Promise.withResolvers, which
 * PostGraphile 5 uses: a polyfill comes first.
 */
const promise = Promise as unknown as { withResolvers?: () => unknown };
promise.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason?: unknown) => void;
  const created = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise: created, resolve, reject };
};

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countingQuery(this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;
reportStatsOverIpc(() => statements);

const { postgraphile } = await import('postgraphile');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');

const port = Number(process.env.PORT);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  // Order and filter by unindexed columns too (name, archived_at), as the API does: PostGraphile's default is to
  // offer only indexed ones.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { port, host: '127.0.0.1', graphiql: false, watch: false },
  grafast: { explain: false },
};
const instance = postgraphile(preset);
const serv = instance.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 60_000;
await serv.addTo(server);
server.listen(port, '127.0.0.1', () => process.send?.({ type: 'ready' }));
process.on('SIGTERM', () => {
  server.close();
  void Promise.resolve(instance.release())
    .then(() => pool.end())
    .finally(() => process.exit(0));
});
