import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { AreaLevel } from '@peksos/types';
import { CoverageService } from '../coverage/coverage.service.js';
import { workforceModule } from '../workforce.module.js';
import { loadOfficialAreas } from './official-areas.js';

/**
 * `pnpm areas:load` (docs/operating.md): Indonesia's official hierarchy, loaded through the area service into a
 * registry that already holds Cimahi (its hand-written areas, organisations and workers).
 */
describe(`official areas (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;
  let cimahiBefore: unknown[];
  let firstLoad: Awaited<ReturnType<typeof loadOfficialAreas>>;
  let firstLoadMs: number;

  const cimahiAreas = () =>
    database.dataSource.query(
      `SELECT code, name, level, parent_code, population, population_year, population_source FROM area
       WHERE code = '32' OR code = '32.77' OR code LIKE '32.77.%' ORDER BY code`,
    );

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule], 'cimahi');
    cimahiBefore = await cimahiAreas();
    const started = performance.now();
    firstLoad = await asSystem(() => loadOfficialAreas(database.dataSource))();
    firstLoadMs = performance.now() - started;
  }, 300_000);
  afterAll(() => database?.dispose());

  it('loads the four levels: 38 provinces, 514 regencies and cities, 7,285 kecamatan, 83,762 villages', async () => {
    const counts = (await database.dataSource.query(`SELECT level, count(*)::int AS areas FROM area GROUP BY level`)) as { level: string; areas: number }[];
    expect(Object.fromEntries(counts.map((row) => [row.level, row.areas]))).toEqual({
      [AreaLevel.PROVINCE]: 38,
      [AreaLevel.REGENCY_OR_CITY]: 514,
      [AreaLevel.DISTRICT]: 7_285,
      [AreaLevel.VILLAGE]: 83_762,
    });
    // Cimahi's 20 areas were there: all else was added, and no name of theirs differed.
    expect(firstLoad).toEqual([
      { level: AreaLevel.PROVINCE, official: 38, added: 37, renamed: 0 },
      { level: AreaLevel.REGENCY_OR_CITY, official: 514, added: 513, renamed: 0 },
      { level: AreaLevel.DISTRICT, official: 7_285, added: 7_282, renamed: 0 },
      { level: AreaLevel.VILLAGE, official: 83_762, added: 83_747, renamed: 0 },
    ]);
    console.info(`[official areas] ${testDatabaseKind()}: first load ${(firstLoadMs / 1000).toFixed(1)} s`);
  });

  it("matches Cimahi's codes and names, and keeps its populations and their sources", async () => {
    expect(await cimahiAreas()).toEqual(cimahiBefore);
    expect(cimahiBefore).toHaveLength(20); // Jawa Barat, Kota Cimahi, 3 kecamatan, 15 kelurahan
    const [kota] = (await database.dataSource.query(`SELECT name, parent_code FROM area WHERE code = '32.77'`)) as { name: string; parent_code: string }[];
    expect(kota).toEqual({ name: 'Kota Cimahi', parent_code: '32' });
    const kecamatan = await database.dataSource.query(`SELECT code, name FROM area WHERE parent_code = '32.77' ORDER BY code`);
    expect(kecamatan).toEqual([
      { code: '32.77.01', name: 'Cimahi Selatan' },
      { code: '32.77.02', name: 'Cimahi Tengah' },
      { code: '32.77.03', name: 'Cimahi Utara' },
    ]);
    // The official list carries no populations: the new areas have none, rather than a made-up one.
    const [{ withPopulation }] = (await database.dataSource.query(
      `SELECT count(*)::int AS "withPopulation" FROM area WHERE population IS NOT NULL AND NOT (code = '32.77' OR code LIKE '32.77.%')`,
    )) as [{ withPopulation: number }];
    expect(withPopulation).toBe(0);
  });

  it('is idempotent: a second load changes nothing', asSystem(async () => {
    const second = await loadOfficialAreas(database.dataSource);
    expect(second.map((level) => [level.added, level.renamed])).toEqual([[0, 0], [0, 0], [0, 0], [0, 0]]);
    const [{ areas }] = (await database.dataSource.query(`SELECT count(*)::int AS areas FROM area`)) as [{ areas: number }];
    expect(areas).toBe(38 + 514 + 7_285 + 83_762);
  }), 300_000);

  it('says a population is unknown in the summary of an area without one, instead of dividing by nothing', asSystem(async () => {
    const summary = await new CoverageService(database.dataSource, '2026-12-01').workforceSummary('31', undefined);
    expect(summary.area.name).toBe('Daerah Khusus Ibukota Jakarta');
    expect(summary).toMatchObject({ workers: 0, population: null, workersPer100k: null, certifiedWorkersPer100k: null });
  }));
});
