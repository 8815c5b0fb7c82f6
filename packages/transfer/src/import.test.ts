import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testDatabaseKind } from '@peksos/db/testing';
import { postImport, startTestRegistry, type TestRegistry } from './testing/test-registry.js';

const WORKER_HEADER =
  'NIK,Nama lengkap,Jenis kelamin,Status kepegawaian,Telepon,Email,Kode wilayah domisili,Jenjang sertifikasi,Nomor sertifikat,Penerbit sertifikat,Tanggal terbit sertifikat,Sertifikat berlaku sampai,Tanggal uji kompetensi';

const WORKERS_CSV = [
  WORKER_HEADER,
  '3277011234560001,Siti Aminah,Perempuan,PPPK,0812-3456-7890,siti@example.org,32.77.01.1001,Generalis,LSPS/2019/9001,LSPS,15/03/2019,,',
  '3277011234560002,Budi Santoso,L,PNS,,,32.77.02.1001,Asisten,,,,,20/02/2030',
  '"3277011234560003","Nining, S.Sos.",P,Relawan,+6281234567891,,32.77.03.1004,,,,,,',
].join('\r\n');

async function count(registry: TestRegistry, table: string): Promise<number> {
  const [{ n }] = await registry.database.dataSource.query(`SELECT count(*) AS n FROM ${table}`);
  return n;
}

async function fingerprint(registry: TestRegistry): Promise<string> {
  const rows = await registry.database.dataSource.query(
    `SELECT (SELECT count(*) FROM worker) AS workers, (SELECT sum(version) FROM worker) AS worker_versions,
            (SELECT max(updated_at) FROM worker)::text AS worker_updated, (SELECT count(*) FROM certification) AS certifications,
            (SELECT count(*) FROM organisation) AS organisations, (SELECT sum(version) FROM organisation) AS organisation_versions,
            (SELECT count(*) FROM assignment) AS assignments, (SELECT max(updated_at) FROM assignment)::text AS assignment_updated`,
  );
  return JSON.stringify(rows[0]);
}

describe(`import over HTTP (${testDatabaseKind()})`, () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startTestRegistry({ dataSet: 'cimahi' });
  });
  afterAll(async () => {
    await registry?.close();
  });

  it('dry-runs a workers file: says what it would create, writes nothing', async () => {
    const before = await fingerprint(registry);
    const { status, body } = await postImport(registry, 'workers', WORKERS_CSV, { dryRun: 'true' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'workers', format: 'csv', dryRun: true, applied: false });
    expect(body.summary).toEqual({ rows: 3, create: 3, update: 0, unchanged: 0, error: 0 });
    expect(body.results.map((result: any) => [result.row, result.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'create'],
    ]);
    expect(body.results[0].key).toBe('************0001 Siti Aminah');
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprint(registry)).toBe(before);
  });

  it('applies it in one go, and a second import of the same file changes nothing', async () => {
    const dryRun = await postImport(registry, 'workers', WORKERS_CSV);
    expect(dryRun.body.dryRun).toBe(true); // dryRun is the default

    const applied = await postImport(registry, 'workers', WORKERS_CSV, { dryRun: 'false', expectedSha256: dryRun.body.sha256 });
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);
    expect(applied.body.summary).toMatchObject({ create: 3, error: 0 });

    const [siti] = await registry.database.dataSource.query(
      `SELECT w.full_name, w.gender, w.employment_status, w.phone, w.home_area_code, c.level, c.issued_on, c.issuer
       FROM worker w JOIN certification c ON c.worker_id = w.id WHERE w.national_id_number = '3277011234560001'`,
    );
    expect(siti).toEqual({
      full_name: 'Siti Aminah',
      gender: 'FEMALE',
      employment_status: 'GOVERNMENT_CONTRACT',
      phone: '081234567890',
      home_area_code: '32.77.01.1001',
      level: 'GENERALIST',
      issued_on: '2019-03-15',
      issuer: 'LSPS',
    });
    const [budi] = await registry.database.dataSource.query(
      `SELECT c.kind, c.level, c.test_date FROM worker w JOIN certification c ON c.worker_id = w.id WHERE w.national_id_number = '3277011234560002'`,
    );
    expect(budi).toEqual({ kind: 'SCHEDULED_TEST', level: 'ASSISTANT', test_date: '2030-02-20' });

    const before = await fingerprint(registry);
    const again = await postImport(registry, 'workers', WORKERS_CSV, { dryRun: 'false' });
    expect(again.body.summary).toEqual({ rows: 3, create: 0, update: 0, unchanged: 3, error: 0 });
    expect(await fingerprint(registry)).toBe(before);
  });

  it('reports what changes on a worker already registered', async () => {
    const changed = WORKERS_CSV.replace('Siti Aminah,Perempuan,PPPK', 'Siti Aminah Rahmawati,Perempuan,PNS');
    const { body } = await postImport(registry, 'workers', changed, { dryRun: 'true' });
    expect(body.summary).toMatchObject({ create: 0, update: 1, unchanged: 2 });
    expect(body.results[0]).toMatchObject({ row: 2, action: 'update', changes: ['fullName', 'employmentStatus'] });
  });

  it('reads English headers, semicolons and ISO dates; leaves absent columns alone', async () => {
    const csv = [
      'National ID number;Full name;Gender;Employment status;Home area code;Certification level;Certificate number;Certificate issuer;Certificate issued on',
      '3277011234560004;Asep Sunandar;Male;Volunteer;32.77.01.1003;Specialist;LSPS/2020/9002;LSPS;2020-06-30',
    ].join('\n');
    const { body } = await postImport(registry, 'workers', csv, { dryRun: 'false' });
    expect(body.errors).toEqual([]);
    expect(body.summary).toMatchObject({ create: 1 });
    // The Siti row again, without the phone column: her phone stays.
    const partial = ['NIK,Nama lengkap,Jenis kelamin,Status kepegawaian', '3277011234560001,Siti Aminah,Perempuan,PPPK'].join('\n');
    const again = await postImport(registry, 'workers', partial, { dryRun: 'true' });
    expect(again.body.summary).toMatchObject({ unchanged: 1 });
  });

  it('refuses a file with ten kinds of mistakes, row by row, and writes nothing', async () => {
    const rows = [
      WORKER_HEADER,
      '3277011234560101,Valid Satu,P,PPPK,,,32.77.01.1001,,,,,,', // valid
      '3277011234560102,Wilayah Salah,P,PPPK,,,32.77.09.9999,,,,,,', // 1 unknown kelurahan code
      '32770112345,NIK Pendek,P,PPPK,,,32.77.01.1001,,,,,,', // 2 malformed NIK
      '3277011234560101,Ganda,P,PPPK,,,32.77.01.1001,,,,,,', // 3 duplicate worker in the file
      '3277011234560104,Tanggal Salah,P,PPPK,,,32.77.01.1001,Generalis,LSPS/2019/9104,LSPS,31/02/2019,,', // 4 date
      '3277011234560105,,P,PPPK,,,32.77.01.1001,,,,,,', // 5 missing required value
      '3277011234560106,Kelamin Salah,X,PPPK,,,32.77.01.1001,,,,,,', // 6 unknown gender
      '3277011234560107,Status Salah,P,Tetap,,,32.77.01.1001,,,,,,', // 7 unknown employment status
      '3277011234560108,Telepon Salah,P,PPPK,abc123,,32.77.01.1001,,,,,,', // 8 phone
      '3277011234560109,Email Salah,P,PPPK,,siti@,32.77.01.1001,,,,,,', // 9 e-mail
      '3277011234560110,Sertifikat Orang Lain,P,PPPK,,,32.77.01.1001,Spesialis,LSPS/2016/0011,LSPS,12/05/2016,,', // 10 taken
    ].join('\n');
    const before = await fingerprint(registry);
    const { status, body } = await postImport(registry, 'workers', rows, { dryRun: 'false' });
    expect(status).toBe(422);
    expect(body.applied).toBe(false);
    expect(body.summary).toEqual({ rows: 11, create: 1, update: 0, unchanged: 0, error: 10 });
    expect(body.errors.map((error: any) => [error.row, error.column, error.code, error.key])).toEqual([
      [4, 'NIK', 'BAD_USER_INPUT', 'badNationalId'],
      [5, 'NIK', 'CONFLICT', 'duplicateInFile'],
      [6, 'Tanggal terbit sertifikat', 'BAD_USER_INPUT', 'badDate'],
      [7, 'Nama lengkap', 'BAD_USER_INPUT', 'required'],
      [8, 'Jenis kelamin', 'BAD_USER_INPUT', 'badChoice'],
      [9, 'Status kepegawaian', 'BAD_USER_INPUT', 'badChoice'],
      [10, 'Telepon', 'BAD_USER_INPUT', 'badPhone'],
      [11, 'Email', 'BAD_USER_INPUT', 'badEmail'],
      [3, 'Kode wilayah domisili', 'NOT_FOUND', 'unknownArea'],
      [12, 'Nomor sertifikat', 'CONFLICT', 'certificateTaken'],
    ]);
    for (const error of body.errors) {
      expect(error.message.id.length).toBeGreaterThan(10);
      expect(error.message.en.length).toBeGreaterThan(10);
    }
    expect(body.errors.find((error: any) => error.row === 5).message).toEqual({
      id: 'NIK Peksos ini sudah ada di baris 2 berkas ini',
      en: 'This worker (NIK) already appears in row 2 of this file',
    });
    expect(body.errors.find((error: any) => error.row === 3).message.id).toBe('Kode wilayah 32.77.09.9999 tidak terdaftar');
    expect(await fingerprint(registry)).toBe(before);
  });

  it('names a missing required column and reads no row', async () => {
    const csv = ['NIK,Nama lengkap,Jenis kelamin', '3277011234560201,Tanpa Status,P'].join('\n');
    const { body } = await postImport(registry, 'workers', csv);
    expect(body.errors).toEqual([
      expect.objectContaining({ row: 1, column: 'Status kepegawaian', code: 'BAD_USER_INPUT', key: 'missingColumn' }),
    ]);
    expect(body.summary.rows).toBe(0);
  });

  it('imports organisations with a parent further down the file, and matches them on code', async () => {
    const csv = [
      'Kode organisasi,Nama organisasi,Jenis,Kode wilayah,Kode organisasi induk,Perlu Peksos,Akreditasi,Akreditasi berlaku sampai,Alamat',
      'LKS-901,LKS Anak Bangsa,LKS,32.77.03.1002,YAY-900,Ya,B,31/12/2027,Jl. Mawar 1',
      'YAY-900,Yayasan Induk Sejahtera,Lainnya,32.77,,Tidak,,,',
    ].join('\n');
    const applied = await postImport(registry, 'organisations', csv, { dryRun: 'false' });
    expect(applied.body.errors).toEqual([]);
    expect(applied.body.summary).toMatchObject({ create: 2 });
    const [child] = await registry.database.dataSource.query(
      `SELECT o.kind, o.accreditation_grade, o.accreditation_expires_on, p.code AS parent_code, p.should_have_worker AS parent_needs
       FROM organisation o JOIN organisation p ON p.id = o.parent_id WHERE o.code = 'LKS-901'`,
    );
    expect(child).toEqual({
      kind: 'SOCIAL_WELFARE_INSTITUTION',
      accreditation_grade: 'B',
      accreditation_expires_on: '2027-12-31',
      parent_code: 'YAY-900',
      parent_needs: false,
    });

    const before = await fingerprint(registry);
    const again = await postImport(registry, 'organisations', csv, { dryRun: 'false' });
    expect(again.body.summary).toMatchObject({ unchanged: 2, create: 0, update: 0 });
    expect(await fingerprint(registry)).toBe(before);

    const refused = await postImport(
      registry,
      'organisations',
      csv.replace(',YAY-900,Ya', ',TIDAK-ADA,Ya').replace('31/12/2027', '') + '\nLKS-902,LKS Baru,LKS,32.77.03.1002,,Ya,,,',
      { dryRun: 'true' },
    );
    expect(refused.body.errors.map((error: any) => [error.row, error.column, error.key])).toEqual([
      [2, 'Akreditasi berlaku sampai', 'accreditationIncomplete'],
    ]);
    const unknownParent = await postImport(registry, 'organisations', csv.replace(',YAY-900,Ya', ',TIDAK-ADA,Ya'));
    expect(unknownParent.body.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'Kode organisasi induk', code: 'NOT_FOUND', key: 'unknownOrganisation', value: 'TIDAK-ADA' }),
    ]);
    expect(unknownParent.body.summary).toMatchObject({ rows: 2, error: 1, unchanged: 1 });
  });

  it('imports assignments, refusing a second primary placement for the same period', async () => {
    const csv = [
      'NIK,Kode organisasi,Tanggal mulai,Tanggal selesai,Penempatan utama,Alasan selesai',
      '3277011234560001,LKS-901,02/01/2019,,Ya,',
      '3277011234560002,LKS-901,2019-01-02,01/07/2019,Ya,Pindah tugas',
    ].join('\n');
    const applied = await postImport(registry, 'assignments', csv, { dryRun: 'false' });
    expect(applied.body.errors).toEqual([]);
    expect(applied.body.summary).toMatchObject({ create: 2 });
    const again = await postImport(registry, 'assignments', csv, { dryRun: 'false' });
    expect(again.body.summary).toMatchObject({ unchanged: 2 });

    const conflicting = [
      'NIK,Kode organisasi,Tanggal mulai,Tanggal selesai,Penempatan utama',
      '3277011234560001,YAY-900,2020-03-01,,Ya',
      '3277011234560001,LKS-901,2020-03-01,,Tidak',
      '3277011234569999,LKS-901,2020-03-01,,Ya',
      '3277011234560002,LKS-901,2019-05-01,2019-06-01,Tidak',
    ].join('\n');
    const { body } = await postImport(registry, 'assignments', conflicting, { dryRun: 'false' });
    expect(body.errors.map((error: any) => [error.row, error.code, error.key])).toEqual([
      [2, 'CONFLICT', 'primaryOverlap'],
      [3, 'CONFLICT', 'assignmentOverlap'],
      [4, 'NOT_FOUND', 'unknownWorker'],
      [5, 'CONFLICT', 'assignmentOverlap'],
    ]);
    expect(body.applied).toBe(false);
  });

  it('refuses a placement beyond the office\'s maximum of placements at once (workforce rule), writing none of the file', async () => {
    const [{ max_placements: maxPlacements }] = await registry.database.dataSource.query(`SELECT max_placements FROM workload_limits`);
    const codes: string[] = (
      await registry.database.dataSource.query(
        `SELECT code FROM organisation WHERE archived_at IS NULL AND code IS NOT NULL AND code NOT IN ('LKS-901', 'YAY-900') ORDER BY code LIMIT $1`,
        [maxPlacements + 1],
      )
    ).map((row: { code: string }) => row.code);
    const rows = codes.map((code, index) => `3277011234560003,${code},2024-0${index + 1}-01,,${index === 0 ? 'Ya' : 'Tidak'}`);
    const csv = [
      'NIK,Kode organisasi,Tanggal mulai,Tanggal selesai,Penempatan utama',
      ...rows,
      // A past placement is history: recorded as it was, whatever it held alongside then.
      '3277011234560003,LKS-901,2010-01-01,2011-01-01,Tidak',
    ].join('\n');
    const before = await fingerprint(registry);
    const { body } = await postImport(registry, 'assignments', csv, { dryRun: 'false' });
    expect(body.errors).toEqual([
      expect.objectContaining({ row: maxPlacements + 2, column: 'NIK', code: 'WORKLOAD_LIMIT_EXCEEDED', key: 'workloadLimitExceeded', value: '************0003' }),
    ]);
    expect(body.errors[0].message.en).toContain(`at most ${maxPlacements}`);
    expect(body.summary).toMatchObject({ rows: maxPlacements + 2, create: maxPlacements + 1, error: 1 });
    expect(body.applied).toBe(false);
    expect(await fingerprint(registry)).toBe(before);

    // Within the limit, the same rows pass.
    const within = await postImport(registry, 'assignments', [csv.split('\n')[0], ...rows.slice(0, maxPlacements)].join('\n'), { dryRun: 'true' });
    expect(within.body.errors).toEqual([]);
    expect(within.body.summary).toMatchObject({ create: maxPlacements });

    // Reopening a stored placement that ended (its end cleared) counts as taking it again.
    const header = 'NIK,Kode organisasi,Tanggal mulai,Tanggal selesai,Penempatan utama,Alasan selesai';
    const placed = await postImport(
      registry,
      'assignments',
      [header, ...codes.slice(0, maxPlacements).map((code, index) => `3277011234560002,${code},2024-0${index + 1}-01,,${index === 0 ? 'Ya' : 'Tidak'},`)].join('\n'),
      { dryRun: 'false' },
    );
    expect(placed.body.errors).toEqual([]);
    const reopenedBefore = await fingerprint(registry);
    const reopened = await postImport(registry, 'assignments', [header, '3277011234560002,LKS-901,2019-01-02,,Tidak,'].join('\n'), { dryRun: 'false' });
    expect(reopened.body.errors).toEqual([expect.objectContaining({ row: 2, code: 'WORKLOAD_LIMIT_EXCEEDED', key: 'workloadLimitExceeded' })]);
    expect(await fingerprint(registry)).toBe(reopenedBefore);
  });

  it('reads XLSX files: number and date cells, headers in any order', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Peksos');
    sheet.addRow(['Jenis kelamin', 'Nama', 'NIK', 'Status kepegawaian', 'No HP', 'Jenjang sertifikasi', 'Tanggal uji kompetensi']);
    sheet.addRow(['Laki-laki', 'Dedi Mulyadi', 3277011234560301, 'Kontrak program', 81298765432, 'Generalis', new Date(Date.UTC(2031, 0, 15))]);
    sheet.addRow(['Perempuan', 'Euis', '3277011234560302', 'PPPK', null, null, null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const { body } = await postImport(registry, 'workers', buffer, { dryRun: 'false' });
    expect(body.format).toBe('xlsx');
    expect(body.errors).toEqual([]);
    expect(body.summary).toMatchObject({ create: 2 });
    const [dedi] = await registry.database.dataSource.query(
      `SELECT w.phone, c.test_date FROM worker w JOIN certification c ON c.worker_id = w.id WHERE w.national_id_number = '3277011234560301'`,
    );
    expect(dedi).toEqual({ phone: '081298765432', test_date: '2031-01-15' });
  });

  it('refuses to apply a file other than the one reviewed, and explains unreadable requests', async () => {
    const { status, body } = await postImport(registry, 'workers', WORKERS_CSV, { dryRun: 'false', expectedSha256: '0'.repeat(64) });
    expect(status).toBe(409);
    expect(body.error.code).toBe('CONFLICT');
    expect((await postImport(registry, 'people', WORKERS_CSV)).status).toBe(404);
    expect((await postImport(registry, 'workers', '')).status).toBe(400);
    const old = await postImport(registry, 'workers', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(old.status).toBe(400);
    expect(old.body.error.message.id).toContain('XLS lama');
  });

  it('imports 2,000 worker rows in one transaction, and again with no change', async () => {
    const kelurahan = ['32.77.01.1001', '32.77.01.1002', '32.77.02.1001', '32.77.03.1004'];
    const lines = [WORKER_HEADER];
    for (let i = 0; i < 2_000; i++) {
      const nik = `32778800${String(i).padStart(8, '0')}`;
      const certified = i % 3 === 0;
      lines.push(
        `${nik},Peksos Uji ${i},${i % 2 ? 'L' : 'P'},Kontrak program,08${String(1_000_000_000 + i)},,${kelurahan[i % 4]},Generalis,` +
          (certified ? `BULK/${i},LSPS,01/02/2019,,` : `,,,,20/02/2030`),
      );
    }
    const csv = lines.join('\n');
    const started = performance.now();
    const applied = await postImport(registry, 'workers', csv, { dryRun: 'false' });
    const firstMs = performance.now() - started;
    expect(applied.body.errors).toEqual([]);
    expect(applied.body.summary).toMatchObject({ rows: 2_000, create: 2_000 });
    expect(await count(registry, `worker WHERE national_id_number LIKE '32778800%'`)).toBe(2_000);
    const again = await postImport(registry, 'workers', csv, { dryRun: 'false' });
    expect(again.body.summary).toMatchObject({ unchanged: 2_000 });
    console.log(`2,000 worker rows: first import ${Math.round(firstMs)} ms, re-import ${again.body.durationMs} ms`);
  });
});
