import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRole } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type GraphQLClient, type TestServer } from './testing/test-server.js';

/**
 * `Case.viewerCanManage` (issue 18): the console shows a case's actions (involve, edit, close, end an involvement) only
 * where the server says the caller may change it: the case's organisation lies in a coordinator's area, or an admin.
 */
describe(`Case.viewerCanManage (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let utara: GraphQLClient;
  let viewer: GraphQLClient;

  const CASES = `{ cases(first: 100) { nodes { id viewerCanManage organisation { areaCode } } } }`;
  type Cases = { cases: { nodes: { id: string; viewerCanManage: boolean; organisation: { areaCode: string } }[] } };

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    utara = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
    viewer = await api.signedInAs(AccessRole.VIEWER);
  }, 120_000);
  afterAll(() => api?.close());

  it("answers true exactly for the cases of a coordinator's area, every case for an admin, none for a viewer", async () => {
    const asUtara = ((await utara.query(CASES)) as Cases).cases.nodes;
    expect(asUtara.length).toBeGreaterThan(0);
    const inArea = (areaCode: string) => areaCode === '32.77.03' || areaCode.startsWith('32.77.03.');
    expect(asUtara.some((node) => node.viewerCanManage)).toBe(true);
    expect(asUtara.some((node) => !node.viewerCanManage)).toBe(true);
    for (const node of asUtara) expect(node.viewerCanManage).toBe(inArea(node.organisation.areaCode));
    expect(((await api.query(CASES)) as Cases).cases.nodes.every((node) => node.viewerCanManage)).toBe(true);
    expect(((await viewer.query(CASES)) as Cases).cases.nodes.some((node) => node.viewerCanManage)).toBe(false);
  });

  it('agrees with the refusal: a case it answers false for cannot be closed', async () => {
    const other = ((await utara.query(CASES)) as Cases).cases.nodes.find((node) => !node.viewerCanManage)!;
    const refused = await utara.graphql(`mutation ($id: ID!) { closeCase(id: $id, closedOn: "2026-01-05") { id } }`, { id: other.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
  });

  it('asks once for a whole page, not once per case', async () => {
    const page = await utara.graphql(`{ cases(first: 100) { nodes { viewerCanManage } } }`);
    expect(page.errors).toBeUndefined();
    expect(page.extensions?.sqlStatements).toBeLessThanOrEqual(6);
  });
});
