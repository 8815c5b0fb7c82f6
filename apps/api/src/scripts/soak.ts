import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { startServer } from '../api-server.js';
import { AccessRole, AccountService, SESSION_COOKIE } from '@peksos/access';
import { withAuditContext } from '@peksos/db';

/**
 * Soak test: a few minutes of mixed reads and writes at realistic concurrency against the real server, then checks
 * that the data is consistent. Usage: pnpm soak [--duration 180] [--concurrency 16]
 * Uses DATABASE_URL when set (load the Cimahi data with PEKSOS_DATA_SET=cimahi), else an in-memory embedded database.
 */
const { values } = parseArgs({
  options: { duration: { type: 'string', default: '180' }, concurrency: { type: 'string', default: '16' } },
});
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);

// No rate limit: the soak is one address sending as fast as it can.
const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PEKSOS_EXPOSE_SQL_COUNT: '0', PEKSOS_RATE_LIMIT_PER_MINUTE: '0' };
if (!env.DATABASE_URL && !env.PEKSOS_DATA_DIR) env.PEKSOS_DATA_DIR = 'memory';
if (!env.PEKSOS_DATA_SET) env.PEKSOS_DATA_SET = 'cimahi';
const server = await startServer(loadConfig(env));
const db = server.database.dataSource;

// The soak acts as an admin of its own, signed in over HTTP like the console.
const soakPassword = `password-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
const soakAccount = await withAuditContext(
  { actorKind: 'system', actorId: null, actorLabel: 'soak', operation: 'create soak account' },
  () =>
    new AccountService(db, { passwordCostLog2: 10 }).create({
      username: `soak-${Date.now()}`,
      displayName: 'Soak test',
      role: AccessRole.ADMIN,
      password: soakPassword,
    }),
);
const signIn = await fetch(server.graphqlUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query: 'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { expiresAt } }',
    variables: { u: soakAccount.username, p: soakPassword },
  }),
});
const cookie = signIn.headers.getSetCookie().find((value) => value.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0]!;
const headers = { 'content-type': 'application/json', cookie, 'x-peksos-csrf': '1' };

const ids = async (sql: string) => ((await db.query(sql)) as { id: string }[]).map((row) => row.id);
const workers = await ids(`SELECT id FROM worker`);
const organisations = await ids(`SELECT id FROM organisation WHERE archived_at IS NULL`);
const assignmentIds = await ids(`SELECT id FROM assignment`);
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const randomDate = () => `20${18 + Math.floor(Math.random() * 8)}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;

type Operation = { name: string; weight: number; expected: string[]; run: () => { query: string; variables?: Record<string, unknown> } };
const operations: Operation[] = [
  { name: 'gaps', weight: 30, expected: [], run: () => ({ query: `{ organisationsLackingWorker(filter: { areaCode: "32.77", certifiedOnly: ${Math.random() < 0.5} }, first: 20) { totalCount nodes { name area { name } } } }` }) },
  { name: 'summary', weight: 15, expected: [], run: () => ({ query: `{ workforceSummary(areaCode: "32.77") { workers certifiedWorkers subAreas { workers } } }` }) },
  { name: 'organisations', weight: 15, expected: [], run: () => ({ query: `{ organisations(first: 50) { nodes { name activeWorkers { fullName cases(status: OPEN) { nodes { reference } } } } } }` }) },
  { name: 'worker', weight: 10, expected: [], run: () => ({ query: `query ($id: ID!) { worker(id: $id) { fullName certificationStatus assignments { startsOn organisation { name } } caseInvolvements { nodes { role { labelId } } } } }`, variables: { id: pick(workers) } }) },
  {
    name: 'assignWorker',
    weight: 12,
    expected: ['CONFLICT'],
    run: () => ({
      query: `mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`,
      variables: { input: { workerId: pick(workers), organisationId: pick(organisations), startsOn: randomDate(), isPrimary: false } },
    }),
  },
  {
    name: 'endAssignment',
    weight: 6,
    expected: ['CONFLICT', 'BAD_USER_INPUT'],
    run: () => ({ query: `mutation ($id: ID!) { endAssignment(id: $id, endsOn: "2026-01-01") { id } }`, variables: { id: pick(assignmentIds) } }),
  },
  {
    name: 'createWorker',
    weight: 6,
    expected: [],
    run: () => ({
      query: `mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`,
      variables: { input: { fullName: `Soak ${Math.random().toString(36).slice(2, 8)}`, gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode: '32.77.01.1001' } },
    }),
  },
  {
    name: 'updateWorker',
    weight: 6,
    expected: ['CONFLICT'],
    run: () => ({ query: `mutation ($id: ID!) { updateWorker(id: $id, input: { email: "soak@example.org", expectedVersion: 1 }) { id } }`, variables: { id: pick(workers) } }),
  },
];
const totalWeight = operations.reduce((sum, operation) => sum + operation.weight, 0);
const choose = () => {
  let roll = Math.random() * totalWeight;
  for (const operation of operations) if ((roll -= operation.weight) < 0) return operation;
  return operations[0]!;
};

const stats = new Map<string, { ok: number; expected: number; unexpected: number; latencies: number[] }>();
const unexpected: string[] = [];
const startRss = process.memoryUsage().rss;
const started = Date.now();
console.log(`soak: ${values.duration} s at concurrency ${concurrency} on ${server.database.location.kind} (${server.graphqlUrl})`);

await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() - started < durationMs) {
      const operation = choose();
      const { query, variables } = operation.run();
      const t0 = performance.now();
      let outcome: 'ok' | 'expected' | 'unexpected' = 'unexpected';
      try {
        const response = await fetch(server.graphqlUrl, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
        if (!body.errors) {
          outcome = 'ok';
          if (operation.name === 'assignWorker') assignmentIds.push(body.data.assignWorker.id);
        } else if (body.errors.every((error) => operation.expected.includes(error.extensions?.code ?? ''))) outcome = 'expected';
        else unexpected.push(`${operation.name}: ${body.errors[0]!.extensions?.code} ${body.errors[0]!.message}`);
      } catch (error) {
        unexpected.push(`${operation.name}: ${(error as Error).message}`);
      }
      const entry = stats.get(operation.name) ?? { ok: 0, expected: 0, unexpected: 0, latencies: [] };
      entry[outcome] += 1;
      entry.latencies.push(performance.now() - t0);
      stats.set(operation.name, entry);
    }
  }),
);
const elapsed = (Date.now() - started) / 1000;
const endRss = process.memoryUsage().rss;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
console.log('\noperation        requests   ok   expected-refusal  unexpected   p50 ms   p99 ms');
let total = 0;
for (const [name, entry] of stats) {
  const count = entry.ok + entry.expected + entry.unexpected;
  total += count;
  console.log(
    `${name.padEnd(16)} ${String(count).padStart(8)} ${String(entry.ok).padStart(5)} ${String(entry.expected).padStart(18)} ${String(entry.unexpected).padStart(11)} ${percentile(entry.latencies, 50).toFixed(1).padStart(8)} ${percentile(entry.latencies, 99).toFixed(1).padStart(8)}`,
  );
}
console.log(`\n${total} requests in ${elapsed.toFixed(0)} s (${(total / elapsed).toFixed(1)}/s); resident memory ${(startRss / 2 ** 20).toFixed(0)} MiB at start, ${(endRss / 2 ** 20).toFixed(0)} MiB at end`);

// Consistency afterwards.
const check = async (label: string, sql: string) => {
  const [{ n }] = (await db.query(sql)) as [{ n: number }];
  console.log(`${n === 0 ? 'ok  ' : 'FAIL'} ${label}${n === 0 ? '' : `: ${n}`}`);
  return n === 0;
};
const consistent = [
  await check(
    'no overlapping assignments of one worker at one organisation',
    `SELECT count(*) AS n FROM assignment a JOIN assignment b ON a.worker_id = b.worker_id AND a.organisation_id = b.organisation_id AND a.id < b.id
     AND daterange(a.starts_on, a.ends_on, '[)') && daterange(b.starts_on, b.ends_on, '[)')`,
  ),
  await check(
    'at most one primary placement per worker at a time',
    `SELECT count(*) AS n FROM assignment a JOIN assignment b ON a.worker_id = b.worker_id AND a.id < b.id AND a.is_primary AND b.is_primary
     AND daterange(a.starts_on, a.ends_on, '[)') && daterange(b.starts_on, b.ends_on, '[)')`,
  ),
  await check('no assignment ends before it starts', `SELECT count(*) AS n FROM assignment WHERE ends_on <= starts_on`),
  await check(
    'the summary agrees with a direct count of unplaced workers',
    `SELECT abs((SELECT count(*) FROM worker w WHERE archived_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND a.starts_on <= current_date AND (a.ends_on IS NULL OR a.ends_on > current_date)))
      - ${(await (await fetch(server.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query: '{ workforceSummary(areaCode: "32") { unplacedWorkers } }' }) })).json() as any).data.workforceSummary.unplacedWorkers}) AS n`,
  ),
].every(Boolean);
console.log(unexpected.length === 0 ? 'no unexpected errors' : `unexpected errors (${unexpected.length}):\n  ${[...new Set(unexpected)].slice(0, 20).join('\n  ')}`);
await server.close();
process.exit(consistent && unexpected.length === 0 ? 0 : 1);
