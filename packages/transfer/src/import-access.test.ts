import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { runAsActor, type Actor } from '@peksos/schema-kit';
import type { ImportKind, ImportReport } from '@peksos/types';
import { importFile } from './import/import.service.js';
import { postImport, startTestRegistry, type TestRegistry } from './testing/test-registry.js';

/** The coordinator of Kecamatan Cimahi Utara (32.77.03), as the server's authentication would make them. */
const COORDINATOR: Actor = {
  kind: 'account',
  id: '00000000-0000-4000-8000-000000000303',
  label: 'koordinator.utara',
  role: 'coordinator',
  areaCode: '32.77.03',
  organisationIds: [],
};

const NIK_IN = '3277991234560301';
const NIK_OUT = '3277991234560101';
const TODAY = '2026-06-01';

/**
 * An import can do no more than its importer may through the API (issue 13, issue 16 item 7): it writes through the
 * workforce module's services, which hold each row to the same rules as the mutations, and reports each row out of
 * the importer's reach as FORBIDDEN naming its column, writing nothing. Imports are admins' at the HTTP route
 * (transfer.access.ts); this runs the import service as a coordinator, as a route open to them would.
 */
describe(`an import as a coordinator (${testDatabaseKind()})`, () => {
  let registry: TestRegistry;
  let directory: string;

  async function importAs(actor: Actor, kind: ImportKind, csv: string): Promise<ImportReport> {
    const path = join(directory, `${kind}-${Math.random().toString(36).slice(2)}.csv`);
    await writeFile(path, csv);
    return runAsActor(actor, () => importFile(registry.database.dataSource, { kind, actor, path, dryRun: false, today: TODAY }), `import ${kind}`);
  }

  async function snapshot(): Promise<string> {
    const [row] = await registry.database.dataSource.query(
      `SELECT (SELECT json_agg(w ORDER BY w.id) FROM worker w) AS workers, (SELECT json_agg(c ORDER BY c.id) FROM certification c) AS certifications,
              (SELECT json_agg(o ORDER BY o.id) FROM organisation o) AS organisations, (SELECT json_agg(a ORDER BY a.id) FROM assignment a) AS assignments`,
    );
    return JSON.stringify(row);
  }

  const forbidden = (report: ImportReport) => report.errors.filter((error) => error.code === 'FORBIDDEN').map((error) => [error.row, error.column, error.field]);

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'peksos-import-access-'));
    registry = await startTestRegistry({ dataSet: 'cimahi' });
    // An admin registers a worker and an organisation in the coordinator's kecamatan and one of each in another.
    const organisations = await postImport(
      registry,
      'organisations',
      ['Kode organisasi,Nama organisasi,Jenis,Kode wilayah', 'LKS-U03,LKS Utara,LKS,32.77.03.1004', 'LKS-S01,LKS Selatan,LKS,32.77.01.1001'].join('\n'),
      { dryRun: 'false' },
    );
    expect(organisations.body.applied).toBe(true);
    const workers = await postImport(
      registry,
      'workers',
      ['NIK,Nama lengkap,Jenis kelamin,Status kepegawaian,Kode wilayah domisili', `${NIK_IN},Asep Utara,L,PPPK,32.77.03.1004`, `${NIK_OUT},Euis Selatan,P,PPPK,32.77.01.1001`].join('\n'),
      { dryRun: 'false' },
    );
    expect(workers.body.applied).toBe(true);
  });
  afterAll(async () => {
    await registry?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('refuses, row by row, every worker change the coordinator may not make through the API, and writes nothing', async () => {
    const before = await snapshot();
    const report = await importAs(
      COORDINATOR,
      'workers',
      [
        'NIK,Nama lengkap,Jenis kelamin,Status kepegawaian,Kode wilayah domisili,Jenjang sertifikasi,Nomor sertifikat,Penerbit sertifikat,Tanggal terbit sertifikat',
        `${NIK_IN},Asep Utara Baru,L,PPPK,32.77.03.1004,,,,`,
        // updateWorker on another area's worker: refused.
        `${NIK_OUT},Euis Diganti,P,PPPK,32.77.01.1001,,,,`,
        // createWorker in another area: refused.
        '3277991234560102,Orang Baru,L,PPPK,32.77.01.1002,,,,',
      ].join('\n'),
    );
    expect(report.applied).toBe(false);
    expect(forbidden(report)).toEqual([
      [3, 'NIK', 'nationalIdNumber'],
      [4, 'Kode wilayah domisili', 'homeAreaCode'],
    ]);
    expect(report.errors.find((error) => error.row === 3)?.message.en).toMatch(/outside what you may change/);
    expect(report.results.find((result) => result.row === 2)).toMatchObject({ action: 'update', changes: ['fullName'] });
    const others = await importAs(
      COORDINATOR,
      'workers',
      [
        'NIK,Nama lengkap,Jenis kelamin,Status kepegawaian,Kode wilayah domisili,Jenjang sertifikasi,Nomor sertifikat,Penerbit sertifikat,Tanggal terbit sertifikat',
        // Moving one's own worker to another area: refused.
        `${NIK_IN},Asep Utara,L,PPPK,32.77.01.1001,,,,`,
        // recordCertification on another area's worker (issue 13's forged certificate): refused.
        `${NIK_OUT},Euis Selatan,P,PPPK,32.77.01.1001,Generalis,X-001,LSPS,01/01/2020`,
      ].join('\n'),
    );
    expect(forbidden(others)).toEqual([
      [2, 'Kode wilayah domisili', 'homeAreaCode'],
      [3, 'NIK', 'nationalIdNumber'],
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('refuses organisation changes and parents out of the area, and placements of another area\'s worker or at its organisations', async () => {
    const before = await snapshot();
    const organisations = await importAs(
      COORDINATOR,
      'organisations',
      [
        'Kode organisasi,Nama organisasi,Jenis,Kode wilayah,Kode organisasi induk',
        'LKS-S01,LKS Selatan Diganti,LKS,32.77.01.1001,',
        'LKS-U03,LKS Utara,LKS,32.77.03.1004,LKS-S01',
        'LKS-X01,LKS Baru di Selatan,LKS,32.77.01.1002,',
      ].join('\n'),
    );
    expect(forbidden(organisations)).toEqual([
      [2, 'Kode organisasi', 'code'],
      [4, 'Kode wilayah', 'areaCode'],
      [3, 'Kode organisasi induk', 'parentCode'],
    ]);
    const assignments = await importAs(
      COORDINATOR,
      'assignments',
      [
        'NIK,Kode organisasi,Tanggal mulai,Penempatan utama',
        // assignWorker of another area's worker at one's own organisation (issue 13's take-over): refused.
        `${NIK_OUT},LKS-U03,2026-01-01,Tidak`,
        `${NIK_IN},LKS-S01,2026-01-01,Ya`,
      ].join('\n'),
    );
    expect(forbidden(assignments)).toEqual([
      [2, 'NIK', 'nationalIdNumber'],
      [3, 'Kode organisasi', 'organisationCode'],
    ]);
    expect(organisations.applied || assignments.applied).toBe(false);
    expect(await snapshot()).toBe(before);
  });

  it('applies what is within the area, recorded in the audit log as the coordinator\'s', async () => {
    const workers = await importAs(COORDINATOR, 'workers', `NIK,Nama lengkap,Jenis kelamin,Status kepegawaian,Kode wilayah domisili\n${NIK_IN},Asep Utara Baru,L,PPPK,32.77.03.1004`);
    expect(workers).toMatchObject({ applied: true, summary: { update: 1, error: 0 } });
    const assignments = await importAs(COORDINATOR, 'assignments', `NIK,Kode organisasi,Tanggal mulai,Penempatan utama\n${NIK_IN},LKS-U03,2026-01-01,Ya`);
    expect(assignments).toMatchObject({ applied: true, summary: { create: 1, error: 0 } });
    const audit = await registry.database.dataSource.query(
      `SELECT table_name, action, actor_label, operation FROM audit_record WHERE actor_label = $1 ORDER BY recorded_at, table_name`,
      [COORDINATOR.label],
    );
    expect(audit).toEqual([
      { table_name: 'worker', action: 'UPDATE', actor_label: COORDINATOR.label, operation: 'import workers' },
      { table_name: 'assignment', action: 'INSERT', actor_label: COORDINATOR.label, operation: 'import assignments' },
    ]);
  });
});
