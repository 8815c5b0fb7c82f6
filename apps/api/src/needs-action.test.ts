import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRole } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type GraphQLClient, type TestServer } from './testing/test-server.js';

/** Today in Jakarta (the registry's time zone), and days from it. */
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const LIST = `query ($areaCode: String, $kinds: [String!], $first: Int, $after: String) {
  needsAction(areaCode: $areaCode, kinds: $kinds, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id kind dueOn areaCode workerId organisationId subjectName detail }
  }
}`;

interface Item {
  id: string;
  kind: string;
  dueOn: string;
  areaCode: string;
  workerId: string | null;
  organisationId: string | null;
  subjectName: string;
  detail: string | null;
}

/**
 * The certification pipeline's needs-action list (issue 17): certificates and accreditations expiring within 90 days,
 * competency tests scheduled, workers still uncertified after one; by area, under the caller's scope (a coordinator
 * their area, a partner its organisations); the same list as a download and as a count.
 */
describe(`needs action (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let utara: GraphQLClient;
  let serial = 0;
  const ids: Record<string, string> = {};

  const all = async (client: GraphQLClient, variables: Record<string, unknown> = {}): Promise<{ items: Item[]; total: number }> => {
    const items: Item[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const { needsAction } = (await client.query(LIST, { ...variables, first: 100, after })) as {
        needsAction: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Item[] };
      };
      items.push(...needsAction.nodes);
      total = needsAction.totalCount;
      if (!needsAction.pageInfo.hasNextPage) return { items, total };
      after = needsAction.pageInfo.endCursor;
    }
  };

  const worker = async (homeAreaCode: string) =>
    (
      await api.query(`mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`, {
        input: { fullName: `Pekerja Tindakan ${++serial}`, gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode },
      })
    ).createWorker.id as string;
  const certificate = (workerId: string, expiresOn: string | null, issuedOn = inDays(-700)) =>
    api.query(`mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`, {
      input: { workerId, level: 'GENERALIST', certificateNumber: `TINDAKAN/${process.pid}/${++serial}`, issuer: 'LSPS', issuedOn, expiresOn },
    });

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    utara = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
    ids.utaraExpiring = await worker('32.77.03.1001');
    await certificate(ids.utaraExpiring, inDays(30));
    ids.selatanExpiring = await worker('32.77.01.1003');
    await certificate(ids.selatanExpiring, inDays(10));
    ids.later = await worker('32.77.03.1001');
    await certificate(ids.later, inDays(200));
    ids.renewed = await worker('32.77.03.1002');
    await certificate(ids.renewed, inDays(20));
    await certificate(ids.renewed, inDays(1_000), inDays(-1));
    ids.scheduled = await worker('32.77.03.1001');
    await api.query(`mutation ($input: ScheduleCompetencyTestInput!) { scheduleCompetencyTest(input: $input) { id } }`, {
      input: { workerId: ids.scheduled, level: 'GENERALIST', testDate: inDays(21) },
    });
    const { createOrganisation } = await api.query(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`, {
      input: { name: 'LKS Akreditasi Tindakan', kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: '32.77.03.1001', accreditationGrade: 'B', accreditationExpiresOn: inDays(60) },
    });
    ids.accredited = createOrganisation.id;
  }, 120_000);
  afterAll(() => api?.close());

  it('lists expiring certificates and accreditations and scheduled tests, soonest first, within 90 days only', async () => {
    const { items, total } = await all(api);
    expect(total).toBe(items.length);
    const byWorker = (id: string) => items.filter((item) => item.workerId === id).map((item) => [item.kind, item.dueOn]);
    expect(byWorker(ids.utaraExpiring)).toEqual([['CERTIFICATE_EXPIRING', inDays(30)]]);
    expect(byWorker(ids.selatanExpiring)).toEqual([['CERTIFICATE_EXPIRING', inDays(10)]]);
    expect(byWorker(ids.later)).toEqual([]);
    expect(byWorker(ids.renewed), 'a certificate renewed by a later one needs no action').toEqual([]);
    expect(byWorker(ids.scheduled)).toEqual([['TEST_SCHEDULED', inDays(21)]]);
    expect(items.filter((item) => item.organisationId === ids.accredited).map((item) => [item.kind, item.dueOn, item.detail])).toEqual([
      ['ACCREDITATION_EXPIRING', inDays(60), 'B'],
    ]);
    const keys = items.map((item) => `${item.dueOn} ${item.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it('lists the Cimahi workers still uncertified after the 2018 test once each, whichever modules record the test', async () => {
    const { items } = await all(api, { kinds: ['UNCERTIFIED_AFTER_TEST'] });
    const tested = (await api.database.dataSource.query(
      `SELECT c.worker_id::text AS id FROM certification c WHERE c.kind = 'SCHEDULED_TEST' AND c.test_date = '2018-02-20'`,
    )) as { id: string }[];
    expect(tested.length).toBeGreaterThan(0);
    expect(items.map((item) => item.workerId).sort()).toEqual(tested.map((row) => row.id).sort());
    expect(items.every((item) => item.dueOn === '2018-02-20')).toBe(true);
    const { needsActionKinds } = await api.query(`{ needsActionKinds { code labelId labelEn } }`);
    expect(needsActionKinds.map((kind: { code: string }) => kind.code).sort()).toEqual([
      'ACCREDITATION_EXPIRING',
      'CERTIFICATE_EXPIRING',
      'TEST_SCHEDULED',
      'UNCERTIFIED_AFTER_TEST',
    ]);
  });

  it('filters by area; a coordinator sees only their area, asked or not; the count matches the list', async () => {
    const utaraItems = (await all(api, { areaCode: '32.77.03' })).items;
    expect(utaraItems.length).toBeGreaterThan(0);
    expect(utaraItems.every((item) => item.areaCode.startsWith('32.77.03'))).toBe(true);
    expect(utaraItems.some((item) => item.workerId === ids.selatanExpiring)).toBe(false);

    const own = await all(utara);
    expect(own.items.map((item) => item.id)).toEqual(utaraItems.map((item) => item.id));
    expect((await all(utara, { areaCode: '32.77.01' })).items).toEqual([]);
    expect((await all(utara, { areaCode: '32.77' })).items.map((item) => item.id)).toEqual(utaraItems.map((item) => item.id));
    const { needsActionCount } = await utara.query(`{ needsActionCount }`);
    expect(needsActionCount).toBe(own.total);

    const bad = await api.graphql(`{ needsAction(areaCode: "Cimahi") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'areaCode' });
  });

  it('shows a partner only its own organisations and the workers placed there', async () => {
    await api.query(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
      input: { workerId: ids.utaraExpiring, organisationId: ids.accredited, startsOn: inDays(-5) },
    });
    const partner = await api.partner([ids.accredited]);
    const { items } = await all(partner);
    expect(items.map((item) => [item.kind, item.subjectName]).sort()).toEqual(
      [
        ['ACCREDITATION_EXPIRING', 'LKS Akreditasi Tindakan'],
        ['CERTIFICATE_EXPIRING', items.find((item) => item.workerId === ids.utaraExpiring)?.subjectName],
      ].sort(),
    );
  });

  it('is exported as CSV and XLSX under the same scope and filters', async () => {
    const csv = await (await utara.fetch('/api/export/needs-action.csv')).text();
    expect(csv).toContain('LKS Akreditasi Tindakan');
    expect(csv).toContain('Sertifikat segera berakhir');
    const selatanName = (await all(api)).items.find((item) => item.workerId === ids.selatanExpiring)!.subjectName;
    expect(csv).not.toContain(selatanName);
    const english = await (await api.fetch('/api/export/needs-action.csv?lang=en&areaCode=32.77.01')).text();
    expect(english).toContain('Certificate expiring');
    expect(english).toContain(selatanName);
    expect(english).not.toContain('LKS Akreditasi Tindakan');
    const xlsx = await api.fetch('/api/export/needs-action.xlsx');
    expect(xlsx.status).toBe(200);
    const bad = await api.fetch('/api/export/needs-action.csv?areaCode=nowhere');
    expect(bad.status).toBe(400);
  });
});
