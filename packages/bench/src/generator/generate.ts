import { readOfficialAreas, upsertOfficialAreas, type OfficialArea } from '@peksos/schema-workforce';
import {
  FAMILY_NAMES,
  FIRST_NAMES_FEMALE,
  FIRST_NAMES_MALE,
  INSTITUTION_WORDS,
  PLACE_SUFFIXES,
  PROVINCE_ORDER,
  SYLLABLES,
} from './provinces.js';
import type { DataSetSize } from './sizes.js';

/** Runs one SQL statement on one and the same session (temporary tables live between statements). */
export interface SqlSession {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** A uniform number in [0, 1) from a text key and the seed (FNV-1a, then a final mix): the same on every run. */
function hashUnit(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  hash = Math.imul(hash ^ (hash >>> 12), 0x297a2d39);
  return ((hash ^ (hash >>> 15)) >>> 0) / 4294967296;
}

/**
 * The official areas a data set of this size holds: the first `size.provinces` of PROVINCE_ORDER, and under each
 * parent all its official children, or (where the size gives a range) as many as drawn from it, picked by the seed;
 * parents before children, as the loader wants them.
 */
export function officialAreasFor(official: readonly OfficialArea[], size: DataSetSize, seed: number): OfficialArea[] {
  const provinces = new Set(PROVINCE_ORDER.slice(0, size.provinces));
  const children = new Map<string, OfficialArea[]>();
  for (const area of official) {
    const parent = area.code.includes('.') ? area.code.slice(0, area.code.lastIndexOf('.')) : '';
    const list = children.get(parent) ?? children.set(parent, []).get(parent)!;
    list.push(area);
  }
  const ranges = [undefined, size.citiesPerProvince, size.districtsPerCity, size.villagesPerDistrict];
  const chosen: OfficialArea[] = [];
  const take = (parent: string, depth: number): void => {
    let under = children.get(parent) ?? [];
    if (depth === 0) under = under.filter((area) => provinces.has(area.code));
    const range = ranges[depth];
    if (range) {
      const [min, max] = range;
      const count = min + Math.floor(hashUnit(seed, `count:${parent}`) * (max - min + 1));
      const picked = new Set(
        [...under].sort((a, b) => hashUnit(seed, `pick:${a.code}`) - hashUnit(seed, `pick:${b.code}`) || a.code.localeCompare(b.code)).slice(0, count),
      );
      under = under.filter((area) => picked.has(area));
    }
    for (const area of under) chosen.push(area);
    if (depth < 3) for (const area of under) take(area.code, depth + 1);
  };
  take('', 0);
  // Parents before children: by level, then by code.
  const depthOf = (code: string) => code.split('.').length;
  return chosen.sort((a, b) => depthOf(a.code) - depthOf(b.code) || a.code.localeCompare(b.code));
}

export interface GenerateOptions {
  size: DataSetSize;
  /** Same seed, same size, same anchor: the same rows, ids included. */
  seed: number;
  /** The date the data set is "as of" (YYYY-MM-DD): every date in it is relative to this one. */
  anchor: string;
  log?: (message: string) => void;
}

export interface GenerateReport {
  steps: { step: string; rows: number; ms: number }[];
  totalMs: number;
}

/** Fixed default anchor date, so that a seed gives the same data whatever day it runs. */
export const DEFAULT_ANCHOR = '2026-06-30';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function textArray(values: readonly string[]): string {
  return `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',')}]::text[]`;
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

/**
 * Bulk-load trick: drops the foreign keys, exclusion constraints and secondary indexes of `tables`, runs `work`, then
 * recreates each from the definition the catalog gave, so the schema ends exactly as the migrations made it, and every
 * constraint is checked once over the whole table instead of row by row.
 */
async function withConstraintsDeferred(session: SqlSession, tables: string[], work: () => Promise<void>, log: (m: string) => void) {
  const list = tables.map((table) => `'${table}'::regclass`).join(', ');
  const constraints = rowsOf(
    await session.query(
      `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conrelid IN (${list}) AND contype IN ('f', 'x') ORDER BY contype DESC, conname`,
    ),
  ) as { tbl: string; name: string; def: string }[];
  const indexes = rowsOf(
    await session.query(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
       WHERE i.indrelid IN (${list}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 1`,
    ),
  ) as { name: string; def: string }[];
  for (const constraint of constraints) await session.query(`ALTER TABLE ${constraint.tbl} DROP CONSTRAINT ${constraint.name}`);
  for (const index of indexes) await session.query(`DROP INDEX ${index.name}`);
  await work();
  const t0 = Date.now();
  for (const index of indexes) await session.query(index.def);
  for (const constraint of [...constraints].reverse()) {
    await session.query(`ALTER TABLE ${constraint.tbl} ADD CONSTRAINT ${constraint.name} ${constraint.def}`);
  }
  log(`  ${'indexes and constraints'.padEnd(28)} ${String(indexes.length + constraints.length).padStart(10)} built ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
}

/**
 * Generates a synthetic national registry inside the database, entirely in SQL (`INSERT … SELECT` over
 * `generate_series`), into a database whose schema the project's migrations created and which holds no areas yet.
 *
 * Randomness is a hash of the row number and the seed (`hashint8extended`), and ids are `md5(seed:kind:n)` as uuids,
 * so the data set is the same on every run and rows can refer to each other by number without lookups.
 *
 * The areas are Indonesia's official ones (officialAreasFor: all of them at the national size), loaded by the same
 * statement as `pnpm areas:load`, with synthetic populations. Every regency and city has a social-affairs office, a
 * PKH unit, an LK3 and a Sakti Peksos unit; every village or kelurahan a village office; social-welfare institutions
 * are spread over villages. Workers: about 90 % placed (30 % of those at a city-wide unit), some with a second,
 * non-primary placement, some with ended earlier placements; 40 % hold a certificate (a quarter of them expired by
 * the anchor date), 25 % are scheduled for the competency test. Cases: 25 % open, each with a lead worker and
 * supporting workers in professional roles for the case's whole duration.
 */
export async function generateNationalData(session: SqlSession, options: GenerateOptions): Promise<GenerateReport> {
  const { size, seed, anchor } = options;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 1_000_000_000) throw new Error('seed must be a whole number from 0 to 1e9');
  if (!DATE_PATTERN.test(anchor)) throw new Error('anchor must be a date YYYY-MM-DD');
  if (size.provinces < 1 || size.provinces > PROVINCE_ORDER.length) throw new Error(`provinces must be 1 to ${PROVINCE_ORDER.length}`);
  if (size.workers < size.involvementsPerCase || size.involvementsPerCase < 1) throw new Error('too few workers for the involvements');
  const log = options.log ?? (() => {});

  const salted = (salt: number) => seed * 1000 + salt;
  /** A uniform number in [0, 1) from an integer expression. */
  const rnd = (key: string, salt: number) =>
    `((hashint8extended((${key})::bigint, ${salted(salt)}) & 2147483647)::float8 / 2147483648.0)`;
  /** A uniform whole number in [0, n). */
  const rint = (key: string, salt: number, n: string | number) => `floor(${rnd(key, salt)} * (${n}))::int`;
  const pick = (values: readonly string[], key: string, salt: number) =>
    `(${textArray(values)})[1 + ${rint(key, salt, values.length)}]`;
  const placeName = (key: string, salt: number) =>
    `initcap(${pick(SYLLABLES, key, salt)} || ${pick(SYLLABLES, key, salt + 1)} || ${pick(SYLLABLES, key, salt + 2)})` +
    ` || ${pick(PLACE_SUFFIXES, key, salt + 3)}`;
  const uuid = (kind: string, key: string) => `md5('${seed}:${kind}:' || (${key}))::uuid`;
  const codeKey = (code: string) => `replace(${code}, '.', '')::bigint`;
  const day = `DATE '${anchor}'`;
  const stamp = `TIMESTAMPTZ '${anchor} 08:00:00+07'`;

  const steps: GenerateReport['steps'] = [];
  const started = Date.now();
  const step = async (name: string, sql: string, countSql?: string) => {
    const t0 = Date.now();
    await session.query(sql);
    let rows = 0;
    if (countSql) {
      const result = (await session.query(countSql)) as { n: number | string }[] | { rows: { n: number | string }[] };
      const list = Array.isArray(result) ? result : result.rows;
      rows = Number(list[0]?.n ?? 0);
    }
    const ms = Date.now() - t0;
    steps.push({ step: name, rows, ms });
    log(`  ${name.padEnd(28)} ${String(rows).padStart(10)} rows  ${(ms / 1000).toFixed(1).padStart(6)} s`);
  };

  const existing = (await session.query(`SELECT count(*) AS n FROM area`)) as { n: number | string }[] | { rows: { n: number }[] };
  if (Number((Array.isArray(existing) ? existing : existing.rows)[0]?.n ?? 0) > 0) {
    throw new Error('The database already holds areas: generate into an empty (freshly migrated) database');
  }

  await session.query(`SET synchronous_commit = off`);
  await session.query(`SET maintenance_work_mem = '256MB'`);

  // --- Areas -------------------------------------------------------------------------------------------------------
  // Indonesia's official areas (Kemendagri codes and names, as `pnpm areas:load` reads and writes them), all of them
  // or a sample by the size; the populations are synthetic (the official list has none): each village drawn, each
  // area above the sum of its villages.
  const areas = officialAreasFor(await readOfficialAreas(), size, seed);
  {
    const t0 = Date.now();
    const loads = await upsertOfficialAreas(session, areas);
    for (const load of loads) log(`  ${`  ${load.level.toLowerCase()}`.padEnd(28)} ${String(load.added).padStart(10)} rows`);
    steps.push({ step: 'official areas', rows: areas.length, ms: Date.now() - t0 });
    log(`  ${'official areas'.padEnd(28)} ${String(areas.length).padStart(10)} rows  ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
  }
  // In a city every village is a kelurahan (….1001…), in a regency most are desa (….2001…): the code says which.
  await step(
    'village populations',
    `UPDATE area SET population = (CASE WHEN split_part(code, '.', 4) LIKE '1%' THEN 6000 ELSE 1500 END)
                                 + ${rint(codeKey('code'), 34, 12_000)},
                     population_year = 2025, population_source = 'synthetic'
     WHERE level = 'VILLAGE'`,
  );
  await step(
    'area populations',
    `WITH d AS (SELECT parent_code, sum(population) AS pop FROM area WHERE level = 'VILLAGE' GROUP BY parent_code)
     UPDATE area a SET population = d.pop, population_year = 2025, population_source = 'synthetic' FROM d WHERE a.code = d.parent_code`,
  );
  await session.query(
    `WITH c AS (SELECT parent_code, sum(population) AS pop FROM area WHERE level = 'DISTRICT' GROUP BY parent_code)
     UPDATE area a SET population = c.pop, population_year = 2025, population_source = 'synthetic' FROM c WHERE a.code = c.parent_code`,
  );
  await session.query(
    `WITH p AS (SELECT parent_code, sum(population) AS pop FROM area WHERE level = 'REGENCY_OR_CITY' GROUP BY parent_code)
     UPDATE area a SET population = p.pop, population_year = 2025, population_source = 'synthetic' FROM p WHERE a.code = p.parent_code`,
  );

  // Numbered helpers, so that rows can pick "the n-th village" or "the n-th organisation" by arithmetic.
  await session.query(`DROP TABLE IF EXISTS gen_village, gen_city, gen_org, gen_worker`);
  await session.query(
    `CREATE TEMP TABLE gen_city AS
     SELECT row_number() OVER (ORDER BY code)::int AS n, code, name FROM area WHERE level = 'REGENCY_OR_CITY'`,
  );
  await session.query(
    `CREATE TEMP TABLE gen_village AS
     SELECT row_number() OVER (ORDER BY code)::int AS n, code, name FROM area WHERE level = 'VILLAGE'`,
  );
  await session.query(`ALTER TABLE gen_city ADD PRIMARY KEY (n)`);
  await session.query(`ALTER TABLE gen_village ADD PRIMARY KEY (n)`);
  const [cities, villages] = await Promise.all(
    ['gen_city', 'gen_village'].map(async (table) => {
      const result = (await session.query(`SELECT count(*) AS n FROM ${table}`)) as { n: number | string }[] | { rows: { n: number }[] };
      return Number((Array.isArray(result) ? result : result.rows)[0]!.n);
    }),
  );
  const cityUnits = cities! * 4;
  const villageCount = villages!;
  const organisationCount = cityUnits + villageCount + size.institutions;
  const localOrganisations = villageCount + size.institutions;

  // --- Organisations -----------------------------------------------------------------------------------------------
  // Numbering: 1..4C the city-wide units (office, PKH, LK3, Sakti Peksos of each city), then one village office per
  // village, then the institutions.
  const unitKinds = ['SOCIAL_AFFAIRS_OFFICE', 'PKH_UNIT', 'LK3', 'SAKTI_PEKSOS_UNIT'];
  const unitNames = ['Dinas Sosial', 'UPT PKH', 'LK3', 'Sakti Peksos'];
  await step(
    'organisation plan',
    `CREATE TEMP TABLE gen_org AS
     SELECT (c.n - 1) * 4 + u AS idx, (${textArray(unitKinds)})[u] AS kind, c.code AS area_code,
            (${textArray(unitNames)})[u] || ' ' || c.name AS name,
            CASE WHEN u > 1 THEN (c.n - 1) * 4 + 1 END AS parent_idx, false AS archived, true AS should_have_worker
     FROM gen_city c CROSS JOIN generate_series(1, 4) u
     UNION ALL
     SELECT ${cityUnits} + v.n, 'VILLAGE_OFFICE', v.code,
            CASE WHEN split_part(v.code, '.', 4) LIKE '1%' THEN 'Kantor Kelurahan ' ELSE 'Kantor Desa ' END || v.name,
            NULL, false, true
     FROM gen_village v
     UNION ALL
     SELECT ${cityUnits + villageCount} + i, 'SOCIAL_WELFARE_INSTITUTION', v.code,
            ${pick(INSTITUTION_WORDS, 'i', 50)} || ' ' || ${placeName('i', 51)},
            NULL, ${rnd('i', 55)} < 0.01, ${rnd('i', 56)} >= 0.1
     FROM generate_series(1, ${size.institutions}) i
     JOIN gen_village v ON v.n = 1 + ${rint('i', 52, villageCount)}`,
    `SELECT count(*) AS n FROM gen_org`,
  );
  await session.query(`ALTER TABLE gen_org ADD PRIMARY KEY (idx)`);
  await session.query(`ALTER TABLE gen_org ADD COLUMN id uuid`);
  await session.query(`UPDATE gen_org SET id = ${uuid('org', 'idx')}`);
  await step(
    'organisations',
    `INSERT INTO organisation (id, code, name, kind, area_code, parent_id, should_have_worker, accreditation_grade,
                               accreditation_expires_on, address, archived_at, archive_reason, created_at, updated_at)
     SELECT o.id, 'ORG-' || lpad(o.idx::text, 6, '0'), o.name, o.kind, o.area_code, p.id, o.should_have_worker,
            a.grade, CASE WHEN a.grade IS NOT NULL THEN ${day} + ${rint('o.idx', 58, 1825)} - 365 END,
            'Jl. ' || ${placeName('o.idx', 60)} || ' No. ' || (1 + ${rint('o.idx', 64, 200)}),
            CASE WHEN o.archived THEN ${stamp} END,
            CASE WHEN o.archived THEN 'Tidak beroperasi lagi (data sintetis)' END,
            ${stamp}, ${stamp}
     FROM gen_org o
     LEFT JOIN gen_org p ON p.idx = o.parent_idx
     CROSS JOIN LATERAL (
       SELECT CASE WHEN o.kind = 'SOCIAL_WELFARE_INSTITUTION' AND ${rnd('o.idx', 57)} < 0.6
                   THEN ${pick(['A', 'B', 'B', 'C', 'C'], 'o.idx', 59)} END AS grade) a
     ORDER BY o.idx`,
    `SELECT count(*) AS n FROM organisation`,
  );

  // --- Workers -----------------------------------------------------------------------------------------------------
  // 90 % placed: 30 % of those at a city-wide unit, the rest at a village office or institution. 15 % also serve
  // somewhere else (not primary). Up to two earlier, ended placements, back to back before the current one.
  await session.query(
    `CREATE TEMP TABLE gen_worker AS
     SELECT w AS idx, ${uuid('worker', 'w')} AS id,
            CASE WHEN ${rnd('w', 40)} < 0.9 THEN
              CASE WHEN ${rnd('w', 41)} < 0.3 THEN 1 + ${rint('w', 42, cityUnits)}
                   ELSE ${cityUnits + 1} + ${rint('w', 43, localOrganisations)} END END AS org_idx,
            ${day} - (30 + ${rint('w', 44, 1800)}) AS starts_on,
            ${rint('w', 45, 3)} AS earlier,
            180 + ${rint('w', 49, 540)} AS earlier_days,
            CASE WHEN ${rnd('w', 46)} < 0.15 THEN 1 + ${rint('w', 47, organisationCount)} END AS second_org_idx
     FROM generate_series(1, ${size.workers}) w`,
  );
  await session.query(`ALTER TABLE gen_worker ADD PRIMARY KEY (idx)`);
  // Nobody serves at an archived organisation, nor twice at the same one.
  await session.query(`UPDATE gen_worker g SET org_idx = NULL FROM gen_org o WHERE o.idx = g.org_idx AND o.archived`);
  await session.query(
    `UPDATE gen_worker g SET second_org_idx = NULL FROM gen_org o
     WHERE o.idx = g.second_org_idx AND (o.archived OR g.org_idx IS NULL OR g.second_org_idx = g.org_idx)`,
  );
  const female = `(${textArray(FIRST_NAMES_FEMALE)})`;
  const male = `(${textArray(FIRST_NAMES_MALE)})`;
  await step(
    'workers',
    `INSERT INTO worker (id, full_name, gender, employment_status, national_id_number, phone, email, home_area_code,
                         created_at, updated_at)
     SELECT g.id,
            CASE WHEN s.female THEN ${female}[1 + ${rint('g.idx', 81, FIRST_NAMES_FEMALE.length)}]
                 ELSE ${male}[1 + ${rint('g.idx', 81, FIRST_NAMES_MALE.length)}] END
              || ' ' || ${pick(FAMILY_NAMES, 'g.idx', 82)},
            CASE WHEN s.female THEN 'FEMALE' ELSE 'MALE' END,
            CASE WHEN s.e < 0.25 THEN 'CIVIL_SERVANT' WHEN s.e < 0.45 THEN 'GOVERNMENT_CONTRACT'
                 WHEN s.e < 0.9 THEN 'PROGRAMME_CONTRACT' ELSE 'VOLUNTEER' END,
            '99' || lpad((${seed % 100} * 1000000 + g.idx)::text, 14, '0'),
            '08' || lpad((1000000000 + g.idx)::text, 10, '0'),
            CASE WHEN ${rnd('g.idx', 84)} < 0.7 THEN 'peksos' || g.idx || '@contoh.example' END,
            coalesce(o.area_code, v.code), ${stamp}, ${stamp}
     FROM gen_worker g
     CROSS JOIN LATERAL (SELECT ${rnd('g.idx', 80)} < 0.62 AS female, ${rnd('g.idx', 83)} AS e) s
     LEFT JOIN gen_org o ON o.idx = g.org_idx
     LEFT JOIN gen_village v ON v.n = 1 + ${rint('g.idx', 48, villageCount)}
     ORDER BY g.idx`,
    `SELECT count(*) AS n FROM worker`,
  );

  // --- Certifications ----------------------------------------------------------------------------------------------
  await step(
    'certifications',
    `INSERT INTO certification (id, worker_id, kind, level, test_date, certificate_number, issuer, issued_on, expires_on, created_at)
     SELECT ${uuid('certificate', 'g.idx')}, g.id, 'CERTIFICATE',
            ${pick(['ASSISTANT', 'GENERALIST', 'GENERALIST', 'SPECIALIST'], 'g.idx', 61)},
            NULL::date, 'LSPS/${seed}/' || lpad(g.idx::text, 7, '0'), 'Lembaga Sertifikasi Pekerjaan Sosial',
            i.issued, (i.issued + interval '5 years' - interval '1 day')::date, ${stamp}
     FROM gen_worker g CROSS JOIN LATERAL (SELECT ${day} - ${rint('g.idx', 62, 2400)} AS issued) i
     WHERE ${rnd('g.idx', 60)} < 0.40
     UNION ALL
     SELECT ${uuid('test', 'g.idx')}, g.id, 'SCHEDULED_TEST', 'GENERALIST', ${day} + ${rint('g.idx', 63, 400)} - 200,
            NULL, NULL, NULL, NULL, ${stamp}
     FROM gen_worker g
     WHERE ${rnd('g.idx', 60)} >= 0.40 AND ${rnd('g.idx', 60)} < 0.65`,
    `SELECT count(*) AS n FROM certification`,
  );

  // --- Assignments -------------------------------------------------------------------------------------------------
  await step(
    'assignments',
    `INSERT INTO assignment (id, worker_id, organisation_id, starts_on, ends_on, is_primary, end_reason, created_at, updated_at)
     SELECT ${uuid('assignment', "g.idx || ':current'")}, g.id, o.id, g.starts_on, NULL::date, true, NULL::text, ${stamp}, ${stamp}
     FROM gen_worker g JOIN gen_org o ON o.idx = g.org_idx
     UNION ALL
     SELECT ${uuid('assignment', "g.idx || ':second'")}, g.id, o.id, g.starts_on + ${rint('g.idx', 65, 20)}, NULL, false, NULL,
            ${stamp}, ${stamp}
     FROM gen_worker g JOIN gen_org o ON o.idx = g.second_org_idx
     UNION ALL
     SELECT ${uuid('assignment', "g.idx || ':earlier:' || k")}, g.id, o.id,
            g.starts_on - k * g.earlier_days, g.starts_on - (k - 1) * g.earlier_days, true, 'Mutasi', ${stamp}, ${stamp}
     FROM gen_worker g CROSS JOIN LATERAL generate_series(1, g.earlier) k
     JOIN gen_org o ON o.idx = ${cityUnits + 1} + ${rint('g.idx * 10 + k', 66, localOrganisations)}`,
    `SELECT count(*) AS n FROM assignment`,
  );

  // --- Cases -------------------------------------------------------------------------------------------------------
  // A case's lead worker is worker 1 + rint(i, 71); the case belongs to the lead's current organisation (or any local
  // one when the lead is unplaced). Involvements recompute the same numbers from the case's reference.
  await withConstraintsDeferred(session, ['social_case', 'case_involvement'], async () => {
    const leadOf = (i: string) => `(1 + ${rint(i, 71, size.workers)})`;
    await step(
      'cases',
      `INSERT INTO social_case (id, reference, pmks_category_code, organisation_id, status, opened_on, closed_on, summary,
                                created_at, updated_at)
       SELECT ${uuid('case', 'i')}, 'KS/' || lpad(i::text, 7, '0'), cat.codes[1 + ${rint('i', 70, 'cat.n')}], o.id,
              CASE WHEN d.open THEN 'OPEN' ELSE 'CLOSED' END, d.opened,
              CASE WHEN NOT d.open THEN d.opened + 1 + ${rint('i', 75, `greatest(1, ${day} - d.opened - 1)`)} END,
              NULL, ${stamp}, ${stamp}
       FROM (SELECT array_agg(code ORDER BY sort_order) AS codes, count(*)::int AS n FROM pmks_category) cat
       CROSS JOIN generate_series(1, ${size.cases}) i
       CROSS JOIN LATERAL (SELECT ${day} - 1 - ${rint('i', 73, 1460)} AS opened, ${rnd('i', 74)} < 0.25 AS open) d
       JOIN gen_worker g ON g.idx = ${leadOf('i')}
       JOIN gen_org o ON o.idx = coalesce(g.org_idx, ${cityUnits + 1} + ${rint('i', 72, localOrganisations)})`,
      `SELECT count(*) AS n FROM social_case`,
    );
    const involvements = size.involvementsPerCase;
    const stride = Math.floor((size.workers - 1) / Math.max(1, involvements - 1));
    await step(
      'case involvements',
      `INSERT INTO case_involvement (id, case_id, worker_id, role_code, starts_on, ends_on, is_lead, created_at, updated_at)
       SELECT ${uuid('involvement', "x.i || ':' || k")}, c.id,
              ${uuid('worker', `1 + (x.lead - 1 + CASE WHEN k = 1 THEN 0 ELSE 1 + (k - 2) * ${stride} + ${rint("x.i * 10 + k", 76, stride)} END) % ${size.workers}`)},
              r.codes[1 + ${rint('x.i * 10 + k', 77, 'r.n')}], c.opened_on, c.closed_on, k = 1, ${stamp}, ${stamp}
       FROM (SELECT array_agg(code ORDER BY sort_order) AS codes, count(*)::int AS n FROM professional_role) r
       CROSS JOIN social_case c
       CROSS JOIN LATERAL (SELECT substr(c.reference, 4)::int AS i) i0
       CROSS JOIN LATERAL (SELECT i0.i AS i, ${leadOf('i0.i')} AS lead) x
       CROSS JOIN generate_series(1, ${involvements}) k`,
      `SELECT count(*) AS n FROM case_involvement`,
    );
  }, log);

  await session.query(`DROP TABLE IF EXISTS gen_village, gen_city, gen_org, gen_worker`);
  const t0 = Date.now();
  await session.query(`ANALYZE`);
  steps.push({ step: 'analyze', rows: 0, ms: Date.now() - t0 });
  log(`  ${'analyze'.padEnd(28)} ${''.padStart(10)}       ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
  return { steps, totalMs: Date.now() - started };
}
