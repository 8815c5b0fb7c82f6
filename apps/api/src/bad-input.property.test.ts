import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type GraphQLResponse, type TestServer } from './testing/test-server.js';

/**
 * Thousands of generated inputs to every mutation: each answers with a coded client error or a valid result,
 * never an internal error, and the database's invariants hold afterwards.
 */
const RUNS_PER_MUTATION = Number(process.env.PEKSOS_PROPERTY_RUNS ?? 150);
const CLIENT_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'WORKLOAD_LIMIT_EXCEEDED'];

describe(`bad input at volume (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let known: { workers: string[]; organisations: string[]; cases: string[]; assignments: string[]; involvements: string[] };

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    const ids = async (sql: string) => ((await api.database.dataSource.query(sql)) as { id: string }[]).map((row) => row.id);
    known = {
      workers: await ids(`SELECT id FROM worker ORDER BY full_name LIMIT 5`),
      organisations: await ids(`SELECT id FROM organisation ORDER BY name LIMIT 5`),
      cases: await ids(`SELECT id FROM social_case ORDER BY reference LIMIT 5`),
      assignments: await ids(`SELECT id FROM assignment ORDER BY starts_on LIMIT 5`),
      involvements: await ids(`SELECT id FROM case_involvement ORDER BY starts_on LIMIT 5`),
    };
  });
  afterAll(() => api?.close());

  // Generators of hostile values.
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ minLength: 190, maxLength: 2_500 }),
    fc.constantFrom('', '   ', '\u0000', 'a\u0000b', '\u202Eevil', 'Sêñör 💥', '\uD800', 'DROP TABLE worker;--', '%_\\'),
  );
  const date = fc.oneof(
    fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom('2017-02-30', '03/12/2017', '9999-99-99', '', '2017-1-1', '0000-01-01', '2017-12-03T00:00:00Z'),
    fc.string({ maxLength: 12 }),
  );
  const id = (pool: () => string[]) => fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constantFrom(...['x']).map(() => fc.sample(fc.constantFrom(...pool()), 1)[0]!));
  const number = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 2 ** 31 - 1, 2 ** 31, 1e20, 1.5, Number.MAX_SAFE_INTEGER));
  const maybe = <T,>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const enumOf = (...values: string[]) => fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 12 }));
  const kind = enumOf('SOCIAL_WELFARE_INSTITUTION', 'VILLAGE_OFFICE', 'PKH_UNIT', 'OTHER');
  const area = fc.oneof(fc.constantFrom('32.77', '32.77.01', '32.77.03.1002', '32.99', '99', '32.77.01.1001.1'), fc.string({ maxLength: 20 }));
  const workers = () => known.workers;
  const organisations = () => known.organisations;

  const mutations: { name: string; query: string; variables: fc.Arbitrary<Record<string, unknown>> }[] = [
    {
      name: 'createOrganisation',
      query: `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      variables: fc.record({
        input: fc.record({
          name: text,
          kind,
          areaCode: area,
          code: maybe(text),
          parentId: maybe(id(organisations)),
          accreditationGrade: maybe(enumOf('A', 'B', 'C')),
          accreditationExpiresOn: maybe(date),
          address: maybe(text),
        }),
      }),
    },
    {
      name: 'updateOrganisation',
      query: `mutation ($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id } }`,
      variables: fc.record({
        id: id(organisations),
        input: fc.record({ name: maybe(text), areaCode: maybe(area), parentId: maybe(id(organisations)), expectedVersion: maybe(number) }),
      }),
    },
    {
      name: 'archiveOrganisation',
      query: `mutation ($id: ID!, $reason: String!) { archiveOrganisation(id: $id, reason: $reason) { id } }`,
      variables: fc.record({ id: id(organisations), reason: text }),
    },
    {
      name: 'createWorker',
      query: `mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`,
      variables: fc.record({
        input: fc.record({
          fullName: text,
          gender: enumOf('FEMALE', 'MALE'),
          employmentStatus: enumOf('CIVIL_SERVANT', 'VOLUNTEER'),
          nationalIdNumber: maybe(fc.oneof(fc.stringMatching(/^\d{16}$/), text)),
          phone: maybe(fc.oneof(fc.stringMatching(/^08\d{9}$/), text)),
          email: maybe(fc.oneof(fc.emailAddress(), text)),
          homeAreaCode: maybe(area),
        }),
      }),
    },
    {
      name: 'updateWorker',
      query: `mutation ($id: ID!, $input: UpdateWorkerInput!) { updateWorker(id: $id, input: $input) { id } }`,
      variables: fc.record({ id: id(workers), input: fc.record({ fullName: maybe(text), homeAreaCode: maybe(area), expectedVersion: maybe(number) }) }),
    },
    {
      name: 'archiveWorker',
      query: `mutation ($id: ID!, $reason: String!) { archiveWorker(id: $id, reason: $reason) { id } }`,
      variables: fc.record({ id: id(workers), reason: text }),
    },
    {
      name: 'assignWorker',
      query: `mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`,
      variables: fc.record({
        input: fc.record({ workerId: id(workers), organisationId: id(organisations), startsOn: maybe(date), isPrimary: maybe(fc.boolean()) }),
      }),
    },
    {
      name: 'endAssignment',
      query: `mutation ($id: ID!, $endsOn: LocalDate!, $reason: String) { endAssignment(id: $id, endsOn: $endsOn, reason: $reason) { id } }`,
      variables: fc.record({ id: id(() => known.assignments), endsOn: date, reason: maybe(text) }),
    },
    {
      name: 'requestPlacement',
      query: `mutation ($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
      variables: fc.record({
        input: fc.record({ workerId: id(workers), organisationId: id(organisations), startsOn: maybe(date), isPrimary: maybe(fc.boolean()), note: maybe(text) }),
      }),
    },
    {
      name: 'acceptPlacementRequest',
      query: `mutation ($id: ID!) { acceptPlacementRequest(id: $id) { id } }`,
      variables: fc.record({ id: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })) }),
    },
    {
      name: 'declinePlacementRequest',
      query: `mutation ($id: ID!, $reason: String!) { declinePlacementRequest(id: $id, reason: $reason) { id } }`,
      variables: fc.record({ id: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })), reason: text }),
    },
    {
      name: 'withdrawPlacementRequest',
      query: `mutation ($id: ID!) { withdrawPlacementRequest(id: $id) { id } }`,
      variables: fc.record({ id: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })) }),
    },
    {
      name: 'recordCertification',
      query: `mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`,
      variables: fc.record({
        input: fc.record({
          workerId: id(workers),
          level: enumOf('ASSISTANT', 'GENERALIST', 'SPECIALIST'),
          certificateNumber: text,
          issuer: text,
          issuedOn: date,
          expiresOn: maybe(date),
        }),
      }),
    },
    {
      name: 'scheduleCompetencyTest',
      query: `mutation ($input: ScheduleCompetencyTestInput!) { scheduleCompetencyTest(input: $input) { id } }`,
      variables: fc.record({ input: fc.record({ workerId: id(workers), level: enumOf('ASSISTANT', 'GENERALIST'), testDate: date }) }),
    },
    {
      name: 'createProfessionalRole',
      query: `mutation ($input: CreateProfessionalRoleInput!) { createProfessionalRole(input: $input) { code } }`,
      variables: fc.record({
        input: fc.record({
          code: fc.oneof(fc.stringMatching(/^[A-Z][A-Z0-9_]{1,10}$/), text),
          labelId: text,
          labelEn: text,
          sortOrder: maybe(number),
        }),
      }),
    },
    {
      name: 'openCase',
      query: `mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`,
      variables: fc.record({
        input: fc.record({
          reference: fc.oneof(fc.stringMatching(/^[A-Z]{3}-\d{1,6}$/), text),
          pmksCategoryCode: fc.oneof(fc.constantFrom('FAKIR_MISKIN', 'ANAK_JALANAN'), text),
          organisationId: id(organisations),
          openedOn: maybe(date),
          summary: maybe(text),
        }),
      }),
    },
    {
      name: 'updateCase',
      query: `mutation ($id: ID!, $input: UpdateCaseInput!) { updateCase(id: $id, input: $input) { id } }`,
      variables: fc.record({
        id: id(() => known.cases),
        input: fc.record({ pmksCategoryCode: maybe(text), organisationId: maybe(id(organisations)), summary: maybe(text), expectedVersion: maybe(number) }),
      }),
    },
    {
      name: 'closeCase',
      query: `mutation ($id: ID!, $closedOn: LocalDate!, $note: String) { closeCase(id: $id, closedOn: $closedOn, closingNote: $note) { id } }`,
      variables: fc.record({ id: id(() => known.cases), closedOn: date, note: maybe(text) }),
    },
    {
      name: 'involveWorker',
      query: `mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }`,
      variables: fc.record({
        input: fc.record({
          caseId: id(() => known.cases),
          workerId: id(workers),
          roleCode: fc.oneof(fc.constantFrom('BROKER', 'EDUCATOR', 'FACILITATOR'), text),
          startsOn: maybe(date),
          isLead: maybe(fc.boolean()),
        }),
      }),
    },
    {
      name: 'endInvolvement',
      query: `mutation ($id: ID!, $endsOn: LocalDate!) { endInvolvement(id: $id, endsOn: $endsOn) { id } }`,
      variables: fc.record({ id: id(() => known.involvements), endsOn: date }),
    },
  ];

  it(`answers every generated input with a coded error or a result (${RUNS_PER_MUTATION} inputs per mutation)`, async () => {
    const tally = { ok: 0, refused: 0 };
    for (const mutation of mutations) {
      await fc.assert(
        fc.asyncProperty(mutation.variables, async (variables) => {
          const response = await api.fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: mutation.query, variables }),
          });
          expect(response.status, mutation.name).toBeLessThan(500);
          const body = (await response.json()) as GraphQLResponse;
          if (body.errors?.length) {
            for (const error of body.errors) {
              expect(CLIENT_CODES, `${mutation.name}: ${error.message}`).toContain(error.extensions?.code);
            }
            tally.refused += 1;
          } else {
            expect(body.data?.[mutation.name], mutation.name).toBeTruthy();
            tally.ok += 1;
          }
        }),
        { numRuns: RUNS_PER_MUTATION, seed: 20171203 },
      );
    }
    // Both outcomes must occur, or the generators are not testing anything.
    expect(tally.ok).toBeGreaterThan(10);
    expect(tally.refused).toBeGreaterThan(RUNS_PER_MUTATION);
  }, 600_000);

  it('leaves the database consistent afterwards', async () => {
    const violations = async (sql: string) => ((await api.database.dataSource.query(sql)) as [{ n: number }])[0].n;
    // Involvements of closed cases ended by the closing date.
    expect(
      await violations(`SELECT count(*) AS n FROM case_involvement i JOIN social_case c ON c.id = i.case_id
                        WHERE c.status = 'CLOSED' AND (i.ends_on IS NULL OR i.ends_on > c.closed_on)`),
    ).toBe(0);
    // No archived worker or organisation with a current assignment.
    expect(
      await violations(`SELECT count(*) AS n FROM assignment a JOIN worker w ON w.id = a.worker_id
                        WHERE w.archived_at IS NOT NULL AND a.ends_on IS NULL`),
    ).toBe(0);
    expect(
      await violations(`SELECT count(*) AS n FROM assignment a JOIN organisation o ON o.id = a.organisation_id
                        WHERE o.archived_at IS NOT NULL AND a.ends_on IS NULL`),
    ).toBe(0);
    // No text with a control character got in.
    expect(await violations(`SELECT count(*) AS n FROM worker WHERE full_name ~ '[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F]'`)).toBe(0);
    // The API still answers the headline question.
    const { workforceSummary } = await api.query(`{ workforceSummary(areaCode: "32.77") { workers } }`);
    expect(workforceSummary.workers).toBeGreaterThanOrEqual(1);
  });
});
