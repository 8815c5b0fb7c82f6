import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, migrate, openDatabase, type Database } from '@peksos/db';
import { createTestDatabaseLocation, testDatabaseKind, type TestDatabaseLocation } from '@peksos/db/testing';
import { coreMigrations } from '../migrations.js';
import { readOfficialAreas } from '@peksos/schema-workforce';
import { DEFAULT_ANCHOR, generateNationalData, officialAreasFor } from './generate.js';
import { SIZES } from './sizes.js';

/** The generator at its tiny size, on PostgreSQL when DATABASE_URL is set and on an in-memory PGlite otherwise. */
describe(`national data generator (${testDatabaseKind()})`, () => {
  let where: TestDatabaseLocation;
  let database: Database;

  beforeAll(async () => {
    where = await createTestDatabaseLocation();
    database = await openDatabase({ location: where.location, entities: [], migrations: coreMigrations });
    await migrate(database.dataSource);
  });
  afterAll(async () => {
    await database?.close();
    await where?.dispose();
  });

  const fingerprint = async () =>
    (await database.dataSource.query(
      `SELECT (SELECT count(*) FROM area) AS areas, (SELECT count(*) FROM organisation) AS organisations,
              (SELECT count(*) FROM worker) AS workers, (SELECT count(*) FROM assignment) AS assignments,
              (SELECT count(*) FROM social_case) AS cases, (SELECT count(*) FROM case_involvement) AS involvements,
              (SELECT md5(string_agg(id::text || name || area_code, ',' ORDER BY id)) FROM organisation) AS organisations_md5,
              (SELECT md5(string_agg(worker_id::text || organisation_id::text || starts_on, ',' ORDER BY id)) FROM assignment) AS assignments_md5,
              (SELECT md5(string_agg(case_id::text || worker_id::text || role_code, ',' ORDER BY id)) FROM case_involvement) AS involvements_md5`,
    )) as Record<string, unknown>[];

  it('fills a migrated database with a consistent, Kemendagri-shaped registry, the same for the same seed', async () => {
    // The generator rebuilds constraints and indexes around its bulk load: the owner's work, as seed:national's.
    await asOwner(database.dataSource, (runner) => generateNationalData(runner, { size: SIZES.tiny, seed: 7, anchor: DEFAULT_ANCHOR }));
    const [first] = await fingerprint();
    expect(first).toMatchObject({ workers: 40, cases: 120, involvements: 240 });
    expect(Number(first!.organisations)).toBeGreaterThan(SIZES.tiny.institutions);

    const [shape] = (await database.dataSource.query(
      `SELECT (SELECT count(*) FROM area WHERE level = 'PROVINCE') AS provinces,
              (SELECT count(*) FROM area WHERE level = 'VILLAGE' AND code !~ '^[0-9]{2}[.][0-9]{2}[.][0-9]{2}[.][12][0-9]{3}$') AS bad_villages,
              (SELECT count(*) FROM case_involvement WHERE is_lead) AS leads,
              (SELECT count(*) FROM assignment a JOIN organisation o ON o.id = a.organisation_id
                WHERE o.archived_at IS NOT NULL AND a.ends_on IS NULL) AS active_at_archived,
              (SELECT count(*) FROM area WHERE population IS NULL) AS without_population`,
    )) as Record<string, number>[];
    expect(shape).toEqual({ provinces: 2, bad_villages: 0, leads: 120, active_at_archived: 0, without_population: 0 });

    // Official areas only, by code and name (Jawa Barat first: the benchmark asks about 32); the organisations and
    // workers are in them (the foreign keys hold it).
    const official = new Map((await readOfficialAreas()).map((area) => [area.code, area.name]));
    const loaded = (await database.dataSource.query(`SELECT code, name FROM area ORDER BY code`)) as { code: string; name: string }[];
    expect(loaded.filter((area) => official.get(area.code) !== area.name)).toEqual([]);
    expect(loaded.filter((area) => !area.code.includes('.')).map((area) => area.name)).toEqual(['Jawa Barat', 'Jawa Timur']);

    // Same seed again, from scratch: the same rows, ids included.
    await asOwner(database.dataSource, async (runner) => {
      // CASCADE: tables that other modules add later (placement requests, training) reference these; empty them too.
      await runner.query(`TRUNCATE case_involvement, social_case, assignment, certification, worker, organisation, area CASCADE`);
      await generateNationalData(runner, { size: SIZES.tiny, seed: 7, anchor: DEFAULT_ANCHOR });
    });
    expect((await fingerprint())[0]).toEqual(first);
  });

  it('refuses a database that already holds areas', async () => {
    await asOwner(database.dataSource, (runner) =>
      expect(generateNationalData(runner, { size: SIZES.tiny, seed: 7, anchor: DEFAULT_ANCHOR })).rejects.toThrow(/already holds areas/),
    );
  });

  it('takes all of Indonesia\'s official areas at the national size, and a sample by the seed at the smaller ones', async () => {
    const official = await readOfficialAreas();
    const count = (areas: { level: string }[]) =>
      Object.fromEntries(['PROVINCE', 'REGENCY_OR_CITY', 'DISTRICT', 'VILLAGE'].map((level) => [level, areas.filter((area) => area.level === level).length]));
    expect(count(officialAreasFor(official, SIZES.national, 1))).toEqual({ PROVINCE: 38, REGENCY_OR_CITY: 514, DISTRICT: 7285, VILLAGE: 83762 });
    const province = officialAreasFor(official, SIZES.province, 1);
    expect(province.filter((area) => area.level === 'PROVINCE').map((area) => area.code)).toEqual(['32']);
    // Seed 1's sample of Jawa Barat (docs/coverage-planner.md): 22 of its 27 regencies and cities (17 to 24 drawn).
    expect(count(province)).toEqual({ PROVINCE: 1, REGENCY_OR_CITY: 22, DISTRICT: 244, VILLAGE: 2119 });
    expect(officialAreasFor(official, SIZES.province, 1)).toEqual(province);
    expect(officialAreasFor(official, SIZES.province, 2)).not.toEqual(province);
  });
});
