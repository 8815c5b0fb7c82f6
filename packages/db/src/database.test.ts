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

  it('rolls a migration back and forward again', async () => {
    await database.dataSource.undoLastMigration({ transaction: 'each' });
    const [{ tables }] = await database.dataSource.query(
      `SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'probe'`,
    );
    expect(tables).toBe(0);
    expect(await migrate(database.dataSource)).toEqual(['ProbeTable1790000000000']);
  });
});
