import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem, openModuleTestDatabase, testDatabaseKind, type ModuleTestDatabase } from '@peksos/schema-kit/testing';
import { ErrorCode, paginateEach, SYSTEM_ACTOR } from '@peksos/schema-kit';
import { workforceModule } from '@peksos/schema-workforce';
import { CaseStatus } from '@peksos/types';
import { casesModule } from './cases.module.js';
import { CaseService } from './cases/case.service.js';
import { CaseInvolvementService } from './involvements/case-involvement.service.js';

const TODAY = '2018-06-01';

describe(`case services (${testDatabaseKind()})`, () => {
  let database: ModuleTestDatabase;

  beforeAll(async () => {
    database = await openModuleTestDatabase([workforceModule, casesModule], 'cimahi');
  });
  afterAll(() => database?.dispose());

  const cases = () => new CaseService(database.dataSource, TODAY);
  const involvements = () => new CaseInvolvementService(database.dataSource, TODAY);
  const caseByReference = async (reference: string) =>
    ((await database.dataSource.query(`SELECT id FROM social_case WHERE reference = $1`, [reference])) as { id: string }[])[0]!.id;

  it('search finds cases by reference, and by the handling organisation: its name, code, kelurahan or kecamatan (issue 18, item 8)', asSystem(async () => {
    const found = async (search: string) =>
      (await cases().list({ search }, undefined, { first: 100 }, SYSTEM_ACTOR)).nodes.map((socialCase) => socialCase.reference).sort();
    const atOrganisation = async (code: string) =>
      ((await database.dataSource.query(
        `SELECT c.reference FROM social_case c JOIN organisation o ON o.id = c.organisation_id WHERE o.code = $1 ORDER BY c.reference`,
        [code],
      )) as { reference: string }[]).map((row) => row.reference);
    expect(await found('CMH-2017-005')).toEqual(['CMH-2017-005']);
    // The PKH unit's cases, by its code or by a word of its name.
    expect(await found('PKH-3277')).toEqual(await atOrganisation('PKH-3277'));
    expect(await found('pkh')).toEqual(await atOrganisation('PKH-3277'));
    expect(await atOrganisation('PKH-3277')).toHaveLength(2);
    // The kelurahan office of Cibabat handles one; the kelurahan's name finds it, as the kecamatan's name does.
    expect(await found('Cibabat')).toEqual(await atOrganisation('KEL-32.77.03.1002'));
    expect(await found('Setiamanah')).toEqual(['CMH-2017-005']);
    expect(await found('Cimahi Tengah')).toContain('CMH-2017-005');
    expect(await found('Cimahi Tengah')).not.toContain((await atOrganisation('KEL-32.77.03.1002'))[0]);
    expect(await found('tidak ada di mana pun')).toEqual([]);
  }));

  it('closing a case ends the involvements still running, in the same transaction', asSystem(async () => {
    const id = await caseByReference('CMH-2017-001');
    const closed = await cases().close(id, '2018-01-31', 'Anak kembali aman', SYSTEM_ACTOR);
    expect(closed.status).toBe(CaseStatus.CLOSED);
    const rows = (await database.dataSource.query(`SELECT ends_on FROM case_involvement WHERE case_id = $1 ORDER BY starts_on`, [
      id,
    ])) as { ends_on: string }[];
    // The expert's involvement had ended earlier (2017-06-01) and keeps its date.
    expect(rows.map((row) => row.ends_on)).toEqual(['2018-01-31', '2018-01-31', '2017-06-01']);
  }));

  it('a refused close changes nothing', asSystem(async () => {
    const id = await caseByReference('CMH-2017-003');
    const before = await database.dataSource.query(`SELECT id, ends_on FROM case_involvement WHERE case_id = $1 ORDER BY id`, [id]);
    await expect(cases().close(id, '2016-01-01', null, SYSTEM_ACTOR)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'closedOn' });
    const after = await database.dataSource.query(`SELECT id, ends_on FROM case_involvement WHERE case_id = $1 ORDER BY id`, [id]);
    expect(after).toEqual(before);
    expect((await cases().get(id)).status).toBe(CaseStatus.OPEN);
  }));

  it('lists the cases a worker is involved in, once each', asSystem(async () => {
    const [{ id: agus }] = (await database.dataSource.query(`SELECT id FROM worker WHERE full_name = 'Agus Firmansyah'`)) as {
      id: string;
    }[];
    const casesOf = async (status: CaseStatus | null) => {
      const list = cases().workerCases(status);
      const [page] = await paginateEach(database.dataSource, [agus], list.source, list.order, {});
      return (await list.byIds(page!.rows.map((row) => row.id))).map((row) => row.reference);
    };
    expect((await casesOf(null)).sort()).toEqual(['CMH-2017-001', 'CMH-2017-006']);
    expect(await casesOf(CaseStatus.OPEN)).toEqual(['CMH-2017-006']);
  }));

  it('refuses to involve a worker in a closed case', asSystem(async () => {
    const id = await caseByReference('CMH-2017-002');
    const [{ id: workerId }] = (await database.dataSource.query(`SELECT id FROM worker LIMIT 1`)) as { id: string }[];
    await expect(involvements().involve({ caseId: id, workerId, roleCode: 'BROKER', isLead: false }, SYSTEM_ACTOR)).rejects.toMatchObject({
      code: ErrorCode.CONFLICT,
      field: 'caseId',
    });
  }));
});
