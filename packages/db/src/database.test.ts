import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ensureRoleSql } from './application-role.js';
import { APPLICATION_ROLE, migrate, openDatabase, systemContext, undoLastMigration, withAuditContext, type Database } from './index.js';

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
    // A table whose rows belong to areas, held by row-level security as a module's tables are.
    await queryRunner.query(`CREATE TABLE probe_place (code text PRIMARY KEY, name text NOT NULL)`);
    await queryRunner.query(`CREATE TRIGGER audit_inserts AFTER INSERT ON probe_place REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION record_audit()`);
    await queryRunner.query(`ALTER TABLE probe_place ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY probe_place_read ON probe_place FOR SELECT USING (true)`);
    await queryRunner.query(`CREATE POLICY probe_place_insert ON probe_place FOR INSERT
      WITH CHECK (actor_manages_area(actor_role(), actor_area(), code))`);
    await queryRunner.query(`CREATE POLICY probe_place_update ON probe_place FOR UPDATE
      USING (actor_manages_area(actor_role(), actor_area(), code)) WITH CHECK (actor_manages_area(actor_role(), actor_area(), code))`);
    await queryRunner.query(`INSERT INTO probe_place (code, name) VALUES ('32.77.01.1001', 'elsewhere')`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE probe_place`);
    await queryRunner.query(`DROP TABLE probe`);
  }
}
/**
 * An index built CONCURRENTLY, outside a transaction, as a module's migration of a large table does (the audit log's
 * reference index): it waits for every older snapshot, including that of a process waiting for the migration lock.
 */
class ProbeIndex1790000000001 implements MigrationInterface {
  name = 'ProbeIndex1790000000001';
  transaction = false;
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX CONCURRENTLY probe_name_idx ON probe (name)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS probe_name_idx`);
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
    // The application may not touch the log at all; even its owner may not change it.
    await expect(dataSource.query(`DELETE FROM audit_record`)).rejects.toThrow(/permission denied/);
    await expect(asOwnerQuery(`DELETE FROM audit_record`)).rejects.toThrow(/append-only/);
    await expect(asOwnerQuery(`UPDATE audit_record SET actor_label = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(asOwnerQuery(`TRUNCATE audit_record`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`INSERT INTO audit_record (actor_kind, actor_label, table_name, action) VALUES ('account', 'forged', 'probe', 'INSERT')`))
      .rejects.toThrow(/permission denied/);
  });

  /** One statement on a connection of its own as the server's user (the tables' owner), as psql would run it. */
  async function asOwnerQuery(sql: string): Promise<unknown> {
    if (database.location.kind !== 'postgres') {
      // The embedded database is one session: step out of the application role on it, then back.
      const { asOwner } = await import('./index.js');
      return asOwner(database.dataSource, (runner) => runner.query(sql));
    }
    const client = new pg.Client({ connectionString: database.location.url });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  }

  it('runs every statement as the application role, which owns nothing and cannot bypass row-level security', async () => {
    const { dataSource } = database;
    const [outside] = await dataSource.query(
      `SELECT current_user AS "user", r.rolsuper AS "superuser", r.rolbypassrls AS "bypassesRls"
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(outside).toEqual({ user: APPLICATION_ROLE, superuser: false, bypassesRls: false });
    const inside = await dataSource.transaction((manager) => manager.query(`SELECT current_user AS "user"`));
    expect(inside).toEqual([{ user: APPLICATION_ROLE }]);
    const owned = await dataSource.query(
      `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
      [APPLICATION_ROLE],
    );
    expect(owned).toEqual([]);
    // The schema is the owner's: the application may not change it.
    await expect(dataSource.query(`DROP TABLE probe`)).rejects.toThrow(/must be owner|permission denied/);
    await expect(dataSource.query(`ALTER TABLE probe_place DISABLE ROW LEVEL SECURITY`)).rejects.toThrow(/must be owner|permission denied/);
  });

  it("holds every write to the actor's rights: in their area it lands, outside it is refused, without an actor nothing", async () => {
    const { dataSource } = database;
    const coordinator = { actorKind: 'account', actorId: 'c1', actorLabel: 'koordinator', operation: 'probe', role: 'coordinator', areaCode: '32.77.03' };
    const insert = (code: string) => (manager: { query(sql: string, parameters: unknown[]): Promise<unknown> }) =>
      manager.query(`INSERT INTO probe_place (code, name) VALUES ($1, 'x')`, [code]);
    await withAuditContext(coordinator, () => dataSource.transaction(insert('32.77.03.1001')));
    await expect(withAuditContext(coordinator, () => dataSource.transaction(insert('32.77.01.1002')))).rejects.toMatchObject({
      driverError: { code: '42501' },
    });
    // An update of a row the actor may not change touches nothing (row-level security hides it), silently.
    const updated = await withAuditContext(coordinator, () =>
      dataSource.transaction((manager) => manager.query(`UPDATE probe_place SET name = 'taken' WHERE code = '32.77.01.1001'`)),
    );
    expect(updated).toEqual([[], 0]);
    // A viewer, work outside any context, and a statement outside any transaction change nothing.
    const viewer = { ...coordinator, role: 'viewer', areaCode: null };
    await expect(withAuditContext(viewer, () => dataSource.transaction(insert('32.77.03.1002')))).rejects.toMatchObject({ driverError: { code: '42501' } });
    await expect(dataSource.transaction(insert('32.77.03.1003'))).rejects.toMatchObject({ driverError: { code: '42501' } });
    await expect(withAuditContext(systemContext('probe'), () => dataSource.query(`INSERT INTO probe_place (code, name) VALUES ('32.77.03.1004', 'x')`)))
      .rejects.toMatchObject({ driverError: { code: '42501' } });
    // The system (data sets, the operator's commands) may change any row.
    await withAuditContext(systemContext('probe'), () => dataSource.transaction(insert('32.77.01.1005')));
    const rows = await dataSource.query(`SELECT code, name FROM probe_place ORDER BY code`);
    expect(rows).toEqual([
      { code: '32.77.01.1001', name: 'elsewhere' },
      { code: '32.77.01.1005', name: 'x' },
      { code: '32.77.03.1001', name: 'x' },
    ]);
    // The audit trigger still writes, as the owner, for the application role's changes.
    const audited = await dataSource.query(
      `SELECT actor_label, record_id FROM audit_record WHERE table_name = 'probe_place' AND action = 'INSERT' AND actor_label <> 'system' ORDER BY id`,
    );
    expect(audited).toEqual([{ actor_label: 'koordinator', record_id: '32.77.03.1001' }]);
  });

  // The embedded database is one session: nothing there runs at the same time.
  it.skipIf(testDatabaseKind() === 'embedded')('creates the application role once when many connections ask at the same time', async () => {
    if (database.location.kind !== 'postgres') throw new Error('PostgreSQL only');
    const role = `peksos_race_${randomBytes(4).toString('hex')}`;
    const url = database.location.url;
    const attempt = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(ensureRoleSql(role));
      } finally {
        await client.end();
      }
    };
    try {
      await Promise.all(Array.from({ length: 6 }, attempt));
      const [{ roles }] = (await asOwnerQuery(`SELECT count(*) AS roles FROM pg_roles WHERE rolname = '${role}'`) as { rows: { roles: number }[] }).rows;
      expect(roles).toBe(1);
    } finally {
      await asOwnerQuery(`DROP ROLE IF EXISTS ${role}`);
    }
  });

  // Several server processes starting together on one PostgreSQL (docs/operating.md, "Several processes"): three data
  // sources on a fresh database, as three processes would have, migrate at once; exactly one applies the migrations,
  // an index built CONCURRENTLY among them (while the others wait for the lock: waiting in pg_advisory_lock, they held
  // a snapshot the index build waited for, and PostgreSQL failed one start with "deadlock detected").
  it.runIf(testDatabaseKind() === 'postgres')('applies the migrations once when several processes start together', async () => {
    const fresh = await createTestDatabaseLocation();
    const processes = await Promise.all(
      [1, 2, 3].map(() =>
        openDatabase({ location: fresh.location, entities: [], migrations: [ProbeTable1790000000000, ProbeIndex1790000000001] }),
      ),
    );
    try {
      const applied = await Promise.all(processes.map((process) => migrate(process.dataSource)));
      const names = ['AuditLog1764300000000', 'ApplicationRole1764300100000', 'ProbeTable1790000000000', 'ProbeIndex1790000000001'];
      expect(applied.filter((list) => list.length > 0)).toEqual([names]);
      expect(applied.filter((list) => list.length === 0)).toHaveLength(2);
      expect(await processes[0]!.dataSource.query(`SELECT count(*) AS rows FROM probe`)).toEqual([{ rows: 1 }]);
    } finally {
      await Promise.all(processes.map((process) => process.close()));
      await fresh.dispose();
    }
  });

  it('rolls a migration back and forward again', async () => {
    await undoLastMigration(database.dataSource);
    const [{ tables }] = await database.dataSource.query(
      `SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'probe'`,
    );
    expect(tables).toBe(0);
    expect(await migrate(database.dataSource)).toEqual(['ProbeTable1790000000000']);
  });
});
