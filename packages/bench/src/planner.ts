import { loadDataSetIfEmpty, migrate, openDatabase } from '@peksos/db';
import { casesModule } from '@peksos/schema-cases';
import { CoveragePlanService, workforceModule } from '@peksos/schema-workforce';
import { databaseUrl, parseArgs } from './args.js';
import { DEFAULT_ANCHOR } from './generator/generate.js';

const USAGE = `pnpm --filter @peksos/bench bench:planner [--runs N] [--province-database-url URL] [--province CODE]

Times the coverage planner (docs/coverage-planner.md): on Kota Cimahi's demo data (in-memory embedded database), and
on a province of the national data set, in the PostgreSQL database of
  pnpm --filter @peksos/bench seed:national --size province --database-url URL
(default: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/peksos_bench). Each plan is made with and without
certifiedOnly; prints the median and the slowest of N runs (default 5), the solver's share, and the plan's size.`;

type Planner = (certifiedOnly: boolean) => ReturnType<CoveragePlanService['plan']>;

async function time(label: string, runs: number, plan: Planner): Promise<void> {
  for (const certifiedOnly of [false, true]) {
    const totals: number[] = [];
    const solves: number[] = [];
    let last: Awaited<ReturnType<Planner>> | null = null;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      last = await plan(certifiedOnly);
      totals.push(performance.now() - started);
      solves.push(last.solveMilliseconds);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(
      `${label.padEnd(34)} ${certifiedOnly ? 'certified only' : 'any worker    '}  ` +
        `${String(last!.organisationsLacking).padStart(5)} lacking  ${String(last!.availableWorkers).padStart(5)} workers  ` +
        `${String(last!.rows.length).padStart(5)} covered   median ${median(totals).toFixed(0).padStart(6)} ms ` +
        `(solver ${median(solves).toFixed(0).padStart(5)} ms)   slowest ${Math.max(...totals).toFixed(0).padStart(6)} ms`,
    );
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['help']);
  if (args.has('help')) {
    console.log(USAGE);
    return;
  }
  const runs = Number(args.get('runs') ?? '5');
  const modules = [workforceModule, casesModule];
  const entities = modules.flatMap((module) => module.entities);

  // Kota Cimahi: the demo data set, on the embedded database, planned as of 2018-06-01 (the data set's day).
  const cimahi = await openDatabase({ location: { kind: 'embedded', dataDir: null }, entities, migrations: modules.flatMap((module) => module.migrations) });
  try {
    await migrate(cimahi.dataSource);
    await loadDataSetIfEmpty(cimahi.dataSource.manager, modules.flatMap((module) => module.dataSets?.cimahi ?? []));
    const service = new CoveragePlanService(cimahi.dataSource, '2018-06-01');
    await service.plan('32.77', null, false, null); // loads the solver's WebAssembly once
    await time('Kota Cimahi (32.77), embedded', runs, (certifiedOnly) => service.plan('32.77', null, certifiedOnly, null));
  } finally {
    await cimahi.close();
  }

  // A province of the national data set, on PostgreSQL.
  const url = args.get('province-database-url') ?? databaseUrl(args);
  const province = await openDatabase({ location: { kind: 'postgres', url }, entities, migrations: [], poolSize: 2 });
  try {
    const code =
      args.get('province') ??
      ((await province.dataSource.query(
        `SELECT split_part(area_code, '.', 1) AS code FROM organisation GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      )) as { code: string }[])[0]?.code;
    if (!code) throw new Error(`No organisations in ${url}: seed it first (see --help)`);
    const [{ organisations }] = (await province.dataSource.query(`SELECT count(*)::int AS organisations FROM organisation WHERE area_code = $1 OR area_code LIKE $1 || '.%'`, [code])) as { organisations: number }[];
    const service = new CoveragePlanService(province.dataSource, DEFAULT_ANCHOR);
    await time(`province ${code} (${organisations} organisations), PostgreSQL`, runs, (certifiedOnly) => service.plan(code, null, certifiedOnly, null));
  } finally {
    await province.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
