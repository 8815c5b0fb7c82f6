import { createServer } from 'node:http';
import pg from 'pg';
import { BREAKDOWN_SQL, childCodeLength, lackingSql, NESTED_SQL, SUMMARY_SQL } from './floor-sql.js';
import { reportStatsOverIpc, todayIn } from './today.js';

/**
 * The floor: a minimal node:http handler that answers each benchmark question with one SQL statement whose result is
 * the response body. Started by the bench as a child process (DATABASE_URL, PORT, POOL_SIZE).
 */
pg.types.setTypeParser(1082, (value: string) => value);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
let statements = 0;
reportStatsOverIpc(() => statements);
const lacking = lackingSql(false);
const lackingCertified = lackingSql(true);

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://floor');
  const area = url.searchParams.get('area') ?? '';
  const first = Number(url.searchParams.get('first') ?? 50);
  const asOf = url.searchParams.get('asOf') ?? todayIn();
  let query: { text: string; values: unknown[] };
  switch (url.pathname) {
    case '/lacking':
      query = { text: url.searchParams.get('certifiedOnly') ? lackingCertified : lacking, values: [area, `${area}.%`, asOf, first] };
      break;
    case '/summary':
      query = { text: SUMMARY_SQL, values: [area, `${area}.%`, asOf] };
      break;
    case '/breakdown': {
      const parent = url.searchParams.get('parent') || null;
      query = { text: BREAKDOWN_SQL, values: [parent, parent ? `${parent}.%` : '%', asOf, childCodeLength(parent)] };
      break;
    }
    case '/nested':
      query = { text: NESTED_SQL, values: [first, asOf] };
      break;
    case '/healthz':
      response.end('ok');
      return;
    default:
      response.writeHead(404).end();
      return;
  }
  statements++;
  pool.query<{ body: string }>(query).then(
    (result) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(result.rows[0]?.body ?? 'null');
    },
    (error: Error) => {
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] }));
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ type: 'ready' }));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
