import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { ErrorCode, runAsActor, type Actor } from '@peksos/schema-kit';
import { CertificationLevel } from '@peksos/types';
import { AssignmentService } from './assignments/assignment.service.js';
import { CertificationService } from './certifications/certification.service.js';
import { workforceModule } from './workforce.module.js';

const TODAY = '2018-06-01';

/** A coordinator of Cimahi Utara, as the server's authentication makes one from an account. */
const coordinator: Actor = {
  kind: 'account',
  id: '00000000-0000-4000-8000-00000000c003',
  label: 'koordinator-utara',
  role: 'coordinator',
  areaCode: '32.77.03',
  organisationIds: [],
};

/**
 * The database's own refusal, whatever code sends the SQL: a statement under the application role, in a coordinator's
 * transaction, as an extension or an importer would write it, cannot change a row outside the coordinator's area.
 */
describe(`workforce rows under row-level security (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;
  let outsideWorker: string;
  let insideWorker: string;
  let insideOrganisation: string;
  let outsideOrganisation: string;
  let outsideAssignment: string;

  const one = async (sql: string, parameters: unknown[] = []) => ((await database.dataSource.query(sql, parameters)) as { id: string }[])[0]!.id;
  const asCoordinator = <T>(work: (manager: EntityManager) => Promise<T>) =>
    runAsActor(coordinator, () => database.dataSource.transaction(work));
  const snapshot = () =>
    database.dataSource.query(
      `SELECT (SELECT md5(string_agg(w::text, ',' ORDER BY w.id)) FROM worker w) AS workers,
              (SELECT md5(string_agg(c::text, ',' ORDER BY c.id)) FROM certification c) AS certifications,
              (SELECT md5(string_agg(a::text, ',' ORDER BY a.id)) FROM assignment a) AS assignments,
              (SELECT md5(string_agg(o::text, ',' ORDER BY o.id)) FROM organisation o) AS organisations,
              (SELECT count(*) FROM audit_record) AS audit`,
    );

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule], 'cimahi');
    // Siti Maryam lives and works in Cimahi Selatan (32.77.01); Taufik Hidayat lives in Cimahi Utara (32.77.03).
    outsideWorker = await one(`SELECT id FROM worker WHERE full_name = 'Siti Maryam'`);
    insideWorker = await one(`SELECT id FROM worker WHERE full_name = 'Taufik Hidayat'`);
    insideOrganisation = await one(`SELECT id FROM organisation WHERE kind = 'SOCIAL_WELFARE_INSTITUTION' AND area_code LIKE '32.77.03.%' ORDER BY code LIMIT 1`);
    outsideOrganisation = await one(`SELECT id FROM organisation WHERE kind = 'SOCIAL_WELFARE_INSTITUTION' AND area_code LIKE '32.77.01.%' ORDER BY code LIMIT 1`);
    outsideAssignment = await one(`SELECT id FROM assignment WHERE worker_id = $1`, [outsideWorker]);
  });
  afterAll(() => database?.dispose());

  it('refuses an insert outside the area with SQLSTATE 42501, and hides rows outside it from updates', async () => {
    const before = await snapshot();
    const refusedInserts = [
      [`INSERT INTO certification (worker_id, kind, level, certificate_number, issuer, issued_on)
        VALUES ($1, 'CERTIFICATE', 'GENERALIST', 'PALSU/1', 'Palsu', '2018-01-02')`, [outsideWorker]],
      [`INSERT INTO assignment (worker_id, organisation_id, starts_on, is_primary) VALUES ($1, $2, '2018-05-01', false)`,
        [outsideWorker, insideOrganisation]],
      [`INSERT INTO worker (full_name, gender, employment_status, home_area_code) VALUES ('Titipan', 'MALE', 'VOLUNTEER', '32.77.01.1001')`, []],
      [`INSERT INTO worker (full_name, gender, employment_status) VALUES ('Tanpa Wilayah', 'MALE', 'VOLUNTEER')`, []],
      [`INSERT INTO organisation (name, kind, area_code) VALUES ('LKS Titipan', 'OTHER', '32.77.01.1001')`, []],
      [`UPDATE organisation SET parent_id = $2 WHERE id = $1`, [insideOrganisation, outsideOrganisation]],
      [`UPDATE organisation SET area_code = '32.77.01.1001' WHERE id = $1`, [insideOrganisation]],
      [`UPDATE worker SET home_area_code = NULL WHERE id = $1`, [insideWorker]],
      [`INSERT INTO area (code, name, level, parent_code) VALUES ('32.77.03.1099', 'Baru', 'VILLAGE', '32.77.03')`, []],
    ] as const;
    for (const [sql, parameters] of refusedInserts) {
      await expect(asCoordinator((manager) => manager.query(sql, [...parameters])), sql).rejects.toMatchObject({ driverError: { code: '42501' } });
    }
    // Rows outside the area are not there for an update or a delete: nothing changes, silently.
    const hidden = [
      [`UPDATE worker SET full_name = 'Diambil Alih', home_area_code = '32.77.03.1001' WHERE id = $1`, [outsideWorker]],
      [`UPDATE assignment SET ends_on = '2018-05-02' WHERE id = $1`, [outsideAssignment]],
      [`UPDATE organisation SET name = 'Dibajak' WHERE id = $1`, [outsideOrganisation]],
      [`DELETE FROM certification WHERE worker_id = $1`, [insideWorker]],
      [`DELETE FROM assignment WHERE worker_id = $1`, [insideWorker]],
    ] as const;
    for (const [sql, parameters] of hidden) {
      const [, affected] = (await asCoordinator((manager) => manager.query(sql, [...parameters]))) as [unknown, number];
      expect(affected, sql).toBe(0);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets the same statements change rows within the area', async () => {
    const [, renamed] = (await asCoordinator((manager) =>
      manager.query(`UPDATE worker SET phone = '081200000003' WHERE id = $1`, [insideWorker]),
    )) as [unknown, number];
    expect(renamed).toBe(1);
    await asCoordinator((manager) =>
      manager.query(
        `INSERT INTO certification (worker_id, kind, level, test_date) VALUES ($1, 'SCHEDULED_TEST', 'GENERALIST', '2018-09-01')`,
        [insideWorker],
      ),
    );
    // A placement at an organisation of the area, of a worker of the area.
    await asCoordinator((manager) =>
      manager.query(`INSERT INTO assignment (worker_id, organisation_id, starts_on, is_primary) VALUES ($1, $2, '2018-05-01', false)`, [
        insideWorker,
        insideOrganisation,
      ]),
    );
  });

  it('has the services refuse first, as FORBIDDEN naming the field, what the database would refuse', async () => {
    const before = await snapshot();
    const certificate = {
      workerId: outsideWorker,
      level: CertificationLevel.GENERALIST,
      certificateNumber: 'PALSU/2',
      issuer: 'Palsu',
      issuedOn: '2018-01-02',
    };
    await expect(runAsActor(coordinator, () => new CertificationService(database.dataSource, TODAY).record(certificate, coordinator))).rejects.toMatchObject({
      code: ErrorCode.FORBIDDEN,
      field: 'workerId',
    });
    await expect(
      runAsActor(coordinator, () =>
        new AssignmentService(database.dataSource, TODAY).assign({ workerId: outsideWorker, organisationId: insideOrganisation, isPrimary: false }, coordinator),
      ),
    ).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN, field: 'workerId' });
    // A service handed another actor than the transaction's does not widen the transaction's rights: the database
    // holds it to the actor of the context (the worker's row is not there to lock).
    await expect(
      runAsActor(coordinator, () => new CertificationService(database.dataSource, TODAY).record({ ...certificate, certificateNumber: 'PALSU/3' }, {
        ...coordinator,
        role: 'admin',
      })),
    ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND, field: 'workerId' });
    expect(await snapshot()).toEqual(before);
  });

  it('lets the system (data sets, the operator) change any row', asSystem(async () => {
    const [, affected] = (await database.dataSource.transaction((manager) =>
      manager.query(`UPDATE worker SET phone = '081200000001' WHERE id = $1`, [outsideWorker]),
    )) as [unknown, number];
    expect(affected).toBe(1);
  }));
});
