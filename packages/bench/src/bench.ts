import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { databaseUrl, parseArgs } from './args.js';
import {
  cpuTimeOf,
  memoryOf,
  NODE_FLAGS,
  postgresCpuTime,
  REPO_ROOT,
  startOurs,
  startScript,
  type Contender,
  type ContenderKey,
} from './contenders.js';
import { runLoad } from './load.js';
import { benchQueries, canonical, type BenchQuery } from './queries.js';
import { renderSoak, runSoak } from './soak.js';
import { PEER_FUNCTIONS_SQL } from './servers/peer-functions.js';
import { startWriter } from './writer.js';

const USAGE = `pnpm bench [--duration S] [--warmup S] [--connections N] [--area CODE] [--past-date YYYY-MM-DD] [--first N]
           [--contenders ours,floor,peer] [--queries lacking,lackingCertified,summary,nested,breakdownNational,breakdownProvince] [--pool-size N]
           [--database-url URL] [--out FILE | --no-write] [--log-sql] [--soak S] [--writes-per-second N]

Benchmarks the Peksos API against the floor (one hand-written SQL statement per question behind node:http) and
PostGraphile 5, on the database filled by pnpm seed:national. Each question runs --duration seconds (default 10) per
contender at --connections concurrent connections (default 10) after --warmup seconds (default 2). Writes the
results to docs/benchmark.md unless --no-write.

--writes-per-second N commits N small writes a second to the workforce tables during every run (warm-up included),
each of which makes the API's cached coverage answers stale once (src/writer.ts); 0 by default.

--soak S drives only the API for S seconds (300 for the memory target), the questions in turn in 10-second slices,
and reads its resident set size after each slice; it writes docs/benchmark-memory.md unless --no-write.`;

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  statementsPerRequest: number | null;
  /** CPU per request during the measured run, in ms: the contender's own process and PostgreSQL's (null without /proc). */
  cpuPerRequest: { own: number; postgres: number } | null;
}

/** The contender's and PostgreSQL's CPU time so far (ms), to take a run's share from. */
function cpuNow(contender: Contender): { own: number; postgres: number } | null {
  const own = cpuTimeOf(contender.process.pid!);
  const postgres = postgresCpuTime();
  return own === null || postgres === null ? null : { own, postgres };
}

interface Sample {
  body: string;
  statementsPerRequest: number | null;
  data: unknown;
}

const ORDER: ContenderKey[] = ['ours', 'floor', 'peer'];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['no-write', 'log-sql', 'help']);
  if (args.has('help')) {
    console.log(USAGE);
    return;
  }
  const settings = {
    duration: Number(args.get('duration') ?? 10),
    warmup: Number(args.get('warmup') ?? 2),
    connections: Number(args.get('connections') ?? 10),
    area: args.get('area') ?? '32',
    pastDate: args.get('past-date') ?? '2025-06-30',
    first: Number(args.get('first') ?? 50),
    poolSize: Number(args.get('pool-size') ?? 10),
    portBase: Number(args.get('port-base') ?? 4100),
    writesPerSecond: Number(args.get('writes-per-second') ?? 0),
  };
  if (!(settings.writesPerSecond >= 0)) throw new Error('--writes-per-second takes a number of writes a second (0 for none)');
  const soakSeconds = args.has('soak') ? Number(args.get('soak')) : null;
  if (soakSeconds !== null && !(soakSeconds > 0)) throw new Error('--soak takes a number of seconds');
  const contenderKeys = (soakSeconds !== null ? 'ours' : (args.get('contenders') ?? ORDER.join(','))).split(',') as ContenderKey[];
  if (!contenderKeys.every((key) => ORDER.includes(key))) throw new Error('--contenders takes ours, floor, peer');
  const url = databaseUrl(args);
  const allQueries = benchQueries(settings);
  const queryKeys = args.get('queries')?.split(',');
  const queries = queryKeys ? allQueries.filter((query) => queryKeys.includes(query.key)) : allQueries;
  if (queries.length === 0) throw new Error(`--queries takes ${allQueries.map((query) => query.key).join(', ')}`);

  const environment = await describeDatabase(url, contenderKeys.includes('peer'));
  console.log(`Database: ${environment.counts}`);
  console.log(`PostgreSQL ${environment.postgres}; machine: ${machine()}`);

  const contenders = new Map<ContenderKey, Contender>();
  const memory: { label: string; rss: number; peak: number }[] = [];
  const stopAll = async () => {
    await Promise.all([...contenders.values()].map((contender) => contender.stop()));
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    for (const [index, key] of ORDER.entries()) {
      if (!contenderKeys.includes(key)) continue;
      const port = settings.portBase + index;
      const started = Date.now();
      const contender =
        key === 'ours'
          ? await startOurs(url, port, settings.poolSize, args.has('log-sql'))
          : await startScript(key, key === 'floor' ? 'servers/floor.js' : 'servers/peer.js', url, port, settings.poolSize);
      contenders.set(key, contender);
      console.log(`${contender.label} ready on ${contender.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const ours = contenders.get('ours');
    if (ours) memory.push({ label: 'API at start', ...memoryOf(ours.process.pid!)! });

    // Samples: each contender's answer once, statement counts, and whether the answers agree.
    const samples = new Map<string, Sample>();
    const agreement: string[] = [];
    for (const query of queries) {
      for (const contender of contenders.values()) {
        samples.set(`${query.key}/${contender.key}`, await sample(contender, query));
      }
      const reference = samples.get(`${query.key}/${contenderKeys[0]}`)!;
      for (const key of contenderKeys.slice(1)) {
        const other = samples.get(`${query.key}/${key}`)!;
        const same = JSON.stringify(canonical(reference.data)) === JSON.stringify(canonical(other.data));
        agreement.push(`${query.key}: ${key} ${same ? 'agrees with' : 'DIFFERS FROM'} ${contenderKeys[0]}`);
        if (!same) console.warn(`! ${query.key}: ${key} differs from ${contenderKeys[0]}`);
      }
    }
    console.log(agreement.join('\n'));

    if (soakSeconds !== null) {
      const bodies = new Map(queries.map((query) => [query.key, samples.get(`${query.key}/ours`)!.body]));
      console.log(`Soak: ${soakSeconds} s, ${settings.connections} connections, questions ${queries.map((query) => query.key).join(', ')}`);
      const soak = await runSoak(ours!, queries, bodies, { seconds: soakSeconds, sliceSeconds: 10, connections: settings.connections, log: console.log });
      const heading =
        `# Benchmark: the API's memory over a long run\n\nMeasured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with ` +
        `\`pnpm bench ${process.argv.slice(2).join(' ')}\` on the national data set (${environment.counts}).\n` +
        `Machine: ${machine()}; Node flags ${NODE_FLAGS.join(' ')}; ${settings.connections} connections; the questions of ` +
        `docs/benchmark.md in turn, 10 s each.`;
      const report = renderSoak(soak, heading);
      console.log(`\n${report}`);
      if (!args.has('no-write')) {
        const out = resolve(args.get('out') ?? resolve(REPO_ROOT, 'docs/benchmark-memory.md'));
        writeFileSync(out, report);
        console.log(`Written to ${out}`);
      }
      return;
    }

    const scaling = ours ? await statementScaling(ours, settings) : [];
    for (const line of scaling) console.log(line);

    const results = new Map<string, Run>();
    for (const query of queries) {
      for (const contender of contenders.values()) {
        const expected = samples.get(`${query.key}/${contender.key}`)!;
        const writer = settings.writesPerSecond > 0 ? await startWriter(url, settings.writesPerSecond) : null;
        let run: Run;
        try {
          if (settings.warmup > 0) await load(contender, query, expected.body, settings.warmup, settings.connections);
          const before = cpuNow(contender);
          run = await load(contender, query, expected.body, settings.duration, settings.connections);
          const after = cpuNow(contender);
          run.cpuPerRequest =
            before && after && run.requests > 0
              ? { own: (after.own - before.own) / run.requests, postgres: (after.postgres - before.postgres) / run.requests }
              : null;
        } finally {
          const writes = await writer?.stop();
          if (writes !== undefined) console.log(`  (${writes} writes committed during ${query.key}/${contender.key})`);
        }
        run.statementsPerRequest = expected.statementsPerRequest;
        results.set(`${query.key}/${contender.key}`, run);
        console.log(
          `${query.key.padEnd(17)} ${contender.key.padEnd(6)} ${run.requestsPerSecond.toFixed(0).padStart(7)} req/s` +
            `  p50 ${run.p50.toFixed(1).padStart(7)} ms  p99 ${run.p99.toFixed(1).padStart(7)} ms  errors ${run.errors}` +
            `  SQL/req ${run.statementsPerRequest ?? '?'}`,
        );
      }
    }
    if (ours) memory.push({ label: 'API at end', ...memoryOf(ours.process.pid!)! });
    for (const key of ['floor', 'peer'] as const) {
      const contender = contenders.get(key);
      if (contender) memory.push({ label: `${key} at end`, ...memoryOf(contender.process.pid!)! });
    }

    const report = renderReport({ settings, environment, queries, contenderKeys, results, memory, agreement, scaling });
    console.log(`\n${report}`);
    if (!args.has('no-write')) {
      const out = resolve(args.get('out') ?? resolve(REPO_ROOT, 'docs/benchmark.md'));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, report + keptNotes(out));
      console.log(`Written to ${out}`);
    }
  } finally {
    await stopAll();
  }
}

/** Written by people, below the generated report: a new run replaces the figures above the marker, not this. */
const NOTES_MARKER = '<!-- Notes below are kept by pnpm bench: -->';

function keptNotes(file: string): string {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = previous.indexOf(NOTES_MARKER);
  return at >= 0 ? `\n${previous.slice(at)}` : '';
}

async function post(contender: Contender, query: BenchQuery): Promise<string> {
  const response =
    contender.key === 'floor'
      ? await fetch(contender.baseUrl + query.floor)
      : await fetch(`${contender.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...contender.headers },
          body: JSON.stringify({ query: contender.key === 'peer' ? query.peer : query.ours }),
        });
  const body = await response.text();
  if (!response.ok) throw new Error(`${contender.key} ${query.key}: HTTP ${response.status}: ${body.slice(0, 500)}`);
  return body;
}

async function sample(contender: Contender, query: BenchQuery): Promise<Sample> {
  const before = await contender.statements();
  const rounds = 5;
  let body = '';
  for (let round = 0; round < rounds; round++) body = await post(contender, query);
  const after = await contender.statements();
  const parsed = JSON.parse(body) as { data?: Record<string, unknown>; errors?: unknown; extensions?: { sqlStatements?: number } };
  if (parsed.errors || !parsed.data) throw new Error(`${contender.key} ${query.key}: ${body.slice(0, 1000)}`);
  const statementsPerRequest =
    parsed.extensions?.sqlStatements ?? (before !== null && after !== null ? (after - before) / rounds : null);
  return { body, statementsPerRequest, data: Object.values(parsed.data)[0] };
}

/** Statements per request of the API as the page grows and the query nests deeper: should stay constant. */
async function statementScaling(ours: Contender, settings: { area: string }): Promise<string[]> {
  const count = async (graphql: string) => {
    const response = await fetch(`${ours.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ours.headers },
      body: JSON.stringify({ query: graphql }),
    });
    const body = (await response.json()) as { extensions?: { sqlStatements?: number }; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.extensions?.sqlStatements ?? NaN;
  };
  const lines: string[] = [];
  const pages = [10, 50, 100];
  const row = async (label: string, make: (first: number) => string) => {
    const counts = [];
    for (const first of pages) counts.push(await count(make(first)));
    lines.push(`| ${label} | ${counts.join(' | ')} |`);
  };
  await row('organisationsLackingWorker { nodes { area } }', (first) =>
    `{ organisationsLackingWorker(filter: { areaCode: "${settings.area}" }, first: ${first}) { totalCount nodes { id area { name } } } }`,
  );
  await row('organisations { nodes { activeWorkers } }', (first) => `{ organisations(first: ${first}) { nodes { id activeWorkers { id } } } }`);
  await row('organisations { nodes { activeWorkers { cases(OPEN) } } }', (first) =>
    `{ organisations(first: ${first}) { nodes { id activeWorkers { id cases(status: OPEN, first: 100) { nodes { id } } } } } }`,
  );
  await row('… { cases(OPEN) { organisation { area } } } }', (first) =>
    `{ organisations(first: ${first}) { nodes { id activeWorkers { id cases(status: OPEN, first: 100) { nodes { id organisation { area { name } } } } } } } }`,
  );
  return [`| query | first: ${pages.join(' | first: ')} |`, `| --- |${pages.map(() => ' ---: |').join('')}`, ...lines];
}

async function load(contender: Contender, query: BenchQuery, expectedBody: string, seconds: number, connections: number): Promise<Run> {
  const request =
    contender.key === 'floor'
      ? { url: contender.baseUrl + query.floor, method: 'GET' as const }
      : {
          url: `${contender.baseUrl}/graphql`,
          method: 'POST' as const,
          headers: { 'content-type': 'application/json', ...contender.headers },
          body: JSON.stringify({ query: contender.key === 'peer' ? query.peer : query.ours }),
        };
  return { ...(await runLoad(request, expectedBody, seconds, connections)), statementsPerRequest: null, cpuPerRequest: null };
}

async function describeDatabase(url: string, installPeerFunctions: boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM area WHERE level = 'PROVINCE') AS provinces,
              (SELECT count(*) FROM area WHERE level = 'REGENCY_OR_CITY') AS cities,
              (SELECT count(*) FROM area WHERE level = 'DISTRICT') AS kecamatan,
              (SELECT count(*) FROM area WHERE level = 'VILLAGE') AS villages,
              (SELECT count(*) FROM organisation) AS organisations, (SELECT count(*) FROM worker) AS workers,
              (SELECT count(*) FROM certification) AS certifications, (SELECT count(*) FROM assignment) AS assignments,
              (SELECT count(*) FROM social_case) AS cases, (SELECT count(*) FROM case_involvement) AS involvements,
              pg_size_pretty(pg_database_size(current_database())) AS size,
              current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
              current_setting('work_mem') AS work_mem, current_setting('max_connections') AS max_connections`,
    );
    const row = rows[0] as Record<string, string>;
    if (Number(row.provinces) === 0) throw new Error('The database is empty: run pnpm seed:national first');
    if (installPeerFunctions) for (const statement of PEER_FUNCTIONS_SQL) await client.query(statement);
    const number = (key: string) => Number(row[key]).toLocaleString('en');
    return {
      counts:
        `${number('provinces')} provinces, ${number('cities')} regencies/cities, ${number('kecamatan')} kecamatan, ` +
        `${number('villages')} villages, ${number('organisations')} organisations, ${number('workers')} workers, ` +
        `${number('certifications')} certifications, ${number('assignments')} assignments, ${number('cases')} cases, ` +
        `${number('involvements')} case involvements (${row.size})`,
      postgres: `${row.version} (shared_buffers ${row.shared_buffers}, work_mem ${row.work_mem}, max_connections ${row.max_connections})`,
    };
  } finally {
    await client.end();
  }
}

function machine(): string {
  const cores = cpus();
  return `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${process.platform}`;
}

const FLOOR_TARGET = 0.8;
const PEER_TARGET = 1.2;

/** Which targets a question misses in this run: "met", or the ones missed. */
function targets(ours: Run | undefined, floor: Run | undefined, peer: Run | undefined): string {
  if (!ours || !floor || !peer) return '–';
  const missed = [];
  if (ours.requestsPerSecond < FLOOR_TARGET * floor.requestsPerSecond) missed.push(`floor < ${FLOOR_TARGET}`);
  if (ours.requestsPerSecond < PEER_TARGET * peer.requestsPerSecond) missed.push(`peer < ${PEER_TARGET}`);
  if (ours.p99 > peer.p99) missed.push('p99 > peer');
  return missed.length ? `missed: ${missed.join(', ')}` : 'met';
}

function renderReport(input: {
  settings: {
    duration: number;
    warmup: number;
    connections: number;
    area: string;
    pastDate: string;
    first: number;
    poolSize: number;
    writesPerSecond: number;
  };
  environment: { counts: string; postgres: string };
  queries: BenchQuery[];
  contenderKeys: ContenderKey[];
  results: Map<string, Run>;
  memory: { label: string; rss: number; peak: number }[];
  agreement: string[];
  scaling: string[];
}): string {
  const { settings, results } = input;
  const has = (key: ContenderKey) => input.contenderKeys.includes(key);
  const cell = (run: Run | undefined) =>
    run ? [run.requestsPerSecond.toFixed(0), `${run.p50.toFixed(0)} / ${run.p99.toFixed(0)}`] : ['–', '–'];
  const ratio = (a: Run | undefined, b: Run | undefined) => (a && b ? `${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}` : '–');
  const header = ['query'];
  const align = ['---'];
  if (has('ours')) {
    header.push('ours req/s', 'ours p50 / p99 ms', 'ours SQL/req', 'ours errors');
    align.push('---:', '---:', '---:', '---:');
  }
  if (has('floor')) {
    header.push('floor req/s', 'floor p50 / p99 ms');
    align.push('---:', '---:');
  }
  if (has('peer')) {
    header.push('peer req/s', 'peer p50 / p99 ms', 'peer SQL/req', 'peer errors');
    align.push('---:', '---:', '---:', '---:');
  }
  if (has('ours') && has('floor')) {
    header.push('ours/floor');
    align.push('---:');
  }
  if (has('ours') && has('peer')) {
    header.push('ours/peer');
    align.push('---:');
  }
  const all = has('ours') && has('floor') && has('peer');
  if (all) {
    header.push('targets');
    align.push('---');
  }
  const rows = input.queries.map((query, index) => {
    const ours = results.get(`${query.key}/ours`);
    const floor = results.get(`${query.key}/floor`);
    const peer = results.get(`${query.key}/peer`);
    const cells = [`${index + 1}. ${query.title}`];
    if (has('ours')) cells.push(...cell(ours), String(ours?.statementsPerRequest ?? '–'), String(ours?.errors ?? '–'));
    if (has('floor')) cells.push(...cell(floor));
    if (has('peer')) {
      cells.push(...cell(peer), peer?.statementsPerRequest === null ? '?' : String(peer?.statementsPerRequest ?? '–'), String(peer?.errors ?? '–'));
    }
    if (has('ours') && has('floor')) cells.push(ratio(ours, floor));
    if (has('ours') && has('peer')) cells.push(ratio(ours, peer));
    if (all) cells.push(targets(ours, floor, peer));
    return `| ${cells.join(' | ')} |`;
  });
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const lines = [
    '# Benchmark: national scale',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`pnpm bench${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\` ` +
      'on the synthetic national data set of `pnpm seed:national` (seed 1).',
    '',
    `- Machine: ${machine()}; the load generator (\`packages/bench/src/load.ts\`), the contenders and PostgreSQL share it.`,
    `- PostgreSQL ${input.environment.postgres}, on 127.0.0.1.`,
    `- Data: ${input.environment.counts}.`,
    `- Run: ${settings.connections} concurrent connections, ${settings.warmup} s warm-up then ${settings.duration} s measured, per question ` +
      `and contender, one contender at a time; ${settings.poolSize} database connections each; area ${settings.area}; past date ` +
      `${settings.pastDate}; page size ${settings.first}.`,
    ...(settings.writesPerSecond > 0
      ? [
          `- Writes: ${settings.writesPerSecond} committed a second to the workforce tables during every run, warm-up included ` +
            '(`--writes-per-second`, `packages/bench/src/writer.ts`): each makes the cached coverage answers stale once.',
        ]
      : []),
    `- Every contender runs on Node with \`${NODE_FLAGS.join(' ')}\` (as \`pnpm start\` runs the API).`,
    '- Ours: `apps/api/dist/main.js` with `NODE_ENV=production`, `PEKSOS_EXPOSE_SQL_COUNT=1`. Floor: one hand-written SQL ' +
      'statement per question, building the JSON in PostgreSQL, behind a bare `node:http` handler. Peer: PostGraphile 5 ' +
      '(amber preset) with STABLE SQL functions for what is not a plain table read (`packages/bench/src/servers/peer-functions.ts`).',
    '- Requests still in flight when the time is up are waited for and counted. Errors count transport errors, ' +
      "non-2xx answers and answers whose data differ from the first sample's.",
    `- Ratios are of throughput (req/s). Targets (issue 20): ours/floor ≥ ${FLOOR_TARGET}, ours/peer ≥ ${PEER_TARGET}, ours p99 ≤ the ` +
      "peer's; the last column names those missed.",
    '',
    `| ${header.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows,
    '',
    '## Same answers',
    '',
    ...input.agreement.map((line) => `- ${line}`),
    '',
    '## SQL statements per request of the API as pages grow and queries nest',
    '',
    ...input.scaling,
    '',
    '## CPU per request',
    '',
    "CPU time during each measured run divided by the requests it finished, in ms, read from /proc: the contender's own " +
      "process, then all of PostgreSQL's (one contender runs at a time, so PostgreSQL's share is that contender's; the " +
      `writes of \`--writes-per-second\` count there too). With ${cpus().length} cores shared by all, requests per second are at ` +
      `most about ${(cpus().length * 1000).toLocaleString('en')} ms over their sum.`,
    '',
    `| query | ${input.contenderKeys.map((key) => `${key}: own + PostgreSQL = sum`).join(' | ')} |`,
    `| --- | ${input.contenderKeys.map(() => '---:').join(' | ')} |`,
    ...input.queries.map((query, index) => {
      const cells = input.contenderKeys.map((key) => {
        const cpu = results.get(`${query.key}/${key}`)?.cpuPerRequest;
        return cpu ? `${cpu.own.toFixed(1)} + ${cpu.postgres.toFixed(1)} = ${(cpu.own + cpu.postgres).toFixed(1)}` : '–';
      });
      return `| ${index + 1}. ${query.title} | ${cells.join(' | ')} |`;
    }),
    '',
    '## Memory (resident set size)',
    '',
    '| process | RSS | peak RSS |',
    '| --- | ---: | ---: |',
    ...input.memory.map((entry) => `| ${entry.label} | ${mib(entry.rss)} | ${mib(entry.peak)} |`),
    '',
  ];
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
