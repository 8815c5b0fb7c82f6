import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { givenAssignment, givenCertificate, givenOrganisation, givenWorker } from './testing/builders.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

/** Mutations over HTTP: the rules, the error codes with the field at fault, and nothing half-written. */
describe(`mutations and errors over HTTP (${testDatabaseKind()})`, () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'none' });
    await api.query(`{ __typename }`);
    // Areas for the builders: the 'none' data set has reference data only, so add Cimahi's tree by hand.
    await api.systemSql(`
      INSERT INTO area (code, name, level, parent_code, population) VALUES
        ('32', 'Jawa Barat', 'PROVINCE', NULL, NULL),
        ('32.77', 'Kota Cimahi', 'REGENCY_OR_CITY', '32', 582000),
        ('32.77.01', 'Cimahi Selatan', 'DISTRICT', '32.77', 235028),
        ('32.77.01.1001', 'Melong', 'VILLAGE', '32.77.01', 61107)`);
  });
  afterAll(() => api?.close());

  const count = async (table: string): Promise<number> =>
    ((await api.database.dataSource.query(`SELECT count(*) AS n FROM ${table}`)) as [{ n: number }])[0].n;

  it('creates, updates and archives an organisation, keeping the row', async () => {
    const created = await givenOrganisation(api, { code: 'LKS-UJI-1' });
    const { updateOrganisation } = await api.query(
      `mutation ($id: ID!) { updateOrganisation(id: $id, input: { name: "LKS Baru", expectedVersion: 1 }) { name version } }`,
      { id: created.id },
    );
    expect(updateOrganisation).toEqual({ name: 'LKS Baru', version: 2 });

    const stale = await api.graphql(
      `mutation ($id: ID!) { updateOrganisation(id: $id, input: { name: "Lama", expectedVersion: 1 }) { name } }`,
      { id: created.id },
    );
    expect(stale.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'expectedVersion' });

    const { archiveOrganisation } = await api.query(
      `mutation ($id: ID!) { archiveOrganisation(id: $id, reason: "Tutup") { archivedAt archiveReason } }`,
      { id: created.id },
    );
    expect(archiveOrganisation.archiveReason).toBe('Tutup');
    const { organisation } = await api.query(`query ($id: ID!) { organisation(id: $id) { name archivedAt } }`, { id: created.id });
    expect(organisation.archivedAt).not.toBeNull();
  });

  it('rejects invalid input with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const before = await count('worker');
    const cases: [Record<string, unknown>, string][] = [
      [{ fullName: '   ' }, 'fullName'],
      [{ nationalIdNumber: '12345' }, 'nationalIdNumber'],
      [{ phone: 'call me' }, 'phone'],
      [{ email: 'not-an-email' }, 'email'],
      [{ homeAreaCode: '99' }, 'homeAreaCode'],
      [{ homeAreaCode: 'nowhere' }, 'homeAreaCode'],
    ];
    for (const [input, field] of cases) {
      const result = await api.graphql(`mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`, {
        input: { fullName: 'Nama', gender: 'MALE', employmentStatus: 'VOLUNTEER', ...input },
      });
      expect(result.errors?.[0]?.extensions?.field, JSON.stringify(input)).toBe(field);
      expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(result.errors?.[0]?.extensions?.code);
    }
    expect(await count('worker')).toBe(before);
  });

  it('answers NOT_FOUND for unknown ids, well formed or not', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const result = await api.graphql(`query ($id: ID!) { worker(id: $id) { id } }`, { id });
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    }
    const worker = await givenWorker(api);
    const result = await api.graphql(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
      input: { workerId: worker.id, organisationId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: 'organisationId' });
  });

  it('refuses a second assignment of the same worker to the same organisation at the same time', async () => {
    const worker = await givenWorker(api);
    const organisation = await givenOrganisation(api);
    await givenAssignment(api, worker.id, organisation.id, { startsOn: '2018-01-02' });
    const before = await count('assignment');
    const again = await api.graphql(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
      input: { workerId: worker.id, organisationId: organisation.id, startsOn: '2019-05-01', isPrimary: false },
    });
    expect(again.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'organisationId' });
    expect(await count('assignment')).toBe(before);
  });

  it('the database itself refuses overlapping assignments, whatever path a write takes', async () => {
    const worker = await givenWorker(api);
    const organisation = await givenOrganisation(api);
    await givenAssignment(api, worker.id, organisation.id, { startsOn: '2018-01-02' });
    await expect(
      api.systemSql(
        `INSERT INTO assignment (worker_id, organisation_id, starts_on, is_primary) VALUES ($1, $2, '2018-06-01', false)`,
        [worker.id, organisation.id],
      ),
    ).rejects.toThrow(/assignment_no_overlap/);
  });

  it('two simultaneous identical assignments produce one assignment and one CONFLICT', async () => {
    const worker = await givenWorker(api);
    const organisation = await givenOrganisation(api);
    const assign = () =>
      api.graphql(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
        input: { workerId: worker.id, organisationId: organisation.id, startsOn: '2018-01-02' },
      });
    const results = await Promise.all([assign(), assign()]);
    expect(results.filter((result) => result.data?.assignWorker).length).toBe(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBe(1);
    const { assignments } = await api.query(`query ($id: ID!) { assignments(filter: { workerId: $id }) { totalCount } }`, {
      id: worker.id,
    });
    expect(assignments.totalCount).toBe(1);
  });

  it('keeps one primary placement per worker at a time', async () => {
    const worker = await givenWorker(api);
    await givenAssignment(api, worker.id, (await givenOrganisation(api)).id);
    const second = await api.graphql(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
      input: { workerId: worker.id, organisationId: (await givenOrganisation(api)).id, startsOn: '2019-01-01' },
    });
    expect(second.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'isPrimary' });
  });

  it('ends an assignment by setting its end date; the gap reappears after it and history stays', async () => {
    const worker = await givenWorker(api);
    const organisation = await givenOrganisation(api, { areaCode: '32.77.01.1001' });
    const assignment = await givenAssignment(api, worker.id, organisation.id, { startsOn: '2018-01-02' });

    const tooEarly = await api.graphql(`mutation ($id: ID!) { endAssignment(id: $id, endsOn: "2018-01-02") { id } }`, {
      id: assignment.id,
    });
    expect(tooEarly.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'endsOn' });

    const { endAssignment } = await api.query(
      `mutation ($id: ID!) { endAssignment(id: $id, endsOn: "2020-01-01", reason: "Mutasi") { endsOn endReason } }`,
      { id: assignment.id },
    );
    expect(endAssignment).toEqual({ endsOn: '2020-01-01', endReason: 'Mutasi' });

    const twice = await api.graphql(`mutation ($id: ID!) { endAssignment(id: $id, endsOn: "2021-01-01") { id } }`, {
      id: assignment.id,
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const lacking = async (asOf: string) => {
      const { organisationsLackingWorker } = await api.query(
        `query ($asOf: LocalDate) { organisationsLackingWorker(filter: { asOf: $asOf }, first: 100) { nodes { id } } }`,
        { asOf },
      );
      return organisationsLackingWorker.nodes.some((node: { id: string }) => node.id === organisation.id);
    };
    expect(await lacking('2019-12-31')).toBe(false);
    expect(await lacking('2020-01-01')).toBe(true);
    const { worker: history } = await api.query(`query ($id: ID!) { worker(id: $id) { assignments { endsOn } } }`, {
      id: worker.id,
    });
    expect(history.assignments).toEqual([{ endsOn: '2020-01-01' }]);
  });

  it('assigning a worker closes the gap, and only a certified worker closes the certified gap', async () => {
    const organisation = await givenOrganisation(api);
    const gaps = async (certifiedOnly: boolean) => {
      const { organisationsLackingWorker } = await api.query(
        `query ($certifiedOnly: Boolean!) {
          organisationsLackingWorker(filter: { certifiedOnly: $certifiedOnly, asOf: "2018-06-01" }, first: 100) { totalCount nodes { id } } }`,
        { certifiedOnly },
      );
      return organisationsLackingWorker as { totalCount: number; nodes: { id: string }[] };
    };
    const before = await gaps(false);
    const beforeCertified = await gaps(true);
    expect(before.nodes.map((node) => node.id)).toContain(organisation.id);

    const worker = await givenWorker(api);
    await givenAssignment(api, worker.id, organisation.id, { startsOn: '2018-01-02' });
    expect((await gaps(false)).totalCount).toBe(before.totalCount - 1);
    expect((await gaps(true)).totalCount).toBe(beforeCertified.totalCount);

    await givenCertificate(api, worker.id, '2018-03-01');
    expect((await gaps(true)).totalCount).toBe(beforeCertified.totalCount - 1);
    const { worker: certified } = await api.query(
      `query ($id: ID!) { worker(id: $id) { before: certificationStatus(asOf: "2018-02-01") now: certificationStatus } }`,
      { id: worker.id },
    );
    expect(certified).toEqual({ before: 'NOT_TESTED', now: 'CERTIFIED' });
  });

  it('derives certification status from scheduled tests and expiry', async () => {
    const worker = await givenWorker(api);
    await api.query(
      `mutation ($id: ID!) { scheduleCompetencyTest(input: { workerId: $id, level: ASSISTANT, testDate: "2018-02-20" }) { id } }`,
      { id: worker.id },
    );
    await givenCertificate(api, worker.id, '2018-03-01', '2020-02-29');
    const { worker: status } = await api.query(
      `query ($id: ID!) { worker(id: $id) {
        a: certificationStatus(asOf: "2018-01-01") b: certificationStatus(asOf: "2020-02-29") c: certificationStatus(asOf: "2020-03-01") } }`,
      { id: worker.id },
    );
    expect(status).toEqual({ a: 'SCHEDULED', b: 'CERTIFIED', c: 'EXPIRED' });

    const badExpiry = await api.graphql(
      `mutation ($id: ID!) { recordCertification(input: { workerId: $id, level: GENERALIST, certificateNumber: "X-1", issuer: "LSPS", issuedOn: "2018-03-01", expiresOn: "2018-01-01" }) { id } }`,
      { id: worker.id },
    );
    expect(badExpiry.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'expiresOn' });
  });

  it('refuses a malformed date: BAD_USER_INPUT naming the field in variables, a validation error in the query text', async () => {
    const viaVariables = await api.graphql(
      `query ($filter: CoverageGapFilter) { organisationsLackingWorker(filter: $filter) { totalCount } }`,
      { filter: { asOf: '03/12/2017' } },
    );
    expect(viaVariables.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect(viaVariables.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);

    const inline = await api.graphql(`{ organisationsLackingWorker(filter: { asOf: "2017-02-30" }) { totalCount } }`);
    expect(inline.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(inline.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);
  });

  it('opens, updates and closes a case; closing twice is a CONFLICT; involvements follow the rules', async () => {
    const organisation = await givenOrganisation(api);
    const lead = await givenWorker(api);
    const helper = await givenWorker(api);
    const { openCase } = await api.query(
      `mutation ($org: ID!) { openCase(input: { reference: "UJI-001", pmksCategoryCode: "ANAK_TERLANTAR", organisationId: $org, openedOn: "2018-01-10" }) { id status } }`,
      { org: organisation.id },
    );
    expect(openCase.status).toBe('OPEN');

    const duplicate = await api.graphql(
      `mutation ($org: ID!) { openCase(input: { reference: "UJI-001", pmksCategoryCode: "ANAK_TERLANTAR", organisationId: $org, openedOn: "2018-01-10" }) { id } }`,
      { org: organisation.id },
    );
    expect(duplicate.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'reference' });

    const unknownCategory = await api.graphql(`mutation ($id: ID!) { updateCase(id: $id, input: { pmksCategoryCode: "NOPE" }) { id } }`, {
      id: openCase.id,
    });
    expect(unknownCategory.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: 'pmksCategoryCode' });

    const involve = (workerId: string, roleCode: string, isLead: boolean, startsOn = '2018-01-15') =>
      api.graphql(`mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id role { labelId } } }`, {
        input: { caseId: openCase.id, workerId, roleCode, isLead, startsOn },
      });
    expect((await involve(lead.id, 'FACILITATOR', true)).data?.involveWorker.role.labelId).toBe('Fasilitator');
    expect((await involve(helper.id, 'BROKER', false)).errors).toBeUndefined();
    expect((await involve(helper.id, 'BROKER', false)).errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'roleCode' });
    expect((await involve(helper.id, 'EDUCATOR', true)).errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'isLead' });
    expect((await involve(helper.id, 'EDUCATOR', false, '2017-01-01')).errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'startsOn',
    });
    expect((await involve(helper.id, 'NO_SUCH_ROLE', false)).errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: 'roleCode' });

    const early = await api.graphql(`mutation ($id: ID!) { closeCase(id: $id, closedOn: "2018-01-01") { id } }`, { id: openCase.id });
    expect(early.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'closedOn' });

    const { closeCase } = await api.query(
      `mutation ($id: ID!) { closeCase(id: $id, closedOn: "2018-06-30", closingNote: "Selesai") { status closedOn involvements { endsOn } } }`,
      { id: openCase.id },
    );
    expect(closeCase.status).toBe('CLOSED');
    expect(closeCase.involvements.map((i: { endsOn: string }) => i.endsOn)).toEqual(['2018-06-30', '2018-06-30']);

    const twice = await api.graphql(`mutation ($id: ID!) { closeCase(id: $id, closedOn: "2018-07-01") { id } }`, { id: openCase.id });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const { worker } = await api.query(`query ($id: ID!) { worker(id: $id) { cases { nodes { reference } } caseInvolvements { nodes { role { code } } } } }`, {
      id: helper.id,
    });
    expect(worker).toEqual({ cases: { nodes: [{ reference: 'UJI-001' }] }, caseInvolvements: { nodes: [{ role: { code: 'BROKER' } }] } });
  });

  it('refuses to archive a worker who still has assignments', async () => {
    const worker = await givenWorker(api);
    await givenAssignment(api, worker.id, (await givenOrganisation(api)).id, { startsOn: '2018-01-02' });
    const result = await api.graphql(`mutation ($id: ID!) { archiveWorker(id: $id, reason: "Pensiun") { id } }`, { id: worker.id });
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const blank = await api.graphql(`mutation ($id: ID!) { archiveWorker(id: $id, reason: "  ") { id } }`, { id: worker.id });
    expect(blank.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('adds a professional role beyond the seven', async () => {
    const { createProfessionalRole } = await api.query(
      `mutation { createProfessionalRole(input: { code: "ADVOCATE", labelId: "Pembela", labelEn: "Advocate" }) { code labelId } }`,
    );
    expect(createProfessionalRole).toEqual({ code: 'ADVOCATE', labelId: 'Pembela' });
    const again = await api.graphql(`mutation { createProfessionalRole(input: { code: "ADVOCATE", labelId: "x", labelEn: "x" }) { code } }`);
    expect(again.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'code' });
    const badCode = await api.graphql(`mutation { createProfessionalRole(input: { code: "advocate!", labelId: "x", labelEn: "x" }) { code } }`);
    expect(badCode.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('gives no "Did you mean" suggestions outside production either, with or without a session (issue 14, item 14)', async () => {
    for (const client of [api, api.anonymous]) {
      const wrongEnum = await client.graphql('query ($s: CaseStatus) { cases(filter: { status: $s }) { nodes { id } } }', { s: 'OPN' });
      const wrongField = await client.graphql('{ organisationz { nodes { id } } }');
      for (const answer of [wrongEnum, wrongField]) {
        expect(answer.errors?.length).toBeGreaterThan(0);
        expect(JSON.stringify(answer)).not.toMatch(/did you mean/i);
      }
    }
  });

  it('creates a partner key for organisations named by code or by id, as the admin command does; an unknown one is NOT_FOUND', async () => {
    const byCodeOrganisation = await givenOrganisation(api, { code: 'PKH-UJI' });
    const byIdOrganisation = await givenOrganisation(api);
    const create = (organisationIds: string[]) =>
      api.graphql(`mutation ($ids: [ID!]!) { createApiKey(name: "PKH Uji", organisationIds: $ids) { apiKey { organisationIds } secret } }`, {
        ids: organisationIds,
      });
    const created = await create(['PKH-UJI', byIdOrganisation.id]);
    expect(created.errors).toBeUndefined();
    expect([...created.data!.createApiKey.apiKey.organisationIds].sort()).toEqual([byCodeOrganisation.id, byIdOrganisation.id].sort());
    const unknown = await create(['PKH-UJI-03']);
    expect(unknown.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: 'organisationIds' });
    expect(unknown.errors?.[0]?.message).toContain('PKH-UJI-03');
  });
});
