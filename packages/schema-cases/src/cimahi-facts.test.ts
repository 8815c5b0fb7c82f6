import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';

/** The Cimahi data set reproduces the figures of docs/sources.md, and the headline queries answer with the report's figures. */
describe(`Cimahi facts over HTTP (${testDatabaseKind()})`, () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
  });
  afterAll(() => api?.close());

  const SUMMARY = `query ($areaCode: String!, $asOf: LocalDate) {
    workforceSummary(areaCode: $areaCode, asOf: $asOf) {
      workers certifiedWorkers uncertifiedWorkers unplacedWorkers
      workersByPlacementKind { kind workers }
      organisations organisationsNeedingWorker organisationsLackingWorker organisationsLackingCertifiedWorker
      population workersPer100k certifiedWorkersPer100k
      subAreas { area { code name } }
    } }`;

  for (const asOf of [undefined, '2017-12-03']) {
    it(`workforceSummary of Kota Cimahi gives the report's figures (asOf ${asOf ?? 'today'})`, async () => {
      const { workforceSummary: summary } = await api.query(SUMMARY, { areaCode: '32.77', asOf });
      expect(summary.workers).toBe(36);
      expect(summary.certifiedWorkers).toBe(13);
      expect(summary.uncertifiedWorkers).toBe(23);
      expect(summary.unplacedWorkers).toBe(1);
      expect(summary.workersByPlacementKind).toEqual([
        { kind: 'SOCIAL_AFFAIRS_OFFICE', workers: 3 },
        { kind: 'VILLAGE_OFFICE', workers: 15 },
        { kind: 'PKH_UNIT', workers: 10 },
        { kind: 'LK3', workers: 2 },
        { kind: 'SAKTI_PEKSOS_UNIT', workers: 5 },
      ]);
      const placements = summary.workersByPlacementKind.reduce((sum: number, row: { workers: number }) => sum + row.workers, 0);
      expect(placements).toBe(35);
      expect(summary.population).toBe(582_000);
      expect(summary.workersPer100k).toBe(6.19);
      expect(summary.certifiedWorkersPer100k).toBe(2.23);
      expect(summary.subAreas.map((row: { area: { name: string } }) => row.area.name)).toEqual([
        'Cimahi Selatan',
        'Cimahi Tengah',
        'Cimahi Utara',
      ]);
      // 15 kelurahan offices, the 4 city units, 20 active welfare institutions; most institutions lack a worker.
      expect(summary.organisations).toBe(39);
      expect(summary.organisationsNeedingWorker).toBe(39);
      expect(summary.organisationsLackingWorker).toBe(16);
      expect(summary.organisationsLackingCertifiedWorker).toBe(30);
    });
  }

  it('has the 3 kecamatan and 15 kelurahan of Cimahi with populations', async () => {
    const { districts, villages } = await api.query(`{
      districts: areas(filter: { level: DISTRICT }) { totalCount nodes { code name population children { code } } }
      villages: areas(filter: { level: VILLAGE }, first: 100) { totalCount nodes { code population parent { code } } }
    }`);
    expect(districts.totalCount).toBe(3);
    expect(districts.nodes.map((d: { children: unknown[] }) => d.children.length)).toEqual([5, 6, 4]);
    expect(districts.nodes.map((d: { population: number }) => d.population)).toEqual([235_028, 161_002, 164_482]);
    expect(villages.totalCount).toBe(15);
    for (const district of districts.nodes) {
      const sum = villages.nodes
        .filter((v: { parent: { code: string } }) => v.parent.code === district.code)
        .reduce((total: number, v: { population: number }) => total + v.population, 0);
      expect(sum).toBe(district.population);
    }
  });

  it('places exactly one Peksos at each of the 15 kelurahan offices', async () => {
    const { organisations } = await api.query(`{
      organisations(filter: { kinds: [VILLAGE_OFFICE] }, first: 50) { totalCount nodes { name activeWorkers { id } } }
    }`);
    expect(organisations.totalCount).toBe(15);
    expect(organisations.nodes.every((o: { activeWorkers: unknown[] }) => o.activeWorkers.length === 1)).toBe(true);
  });

  it('organisationsLackingWorker lists the organisations without a (certified) worker', async () => {
    const GAPS = `query ($filter: CoverageGapFilter) {
      organisationsLackingWorker(filter: $filter, first: 100) { totalCount nodes { kind activeWorkers { id } } } }`;
    const all = (await api.query(GAPS, { filter: { areaCode: '32.77' } })).organisationsLackingWorker;
    expect(all.totalCount).toBe(16);
    expect(all.nodes.every((o: { kind: string }) => o.kind === 'SOCIAL_WELFARE_INSTITUTION')).toBe(true);
    expect(all.nodes.every((o: { activeWorkers: unknown[] }) => o.activeWorkers.length === 0)).toBe(true);

    const certified = (await api.query(GAPS, { filter: { areaCode: '32.77', certifiedOnly: true } })).organisationsLackingWorker;
    expect(certified.totalCount).toBe(30);

    const utara = (await api.query(GAPS, { filter: { areaCode: '32.77.03', certifiedOnly: true } })).organisationsLackingWorker;
    expect(utara.totalCount).toBe(9);

    const offices = (await api.query(GAPS, { filter: { certifiedOnly: true, kinds: ['VILLAGE_OFFICE'] } })).organisationsLackingWorker;
    expect(offices.totalCount).toBe(12);
  });

  it('answers "as of" questions from history: before the placements began, every organisation lacked a worker', async () => {
    const { organisationsLackingWorker } = await api.query(`{
      organisationsLackingWorker(filter: { areaCode: "32.77", asOf: "2010-01-01" }) { totalCount } }`);
    expect(organisationsLackingWorker.totalCount).toBe(39);
  });

  it('has the 26 PMKS categories, the seven roles of the report, and cases with several roles', async () => {
    const data = await api.query(`{
      pmksCategories { code }
      professionalRoles { totalCount nodes { code labelId labelEn } }
      cases(first: 100) { totalCount nodes { reference involvements { role { code } worker { fullName } } } }
    }`);
    expect(data.pmksCategories).toHaveLength(26);
    expect(data.professionalRoles.totalCount).toBe(7);
    expect(data.professionalRoles.nodes.map((role: { labelId: string }) => role.labelId)).toEqual([
      'Pemercepat perubahan',
      'Perantara',
      'Pendidik',
      'Tenaga ahli',
      'Perencana sosial',
      'Fasilitator',
      'Kontrol sosial',
    ]);
    const rolesUsed = new Set(
      data.cases.nodes.flatMap((c: { involvements: { role: { code: string } }[] }) => c.involvements.map((i) => i.role.code)),
    );
    expect(rolesUsed.size).toBe(7);
    expect(data.cases.nodes.some((c: { involvements: unknown[] }) => c.involvements.length >= 3)).toBe(true);
  });

  it('never exposes a national ID number in full', async () => {
    const { workers } = await api.query(`{ workers(first: 100) { totalCount nodes { maskedNationalIdNumber } } }`);
    expect(workers.totalCount).toBe(36);
    for (const worker of workers.nodes) expect(worker.maskedNationalIdNumber).toMatch(/^\*{12}\d{4}$/);
    const introspection = await api.query(`{ __type(name: "Worker") { fields { name } } }`);
    const names = introspection.__type.fields.map((field: { name: string }) => field.name);
    expect(names).not.toContain('nationalIdNumber');
  });

  it('finds the unplaced worker', async () => {
    const { workers } = await api.query(`{ workers(filter: { placed: false }) { totalCount nodes { fullName activeAssignments { id } } } }`);
    expect(workers.totalCount).toBe(1);
    expect(workers.nodes[0].activeAssignments).toEqual([]);
  });
});
