import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';

/**
 * Generated hostile arguments to every query of the schema, a module's new query included: each answers with data
 * or with coded client errors naming the argument at fault, never an internal error. The arguments are generated
 * from their types in the running schema (input objects, lists and enums included), so nothing is listed by hand.
 */
const RUNS_PER_QUERY = Number(process.env.PEKSOS_PROPERTY_RUNS ?? 150) / 5;
const CLIENT_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT'];

describe(`hostile query arguments (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let schema: GraphQLSchema;
  let knownIds: string[];

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    schema = buildClientSchema((await api.query(getIntrospectionQuery())) as unknown as IntrospectionQuery);
    const ids = (await api.database.dataSource.query(
      `(SELECT id::text FROM worker ORDER BY full_name LIMIT 3) UNION ALL (SELECT id::text FROM organisation ORDER BY name LIMIT 3)
       UNION ALL (SELECT id::text FROM social_case ORDER BY reference LIMIT 3)`,
    )) as { id: string }[];
    knownIds = ids.map((row) => row.id);
  });
  afterAll(() => api?.close());

  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.string({ minLength: 300, maxLength: 3_000 }),
    fc.constantFrom('', ' ', '\u0000', '\uD800', '32.77', '32.77.01', '32', '%_\\', "' OR 1=1 --", 'Cimahi'),
  );
  const scalars = (): Record<string, fc.Arbitrary<unknown>> => ({
    Int: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 100, 101, 2 ** 31 - 1, 2 ** 31, 1e20, 1.5)),
    Float: fc.oneof(fc.double(), fc.constantFrom(0, -1, 1e308)),
    Boolean: fc.boolean(),
    String: text,
    ID: fc.oneof(fc.uuid(), text, fc.constantFrom(...knownIds), fc.constantFrom('T3JnYW5pc2F0aW9uOjE=', 'bm90LWEtY3Vyc29y')),
    LocalDate: fc.oneof(
      fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.constantFrom('2017-02-30', '9999-99-99', '0000-01-01', '2017-1-1', ''),
      text,
    ),
  });

  /** A value of this input type: mostly well-formed in shape, hostile in its leaves; sometimes of the wrong shape. */
  function valueOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) return valueOf(type.ofType, depth);
    if (isListType(type)) return fc.array(valueOf(type.ofType, depth + 1), { maxLength: 3 });
    if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((value) => value.name)), fc.string({ maxLength: 8 }));
    if (isInputObjectType(type)) {
      if (depth > 3) return fc.constant({});
      const fields = Object.values(type.getFields());
      const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined).map((field) => field.name);
      return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, depth + 1)])), { requiredKeys: required });
    }
    return scalars()[type.name] ?? text;
  }

  /** The names of the fields of an input type, at any depth. */
  function inputFieldNames(type: GraphQLInputType, seen = new Set<string>()): string[] {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return [];
    seen.add(named.name);
    return Object.values(named.getFields()).flatMap((field) => [field.name, ...inputFieldNames(field.type, seen)]);
  }

  function argumentsOf(args: readonly GraphQLArgument[]): fc.Arbitrary<Record<string, unknown>> {
    // A non-null argument with a default is passed too: the variable is declared with the argument's type, no default.
    const required = args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name);
    return fc.record(Object.fromEntries(args.map((arg) => [arg.name, valueOf(arg.type)])), { requiredKeys: required });
  }

  it(`answers generated arguments of every query with data or a coded client error naming the argument (${RUNS_PER_QUERY} per query)`, async () => {
    const queries = Object.values(schema.getQueryType()!.getFields()).filter((field) => field.args.length > 0);
    // The walk finds the lists, the headline questions and the lookups by id; a few known ones keep it honest.
    expect(queries.map((field) => field.name)).toEqual(
      expect.arrayContaining(['workers', 'organisationsLackingWorker', 'workforceSummary', 'areaBreakdown', 'node', 'worker']),
    );
    const tally = { answered: 0, refused: 0 };
    for (const field of queries) {
      const declarations = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
      const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
      const query = `query (${declarations}) { ${field.name}(${passed})${selection} }`;
      const namesInArguments = new Set(field.args.flatMap((arg) => [arg.name, ...inputFieldNames(arg.type)]));
      await fc.assert(
        fc.asyncProperty(argumentsOf(field.args), async (variables) => {
          const answer = await api.graphql(query, variables);
          const context = `${field.name}(${JSON.stringify(variables).slice(0, 300)})`;
          if (!answer.errors?.length) {
            tally.answered += 1;
            return;
          }
          tally.refused += 1;
          for (const error of answer.errors) {
            const { code, field: named } = (error.extensions ?? {}) as { code?: string; field?: string };
            expect(CLIENT_CODES, `${context}: ${error.message}`).toContain(code);
            // A refusal of what was passed names the argument, or the field within it, at fault (by its name, as the
            // house does: `areaCode` for `filter.areaCode`, `replacements.2.workerId` within a list).
            if (code === 'BAD_USER_INPUT') {
              const leaf = (named ?? '').split('.').filter((part) => !/^\d+$/.test(part)).at(-1) ?? '';
              expect([...namesInArguments], `${context}: ${error.message} names ${named}`).toContain(leaf);
            }
          }
        }),
        { numRuns: RUNS_PER_QUERY, seed: 20171203 },
      );
    }
    // Both outcomes occur, or the generators test nothing.
    expect(tally.answered).toBeGreaterThan(queries.length);
    expect(tally.refused).toBeGreaterThan(queries.length);
  }, 600_000);
});
