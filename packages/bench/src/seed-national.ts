import pg from 'pg';
import { migrate, openDatabase } from '@peksos/db';
import { coreMigrations } from './migrations.js';
import { databaseUrl, parseArgs } from './args.js';
import { DEFAULT_ANCHOR, generateNationalData } from './generator/generate.js';
import { isSizeName, SIZES } from './generator/sizes.js';

const USAGE = `pnpm seed:national [--size national|province|small|tiny] [--seed N] [--anchor YYYY-MM-DD] [--database-url URL] [--replace]

Creates the database if it does not exist (default ${'postgres://postgres@127.0.0.1:5432/peksos_bench'}, or DATABASE_URL),
runs the project's migrations and fills it with a synthetic national registry. A database that already holds data
is refused unless --replace, which drops and recreates it.`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['replace', 'help']);
  if (args.has('help')) {
    console.log(USAGE);
    return;
  }
  const sizeName = args.get('size') ?? 'national';
  if (!isSizeName(sizeName)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  const seed = Number(args.get('seed') ?? '1');
  const anchor = args.get('anchor') ?? DEFAULT_ANCHOR;
  const url = databaseUrl(args);
  await prepareDatabase(url, args.has('replace'));

  const started = Date.now();
  console.log(`Seeding ${redact(url)}: size ${sizeName}, seed ${seed}, anchor date ${anchor}`);
  const database = await openDatabase({ location: { kind: 'postgres', url }, entities: [], migrations: coreMigrations, poolSize: 1 });
  try {
    const applied = await migrate(database.dataSource);
    console.log(`  migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}`);
  } finally {
    await database.close();
  }

  // The load runs on a plain connection of its own: no statement timeout, no slow-statement log.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET statement_timeout = 0');
    // Generated rows are nobody's changes: they load without audit records (millions of them would double the load
    // time and the database), and the tables' own triggers (audit, and the workforce version's) are on again for
    // everything after; the version is bumped by hand, so an API process already running drops its cached answers.
    const audited = ['area', 'organisation', 'worker', 'certification', 'assignment', 'social_case', 'case_involvement'];
    for (const table of audited) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    try {
      await generateNationalData(client, { size: SIZES[sizeName], seed, anchor, log: console.log });
    } finally {
      for (const table of audited) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      await client.query('UPDATE workforce_version SET version = version + 1');
    }
    const t0 = Date.now();
    await client.query('VACUUM (ANALYZE)');
    console.log(`  ${'vacuum'.padEnd(28)} ${''.padStart(10)}       ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM area) AS areas, (SELECT count(*) FROM organisation) AS organisations,
              (SELECT count(*) FROM worker) AS workers, (SELECT count(*) FROM certification) AS certifications,
              (SELECT count(*) FROM assignment) AS assignments, (SELECT count(*) FROM social_case) AS cases,
              (SELECT count(*) FROM case_involvement) AS involvements,
              pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    const counts = rows[0] as Record<string, number | string>;
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  } finally {
    await client.end();
  }
}

/** Creates the database when missing; refuses one that holds data unless `replace`, which recreates it. */
async function prepareDatabase(url: string, replace: boolean): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Unsupported database name ${JSON.stringify(name)}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0;
    if (exists && replace) {
      console.log(`Dropping database ${name}`);
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    } else if (exists) {
      const probe = new pg.Client({ connectionString: url });
      await probe.connect();
      try {
        const tables = await probe.query(`SELECT to_regclass('public.area') IS NOT NULL AS has`);
        if (tables.rows[0].has && (await probe.query('SELECT 1 FROM area LIMIT 1')).rowCount! > 0) {
          throw new Error(`Database ${name} already holds data: pass --replace to drop and recreate it`);
        }
      } finally {
        await probe.end();
      }
      return;
    }
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
