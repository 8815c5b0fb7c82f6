import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { DomainError, ErrorCode, SYSTEM_ACTOR } from '@peksos/schema-kit';
import { EmploymentStatus, Gender, OrganisationKind } from '@peksos/types';
import { AssignmentService } from './assignments/assignment.service.js';
import { CoverageService } from './coverage/coverage.service.js';
import { OrganisationService } from './organisations/organisation.service.js';
import { WorkerService } from './workers/worker.service.js';
import { workforceModule } from './workforce.module.js';

const TODAY = '2018-06-01';

describe(`workforce services (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule], 'cimahi');
  });
  afterAll(() => database?.dispose());

  const organisations = () => new OrganisationService(database.dataSource, TODAY);
  const workers = () => new WorkerService(database.dataSource, TODAY);
  const assignments = () => new AssignmentService(database.dataSource, TODAY);
  const coverage = () => new CoverageService(database.dataSource, TODAY);

  it('summarises a kecamatan: its kelurahan workers, and the institutions left without one', asSystem(async () => {
    const utara = await coverage().workforceSummary('32.77.03', undefined);
    expect(utara.workers).toBe(4);
    expect(utara.certifiedWorkers).toBe(1);
    expect(utara.organisations).toBe(10);
    expect(utara.organisationsLackingWorker).toBe(5);
    expect(utara.organisationsLackingCertifiedWorker).toBe(9);
    expect(utara.workersPer100k).toBeCloseTo((4 / 164_482) * 100_000, 2);
  }));

  it('counts the unplaced worker where the worker lives', asSystem(async () => {
    const tengah = await coverage().workforceSummary('32.77.02', undefined);
    expect(tengah.unplacedWorkers).toBe(1);
    expect(tengah.workers).toBe(7);
  }));

  it('search finds organisations by name, code, kelurahan or kecamatan (issue 18, item 8)', asSystem(async () => {
    const found = async (search: string) =>
      (await organisations().list({ search, includeArchived: false }, undefined, { first: 100 }, SYSTEM_ACTOR)).nodes.map((organisation) => organisation.code);
    const inArea = async (areaCode: string) =>
      (await organisations().list({ areaCode, includeArchived: false }, undefined, { first: 100 }, SYSTEM_ACTOR)).nodes.map((organisation) => organisation.code);
    expect(await found('PKH')).toEqual(['PKH-3277']);
    expect(await found('lks-015')).toEqual(['LKS-015']);
    // Every organisation in Kelurahan Cibabat, and those with the word in their name (there are none elsewhere).
    expect((await found('Cibabat')).sort()).toEqual((await inArea('32.77.03.1002')).sort());
    expect(await found('Cibabat')).toEqual(expect.arrayContaining(['KEL-32.77.03.1002', 'LKS-015', 'LKS-016']));
    // A kecamatan's name finds everything in it, its kelurahan included; not the city-wide organisations.
    expect((await found('cimahi utara')).sort()).toEqual((await inArea('32.77.03')).sort());
    expect(await found('cimahi utara')).not.toContain('PKH-3277');
  }));

  it('search finds workers by name, by where they work today and, for those who may see it, where they live (issue 18, item 8)', asSystem(async () => {
    const found = async (search: string, homeAreas = true) =>
      (await workers().list({ search, includeArchived: false }, undefined, { first: 100 }, { homeAreas })).nodes.map((worker) => worker.fullName).sort();
    expect(await found('ratna sari')).toEqual(['Ratna Sari Dewi']);
    // "PKH": the ten facilitators placed at the PKH unit today.
    const pkh = await found('PKH');
    expect(pkh).toHaveLength(10);
    expect(pkh).toEqual(expect.arrayContaining(['Cecep Supriatna', 'Euis Komalasari', 'Rudi Hermawan']));
    // "Cibabat": placed at the kelurahan office there (Ratna), or living there (Cecep at PKH, Nining at Sakti Peksos).
    expect(await found('Cibabat')).toEqual(expect.arrayContaining(['Cecep Supriatna', 'Nining Suningsih', 'Ratna Sari Dewi']));
    // Without the right to read home areas, only where they work: the filter does not reveal where anyone lives.
    const withoutHomes = await found('Cibabat', false);
    expect(withoutHomes).toContain('Ratna Sari Dewi');
    expect(withoutHomes).not.toContain('Cecep Supriatna');
    expect(withoutHomes).not.toContain('Nining Suningsih');
    // An ended placement does not count: Cecep left Sakti Peksos in 2016.
    expect(await found('SAKTI-3277', false)).not.toContain('Cecep Supriatna');
  }));

  it('serialises concurrent assignments of one worker: one lands, the others get CONFLICT', asSystem(async () => {
    const worker = await workers().create({ fullName: 'Uji Serentak', gender: Gender.MALE, employmentStatus: EmploymentStatus.VOLUNTEER }, SYSTEM_ACTOR);
    const organisation = await organisations().create({
      name: 'LKS Serentak',
      kind: OrganisationKind.SOCIAL_WELFARE_INSTITUTION,
      areaCode: '32.77.01.1001',
      shouldHaveWorker: true,
    }, SYSTEM_ACTOR);
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () => assignments().assign({ workerId: worker.id, organisationId: organisation.id, isPrimary: true }, SYSTEM_ACTOR)),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((attempt) => attempt.status === 'rejected')) {
      expect(((attempt as PromiseRejectedResult).reason as DomainError).code).toBe(ErrorCode.CONFLICT);
    }
    const [{ count }] = await database.dataSource.query(`SELECT count(*) AS count FROM assignment WHERE worker_id = $1`, [worker.id]);
    expect(count).toBe(1);
  }));

  it('leaves an organisation unchanged when an update breaks a rule', asSystem(async () => {
    const parent = await organisations().create({
      name: 'Induk',
      kind: OrganisationKind.OTHER,
      areaCode: '32.77',
      shouldHaveWorker: false,
    }, SYSTEM_ACTOR);
    const child = await organisations().create({
      name: 'Anak',
      kind: OrganisationKind.OTHER,
      areaCode: '32.77',
      parentId: parent.id,
      shouldHaveWorker: false,
    }, SYSTEM_ACTOR);
    // Making the parent a child of its own child would close a loop.
    await expect(organisations().update(parent.id, { name: 'Induk Baru', parentId: child.id }, SYSTEM_ACTOR)).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      field: 'parentId',
    });
    const reloaded = await organisations().get(parent.id);
    expect(reloaded.name).toBe('Induk');
    expect(reloaded.parentId).toBeNull();
    expect(reloaded.version).toBe(1);
  }));
});
