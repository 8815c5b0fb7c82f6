import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordHistoryService } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { workforceModule } from '@peksos/schema-workforce';
import { casesModule } from './cases.module.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

/**
 * A record's history finds the audit records of the rows pointing at it (an organisation's assignments and cases, a
 * worker's certificates and involvements) through an index (audit_record_reference_ids_idx), not by reading the whole
 * audit log: at national scale one organisation's history scanned millions of rows. The tables here are small, so the
 * planner is kept from a sequential scan, as it would be on a large log: a condition no index serves still needs one.
 */
describe(`record history by index (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let history: RecordHistoryService;

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    // A log where a table's name alone finds many records, as on a live registry (each statement adds a record per
    // row), with the statistics autovacuum keeps: an index of (table_name, record_id) is then no way to the rows
    // pointing at a record.
    for (let round = 0; round < 8; round++) {
      await api.systemSql(`UPDATE assignment SET updated_at = now()`);
      await api.systemSql(`UPDATE certification SET issuer = issuer`);
      await api.systemSql(`UPDATE organisation SET updated_at = now()`);
    }
    await api.database.dataSource.query(`ANALYZE audit_record`);
    history = new RecordHistoryService(api.database.dataSource, [...workforceModule.auditedRecords!, ...casesModule.auditedRecords!]);
  }, 120_000);
  afterAll(() => api?.close());

  const plan = async (id: string) => {
    const [sql, parameters] = (await history.historyQuery(id)).getQueryAndParameters();
    return api.database.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL enable_seqscan = off`);
      await manager.query(`SET LOCAL enable_indexscan = off`);
      const rows = (await manager.query(`EXPLAIN ${sql}`, parameters)) as { 'QUERY PLAN': string }[];
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  };

  it('reads an organisation’s and a worker’s history through the indexes of the audit log, with no sequential scan', async () => {
    const [{ organisation, worker }] = (await api.database.dataSource.query(
      `SELECT organisation_id::text AS organisation, worker_id::text AS worker FROM assignment ORDER BY id LIMIT 1`,
    )) as [{ organisation: string; worker: string }];
    for (const id of [organisation, worker]) {
      const explained = await plan(id);
      expect(explained).toContain('audit_record_reference_ids_idx');
      expect(explained).toContain('audit_record_record_idx');
      expect(explained).not.toMatch(/Seq Scan/);
      // And it finds them: the record's own changes and the assignment's.
      const records = await (await history.historyQuery(id)).getMany();
      expect(records.map((record) => record.tableName)).toEqual(expect.arrayContaining(['assignment']));
    }
  });
});
