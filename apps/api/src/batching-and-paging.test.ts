import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';

describe(`nested fields and paging over HTTP (${testDatabaseKind()})`, () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
  });
  afterAll(() => api?.close());

  const NESTED = `query ($first: Int!) {
    organisations(first: $first) {
      nodes {
        name area { name parent { name } } parent { name }
        activeWorkers { fullName certificationStatus certifications { level } cases(status: OPEN, first: 3) { nodes { reference pmksCategory { labelId } } } }
        assignments(includeEnded: true, first: 5) { totalCount nodes { startsOn worker { fullName } } }
        cases(first: 5) { totalCount nodes { reference involvements { role { labelId } worker { fullName } } } }
      }
    } }`;

  it('loads nested fields in batches: the SQL statements per request do not grow with the page size', async () => {
    const statements: number[] = [];
    for (const first of [2, 10, 39]) {
      const result = await api.graphql(NESTED, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.organisations.nodes).toHaveLength(first);
      statements.push(result.extensions!.sqlStatements!);
    }
    expect(statements[0]).toBeGreaterThan(0);
    // On PostgreSQL, with several connections, sibling loaders finish at slightly different moments, and a loader
    // used at two depths (worker by id) may be dispatched as two batches instead of one: a few statements either way.
    // One statement per row would add 37 or more between 2 and 39 organisations.
    const spread = Math.max(...statements) - Math.min(...statements);
    expect(spread, `statements per page size 2, 10, 39: ${statements.join(', ')}`).toBeLessThanOrEqual(6);
  });

  it("reads the workers' cases with their pages: no second statement loads the cases by id", async () => {
    // The organisations, their active assignments, the workers, and one statement for every worker's page of cases
    // with the cases' columns (NestedList.rows): 4, where loading the cases by id after their page made 5.
    const result = await api.graphql(
      `{ organisations(first: 10) { nodes { id activeWorkers { id cases(status: OPEN, first: 20) { nodes { id reference openedOn } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const cases = result.data!.organisations.nodes.flatMap((o: any) => o.activeWorkers.flatMap((w: any) => w.cases.nodes));
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c: any) => c.id && c.reference && /^\d{4}-\d{2}-\d{2}$/.test(c.openedOn))).toBe(true);
    expect(result.extensions!.sqlStatements).toBe(4);
  });

  it("reads a worker's cases with only the columns selected, and the same cases whatever is selected", async () => {
    const full = `id reference pmksCategoryCode organisationId status openedOn closedOn summary closingNote createdAt updatedAt version`;
    const casesOfWorkers = async (selection: string) => {
      const { workers }: { workers: any } = await api.query(
        `{ workers(first: 100) { nodes { id cases(first: 5) { nodes { ${selection} } } } } }` +
          (selection.includes('...Parts') ? ' fragment Parts on Case { reference openedOn }' : ''),
      );
      return workers.nodes.flatMap((worker: { id: string; cases: { nodes: object[] } }) => worker.cases.nodes.map((c) => ({ worker: worker.id, ...c })));
    };
    const everything = await casesOfWorkers(full);
    expect(everything.length).toBeGreaterThan(0);
    const { cases }: { cases: any } = await api.query(`{ cases(first: 100) { nodes { ${full} } } }`);
    const byId = new Map(cases.nodes.map((c: { id: string }) => [c.id, c]));
    for (const withWorker of everything) {
      const c = { ...withWorker };
      delete c.worker;
      if (byId.has(c.id)) expect(c).toEqual(byId.get(c.id));
    }
    // Fewer fields, a fragment, and a field read through a link: the same cases, in the same order.
    const few = await casesOfWorkers('id ...Parts organisation { id }');
    expect(few).toEqual(everything.map((c: any) => ({ worker: c.worker, id: c.id, reference: c.reference, openedOn: c.openedOn, organisation: { id: c.organisationId } })));
    // Only columns-backed fields (the light columns, no timestamps) beside all of them, in one request: each selection
    // gets its own statement's columns, not the other's.
    const { workers: both }: { workers: any } = await api.query(
      `{ workers(first: 100) { nodes { id light: cases(first: 5) { nodes { id reference } } all: cases(first: 5) { nodes { ${full} } } } } }`,
    );
    const together = both.nodes.flatMap((worker: any) => {
      expect(worker.light.nodes).toEqual(worker.all.nodes.map((c: any) => ({ id: c.id, reference: c.reference })));
      return worker.all.nodes.map((c: object) => ({ worker: worker.id, ...c }));
    });
    expect(together).toEqual(everything);
    expect(await casesOfWorkers('id reference')).toEqual(everything.map((c: any) => ({ worker: c.worker, id: c.id, reference: c.reference })));
  });

  it('walks every page with cursors, in a stable order, and reports the total', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { workers }: { workers: any } = await api.query(
        `query ($after: String) { workers(first: 10, after: $after, orderBy: { field: FULL_NAME, direction: ASC }) {
            totalCount nodes { id fullName } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(workers.totalCount).toBe(36);
      seen.push(...workers.nodes.map((worker: { fullName: string }) => worker.fullName));
      pages += 1;
      if (!workers.pageInfo.hasNextPage) break;
      after = workers.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(36);
    expect(new Set(seen).size).toBe(36);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('refuses a page larger than 100 and a cursor it did not issue', async () => {
    const huge = await api.graphql(`{ workers(first: 1000) { totalCount } }`);
    expect(huge.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await api.graphql(`{ workers(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a page size outside 1..100 on every list of the schema, naming the argument (generated from the schema)', async () => {
    type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
    type Argument = { name: string; type: TypeRef };
    const schema = await api.query(`{ __schema { queryType { fields { name args { name type { kind name ofType { kind name ofType { kind name } } } } } } } }`);
    const fields = schema.__schema.queryType.fields as { name: string; args: Argument[] }[];
    const sizes = fields.flatMap((field) =>
      field.args.filter((arg) => ['first', 'last'].includes(arg.name)).map((arg) => ({ field, size: arg.name })),
    );
    // Every list a partner pages (a module's new list included) is found here; a few known ones keep the walk honest.
    expect(sizes.map(({ field, size }) => `${field.name}.${size}`)).toEqual(
      expect.arrayContaining(['organisations.first', 'organisationsLackingWorker.last', 'cases.first', 'workers.last', 'assignmentCandidates.first']),
    );
    const named = (type: TypeRef): string => (type.kind === 'NON_NULL' || type.kind === 'LIST' ? named(type.ofType!) : type.name!);
    // A value of the right type for each other required argument: the page size is checked before anything else.
    const sample: Record<string, unknown> = { ID: '00000000-0000-4000-8000-000000000000', Boolean: false, String: '32.77', Int: 1, LocalDate: '2018-06-01' };
    for (const { field, size } of sizes) {
      const required = field.args.filter((arg) => arg.type.kind === 'NON_NULL' && arg.name !== size);
      const declarations = [`$${size}: Int!`, ...required.map((arg) => `$${arg.name}: ${named(arg.type)}!`)].join(', ');
      const passed = [size, ...required.map((arg) => arg.name)].map((name) => `${name}: $${name}`).join(', ');
      const query = `query (${declarations}) { ${field.name}(${passed}) { __typename } }`;
      const others = Object.fromEntries(required.map((arg) => [arg.name, sample[named(arg.type)]]));
      for (const value of [0, -1, 101]) {
        const refused = await api.graphql(query, { ...others, [size]: value });
        expect({ list: `${field.name}(${size}: ${value})`, ...refused.errors?.[0]?.extensions }).toEqual({
          list: `${field.name}(${size}: ${value})`,
          code: 'BAD_USER_INPUT',
          field: size,
        });
        expect(refused.data ?? null).toBeNull();
      }
    }
  });

  it('filters and sorts organisations on the server', async () => {
    const { organisations } = await api.query(`{
      organisations(filter: { areaCode: "32.77.03", search: "kelurahan" }, orderBy: { field: NAME, direction: DESC }) {
        totalCount nodes { name } } }`);
    expect(organisations.totalCount).toBe(4);
    expect(organisations.nodes.map((o: { name: string }) => o.name)).toEqual([
      'Kantor Kelurahan Pasirkaliki',
      'Kantor Kelurahan Citeureup',
      'Kantor Kelurahan Cipageran',
      'Kantor Kelurahan Cibabat',
    ]);
    // Lists look the area up only when the page is empty: an unknown area is still NOT_FOUND, a malformed one BAD_USER_INPUT.
    for (const list of ['organisations', 'organisationsLackingWorker', 'workers']) {
      const unknownArea = await api.graphql(`{ ${list}(filter: { areaCode: "32.99" }) { totalCount } }`);
      expect(unknownArea.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', field: 'areaCode' });
      const malformed = await api.graphql(`{ ${list}(filter: { areaCode: "32-77" }) { nodes { id } } }`);
      expect(malformed.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'areaCode' });
    }
  });

  it('serves liveness and readiness', async () => {
    expect(await (await fetch(`${api.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${api.url}/readyz`)).json()).toEqual({ status: 'ready', database: 'up' });
  });

  it('serves the spreadsheet export and the printable report from the same address', async () => {
    const csv = await api.fetch('/api/export/coverage-gaps.csv?areaCode=32.77.03');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + 5);
    const report = await api.fetch('/report/workforce-summary?areaCode=32.77');
    expect(report.status).toBe(200);
    expect(await report.text()).toMatch(/Kota Cimahi/);
  });
});

describe(`query limits (${testDatabaseKind()})`, () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
  });
  afterAll(() => api?.close());

  it('refuses a depth bomb and an alias flood before running anything', async () => {
    let deep = 'name';
    for (let level = 0; level < 12; level += 1) deep = `parent { ${deep} }`;
    const depthBomb = await api.graphql(`{ area(code: "32.77.01.1001") { ${deep} } }`);
    expect(depthBomb.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(depthBomb.errors?.[0]?.message).toMatch(/depth/i);
    expect(depthBomb.data).toBeUndefined();

    const aliases = Array.from({ length: 50 }, (_, index) => `a${index}: workforceSummary(areaCode: "32.77") { workers }`).join(' ');
    const aliasFlood = await api.graphql(`{ ${aliases} }`);
    expect(aliasFlood.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(aliasFlood.errors?.[0]?.message).toMatch(/alias/i);
    expect(aliasFlood.data).toBeUndefined();
  });
});
