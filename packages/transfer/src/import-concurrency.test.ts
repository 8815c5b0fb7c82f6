import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';

const ROWS = 2_000;
const LANES = 16;
const nik = (index: number) => `32779902019${String(index).padStart(5, '0')}`;

/** A workers file without an e-mail column: an absent column leaves the stored value alone. */
function workersCsv(name: (index: number) => string): string {
  const rows = Array.from({ length: ROWS }, (_, index) => `${nik(index)},${name(index)},${index % 2 ? 'Perempuan' : 'Laki-laki'},PPPK,0812${String(index).padStart(8, '0')}`);
  return `NIK,Nama lengkap,Jenis kelamin,Status kepegawaian,Telepon\n${rows.join('\n')}\n`;
}

/**
 * An import never overwrites an edit committed while it runs (issue 15): it locks the rows it changes before reading
 * them, writes only the columns that change, and refuses (CONFLICT) a row whose same column someone else changed since
 * it began. PostgreSQL only: on the embedded database the one connection makes an edit wait for the whole import.
 */
describe.skipIf(testDatabaseKind() !== 'postgres')('an import concurrent with edits (postgres)', () => {
  let api: TestServer;
  let ids: string[];
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    const created = await api.fetch('/api/import/workers?dryRun=false', { method: 'POST', body: workersCsv((index) => `Pekerja ${index}`) });
    expect(created.status).toBe(200);
    ids = ((await api.database.dataSource.query(`SELECT id FROM worker WHERE national_id_number LIKE '32779902019%' ORDER BY national_id_number`)) as {
      id: string;
    }[]).map((row) => row.id);
    expect(ids).toHaveLength(ROWS);
  }, 180_000);
  afterAll(() => api?.close());

  it('keeps every acknowledged edit of a column the file lacks, while the import applies', async () => {
    // 16 lanes change e-mails of the file's workers (each lane its own workers, one edit after the other) for as long
    // as the import of a file that renames every one of them runs.
    const acknowledged = new Map<string, string>();
    let sent = 0;
    let importDone = false;
    const lanes = Array.from({ length: LANES }, async (_, lane) => {
      for (let round = 0; !importDone || round < 3; round += 1) {
        const id = ids[(lane + LANES * ((round * 7) % Math.floor(ROWS / LANES))) % ROWS]!;
        const email = `lane${lane}.round${round}@example.org`;
        sent += 1;
        const result = await api.graphql<{ updateWorker: { email: string } }>(
          `mutation ($id: ID!, $email: String) { updateWorker(id: $id, input: { email: $email }) { email } }`,
          { id, email },
        );
        if (result.data?.updateWorker.email === email) acknowledged.set(id, email);
        else expect(result.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      }
    });
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    const imported = await api.fetch('/api/import/workers?dryRun=false', { method: 'POST', body: workersCsv((index) => `Pekerja Baru ${index}`) });
    importDone = true;
    await Promise.all(lanes);

    const report = (await imported.json()) as { applied: boolean; summary: { update: number; error: number } };
    expect(report.applied).toBe(true);
    expect(report.summary.update).toBe(ROWS);
    const stored = new Map(
      ((await api.database.dataSource.query(`SELECT id, email, full_name AS name FROM worker WHERE id = ANY($1::uuid[])`, [ids])) as {
        id: string;
        email: string | null;
        name: string;
      }[]).map((row) => [row.id, row]),
    );
    const lost = [...acknowledged].filter(([id, email]) => stored.get(id)!.email !== email);
    console.log(`import of ${ROWS} rows with ${LANES} lanes of edits: ${sent} edits sent, ${acknowledged.size} workers' last edits acknowledged, ${lost.length} lost`);
    expect(acknowledged.size).toBeGreaterThan(LANES);
    expect(lost).toEqual([]);
    expect([...stored.values()].every((row) => row.name.startsWith('Pekerja Baru '))).toBe(true);
  }, 180_000);

  it('refuses, as CONFLICT, a row whose column the file changes was changed by someone else meanwhile', async () => {
    const [first, second] = ids as [string, string];
    // Another session changes worker 0's name (the file changes names) and worker 1's e-mail (the file has none); it
    // began before the import and commits while the import waits for its lock.
    const other = new pg.Client({ connectionString: (api.database.location as { url: string }).url });
    await other.connect();
    await other.query('BEGIN');
    await other.query(`UPDATE worker SET full_name = 'Diubah Orang Lain', version = version + 1 WHERE id = $1`, [first]);
    await other.query(`UPDATE worker SET email = 'lain@example.org', version = version + 1 WHERE id = $1`, [second]);
    const importing = api.fetch('/api/import/workers?dryRun=false', { method: 'POST', body: workersCsv((index) => `Pekerja Ketiga ${index}`) });
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_000));
    await other.query('COMMIT');
    await other.end();

    const response = await importing;
    expect(response.status).toBe(422);
    const report = (await response.json()) as { applied: boolean; errors: { row: number; code: string; key: string; column: string }[] };
    expect(report.applied).toBe(false);
    // Only the name change conflicts; the other session's e-mail change does not touch what the file changes.
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, code: 'CONFLICT', column: 'NIK', key: 'changedDuringImport' })]);
    const [row] = (await api.database.dataSource.query(`SELECT full_name AS name FROM worker WHERE id = $1`, [first])) as { name: string }[];
    expect(row!.name).toBe('Diubah Orang Lain');
  }, 180_000);

  /** Runs `changes` in another session that commits while an import of `file` waits for its locks; returns the report. */
  const importWhileAnotherSessionCommits = async (kind: string, file: string, changes: [string, unknown[]][]) => {
    const other = new pg.Client({ connectionString: (api.database.location as { url: string }).url });
    await other.connect();
    await other.query('BEGIN');
    for (const [sql, params] of changes) await other.query(sql, params);
    const importing = api.fetch(`/api/import/${kind}?dryRun=false`, { method: 'POST', body: file });
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_000));
    await other.query('COMMIT');
    await other.end();
    const response = await importing;
    return { status: response.status, report: (await response.json()) as { applied: boolean; errors: { row: number; code: string; key: string }[] } };
  };

  it('does the same for organisations and assignments', async () => {
    const organisations = await importWhileAnotherSessionCommits(
      'organisations',
      `Kode organisasi,Nama organisasi,Jenis,Kode wilayah\nPKH-3277,PKH Kota Cimahi (baru),PKH,32.77\nSAKTI-3277,Sakti Peksos Cimahi (baru),Sakti,32.77\n`,
      [
        [`UPDATE organisation SET address = 'Jl. Lain 1' WHERE code = 'PKH-3277'`, []],
        [`UPDATE organisation SET name = 'Diubah Orang Lain' WHERE code = 'SAKTI-3277'`, []],
      ],
    );
    expect(organisations.status).toBe(422);
    expect(organisations.report.errors).toEqual([expect.objectContaining({ row: 3, code: 'CONFLICT', key: 'changedDuringImport' })]);

    const [a, b] = (await api.database.dataSource.query(
      `SELECT a.id, w.national_id_number AS nik, o.code, a.starts_on AS "startsOn" FROM assignment a
       JOIN worker w ON w.id = a.worker_id JOIN organisation o ON o.id = a.organisation_id
       WHERE a.ends_on IS NULL ORDER BY a.id LIMIT 2`,
    )) as { id: string; nik: string; code: string; startsOn: string }[];
    const assignments = await importWhileAnotherSessionCommits(
      'assignments',
      `NIK,Kode organisasi,Tanggal mulai,Tanggal selesai\n${a!.nik},${a!.code},${a!.startsOn},2030-01-01\n${b!.nik},${b!.code},${b!.startsOn},2030-01-01\n`,
      [
        [`UPDATE assignment SET is_primary = is_primary WHERE id = $1`, [a!.id]],
        [`UPDATE assignment SET ends_on = '2029-06-30' WHERE id = $1`, [b!.id]],
      ],
    );
    expect(assignments.status).toBe(422);
    expect(assignments.report.errors).toEqual([expect.objectContaining({ row: 3, code: 'CONFLICT', key: 'changedDuringImport' })]);
  }, 180_000);
});
