import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withAuditContext } from '@peksos/db';
import { testDatabaseKind } from '@peksos/db/testing';
import { AccessRole } from '@peksos/access';
import { loadOfficialAreas } from '@peksos/schema-workforce';
import { startTestServer, type TestServer } from './testing/test-server.js';

const ROW_FIELDS = `area { code name } workers certifiedWorkers population workersPer100k certifiedWorkersPer100k
  organisationsNeedingWorker organisationsLackingWorker organisationsLackingCertifiedWorker`;
const BREAKDOWN = `query ($parentCode: String, $asOf: LocalDate) {
  areaBreakdown(parentCode: $parentCode, asOf: $asOf) { parent { code } asOf rows { ${ROW_FIELDS} } } }`;
const SUMMARY = `query ($areaCode: String!, $asOf: LocalDate) {
  workforceSummary(areaCode: $areaCode, asOf: $asOf) { workers certifiedWorkers population workersPer100k certifiedWorkersPer100k
    organisationsNeedingWorker organisationsLackingWorker organisationsLackingCertifiedWorker } }`;

/**
 * The national drill-down over HTTP, on Cimahi's data set inside Indonesia's official areas (`pnpm areas:load`):
 * Indonesia's 38 provinces, Jawa Barat's 27 regencies and cities, Cimahi's 3 kecamatan, Cimahi Utara's 4 kelurahan.
 */
describe(`area breakdown (${testDatabaseKind()})`, () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    await withAuditContext(systemContext('load official areas'), () => loadOfficialAreas(api.database.dataSource));
  }, 300_000);
  afterAll(() => api?.close());

  const breakdown = async (parentCode: string | null, asOf = '2026-12-01') => {
    const result = await api.graphql<{ areaBreakdown: { parent: { code: string } | null; rows: any[] } }>(BREAKDOWN, { parentCode, asOf });
    expect(result.errors).toBeUndefined();
    return { ...result.data!.areaBreakdown, statements: result.extensions!.sqlStatements! };
  };

  it('answers for Indonesia, a province, Cimahi and a kecamatan with the same number of SQL statements', async () => {
    const indonesia = await breakdown(null);
    const jawaBarat = await breakdown('32');
    const cimahi = await breakdown('32.77');
    const utara = await breakdown('32.77.03');
    const rows = [indonesia, jawaBarat, cimahi, utara].map((answer) => answer.rows.length);
    const statements = [indonesia, jawaBarat, cimahi, utara].map((answer) => answer.statements);
    console.info(`[area breakdown] ${testDatabaseKind()}: rows ${rows.join(', ')}; SQL statements ${statements.join(', ')}`);
    expect(rows).toEqual([38, 27, 3, 4]);
    // One statement for the breakdown, one to find the parent (none for Indonesia), whatever the number of rows, and
    // one reading the workforce version (the coverage cache's check).
    expect(statements).toEqual([2, 3, 3, 3]);
    // Asked again with nothing written: from the cache, the version read alone.
    const again = await Promise.all([null, '32', '32.77', '32.77.03'].map((code) => breakdown(code)));
    expect(again.map((answer) => answer.statements)).toEqual([1, 1, 1, 1]);
    expect(again.map((answer) => answer.rows)).toEqual([indonesia, jawaBarat, cimahi, utara].map((answer) => answer.rows));
    expect(indonesia.parent).toBeNull();
    expect(cimahi.parent).toEqual({ code: '32.77' });

    // The figures add up the way the registry counts: all of Cimahi's workforce lies in Jawa Barat, in Cimahi's row.
    const jawaBaratRow = indonesia.rows.find((row) => row.area.code === '32');
    expect(jawaBaratRow).toMatchObject({ workers: 36, certifiedWorkers: 13 });
    expect(jawaBarat.rows.find((row) => row.area.code === '32.77')).toMatchObject({ workers: 36, certifiedWorkers: 13, workersPer100k: 6.19 });
    expect(indonesia.rows.filter((row) => row.area.code !== '32').every((row) => row.workers === 0 && row.organisationsNeedingWorker === 0)).toBe(true);
  });

  it('gives each row the figures workforceSummary gives that area, on any date', async () => {
    for (const asOf of ['2026-12-01', '2019-01-01']) {
      for (const parentCode of ['32.77', '32.77.01', '32.77.02', '32.77.03']) {
        const { rows } = await breakdown(parentCode, asOf);
        for (const row of rows) {
          const { workforceSummary } = await api.query<{ workforceSummary: Record<string, unknown> }>(SUMMARY, { areaCode: row.area.code, asOf });
          expect({ ...row, area: undefined }, `${row.area.code} on ${asOf}`).toEqual({ ...workforceSummary, area: undefined });
        }
      }
    }
  }, 120_000);

  it('says when a population is unknown instead of dividing by nothing, and refuses an unknown parent', async () => {
    const { rows } = await breakdown(null);
    expect(rows.find((row) => row.area.code === '31')).toMatchObject({ population: null, workersPer100k: null, certifiedWorkersPer100k: null });
    const unknown = await api.graphql(BREAKDOWN, { parentCode: '99.99' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'parentCode' });
    const malformed = await api.graphql(BREAKDOWN, { parentCode: 'Cimahi' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentCode' });
  });

  it('shows a coordinator their own area and the areas under it only: any other parent is FORBIDDEN, in the API and the export', async () => {
    const city = await api.signedInAs(AccessRole.COORDINATOR, '32.77');
    const kecamatan = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
    const answer = async (client: typeof city, parentCode: string | null) => {
      const result = await client.graphql<{ areaBreakdown: { rows: { area: { code: string } }[] } }>(BREAKDOWN, { parentCode, asOf: '2026-12-01' });
      return result.errors ? result.errors[0]!.extensions : result.data!.areaBreakdown.rows.map((row) => row.area.code);
    };
    const refused = { code: 'FORBIDDEN', field: 'parentCode' };
    // The city's coordinator: Kota Cimahi and each of its kecamatan; not Indonesia, Jawa Barat nor another city.
    expect(await answer(city, '32.77')).toEqual(['32.77.01', '32.77.02', '32.77.03']);
    expect(await answer(city, '32.77.01')).toHaveLength(5);
    for (const outside of [null, '32', '32.73', '31', '32.73.99']) expect(await answer(city, outside), String(outside)).toMatchObject(refused);
    // The kecamatan's coordinator: their kelurahan; not their own city. Refused whether the parent exists or not.
    expect(await answer(kecamatan, '32.77.03')).toHaveLength(4);
    for (const outside of [null, '32', '32.77', '32.77.01', '99.99']) expect(await answer(kecamatan, outside), String(outside)).toMatchObject(refused);
    // Admins and viewers read every parent.
    const viewer = await api.signedInAs(AccessRole.VIEWER);
    expect(await answer(viewer, null)).toHaveLength(38);

    // The file export reads through the same service: the same rows, the same refusal.
    const csv = await city.fetch('/api/export/area-breakdown.csv?parentCode=32.77&asOf=2026-12-01');
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split(/\r\n/);
    expect(lines[0]).toMatch(/^Kode wilayah,Nama wilayah,Tanggal data,Jumlah penduduk,Peksos,Tersertifikasi,/);
    const { rows } = await breakdown('32.77');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 6))).toEqual(
      rows.map((row) => [row.area.code, row.area.name, '2026-12-01', String(row.population ?? ''), String(row.workers), String(row.certifiedWorkers)]),
    );
    const outside = await kecamatan.fetch('/api/export/area-breakdown.csv?parentCode=32.77');
    expect(outside.status).toBe(403);
    expect(await outside.json()).toMatchObject({ error: { code: 'FORBIDDEN', field: 'parentCode' } });
    expect((await kecamatan.fetch('/api/export/area-breakdown.xlsx')).status).toBe(403);
    const english = await api.fetch('/api/export/area-breakdown.csv?lang=en');
    expect((await english.text()).split(/\r\n/)[0]).toMatch(/^Area code,Area name,As of,Population,Workers,Certified,"Workers per 100,000"/);
    const badDate = await api.fetch('/api/export/area-breakdown.csv?asOf=2026-13-01');
    expect(await badDate.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'asOf' } });
  });
});
