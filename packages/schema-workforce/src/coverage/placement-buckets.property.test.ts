import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { DomainError, ErrorCode, SYSTEM_ACTOR } from '@peksos/schema-kit';
import { EmploymentStatus, Gender, OrganisationKind } from '@peksos/types';
import { AssignmentService } from '../assignments/assignment.service.js';
import { OrganisationService } from '../organisations/organisation.service.js';
import { WorkerService } from '../workers/worker.service.js';
import { workforceModule } from '../workforce.module.js';
import { CoverageService } from './coverage.service.js';

const TODAY = '2018-06-01';
const AREAS = ['32', '32.77', '32.77.01', '32.77.02', '32.77.03', '32.77.01.1001', '32.77.03.1003'];
const DATES = ['2018-01-15', TODAY, '2018-09-01', '2019-03-01'];

/** A day of 2018 as an ISO date. */
const dayOf2018 = (day: number) => new Date(Date.UTC(2018, 0, 1 + day)).toISOString().slice(0, 10);

type Step =
  | { kind: 'assign'; worker: number; organisation: number; isPrimary: boolean; startsOn: number }
  | { kind: 'end'; assignment: number; after: number };

/**
 * The placement-kind buckets of a workforce summary add up, with the unplaced, to all workers, whatever the history of
 * assignments (primary and secondary, started and ended at any date, inside and outside the area summarised).
 */
describe(`workforceSummary's placement buckets (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;
  let workerIds: string[];
  let organisationIds: string[];

  const coverage = () => new CoverageService(database.dataSource, TODAY);
  const assignments = () => new AssignmentService(database.dataSource, TODAY);
  const ids = async (sql: string) => ((await database.dataSource.query(sql)) as { id: string }[]).map((row) => row.id);

  async function expectBucketsAddUp(): Promise<void> {
    for (const areaCode of AREAS) {
      for (const asOf of DATES) {
        const summary = await coverage().workforceSummary(areaCode, asOf);
        const placed = summary.workersByPlacementKind.reduce((sum, bucket) => sum + bucket.workers, 0);
        expect({ areaCode, asOf, total: placed + summary.unplacedWorkers }).toEqual({ areaCode, asOf, total: summary.workers });
        expect(new Set(summary.workersByPlacementKind.map((bucket) => bucket.kind)).size).toBe(summary.workersByPlacementKind.length);
        for (const bucket of summary.workersByPlacementKind) expect(bucket.workers).toBeGreaterThan(0);
      }
    }
  }

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule], 'cimahi');
    await asSystem(async () => {
      const workers = new WorkerService(database.dataSource, TODAY);
      const organisations = new OrganisationService(database.dataSource, TODAY);
      const fresh = await Promise.all(
        ['32.77.01.1001', '32.77.02.1003', '32.77.03.1003'].map((homeAreaCode, index) =>
          workers.create({ fullName: `Uji Acak ${index}`, gender: Gender.FEMALE, employmentStatus: EmploymentStatus.VOLUNTEER, homeAreaCode }, SYSTEM_ACTOR),
        ),
      );
      const lks = await organisations.create(
        { name: 'LKS Acak', kind: OrganisationKind.SOCIAL_WELFARE_INSTITUTION, areaCode: '32.77.03.1003', shouldHaveWorker: true },
        SYSTEM_ACTOR,
      );
      // New workers, the worker the data set leaves unplaced, and a few placed ones of different kecamatan.
      const unplaced = await ids(`SELECT w.id FROM worker w WHERE NOT EXISTS (
        SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND a.ends_on IS NULL) AND w.full_name NOT LIKE 'Uji Acak%'`);
      const placed = await ids(`SELECT id FROM worker WHERE full_name IN ('Agus Firmansyah', 'Euis Komalasari', 'Taufik Hidayat')`);
      workerIds = [...fresh.map((worker) => worker.id), ...unplaced, ...placed];
      // One organisation of each kind the data set has, in different areas, and the new one.
      const kinds = await ids(`SELECT DISTINCT ON (kind) id FROM organisation ORDER BY kind, code`);
      organisationIds = [lks.id, ...kinds, ...(await ids(`SELECT id FROM organisation WHERE area_code LIKE '32.77.01.%' ORDER BY code LIMIT 2`))];
    })();
  });
  afterAll(() => database?.dispose());

  it('counts a worker whose only placement is secondary (the issue 16 case: 36 workers, 0 unplaced)', asSystem(async () => {
    const before = await coverage().workforceSummary('32.77', TODAY);
    const [unplaced] = await ids(`SELECT w.id FROM worker w WHERE w.full_name NOT LIKE 'Uji Acak%' AND NOT EXISTS (
      SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND a.ends_on IS NULL)`);
    const assignment = await assignments().assign({ workerId: unplaced!, organisationId: organisationIds[0]!, isPrimary: false, startsOn: TODAY }, SYSTEM_ACTOR);
    try {
      const after = await coverage().workforceSummary('32.77', TODAY);
      expect(after.workers).toBe(before.workers);
      expect(after.unplacedWorkers).toBe(before.unplacedWorkers - 1);
      const placed = after.workersByPlacementKind.reduce((sum, bucket) => sum + bucket.workers, 0);
      expect(placed).toBe(after.workers - after.unplacedWorkers);
      expect(after.workersByPlacementKind.find((bucket) => bucket.kind === OrganisationKind.SOCIAL_WELFARE_INSTITUTION)?.workers).toBe(1);
    } finally {
      await database.dataSource.query(`DELETE FROM assignment WHERE id = $1`, [assignment.id]);
    }
  }));

  it('adds up with the unplaced to all workers over random assignment histories', asSystem(async () => {
    await expectBucketsAddUp();
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        kind: fc.constant('assign' as const),
        worker: fc.nat({ max: 50 }),
        organisation: fc.nat({ max: 50 }),
        isPrimary: fc.boolean(),
        startsOn: fc.nat({ max: 364 }),
      }),
      fc.record({ kind: fc.constant('end' as const), assignment: fc.nat({ max: 20 }), after: fc.integer({ min: 1, max: 300 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const created: { id: string; startsOn: number }[] = [];
        try {
          for (const next of steps) {
            try {
              if (next.kind === 'assign') {
                const assignment = await assignments().assign(
                  {
                    workerId: workerIds[next.worker % workerIds.length]!,
                    organisationId: organisationIds[next.organisation % organisationIds.length]!,
                    isPrimary: next.isPrimary,
                    startsOn: dayOf2018(next.startsOn),
                  },
                  SYSTEM_ACTOR,
                );
                created.push({ id: assignment.id, startsOn: next.startsOn });
              } else if (created.length > 0) {
                const target = created[next.assignment % created.length]!;
                await assignments().end(target.id, dayOf2018(target.startsOn + next.after), null, SYSTEM_ACTOR);
              }
            } catch (error) {
              // The service refusing a step (an overlap, a second primary, an ended assignment) is part of a history.
              if (!(error instanceof DomainError) || ![ErrorCode.CONFLICT, ErrorCode.BAD_USER_INPUT].includes(error.code)) throw error;
            }
          }
          await expectBucketsAddUp();
        } finally {
          if (created.length > 0) {
            await database.dataSource.query(`DELETE FROM assignment WHERE id = ANY($1)`, [created.map((row) => row.id)]);
          }
        }
      }),
      { seed: 16_04, numRuns: 40 },
    );
    // 40 histories of real writes and summaries: over 30 s on a busy two-core machine.
  }), 180_000);
});
