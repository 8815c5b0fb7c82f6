import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DataSource, EntityManager } from 'typeorm';
import { openDatabase, type Database } from '@peksos/db';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { runAsActor, SYSTEM_ACTOR } from '@peksos/schema-kit';
import { AssignmentService } from '../assignments/assignment.service.js';
import { CertificationService } from '../certifications/certification.service.js';
import { OrganisationService } from '../organisations/organisation.service.js';
import { WorkerService } from '../workers/worker.service.js';
import { CertificationLevel, EmploymentStatus, Gender, OrganisationKind } from '@peksos/types';
import { workforceModule } from '../workforce.module.js';
import { AreaBreakdownService } from './area-breakdown.service.js';
import { CoverageService } from './coverage.service.js';
import { CoverageCache, coverageCacheOf, readCoverageVersion } from './coverage-cache.js';

const TODAY = '2018-06-01';
const CITY = '32.77';
const UTARA = '32.77.03';

/** Every cached question of the coverage module, in a comparable form: cached (the default) or computed afresh. */
async function answers(db: DataSource | EntityManager, cache = true) {
  const coverage = new CoverageService(db, TODAY, { cache });
  const breakdowns = new AreaBreakdownService(db, TODAY, { cache });
  const gap = async (certifiedOnly: boolean, asOf?: string) => {
    const page = await coverage.organisationsLackingWorker({ areaCode: CITY, certifiedOnly, asOf }, undefined, { first: 5 });
    return {
      ids: page.nodes.map((node) => `${node.id} ${node.name} ${node.kind} ${node.areaCode}`),
      cursors: page.edges.map((edge) => edge.cursor),
      pageInfo: page.pageInfo,
      total: await page.totalCount(),
    };
  };
  const summary = await coverage.workforceSummary(CITY, undefined);
  return {
    gap: await gap(false),
    gapCertified: await gap(true, '2017-06-30'),
    summary,
    subAreas: await coverage.summariseEach([summary.area], TODAY),
    breakdown: await breakdowns.breakdown(CITY, undefined, SYSTEM_ACTOR),
  };
}

const version = async (db: DataSource | EntityManager) => (await readCoverageVersion(db, true)).version;
const write = <T>(db: DataSource, work: (manager: EntityManager) => Promise<T>) => runAsActor(SYSTEM_ACTOR, () => db.transaction(work));
const one = async (db: DataSource | EntityManager, sql: string, parameters: unknown[] = []) =>
  ((await db.query(sql, parameters)) as Record<string, string>[])[0]!;

describe(`the coverage cache (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule], 'cimahi');
  });
  afterAll(() => database?.dispose());

  it('answers a repeated question from the cache, the same as computed afresh', asSystem(async () => {
    const cache = coverageCacheOf(database.dataSource);
    const first = await answers(database.dataSource);
    const hits = cache.hits;
    const again = await answers(database.dataSource);
    expect(cache.hits - hits).toBe(7);
    expect(again).toEqual(first);
    expect(again).toEqual(await answers(database.dataSource, false));
    // Each reader gets its own objects: changing one answer changes nobody else's.
    again.summary.area.name = 'changed';
    again.gap.pageInfo.hasNextPage = !again.gap.pageInfo.hasNextPage;
    expect(await answers(database.dataSource)).toEqual(first);
  }));

  it('gives a fresh answer after each kind of write, and bumps the version once per transaction', asSystem(async () => {
    const db = database.dataSource;
    const check = async (what: string, change: () => Promise<unknown>, changes: (keyof Awaited<ReturnType<typeof answers>>)[]) => {
      const before = await answers(db);
      const versionBefore = await version(db);
      await change();
      expect(await version(db), what).toBe(versionBefore! + 1n);
      const after = await answers(db);
      expect(after, what).toEqual(await answers(db, false));
      for (const key of changes) expect(after[key], `${what}: ${key}`).not.toEqual(before[key]);
    };
    const organisations = new OrganisationService(db, TODAY);
    const workers = new WorkerService(db, TODAY);
    const lacking = (await answers(db)).gap.ids[0]!.split(' ')[0]!;
    let workerId = '';
    await check('worker created', async () => {
      workerId = (
        await workers.create(
          { fullName: 'Pekerja Cache', gender: Gender.FEMALE, employmentStatus: EmploymentStatus.VOLUNTEER, homeAreaCode: `${UTARA}.1001` } as never,
          SYSTEM_ACTOR,
        )
      ).id;
    }, ['summary', 'breakdown']);
    let assignmentId = '';
    await check('assigned', async () => {
      assignmentId = (await new AssignmentService(db, TODAY).assign({ workerId: workerId, organisationId: lacking, startsOn: '2017-01-01', isPrimary: true }, SYSTEM_ACTOR)).id;
    }, ['gap', 'summary', 'breakdown']);
    await check('certified', () =>
      new CertificationService(db, TODAY).record(
        { workerId: workerId, level: CertificationLevel.GENERALIST, certificateNumber: 'CACHE-TEST-1', issuer: 'Kemensos', issuedOn: '2017-01-01' },
        SYSTEM_ACTOR,
      ), ['summary', 'breakdown']);
    await check('assignment ended', () => new AssignmentService(db, TODAY).end(assignmentId, TODAY, 'test', SYSTEM_ACTOR), ['gap', 'summary']);
    await check('organisation archived', () => organisations.archive(lacking, 'test', SYSTEM_ACTOR), ['gap', 'summary', 'breakdown']);
    await check('organisation created', () =>
      organisations.create({ name: 'LKS Cache', kind: OrganisationKind.OTHER, areaCode: `${UTARA}.1001`, shouldHaveWorker: true } as never, SYSTEM_ACTOR),
      ['summary', 'breakdown']);
    await check('worker archived', () => workers.archive(workerId, 'test', SYSTEM_ACTOR), ['summary', 'breakdown']);
    await check('area changed', () => write(db, (manager) => manager.query(`UPDATE area SET population = population + 1000 WHERE code IN ($1, $2)`, [CITY, UTARA])), [
      'summary',
      'breakdown',
    ]);
    // One bump for a transaction of many statements over several tables.
    await check('one transaction, many writes', () =>
      write(db, async (manager) => {
        await manager.query(`UPDATE organisation SET should_have_worker = NOT should_have_worker WHERE area_code LIKE $1`, [`${UTARA}.%`]);
        await manager.query(`UPDATE worker SET full_name = full_name WHERE home_area_code LIKE '32.77.%'`);
        await manager.query(`UPDATE area SET population = population - 1000 WHERE code IN ($1, $2)`, [CITY, UTARA]);
      }), ['summary', 'breakdown']);
  }));

  it('does not bump for a rolled-back write, and a reader inside a writing transaction sees its own writes', asSystem(async () => {
    const db = database.dataSource;
    const before = await answers(db);
    const versionBefore = await version(db);
    const rollback = new Error('roll back');
    let inside: Awaited<ReturnType<typeof answers>> | undefined;
    await expect(
      write(db, async (manager) => {
        expect((await readCoverageVersion(manager, true)).version).toBe(versionBefore);
        await manager.query(`UPDATE organisation SET should_have_worker = false WHERE area_code = '32.77' OR area_code LIKE '32.77.%'`);
        expect((await readCoverageVersion(manager, true)).version).toBeNull();
        inside = await answers(manager);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(inside!.gap.total).toBe(0);
    expect(inside!.summary.organisationsNeedingWorker).toBe(0);
    expect(await version(db)).toBe(versionBefore);
    expect(await answers(db)).toEqual(before);
    // A write in a savepoint rolled back leaves the transaction unwritten: nothing to bump, the cache usable.
    await write(db, async (manager) => {
      await manager.query('SAVEPOINT s');
      await manager.query(`UPDATE area SET population = population WHERE code = $1`, [CITY]);
      await manager.query('ROLLBACK TO SAVEPOINT s');
      expect((await readCoverageVersion(manager, true)).version).toBe(versionBefore);
    });
    expect(await version(db)).toBe(versionBefore);
  }));

  it('bumps once for TRUNCATE too', asSystem(async () => {
    // The certifications are truncated as the table's owner would (the application role may not truncate).
    const db = database.dataSource;
    const versionBefore = await version(db);
    const owner = (await one(db, `SELECT tableowner FROM pg_tables WHERE tablename = 'certification'`)).tableowner!;
    await db.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE "${owner}"`);
      await manager.query(`TRUNCATE certification`);
      expect((await readCoverageVersion(manager, true)).version).toBeNull();
    });
    expect(await version(db)).toBe(versionBefore! + 1n);
    expect(await answers(db)).toEqual(await answers(db, false));
  }));

  it('lets the application role read the version, not change it', async () => {
    await expect(database.dataSource.query(`UPDATE workforce_version SET version = 0`)).rejects.toThrow(/permission denied/);
  });

  it('keeps cached answers equal to fresh ones over random writes (property)', asSystem(async () => {
    const db = database.dataSource;
    const ids = async (sql: string) => ((await db.query(sql)) as { id: string }[]).map((row) => row.id);
    const organisations = await ids(`SELECT id FROM organisation WHERE area_code LIKE '32.77.%' ORDER BY id`);
    const workers = await ids(`SELECT id FROM worker ORDER BY id`);
    const assignments = await ids(`SELECT id FROM assignment ORDER BY id`);
    const villages = await ids(`SELECT code AS id FROM area WHERE level = 'VILLAGE' AND code LIKE '32.77.%' ORDER BY code`);
    const pick = (list: string[]) => fc.nat(list.length - 1).map((index) => list[index]!);
    const change = fc.oneof(
      pick(organisations).map((id) => [`UPDATE organisation SET should_have_worker = NOT should_have_worker WHERE id = $1`, [id]] as const),
      fc.tuple(pick(organisations), pick(villages)).map(([id, area]) => [`UPDATE organisation SET area_code = $2 WHERE id = $1`, [id, area]] as const),
      fc.tuple(pick(workers), pick(villages)).map(([id, area]) => [`UPDATE worker SET home_area_code = $2 WHERE id = $1`, [id, area]] as const),
      // Ends an assignment (or keeps an earlier end): never lengthens one, which could overlap another primary one.
      pick(assignments).map((id) => [
        `UPDATE assignment SET ends_on = CASE WHEN ends_on IS NULL OR ends_on > GREATEST(starts_on + 1, DATE '2018-01-01')
           THEN GREATEST(starts_on + 1, DATE '2018-01-01') ELSE ends_on END WHERE id = $1`,
        [id],
      ] as const),
      fc.tuple(pick(workers), fc.nat(9999)).map(([id, number]) => [
        `INSERT INTO certification (worker_id, kind, level, certificate_number, issuer, issued_on) VALUES ($1, 'CERTIFICATE', 'GENERALIST', $2, 'Kemensos', '2017-03-01')`,
        [id, `PROP-${number}-${Math.random()}`],
      ] as const),
      pick(villages).map((code) => [`UPDATE area SET population = coalesce(population, 0) + 7 WHERE code = $1`, [code]] as const),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ changes: fc.array(change, { minLength: 1, maxLength: 3 }), commit: fc.boolean() }), { minLength: 1, maxLength: 4 }), async (steps) => {
        for (const step of steps) {
          // Each change writes exactly one row, so a committed step bumps exactly once.
          await answers(db);
          const before = await version(db);
          await write(db, async (manager) => {
            for (const [sql, parameters] of step.changes) await manager.query(sql, [...parameters]);
            expect(await answers(manager)).toEqual(await answers(manager, false));
            if (!step.commit) throw new Error('roll back');
          }).catch((error: Error) => {
            if (error.message !== 'roll back') throw error;
          });
          expect(await version(db)).toBe(step.commit ? before! + 1n : before);
          expect(await answers(db)).toEqual(await answers(db, false));
        }
      }),
      { numRuns: 12 },
    );
  }), 120_000);
});

describe('CoverageCache', () => {
  it('keeps the most recently used entries, and never replaces a newer answer with an older one', async () => {
    const cache = new CoverageCache(2);
    const answer = (value: number) => () => Promise.resolve(value);
    await cache.answer('a', 1n, answer(1));
    await cache.answer('b', 1n, answer(2));
    expect(await cache.answer('a', 1n, answer(99))).toBe(1);
    await cache.answer('c', 1n, answer(3));
    expect(cache.size).toBe(2);
    expect(await cache.answer('b', 1n, answer(20))).toBe(20);
    await cache.answer('d', 5n, answer(5));
    expect(await cache.answer('d', 4n, answer(4))).toBe(4);
    expect(await cache.answer('d', 5n, answer(50))).toBe(5);
    await expect(cache.answer('e', 5n, () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await cache.answer('e', 5n, answer(6))).toBe(6);
  });
});

describe.skipIf(testDatabaseKind() === 'embedded')(`two API processes on one database (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;
  let other: Database;

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule], 'cimahi');
    other = await openDatabase({ location: database.location, entities: workforceModule.entities, migrations: workforceModule.migrations });
  });
  afterAll(async () => {
    await other?.close();
    await database?.dispose();
  });

  it('sees a write through one at once through the other', asSystem(async () => {
    const [one, two] = [database.dataSource, other.dataSource];
    expect(coverageCacheOf(one)).not.toBe(coverageCacheOf(two));
    await answers(one);
    const before = await answers(two);
    expect(await answers(two)).toEqual(before);
    await write(one, (manager) => manager.query(`UPDATE organisation SET should_have_worker = false WHERE area_code = '32.77' OR area_code LIKE '32.77.%'`));
    const after = await answers(two);
    expect(after.gap.total).toBe(0);
    expect(after).toEqual(await answers(two, false));
    expect(await answers(one)).toEqual(after);
  }));

  it('bumps once per transaction when many commit at the same time through both, without deadlock', asSystem(async () => {
    const [one, two] = [database.dataSource, other.dataSource];
    const before = await version(one);
    const organisations = ((await one.query(`SELECT id FROM organisation ORDER BY id LIMIT 10`)) as { id: string }[]).map((row) => row.id);
    // Each transaction writes two tables, in opposite orders for the two processes.
    await Promise.all(
      organisations.map((id, index) =>
        write(index % 2 ? one : two, async (manager) => {
          const statements = [
            () => manager.query(`UPDATE organisation SET should_have_worker = NOT should_have_worker WHERE id = $1`, [id]),
            () => manager.query(`UPDATE area SET population = coalesce(population, 0) + 1 WHERE code = $1`, [CITY]),
          ];
          for (const statement of index % 2 ? statements : statements.reverse()) await statement();
        }),
      ),
    );
    expect(await version(two)).toBe(before! + 10n);
    expect(await answers(two)).toEqual(await answers(one, false));
  }));
});
