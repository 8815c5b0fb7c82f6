import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { ErrorCode, SYSTEM_ACTOR } from '@peksos/schema-kit';
import { workforceModule, WorkloadService } from '@peksos/schema-workforce';
import { casesModule } from '../cases.module.js';
import { CaseInvolvementService } from '../involvements/case-involvement.service.js';
import { CaseWorkloadService } from './case-workload.service.js';

const TODAY = '2018-06-01';

describe(`open-case workload limit (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;
  let worker: string;
  let openCases: string[];

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule, casesModule], 'cimahi');
    // The worker in most open cases, and open cases they are not in.
    const [busiest] = (await database.dataSource.query(
      `SELECT i.worker_id, count(DISTINCT i.case_id)::int AS count FROM case_involvement i JOIN social_case c ON c.id = i.case_id
       WHERE i.ends_on IS NULL AND c.status <> 'CLOSED' GROUP BY i.worker_id ORDER BY count DESC, i.worker_id LIMIT 1`,
    )) as { worker_id: string; count: number }[];
    worker = busiest!.worker_id;
    openCases = ((await database.dataSource.query(
      `SELECT c.id FROM social_case c WHERE c.status <> 'CLOSED' AND c.opened_on <= $2
       AND NOT EXISTS (SELECT 1 FROM case_involvement i WHERE i.case_id = c.id AND i.worker_id = $1) ORDER BY c.reference LIMIT 2`,
      [worker, TODAY],
    )) as { id: string }[]).map((row) => row.id);
    await asSystem(() => new WorkloadService(database.dataSource).updateLimits({ maxOpenCases: busiest!.count, recommendedOpenCases: 1 }, SYSTEM_ACTOR, database.dataSource))();
  });
  afterAll(() => database?.dispose());

  const involvements = () => new CaseInvolvementService(database.dataSource, TODAY);

  it('counts the open cases a worker is involved in', asSystem(async () => {
    const { maxOpenCases } = await new WorkloadService(database.dataSource).limits();
    expect((await new CaseWorkloadService(database.dataSource).openCases([worker], TODAY)).get(worker)).toBe(maxOpenCases);
  }));

  it('refuses one more open case with WORKLOAD_LIMIT_EXCEEDED on workerId, and takes an admin’s reason', asSystem(async () => {
    await expect(involvements().involve({ caseId: openCases[0]!, workerId: worker, roleCode: 'BROKER', isLead: false }, SYSTEM_ACTOR)).rejects.toMatchObject({
      extensions: { code: ErrorCode.WORKLOAD_LIMIT_EXCEEDED, field: 'workerId', limit: 'maxOpenCases' },
    });
    const involvement = await involvements().involve(
      { caseId: openCases[0]!, workerId: worker, roleCode: 'BROKER', isLead: false, limitOverrideReason: 'Kasus mendesak, hanya dia yang kenal keluarganya' },
      SYSTEM_ACTOR,
    );
    expect(involvement.limitOverrideReason).toBe('Kasus mendesak, hanya dia yang kenal keluarganya');
    const [audit] = await database.dataSource.query(`SELECT after->>'limit_override_reason' AS reason FROM audit_record WHERE table_name = 'case_involvement' AND record_id = $1`, [involvement.id]);
    expect(audit.reason).toBe('Kasus mendesak, hanya dia yang kenal keluarganya');
    // A further role in a case they are already in adds no case.
    const again = await involvements().involve({ caseId: openCases[0]!, workerId: worker, roleCode: 'EDUCATOR', isLead: false }, SYSTEM_ACTOR);
    expect(again.limitOverrideReason).toBeNull();
  }));
});
