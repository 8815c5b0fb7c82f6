import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrate, openDatabase, withAuditContext, type Database } from './index.js';

/** A table of this test's own: the database layer knows no module's schema. */
class ProbeTable1790000000000 implements MigrationInterface {
  name = 'ProbeTable1790000000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`CREATE TABLE probe (code text PRIMARY KEY, name text NOT NULL)`);
    await queryRunner.query(`INSERT INTO probe (code, name) VALUES ('00', 'reference row')`);
    // What auditTableSql (@peksos/schema-kit) writes for a module's table.
    await queryRunner.query(`CREATE TRIGGER audit_inserts AFTER INSERT ON probe REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION record_audit()`);
    await queryRunner.query(`CREATE TRIGGER audit_updates AFTER UPDATE ON probe REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION record_audit()`);
    await queryRunner.query(`CREATE TRIGGER audit_deletes AFTER DELETE ON probe REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION record_audit()`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE probe`);
  }
}
import { createTestDatabaseLocation, testDatabaseKind, type TestDatabaseLocation } from './testing/index.js';

describe(`database (${testDatabaseKind()})`, () => {
  let testLocation: TestDatabaseLocation;
  let database: Database;

  beforeAll(async () => {
    testLocation = await createTestDatabaseLocation();
    database = await openDatabase({ location: testLocation.location, entities: [], migrations: [ProbeTable1790000000000] });
    await migrate(database.dataSource);
  });

  afterAll(async () => {
    await database?.close();
    await testLocation?.dispose();
  });

  it('applies the migrations once', async () => {
    expect(await migrate(database.dataSource)).toEqual([]);
    expect(await database.dataSource.query(`SELECT count(*) AS rows FROM probe`)).toEqual([{ rows: 1 }]);
  });

  it('names the actor of the running work in every transaction it opens, for the audit triggers', async () => {
    const actor = { actorKind: 'account', actorId: 'a1', actorLabel: 'admin', operation: 'assignWorker' };
    const setting = () =>
      database.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(`SELECT current_setting('peksos.audit_context', true) AS context`)) as { context: string | null }[];
        return rows[0]?.context ? (JSON.parse(rows[0].context) as unknown) : null;
      });
    expect(await withAuditContext(actor, setting)).toEqual(actor);
    expect(await setting()).toEqual({ actorKind: 'system', actorId: null, actorLabel: 'system', operation: null });
  });

  it('keeps concurrent transactions isolated: a rollback removes only its own writes', async () => {
    const { dataSource } = database;
    let releaseFirst!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (releaseFirst = resolve));

    // The first transaction writes, then waits while a second one starts, writes and commits; then it fails.
    const failing = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO probe (code, name) VALUES ('91', 'Rolled back')`);
      await firstMayFinish;
      throw new Error('roll back on purpose');
    });
    const committing = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO probe (code, name) VALUES ('92', 'Committed')`);
    });
    // Let the second transaction get as far as it can before the first one ends.
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseFirst();

    await expect(failing).rejects.toThrow('roll back on purpose');
    await committing;

    const rows = await dataSource.query(`SELECT code FROM probe WHERE code IN ('91', '92') ORDER BY code`);
    expect(rows).toEqual([{ code: '92' }]);
  });

  it('records each change with the actor of the work that made it, in its transaction', async () => {
    const { dataSource } = database;
    const siti = { actorKind: 'account', actorId: 'a1', actorLabel: 'siti', operation: 'renameProbe' };
    await withAuditContext(siti, () =>
      dataSource.transaction((manager) => manager.query(`UPDATE probe SET name = 'renamed' WHERE code = '00'`)),
    );
    await dataSource.transaction((manager) => manager.query(`INSERT INTO probe (code, name) VALUES ('93', 'by the system')`));
    await dataSource.query(`INSERT INTO probe (code, name) VALUES ('94', 'outside any transaction')`);
    // A change rolled back leaves no record either.
    await expect(
      withAuditContext(siti, () =>
        dataSource.transaction(async (manager) => {
          await manager.query(`INSERT INTO probe (code, name) VALUES ('95', 'rolled back')`);
          throw new Error('no');
        }),
      ),
    ).rejects.toThrow('no');
    const records = await dataSource.query(
      `SELECT actor_kind, actor_label, operation, record_id, action, before->>'name' AS before, after->>'name' AS after
       FROM audit_record WHERE table_name = 'probe' AND record_id IN ('00', '93', '94', '95') ORDER BY id`,
    );
    expect(records).toEqual([
      { actor_kind: 'account', actor_label: 'siti', operation: 'renameProbe', record_id: '00', action: 'UPDATE', before: 'reference row', after: 'renamed' },
      { actor_kind: 'system', actor_label: 'system', operation: null, record_id: '93', action: 'INSERT', before: null, after: 'by the system' },
      expect.objectContaining({ actor_kind: 'database', record_id: '94', action: 'INSERT' }),
    ]);
    await expect(dataSource.query(`DELETE FROM audit_record`)).rejects.toThrow(/append-only/);
  });

  it('rolls a migration back and forward again', async () => {
    await database.dataSource.undoLastMigration({ transaction: 'each' });
    const [{ tables }] = await database.dataSource.query(
      `SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'probe'`,
    );
    expect(tables).toBe(0);
    expect(await migrate(database.dataSource)).toEqual(['ProbeTable1790000000000']);
  });
});
