import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kind, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { testDatabaseKind } from '@peksos/db/testing';
import { buildApiSchema, operationCost } from '@peksos/server';
import { configuredModuleNames, loadServerModules } from './graphql/modules.js';
import { startTestServer, type GraphQLClient, type GraphQLResponse, type TestServer } from './testing/test-server.js';

const MODERN_ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

/** Three nested pages (organisations → assignments → the worker's cases), each sized by one argument text. */
const nested = (a: string, b: string, c: string, variables = '') =>
  `query Nested${variables} { organisations${a} { nodes { id assignments${b} { nodes { id worker { cases${c} { nodes { id reference } } } } } } } }`;
const sized = (value: string | null) => (value === null ? '' : `(first: ${value})`);

/**
 * The cost limit (PEKSOS_MAX_QUERY_COST, 10,000 here) counts each page with the size the request will use: a literal,
 * a variable's value, the variable's default, or the server's default page size (20) when first/last are omitted. With
 * graphql-armor's rule, `first: $n` and an omitted `first` counted one item, so nested pages passed far over the bound.
 */
describe(`the query cost limit (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let partner: GraphQLClient;
  let schema: GraphQLSchema;

  const refusal = (response: GraphQLResponse) => {
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors![0]!.message).toMatch(/^Query Cost limit of 10000 exceeded, found [\d.]+\.$/);
    return Number(/found ([\d.]+)\.$/.exec(response.errors![0]!.message)![1]);
  };

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    const [organisation] = await api.systemSql<{ id: string }[]>(
      `SELECT organisation_id AS id FROM assignment GROUP BY organisation_id ORDER BY count(*) DESC LIMIT 1`,
    );
    partner = await api.partner([organisation!.id]);
    schema = await buildApiSchema(await loadServerModules(configuredModuleNames()));
  }, 120_000);
  afterAll(() => api?.close());

  it('refuses nested pages of 100 written as literals, as variables, or as a variable default, with the same cost', async () => {
    const literal = refusal(await partner.graphql(nested('(first: 100)', '(first: 100)', '(first: 100)')));
    expect(literal).toBeGreaterThan(100_000);
    const variables = nested('(first: $n)', '(first: $n)', '(first: $n)', '($n: Int)');
    expect(refusal(await partner.graphql(variables, { n: 100 }))).toBe(literal);
    expect(refusal(await partner.graphql(nested('(first: $n)', '(first: $n)', '(first: $n)', '($n: Int = 100)')))).toBe(literal);
    // `last` counts like `first`.
    expect(refusal(await partner.graphql(nested('(last: $n)', '(last: $n)', '(last: $n)', '($n: Int)'), { n: 100 }))).toBe(literal);
  });

  it('counts an omitted first as the default page size (20), refusing nested pages it makes too large', async () => {
    const omitted = refusal(await partner.graphql(nested('', '', '')));
    expect(omitted).toBe(refusal(await partner.graphql(nested('(first: 20)', '(first: 20)', '(first: 20)'))));
    // A variable left out, or null, is an omitted argument too.
    expect(refusal(await partner.graphql(nested('(first: $n)', '(first: $n)', '(first: $n)', '($n: Int)'), {}))).toBe(omitted);
    expect(refusal(await partner.graphql(nested('(first: $n)', '(first: $n)', '(first: $n)', '($n: Int)'), { n: null }))).toBe(omitted);
  });

  it('counts a page size that is not a whole number, or beyond the largest page, as the largest page, and still refuses it as bad input when alone', async () => {
    const largest = refusal(await partner.graphql(nested('(first: 100)', '(first: 100)', '(first: 100)')));
    const variables = nested('(first: $n)', '(first: $n)', '(first: $n)', '($n: Int)');
    expect(refusal(await partner.graphql(variables, { n: 'many' }))).toBe(largest);
    expect(refusal(await partner.graphql(variables, { n: 1e20 }))).toBe(largest);
    expect(refusal(await partner.graphql(variables, { n: 101 }))).toBe(largest);
    const single = `query ($n: Int) { organisations(first: $n) { nodes { id } } }`;
    expect((await partner.graphql(single, { n: 1.5 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Not "Query Cost limit exceeded, found 200000000000000000000": the page size is what is wrong.
    for (const n of [1e20, 101]) expect((await partner.graphql(single, { n })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers the same nested query when its pages are small, whether the sizes are literals or variables', async () => {
    // As an admin, who may follow a worker to their cases (a partner may not: FORBIDDEN, after the cost limit).
    const literal = await api.query(nested('(first: 2)', '(first: 2)', '(first: 1)'));
    expect(literal.organisations.nodes).toHaveLength(2);
    const variables = await api.query(nested('(first: $a)', '(first: $b)', '(first: $c)', '($a: Int, $b: Int!, $c: Int)'), { a: 2, b: 2, c: 1 });
    expect(variables).toEqual(literal);
  });

  it('answers a refusal 400 to clients that accept graphql-response+json and 200 to legacy JSON clients, before running anything', async () => {
    const body = JSON.stringify({ query: nested('(first: $n)', '(first: $n)', '(first: $n)', '($n: Int)'), variables: { n: 100 } });
    for (const [accept, status] of [
      [MODERN_ACCEPT, 400],
      ['application/json', 200],
    ] as const) {
      const response = await partner.fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });
      expect(response.status).toBe(status);
      const answer = (await response.json()) as GraphQLResponse;
      expect(answer).not.toHaveProperty('data');
      refusal(answer);
    }
  });

  it('costs an operation with its page sizes as variables exactly as with them written as literals (property)', () => {
    const size = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 101, max: 100_000 }), fc.constant(null), fc.constant(undefined));
    const cost = (source: string, variables: Record<string, unknown> = {}) => {
      const document = parse(source);
      return operationCost(schema, document, document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode, variables);
    };
    fc.assert(
      fc.property(fc.tuple(size, size, size), fc.constantFrom('first', 'last'), ([a, b, c], argument) => {
        const withVariables = nested(`(${argument}: $a)`, `(${argument}: $b)`, `(${argument}: $c)`, '($a: Int, $b: Int, $c: Int)');
        const variables = Object.fromEntries(Object.entries({ a, b, c }).filter(([, value]) => value !== undefined));
        const literal = (value: number | null | undefined) => (value === undefined ? null : sized(String(value)).replace('first', argument));
        const inlined = nested(literal(a) ?? '', literal(b) ?? '', literal(c) ?? '');
        expect(cost(withVariables, variables)).toBe(cost(inlined));
      }),
      { numRuns: 300 },
    );
  });

  it('costs a fragment as its selections written in place, each fragment once however often it is spread', () => {
    const cost = (source: string) => {
      const document = parse(source);
      return operationCost(schema, document, document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode);
    };
    const inlined = cost(nested('(first: 7)', '(first: 3)', ''));
    expect(
      cost(`query { organisations(first: 7) { ...Page } } fragment Page on OrganisationConnection { nodes { id assignments(first: 3) { nodes { id worker { ...Cases } } } } }
        fragment Cases on Worker { cases { nodes { id ... on Case { reference } } } }`),
    ).toBe(inlined);
    // 40 fragments, each spreading the next twice: 2^40 by the count (refused), found in a moment, not by 2^40 walks.
    const chain = Array.from({ length: 40 }, (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`).join(' ');
    const started = performance.now();
    expect(cost(`query { ...F0 } ${chain} fragment F40 on Query { __typename }`)).toBe(2 ** 40);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses or answers a random nested query over HTTP alike with variables and with literals (property)', async () => {
    await fc.assert(
      // Small sizes half the time, so that some are answered (and their data compared) and some refused.
      fc.asyncProperty(fc.tuple(...[1, 2, 3].map(() => fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100 })))), async ([a, b, c]) => {
        const withVariables = await api.graphql(nested('(first: $a)', '(first: $b)', '(first: $c)', '($a: Int, $b: Int, $c: Int)'), { a, b, c });
        const inlined = await api.graphql(nested(sized(String(a)), sized(String(b)), sized(String(c))));
        expect(withVariables).toEqual(inlined);
      }),
      { numRuns: 15 },
    );
  });
});
