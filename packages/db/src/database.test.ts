import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreMigrations, migrate, openDatabase, type Database } from './index.js';
import { createTestDatabaseLocation, testDatabaseKind, type TestDatabaseLocation } from './testing/index.js';

describe(`database (${testDatabaseKind()})`, () => {
  let testLocation: TestDatabaseLocation;
  let database: Database;

  beforeAll(async () => {
    testLocation = await createTestDatabaseLocation();
    database = await openDatabase({ location: testLocation.location, entities: [], migrations: coreMigrations });
    await migrate(database.dataSource);
  });

  afterAll(async () => {
    await database?.close();
    await testLocation?.dispose();
  });

  it('applies the migrations once, with the reference data', async () => {
    expect(await migrate(database.dataSource)).toEqual([]);
    const [{ roles, categories }] = await database.dataSource.query(
      `SELECT (SELECT count(*) FROM professional_role) AS roles, (SELECT count(*) FROM pmks_category) AS categories`,
    );
    expect({ roles, categories }).toEqual({ roles: 7, categories: 26 });
  });

  it('keeps concurrent transactions isolated: a rollback removes only its own writes', async () => {
    const { dataSource } = database;
    let releaseFirst!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (releaseFirst = resolve));

    // The first transaction writes, then waits while a second one starts, writes and commits; then it fails.
    const failing = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO area (code, name, level) VALUES ('91', 'Rolled back', 'PROVINCE')`);
      await firstMayFinish;
      throw new Error('roll back on purpose');
    });
    const committing = dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO area (code, name, level) VALUES ('92', 'Committed', 'PROVINCE')`);
    });
    // Let the second transaction get as far as it can before the first one ends.
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseFirst();

    await expect(failing).rejects.toThrow('roll back on purpose');
    await committing;

    const rows = await dataSource.query(`SELECT code FROM area WHERE code IN ('91', '92') ORDER BY code`);
    expect(rows).toEqual([{ code: '92' }]);
  });

  it('rolls a migration back and forward again', async () => {
    await database.dataSource.undoLastMigration({ transaction: 'each' });
    const [{ tables }] = await database.dataSource.query(
      `SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'worker'`,
    );
    expect(tables).toBe(0);
    expect(await migrate(database.dataSource)).toEqual(['InitialSchema1764400000000']);
  });
});
