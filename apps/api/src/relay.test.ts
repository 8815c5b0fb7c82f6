import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type GraphQLClient, type TestServer } from './testing/test-server.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Relay: Node and global ids, node/nodes under the same access rules as each type's own query, nested connections. */
describe(`Relay conventions over HTTP (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let ids: Record<string, string>;
  let ownOrganisation: string;
  let otherCase: string;
  let ownCase: string;
  let partner: GraphQLClient;

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    const first = async (field: string) => {
      const data: any = await api.query(`{ list: ${field}(first: 1) { nodes { id } } }`);
      return data.list.nodes[0].id as string;
    };
    ids = {
      Organisation: await first('organisations'),
      Worker: await first('workers'),
      Assignment: await first('assignments'),
      Certification: await first('certifications'),
      Case: await first('cases'),
      CaseInvolvement: await first('caseInvolvements'),
    };
    // The training extension's sessions, where it is loaded (CI's PostgreSQL run has the core modules only).
    const { __schema }: any = await api.query(`{ __schema { queryType { fields { name } } } }`);
    if (__schema.queryType.fields.some((field: { name: string }) => field.name === 'trainingSessions')) {
      ids.TrainingSession = await first('trainingSessions');
    }
    const { cases }: any = await api.query(`{ cases(first: 100) { nodes { id organisationId } } }`);
    ownCase = cases.nodes[0].id;
    ownOrganisation = cases.nodes[0].organisationId;
    otherCase = cases.nodes.find((c: { organisationId: string }) => c.organisationId !== ownOrganisation).id;
    partner = await api.partner([ownOrganisation]);
  });
  afterAll(() => api?.close());

  it('fetches a record of every node type by its id alone, and many at once in order, null for unknown ids', async () => {
    for (const [type, id] of Object.entries(ids)) {
      const { node }: any = await api.query(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect(node).toEqual({ __typename: type, id });
    }
    const { nodes }: any = await api.query(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Worker { fullName } } }`, {
      ids: [ids.Worker, UNKNOWN, 'not-an-id', ids.Case],
    });
    expect(nodes.map((node: { __typename: string } | null) => node?.__typename ?? null)).toEqual(['Worker', null, null, 'Case']);
    expect(nodes[0].fullName).toEqual(expect.any(String));
    const tooMany = await api.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(101).fill(UNKNOWN) });
    expect(tooMany.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'ids' });
  });

  it("gives a partner through node only what its own queries give it: not another organisation's case, not a worker", async () => {
    const read = async (id: string) => ((await partner.query(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id })) as any).node;
    expect(await read(ownOrganisation)).toEqual({ __typename: 'Organisation', id: ownOrganisation });
    expect(await read(ownCase)).toEqual({ __typename: 'Case', id: ownCase });
    expect(await read(otherCase)).toBeNull();
    expect(await read(ids.Worker!)).toBeNull();
    const otherOrganisation = (
      (await api.query(`query ($id: ID!) { case(id: $id) { organisationId } }`, { id: otherCase })) as any
    ).case.organisationId;
    expect(await read(otherOrganisation)).toBeNull();
    const { nodes }: any = await partner.query(`query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Case { reference summary } } }`, {
      ids: [otherCase, ownCase],
    });
    expect(nodes[0]).toBeNull();
    expect(nodes[1].id).toBe(ownCase);
    // The case's own query refuses the other organisation's case too: node keeps the same rule.
    expect((await partner.graphql(`query ($id: ID!) { case(id: $id) { id } }`, { id: otherCase })).errors).toBeDefined();
    expect(await api.anonymous.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: ownCase })).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it("pages an organisation's cases and assignments as connections, forward and back, like the root lists", async () => {
    const { organisation }: any = await api.query(
      `query ($id: ID!) { organisation(id: $id) {
         cases(first: 2) { totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } }
         assignments(includeEnded: true, first: 100) { totalCount nodes { id } }
       } }`,
      { id: ownOrganisation },
    );
    const { cases, assignments }: any = await api.query(
      `query ($id: ID!) { cases(filter: { organisationId: $id }, first: 100) { totalCount nodes { id } }
                          assignments(filter: { organisationId: $id }, first: 100) { totalCount nodes { id } } }`,
      { id: ownOrganisation },
    );
    expect(organisation.cases.totalCount).toBe(cases.totalCount);
    expect(organisation.assignments.totalCount).toBe(assignments.totalCount);
    expect(organisation.assignments.nodes.map((node: { id: string }) => node.id)).toEqual(assignments.nodes.map((node: { id: string }) => node.id));
    // Walk the organisation's cases two at a time, then back from the end: the same cases, once each, in order.
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await api.query(
        `query ($id: ID!, $after: String) { organisation(id: $id) { cases(first: 2, after: $after) {
           nodes { id } pageInfo { hasNextPage endCursor } } } }`,
        { id: ownOrganisation, after },
      );
      forward.push(...data.organisation.cases.nodes.map((node: { id: string }) => node.id));
      if (!data.organisation.cases.pageInfo.hasNextPage) break;
      after = data.organisation.cases.pageInfo.endCursor;
    }
    expect(forward.length).toBe(cases.totalCount);
    expect(new Set(forward)).toEqual(new Set(cases.nodes.map((node: { id: string }) => node.id)));
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const data: any = await api.query(
        `query ($id: ID!, $before: String) { organisation(id: $id) { cases(last: 2, before: $before) {
           nodes { id } pageInfo { hasPreviousPage startCursor } } } }`,
        { id: ownOrganisation, before },
      );
      backward.unshift(...data.organisation.cases.nodes.map((node: { id: string }) => node.id));
      if (!data.organisation.cases.pageInfo.hasPreviousPage) break;
      before = data.organisation.cases.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });
});
