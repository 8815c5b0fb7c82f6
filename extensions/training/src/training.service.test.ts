import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, undoLastMigration } from '@peksos/db';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { ErrorCode, runAsActor, SYSTEM_ACTOR, type Actor } from '@peksos/schema-kit';
import { workforceModule } from '@peksos/schema-workforce';
import { CertificationLevel } from '@peksos/types';
import { TrainingResult, TrainingSessionKind } from './sessions/training.entities.js';
import { TrainingService } from './sessions/training.service.js';
import { trainingModule } from './training.module.js';

const TODAY = '2018-03-01';

describe(`training extension (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule, trainingModule], 'cimahi');
  });
  afterAll(() => database?.dispose());

  const training = () => new TrainingService(database.dataSource, TODAY);
  const status = async (workerId: string) =>
    (
      (await database.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM certification WHERE worker_id = $1 AND kind = 'CERTIFICATE') AS certified`,
        [workerId],
      )) as [{ certified: boolean }]
    )[0].certified;

  it('enrols the 23 workers awaiting the competency test in the Cimahi data set', asSystem(async () => {
    const sessions = await training().list(undefined, { first: 10 });
    expect(await sessions.totalCount()).toBe(1);
    expect(await training().enrolmentsOfSessions([sessions.nodes[0]!.id])).toHaveLength(23);
  }));

  it('a passed competency test records the certificate; a second result is refused', asSystem(async () => {
    const [session] = (await training().list(undefined, { first: 1 })).nodes;
    const [enrolment] = await training().enrolmentsOfSessions([session!.id]);
    expect(await status(enrolment!.workerId)).toBe(false);

    await expect(training().recordResult({ enrolmentId: enrolment!.id, result: TrainingResult.PASSED }, SYSTEM_ACTOR)).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      field: 'certificateNumber',
    });
    const passed = await training().recordResult({
      enrolmentId: enrolment!.id,
      result: TrainingResult.PASSED,
      certificateNumber: 'LSPS/2018/0100',
    }, SYSTEM_ACTOR);
    expect(passed.certificationId).not.toBeNull();
    expect(await status(enrolment!.workerId)).toBe(true);
    await expect(
      training().recordResult({ enrolmentId: enrolment!.id, result: TrainingResult.FAILED }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
  }));

  it('refuses a full session and a second enrolment of the same worker', asSystem(async () => {
    const [office] = await database.dataSource.query(`SELECT id FROM organisation WHERE code = 'DINSOS-3277'`);
    const session = await training().schedule({
      title: 'Pelatihan manajemen kasus',
      kind: TrainingSessionKind.TRAINING,
      heldOn: '2018-04-10',
      place: 'Cimahi',
      organiserId: office.id,
      capacity: 1,
    }, SYSTEM_ACTOR);
    const [first, second] = (await database.dataSource.query(`SELECT id FROM worker ORDER BY full_name LIMIT 2`)) as { id: string }[];
    await training().enrol(session.id, first!.id, SYSTEM_ACTOR);
    await expect(training().enrol(session.id, first!.id, SYSTEM_ACTOR)).rejects.toMatchObject({ code: ErrorCode.CONFLICT, field: 'workerId' });
    await expect(training().enrol(session.id, second!.id, SYSTEM_ACTOR)).rejects.toMatchObject({ code: ErrorCode.CONFLICT, field: 'sessionId' });
    await expect(
      training().schedule({ title: 'Uji', kind: TrainingSessionKind.TRAINING, certificationLevel: CertificationLevel.ASSISTANT, heldOn: '2018-04-10', place: 'x', organiserId: office.id }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'certificationLevel' });
  }));

  it("cannot forge a certificate with its own SQL: the database refuses a worker outside the caller's area", async () => {
    const coordinator: Actor = { kind: 'account', id: null, label: 'koordinator-utara', role: 'coordinator', areaCode: '32.77.03', organisationIds: [] };
    // Siti Maryam lives in Cimahi Selatan (32.77.01): her certificates are that area's coordinator's to record.
    const [{ id: outside }] = await database.dataSource.query(`SELECT id FROM worker WHERE full_name = 'Siti Maryam'`);
    const [{ id: inside }] = await database.dataSource.query(`SELECT id FROM worker WHERE full_name = 'Taufik Hidayat'`);
    const forge = (workerId: string, number: string) =>
      runAsActor(coordinator, () =>
        database.dataSource.transaction((manager) =>
          manager.query(
            `INSERT INTO certification (worker_id, kind, level, certificate_number, issuer, issued_on)
             VALUES ($1, 'CERTIFICATE', 'GENERALIST', $2, 'LSPS', '2018-02-20')`,
            [workerId, number],
          ),
        ),
      );
    // Checked by the certificate's number: an earlier test may have certified either worker through a passed test
    // (which enrolment comes first is the database's choice).
    const recorded = async (number: string) =>
      ((await database.dataSource.query(`SELECT worker_id FROM certification WHERE certificate_number = $1`, [number])) as { worker_id: string }[]).map(
        (row) => row.worker_id,
      );
    await expect(forge(outside, 'PALSU/1')).rejects.toMatchObject({ driverError: { code: '42501' } });
    expect(await recorded('PALSU/1')).toEqual([]);
    // The same statement for a worker of the caller's area is theirs to make.
    await forge(inside, 'SAH/1');
    expect(await recorded('SAH/1')).toEqual([inside]);
  });

  it('its migrations roll back and forward again without touching the core tables', asSystem(async () => {
    // Its three migrations: the row-level security, the audit triggers, then the tables.
    await undoLastMigration(database.dataSource);
    await undoLastMigration(database.dataSource);
    await undoLastMigration(database.dataSource);
    const tables = async () =>
      ((await database.dataSource.query(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'training%' ORDER BY 1`,
      )) as { name: string }[]).map((row) => row.name);
    expect(await tables()).toEqual([]);
    const [{ workers }] = await database.dataSource.query(`SELECT count(*) AS workers FROM worker`);
    expect(workers).toBe(36);
    expect(await migrate(database.dataSource)).toEqual([
      'TrainingSchema1764500000000',
      'AuditTrainingChanges1764500010000',
      'TrainingRowSecurity1764500020000',
    ]);
    expect(await tables()).toEqual(['training_enrolment', 'training_session']);
  }));
});
