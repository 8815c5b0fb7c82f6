import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRole } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type GraphQLClient, type GraphQLResponse, type TestServer } from './testing/test-server.js';

/**
 * Placement requests (issue 13, docs/access.md): a coordinator of Cimahi Utara (32.77.03) who wants a worker of
 * Cimahi Selatan (32.77.01) at an LKS of theirs asks; Selatan's coordinator (or an admin) accepts, which makes the
 * assignment in the same transaction, or declines with a reason. Audited; until accepted the organisation still
 * lacks a worker.
 */
describe(`placement requests (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let utara: GraphQLClient;
  let selatan: GraphQLClient;
  let viewer: GraphQLClient;
  let serial = 0;

  const db = () => api.database.dataSource;
  const refusal = (response: GraphQLResponse) => response.errors?.[0]?.extensions;
  const lastAuditId = async () => ((await db().query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_record`)) as [{ id: string }])[0].id;

  const organisation = async (areaCode: string) =>
    (
      await api.query(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`, {
        input: { name: `LKS Penempatan ${++serial}`, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode },
      })
    ).createOrganisation.id as string;
  const worker = async (homeAreaCode: string) =>
    (
      await api.query(`mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`, {
        input: { fullName: `Pekerja Penempatan ${++serial}`, gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode },
      })
    ).createWorker.id as string;

  const REQUEST = `mutation ($input: RequestPlacementInput!) {
    requestPlacement(input: $input) { id status requestedBy startsOn isPrimary note worker { id } organisation { id } viewerCanAnswer }
  }`;
  const ACCEPT = `mutation ($id: ID!) { acceptPlacementRequest(id: $id) { id status decidedBy assignment { id workerId organisationId startsOn isPrimary } } }`;
  const DECLINE = `mutation ($id: ID!, $reason: String!) { declinePlacementRequest(id: $id, reason: $reason) { id status declineReason decidedBy } }`;
  const LIST = `query ($status: PlacementRequestStatus, $areaCode: String, $organisationAreaCode: String) {
    placementRequests(status: $status, areaCode: $areaCode, organisationAreaCode: $organisationAreaCode) { id status viewerCanAnswer worker { id } }
  }`;
  const LACKING = `query ($areaCode: String) { organisationsLackingWorker(filter: { areaCode: $areaCode }, first: 100) { nodes { id } } }`;

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    utara = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
    selatan = await api.signedInAs(AccessRole.COORDINATOR, '32.77.01');
    viewer = await api.signedInAs(AccessRole.VIEWER);
  }, 120_000);
  afterAll(() => api?.close());

  it('is asked by the organisation\'s coordinator, listed for the worker\'s, and accepted: the assignment is made, audited', async () => {
    const lks = await organisation('32.77.03.1001');
    const siti = await worker('32.77.01.1003');
    const { requestPlacement } = await utara.query(REQUEST, {
      input: { workerId: siti, organisationId: lks, startsOn: '2025-01-06', note: 'Butuh pendamping anak' },
    });
    expect(requestPlacement).toMatchObject({ status: 'PENDING', startsOn: '2025-01-06', isPrimary: false, note: 'Butuh pendamping anak', viewerCanAnswer: false });
    expect(requestPlacement.requestedBy).toMatch(/^test-coordinator/);

    // The gap list still shows the LKS as lacking a worker while the request waits.
    expect((await utara.query(LACKING, { areaCode: '32.77.03' })).organisationsLackingWorker.nodes.map((node: { id: string }) => node.id)).toContain(lks);

    // Listed for Selatan's coordinator, who may answer it; Utara sees it among those it asked, and may not answer.
    const forSelatan = (await selatan.query(LIST, { status: 'PENDING', areaCode: '32.77.01' })).placementRequests;
    expect(forSelatan).toContainEqual({ id: requestPlacement.id, status: 'PENDING', viewerCanAnswer: true, worker: { id: siti } });
    expect((await utara.query(LIST, { status: 'PENDING', areaCode: '32.77.03' })).placementRequests.map((r: { id: string }) => r.id)).not.toContain(
      requestPlacement.id,
    );
    expect((await utara.query(LIST, { organisationAreaCode: '32.77.03' })).placementRequests).toContainEqual({
      id: requestPlacement.id,
      status: 'PENDING',
      viewerCanAnswer: false,
      worker: { id: siti },
    });

    // The requester cannot accept their own request: the worker is not theirs.
    const before = await lastAuditId();
    expect(refusal(await utara.graphql(ACCEPT, { id: requestPlacement.id }))).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect(refusal(await utara.graphql(DECLINE, { id: requestPlacement.id, reason: 'tidak' }))).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect(refusal(await viewer.graphql(ACCEPT, { id: requestPlacement.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await lastAuditId()).toBe(before);

    const { acceptPlacementRequest } = await selatan.query(ACCEPT, { id: requestPlacement.id });
    expect(acceptPlacementRequest).toMatchObject({
      status: 'ACCEPTED',
      assignment: { workerId: siti, organisationId: lks, startsOn: '2025-01-06', isPrimary: false },
    });
    expect(acceptPlacementRequest.decidedBy).toMatch(/^test-coordinator/);
    // One transaction, one operation in the audit log: the request answered and the assignment made.
    const audited = (await db().query(
      `SELECT table_name AS "table", action FROM audit_record WHERE id > $1 AND operation = 'acceptPlacementRequest' ORDER BY id`,
      [before],
    )) as { table: string; action: string }[];
    expect(audited).toEqual(
      expect.arrayContaining([
        { table: 'assignment', action: 'INSERT' },
        { table: 'placement_request', action: 'UPDATE' },
      ]),
    );
    // Answered once.
    expect(refusal(await selatan.graphql(ACCEPT, { id: requestPlacement.id }))).toMatchObject({ code: 'CONFLICT', field: 'id' });
    // Placed, the LKS no longer lacks a worker (on the day she starts).
    const lackingThen = await utara.query(`query { organisationsLackingWorker(filter: { areaCode: "32.77.03", asOf: "2025-01-06" }, first: 100) { nodes { id } } }`);
    expect(lackingThen.organisationsLackingWorker.nodes.map((node: { id: string }) => node.id)).not.toContain(lks);
    // And she is still Selatan's: Utara may not edit her.
    expect((await utara.query(`query ($id: ID!) { worker(id: $id) { viewerCanManage } }`, { id: siti })).worker.viewerCanManage).toBe(false);
  });

  it('is declined with a reason; the organisation still lacks a worker', async () => {
    const lks = await organisation('32.77.03.1002');
    const worker1 = await worker('32.77.01.1001');
    const { requestPlacement } = await utara.query(REQUEST, { input: { workerId: worker1, organisationId: lks } });
    expect(refusal(await selatan.graphql(DECLINE, { id: requestPlacement.id, reason: '   ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const { declinePlacementRequest } = await selatan.query(DECLINE, { id: requestPlacement.id, reason: 'Sedang bertugas di Melong' });
    expect(declinePlacementRequest).toMatchObject({ status: 'DECLINED', declineReason: 'Sedang bertugas di Melong' });
    expect((await db().query(`SELECT count(*)::int AS n FROM assignment WHERE worker_id = $1`, [worker1]))[0].n).toBe(0);
    expect((await utara.query(LACKING, { areaCode: '32.77.03' })).organisationsLackingWorker.nodes.map((node: { id: string }) => node.id)).toContain(lks);
    expect(refusal(await selatan.graphql(ACCEPT, { id: requestPlacement.id }))).toMatchObject({ code: 'CONFLICT', field: 'id' });
    // Asked again after a decline: a new request.
    expect((await utara.query(REQUEST, { input: { workerId: worker1, organisationId: lks } })).requestPlacement.status).toBe('PENDING');
  });

  it('refuses what does not make sense, with the field at fault', async () => {
    const lks = await organisation('32.77.03.1003');
    const selatanLks = await organisation('32.77.01.1002');
    const own = await worker('32.77.03.1003');
    const other = await worker('32.77.01.1002');
    const ask = (input: Record<string, unknown>) => utara.graphql(REQUEST, { input });
    // An organisation of another area: not Utara's to ask for.
    expect(refusal(await ask({ workerId: other, organisationId: selatanLks }))).toMatchObject({ code: 'FORBIDDEN', field: 'organisationId' });
    // Its own worker: placed directly.
    expect(refusal(await ask({ workerId: own, organisationId: lks }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workerId' });
    expect(refusal(await ask({ workerId: other, organisationId: lks, note: 'x'.repeat(501) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect((await ask({ workerId: other, organisationId: lks })).errors).toBeUndefined();
    expect(refusal(await ask({ workerId: other, organisationId: lks }))).toMatchObject({ code: 'CONFLICT', field: 'workerId' });
    expect(refusal(await viewer.graphql(REQUEST, { input: { workerId: other, organisationId: lks } }))).toMatchObject({ code: 'FORBIDDEN' });
    // An admin answers too; a worker already placed there for that period cannot be placed twice.
    const [{ id }] = (await db().query(`SELECT id FROM placement_request WHERE worker_id = $1 AND status = 'PENDING'`, [other])) as [{ id: string }];
    await api.query(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
      input: { workerId: other, organisationId: lks, isPrimary: false, startsOn: '2020-01-01' },
    });
    expect(refusal(await api.graphql(ACCEPT, { id }))).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect((await db().query(`SELECT status FROM placement_request WHERE id = $1`, [id]))[0].status).toBe('PENDING');
  });

  it('is held by the database too: the requester cannot answer, nor insert the assignment, on any path', async () => {
    const lks = await organisation('32.77.03.1004');
    const other = await worker('32.77.01.1004');
    const { requestPlacement } = await utara.query(REQUEST, { input: { workerId: other, organisationId: lks, startsOn: '2025-02-03' } });
    // As the requesting coordinator, in the database: the update finds no row it may change; the insert is refused.
    const asUtara = (sql: string, parameters: unknown[]) =>
      db().transaction(async (manager) => {
        await manager.query(`SELECT set_config('peksos.actor_role', 'coordinator', true), set_config('peksos.actor_area', '32.77.03', true)`);
        return manager.query(sql, parameters);
      });
    // The asking side may only withdraw: answering is refused.
    await expect(
      asUtara(`UPDATE placement_request SET status = 'DECLINED', decline_reason = 'x', decided_at = now(), decided_by = 'x' WHERE id = $1`, [
        requestPlacement.id,
      ]),
    ).rejects.toThrow(/row-level security/);
    expect((await db().query(`SELECT status FROM placement_request WHERE id = $1`, [requestPlacement.id]))[0].status).toBe('PENDING');
    await expect(
      asUtara(`INSERT INTO assignment (worker_id, organisation_id, starts_on, is_primary) VALUES ($1, $2, '2025-02-03', false)`, [other, lks]),
    ).rejects.toThrow(/row-level security/);
  });

  it('is withdrawn by the side that asked, before an answer: it places nobody, and cannot be answered after', async () => {
    const WITHDRAW = `mutation ($id: ID!) { withdrawPlacementRequest(id: $id) { id status decidedBy decidedAt viewerCanAnswer viewerCanWithdraw } }`;
    const lks = await organisation('32.77.03.1004');
    const other = await worker('32.77.01.1005');
    const { requestPlacement } = await utara.query(REQUEST, { input: { workerId: other, organisationId: lks } });
    const canWithdraw = async (client: GraphQLClient) =>
      (await client.query(`query ($o: String) { placementRequests(organisationAreaCode: $o) { id viewerCanWithdraw } }`, { o: '32.77.03' }))
        .placementRequests.find((request: { id: string }) => request.id === requestPlacement.id)?.viewerCanWithdraw;
    expect(await canWithdraw(utara)).toBe(true);
    expect(await canWithdraw(selatan)).toBe(false);

    // Only the asking side (or an admin): the worker's coordinator declines instead; a viewer changes nothing.
    const before = await lastAuditId();
    expect(refusal(await selatan.graphql(WITHDRAW, { id: requestPlacement.id }))).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect(refusal(await viewer.graphql(WITHDRAW, { id: requestPlacement.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await utara.graphql(WITHDRAW, { id: 'bukan-id' }))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(await lastAuditId()).toBe(before);

    const { withdrawPlacementRequest } = await utara.query(WITHDRAW, { id: requestPlacement.id });
    expect(withdrawPlacementRequest).toMatchObject({ status: 'WITHDRAWN', viewerCanAnswer: false, viewerCanWithdraw: false });
    expect(withdrawPlacementRequest.decidedBy).toMatch(/^test-coordinator/);
    expect(withdrawPlacementRequest.decidedAt).not.toBeNull();
    const audited = (await db().query(`SELECT table_name AS "table", action FROM audit_record WHERE id > $1 AND operation = 'withdrawPlacementRequest'`, [
      before,
    ])) as { table: string; action: string }[];
    expect(audited).toEqual([{ table: 'placement_request', action: 'UPDATE' }]);

    // Final: neither answered nor withdrawn again; nobody was placed; the side may ask again.
    expect(refusal(await selatan.graphql(ACCEPT, { id: requestPlacement.id }))).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(refusal(await utara.graphql(WITHDRAW, { id: requestPlacement.id }))).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect((await db().query(`SELECT count(*)::int AS n FROM assignment WHERE worker_id = $1`, [other]))[0].n).toBe(0);
    const again = (await utara.query(REQUEST, { input: { workerId: other, organisationId: lks } })).requestPlacement;
    expect(again.status).toBe('PENDING');

    // The database holds it too: once answered, the asking side cannot turn the request into a withdrawn one.
    await selatan.query(DECLINE, { id: again.id, reason: 'Penuh' });
    await expect(
      db().transaction(async (manager) => {
        await manager.query(`SELECT set_config('peksos.actor_role', 'coordinator', true), set_config('peksos.actor_area', '32.77.03', true)`);
        await manager.query(`UPDATE placement_request SET status = 'WITHDRAWN', decline_reason = NULL WHERE id = $1`, [again.id]);
      }),
    ).rejects.toThrow(/row-level security/);
    expect((await db().query(`SELECT status FROM placement_request WHERE id = $1`, [again.id]))[0].status).toBe('DECLINED');
  });

  it('tells the console where a caller may act: viewerCanManage on workers and organisations', async () => {
    const utaraLks = await organisation('32.77.03.1001');
    const selatanLks = await organisation('32.77.01.1005');
    const own = await worker('32.77.03.1001');
    const other = await worker('32.77.01.1005');
    const ask = (client: GraphQLClient) =>
      client.query(
        `query ($o1: ID!, $o2: ID!, $w1: ID!, $w2: ID!) {
          o1: organisation(id: $o1) { viewerCanManage } o2: organisation(id: $o2) { viewerCanManage }
          w1: worker(id: $w1) { viewerCanManage } w2: worker(id: $w2) { viewerCanManage }
        }`,
        { o1: utaraLks, o2: selatanLks, w1: own, w2: other },
      );
    const flags = (result: Record<string, { viewerCanManage: boolean }>) => ['o1', 'o2', 'w1', 'w2'].map((key) => result[key]!.viewerCanManage);
    expect(flags(await ask(utara))).toEqual([true, false, true, false]);
    expect(flags(await ask(selatan))).toEqual([false, true, false, true]);
    expect(flags(await ask(api))).toEqual([true, true, true, true]);
    expect(flags(await ask(viewer))).toEqual([false, false, false, false]);
    // One statement for a whole page, not one per row.
    const page = await utara.graphql(`{ workers(first: 50) { nodes { viewerCanManage } } organisations(first: 50) { nodes { viewerCanManage } } }`);
    expect(page.errors).toBeUndefined();
    expect(page.extensions?.sqlStatements).toBeLessThanOrEqual(8);
  });
});
