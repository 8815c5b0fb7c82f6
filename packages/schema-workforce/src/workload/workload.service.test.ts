import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { DomainError, ErrorCode, runAsActor, SYSTEM_ACTOR, type Actor } from '@peksos/schema-kit';
import { AssignmentService } from '../assignments/assignment.service.js';
import { workforceModule } from '../workforce.module.js';
import { CandidateRankingService } from './candidate-ranking.service.js';
import { WorkloadService } from './workload.service.js';

const TODAY = '2018-06-01';

/** Cimahi's coordinator (the whole city): may place any Cimahi worker, but is not an admin. */
const coordinator: Actor = { kind: 'account', id: '00000000-0000-4000-8000-00000000c077', label: 'koordinator-cimahi', role: 'coordinator', areaCode: '32.77', organisationIds: [] };

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe(`workload limits (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;
  let busyWorker: string;
  let freeOrganisations: string[];

  const one = async (sql: string, parameters: unknown[] = []) => ((await database.dataSource.query(sql, parameters)) as { id: string }[])[0]!.id;
  const assignments = () => new AssignmentService(database.dataSource, TODAY);

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule], 'cimahi');
    // A kelurahan worker who also serves an institution: two placements, the office's maximum.
    busyWorker = await one(`SELECT worker_id AS id FROM assignment WHERE ends_on IS NULL GROUP BY worker_id HAVING count(*) = 2 ORDER BY worker_id LIMIT 1`);
    freeOrganisations = ((await database.dataSource.query(
      `SELECT o.id FROM organisation o WHERE o.should_have_worker AND o.archived_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND a.ends_on IS NULL) ORDER BY o.code LIMIT 3`,
    )) as { id: string }[]).map((row) => row.id);
  });
  afterAll(() => database?.dispose());

  it('starts from the defaults: 25 open cases recommended, 40 at most, 2 placements', asSystem(async () => {
    const limits = await new WorkloadService(database.dataSource).limits();
    expect([limits.recommendedOpenCases, limits.maxOpenCases, limits.maxPlacements]).toEqual([25, 40, 2]);
  }));

  it('refuses a placement beyond the maximum with WORKLOAD_LIMIT_EXCEEDED on workerId', asSystem(async () => {
    const error = await refusal(assignments().assign({ workerId: busyWorker, organisationId: freeOrganisations[0]!, isPrimary: false }, SYSTEM_ACTOR));
    expect(error.extensions).toMatchObject({ code: ErrorCode.WORKLOAD_LIMIT_EXCEEDED, field: 'workerId', limit: 'maxPlacements', maximum: 2 });
  }));

  it('holds the import path (AssignmentService.insert) to the same limit; a past placement is history and is recorded', asSystem(async () => {
    const row = { workerId: busyWorker, organisationId: freeOrganisations[2]!, isPrimary: false, endReason: null };
    const error = await refusal(
      database.dataSource.transaction((manager) => assignments().insert(manager, { ...row, startsOn: TODAY, endsOn: null }, SYSTEM_ACTOR)),
    );
    expect(error.extensions).toMatchObject({ code: ErrorCode.WORKLOAD_LIMIT_EXCEEDED, field: 'workerId', limit: 'maxPlacements', maximum: 2 });
    class Undo extends Error {}
    await database.dataSource
      .transaction(async (manager) => {
        await assignments().insert(manager, { ...row, startsOn: '2010-01-01', endsOn: '2011-01-01', endReason: 'Selesai' }, SYSTEM_ACTOR);
        throw new Undo();
      })
      .catch((caught: unknown) => expect(caught).toBeInstanceOf(Undo));
  }));

  it('refuses an override from a coordinator (FORBIDDEN on limitOverrideReason), and makes nothing', async () => {
    const error = await refusal(
      runAsActor(coordinator, () =>
        assignments().assign({ workerId: busyWorker, organisationId: freeOrganisations[0]!, isPrimary: false, limitOverrideReason: 'Urgent' }, coordinator),
      ),
    );
    expect(error.extensions).toMatchObject({ code: ErrorCode.FORBIDDEN, field: 'limitOverrideReason' });
    const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM assignment WHERE organisation_id = $1`, [freeOrganisations[0]]);
    expect(count).toBe(0);
  });

  it('lets an admin override with a reason, kept on the assignment and in the audit log', asSystem(async () => {
    const reason = 'Satu-satunya peksos yang dekat; sementara sampai rekrutmen';
    const assignment = await assignments().assign({ workerId: busyWorker, organisationId: freeOrganisations[0]!, isPrimary: false, limitOverrideReason: ` ${reason} ` }, SYSTEM_ACTOR);
    expect(assignment.limitOverrideReason).toBe(reason);
    const [audit] = await database.dataSource.query(
      `SELECT after->>'limit_override_reason' AS reason, action FROM audit_record WHERE table_name = 'assignment' AND record_id = $1`,
      [assignment.id],
    );
    expect(audit).toEqual({ reason, action: 'INSERT' });
    // Within the limit, a reason is not needed and not kept.
    const free = await one(`SELECT w.id FROM worker w WHERE NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND a.ends_on IS NULL) LIMIT 1`);
    const within = await assignments().assign({ workerId: free, organisationId: freeOrganisations[1]!, isPrimary: true, limitOverrideReason: 'tidak perlu' }, SYSTEM_ACTOR);
    expect(within.limitOverrideReason).toBeNull();
  }));

  it('lets only admins change the limits, and the ranking follows them', async () => {
    const error = await refusal(runAsActor(coordinator, () => new WorkloadService(database.dataSource).updateLimits({ maxPlacements: 3 }, coordinator, database.dataSource)));
    expect(error.extensions.code).toBe(ErrorCode.FORBIDDEN);
    await asSystem(async () => {
      const bad = await refusal(new WorkloadService(database.dataSource).updateLimits({ recommendedOpenCases: 50 }, SYSTEM_ACTOR, database.dataSource));
      expect(bad.extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'recommendedOpenCases' });
      const ranking = new CandidateRankingService(database.dataSource);
      const before = await ranking.rankForOrganisation(freeOrganisations[2]!, TODAY);
      expect(before.every((candidate) => candidate.placementsHeld < 2)).toBe(true);
      const limits = await new WorkloadService(database.dataSource).updateLimits({ maxPlacements: 3 }, SYSTEM_ACTOR, database.dataSource);
      expect(limits.maxPlacements).toBe(3);
      const after = await ranking.rankForOrganisation(freeOrganisations[2]!, TODAY);
      expect(after.some((candidate) => candidate.placementsHeld === 2)).toBe(true);
      await new WorkloadService(database.dataSource).updateLimits({ maxPlacements: 2 }, SYSTEM_ACTOR, database.dataSource);
    })();
  });

  it('ranks candidates by certification, then nearness, then spare capacity', asSystem(async () => {
    const ranked = await new CandidateRankingService(database.dataSource).rankForOrganisation(freeOrganisations[2]!, TODAY);
    expect(ranked.length).toBeGreaterThan(3);
    const order = ['SAME_KELURAHAN', 'SAME_KECAMATAN', 'SAME_CITY'];
    for (let i = 1; i < ranked.length; i++) {
      const [a, b] = [ranked[i - 1]!, ranked[i]!];
      const key = (c: typeof a) => [c.certified ? 0 : 1, order.indexOf(c.nearness), -c.sparePlacements];
      const [ka, kb] = [key(a), key(b)];
      const firstDifference = ka.findIndex((value, index) => value !== kb[index]);
      if (firstDifference >= 0) expect(ka[firstDifference]).toBeLessThan(kb[firstDifference]!);
    }
  }));
});
