import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRole } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { loadServerModules } from './graphql/modules.js';
import { buildApiSchema } from '@peksos/server';
import { startTestServer, TEST_PASSWORD, type GraphQLClient, type GraphQLResponse, type TestServer } from './testing/test-server.js';

type Caller = 'anonymous' | 'admin' | 'coordinator' | 'viewer' | 'partner';
const CALLERS: Caller[] = ['anonymous', 'admin', 'coordinator', 'viewer', 'partner'];
const ANYONE: Caller[] = CALLERS;
const SIGNED_IN: Caller[] = ['admin', 'coordinator', 'viewer', 'partner'];
const STAFF: Caller[] = ['admin', 'coordinator', 'viewer'];
const MANAGERS: Caller[] = ['admin', 'coordinator'];
const ADMINS: Caller[] = ['admin'];

/** Ids the operations of the table use: things in Cimahi Utara (the coordinator's area, the partner's organisation). */
interface Fixture {
  utaraVillage: string;
  organisationId: string;
  otherOrganisationId: string;
  workerId: string;
  assignmentId: string;
  caseId: string;
  otherCaseId: string;
  involvementId: string;
  certificationId: string;
  accountId: string;
  apiKeyId: string;
  trainingSessionId: string | null;
  enrolmentId: string | null;
  /** An account anyone may sign in as (the viewer's). */
  signInUsername: string;
}

interface Operation {
  allowed: Caller[];
  request: (fixture: Fixture, caller: Caller) => { query: string; variables?: Record<string, unknown> };
}

let serial = 0;
const unique = () => `${process.pid}-${++serial}`;

/**
 * Every query and mutation of the schema, with who may call it. The test below fails when the schema has an
 * operation this table does not list: a new operation needs a decision here, not a default.
 */
const OPERATIONS: Record<string, Operation> = {
  'Query.me': { allowed: ANYONE, request: () => ({ query: '{ me { kind role } }' }) },
  'Query.area': { allowed: SIGNED_IN, request: () => ({ query: '{ area(code: "32.77") { name } }' }) },
  'Query.areas': { allowed: SIGNED_IN, request: () => ({ query: '{ areas(first: 2) { totalCount } }' }) },
  'Query.professionalRole': { allowed: SIGNED_IN, request: () => ({ query: '{ professionalRole(code: "BROKER") { labelId } }' }) },
  'Query.professionalRoles': { allowed: SIGNED_IN, request: () => ({ query: '{ professionalRoles { totalCount } }' }) },
  'Query.workforceSummary': { allowed: SIGNED_IN, request: () => ({ query: '{ workforceSummary(areaCode: "32.77") { workers } }' }) },
  'Query.areaBreakdown': { allowed: SIGNED_IN, request: () => ({ query: '{ areaBreakdown(parentCode: "32.77.03") { rows { workers } } }' }) },
  'Query.node': {
    allowed: SIGNED_IN,
    request: (f) => ({ query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id: f.organisationId } }),
  },
  'Query.nodes': {
    allowed: SIGNED_IN,
    request: (f) => ({ query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: [f.organisationId] } }),
  },
  'Query.organisation': {
    allowed: SIGNED_IN,
    request: (f) => ({ query: 'query ($id: ID!) { organisation(id: $id) { name } }', variables: { id: f.organisationId } }),
  },
  'Query.organisations': { allowed: SIGNED_IN, request: () => ({ query: '{ organisations(first: 5) { totalCount } }' }) },
  'Query.organisationsLackingWorker': {
    allowed: STAFF,
    request: () => ({ query: '{ organisationsLackingWorker(first: 5) { totalCount } }' }),
  },
  'Query.worker': {
    allowed: STAFF,
    request: (f) => ({ query: 'query ($id: ID!) { worker(id: $id) { fullName } }', variables: { id: f.workerId } }),
  },
  'Query.workers': { allowed: STAFF, request: () => ({ query: '{ workers(first: 5) { totalCount } }' }) },
  'Query.assignment': {
    allowed: STAFF,
    request: (f) => ({ query: 'query ($id: ID!) { assignment(id: $id) { startsOn } }', variables: { id: f.assignmentId } }),
  },
  'Query.assignments': { allowed: STAFF, request: () => ({ query: '{ assignments(first: 5) { totalCount } }' }) },
  'Query.certification': {
    allowed: STAFF,
    request: (f) => ({ query: 'query ($id: ID!) { certification(id: $id) { kind } }', variables: { id: f.certificationId } }),
  },
  'Query.certifications': { allowed: STAFF, request: () => ({ query: '{ certifications(first: 5) { totalCount } }' }) },
  'Query.case': {
    allowed: SIGNED_IN,
    request: (f) => ({ query: 'query ($id: ID!) { case(id: $id) { reference } }', variables: { id: f.caseId } }),
  },
  'Query.cases': { allowed: SIGNED_IN, request: () => ({ query: '{ cases(first: 5) { totalCount } }' }) },
  'Query.caseInvolvement': {
    allowed: STAFF,
    request: (f) => ({ query: 'query ($id: ID!) { caseInvolvement(id: $id) { roleCode } }', variables: { id: f.involvementId } }),
  },
  'Query.caseInvolvements': { allowed: STAFF, request: () => ({ query: '{ caseInvolvements(first: 5) { totalCount } }' }) },
  'Query.pmksCategories': { allowed: SIGNED_IN, request: () => ({ query: '{ pmksCategories { code } }' }) },
  'Query.trainingSession': {
    allowed: STAFF,
    request: (f) => ({ query: 'query ($id: ID!) { trainingSession(id: $id) { title } }', variables: { id: f.trainingSessionId } }),
  },
  'Query.trainingSessions': { allowed: STAFF, request: () => ({ query: '{ trainingSessions { totalCount } }' }) },
  'Query.placementRequests': { allowed: MANAGERS, request: () => ({ query: '{ placementRequests(status: PENDING) { id } }' }) },
  'Query.workloadLimits': { allowed: STAFF, request: () => ({ query: '{ workloadLimits { maxPlacements } }' }) },
  'Query.coveragePlan': { allowed: MANAGERS, request: () => ({ query: '{ coveragePlan(areaCode: "32.77.03") { organisationsLacking } }' }) },
  'Query.assignmentCandidates': {
    allowed: MANAGERS,
    request: (f) => ({ query: 'query ($id: ID!) { assignmentCandidates(organisationId: $id) { workerId } }', variables: { id: f.organisationId } }),
  },
  'Query.accounts': { allowed: ADMINS, request: () => ({ query: '{ accounts { username } }' }) },
  'Query.apiKeys': { allowed: ADMINS, request: () => ({ query: '{ apiKeys { prefix } }' }) },
  'Query.auditRecords': { allowed: ADMINS, request: () => ({ query: '{ auditRecords(first: 5) { totalCount } }' }) },

  'Mutation.createOrganisation': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
      variables: { input: { name: `LKS Akses ${unique()}`, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: f.utaraVillage } },
    }),
  },
  'Mutation.updateOrganisation': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($id: ID!, $address: String) { updateOrganisation(id: $id, input: { address: $address }) { id } }',
      variables: { id: f.organisationId, address: `Jl. Uji ${unique()}` },
    }),
  },
  'Mutation.archiveOrganisation': {
    allowed: MANAGERS,
    // Refused (CONFLICT: it has current assignments) after the access check: an allowed caller reaches the rule.
    request: (f) => ({ query: 'mutation ($id: ID!) { archiveOrganisation(id: $id, reason: "uji") { id } }', variables: { id: f.organisationId } }),
  },
  'Mutation.createWorker': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }',
      variables: { input: { fullName: `Uji Akses ${unique()}`, gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode: f.utaraVillage } },
    }),
  },
  'Mutation.updateWorker': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($id: ID!, $email: String) { updateWorker(id: $id, input: { email: $email }) { id } }',
      variables: { id: f.workerId, email: `uji${serial++}@contoh.id` },
    }),
  },
  'Mutation.archiveWorker': {
    allowed: MANAGERS,
    request: (f) => ({ query: 'mutation ($id: ID!) { archiveWorker(id: $id, reason: "uji") { id } }', variables: { id: f.workerId } }),
  },
  'Mutation.assignWorker': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }',
      variables: { input: { workerId: f.workerId, organisationId: f.organisationId, isPrimary: false, startsOn: '2019-01-01' } },
    }),
  },
  'Mutation.acceptCoveragePlan': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($input: AcceptCoveragePlanInput!) { acceptCoveragePlan(input: $input) { id } }',
      variables: { input: { rows: [{ workerId: f.workerId, organisationId: f.organisationId }], startsOn: '2019-01-01' } },
    }),
  },
  'Mutation.updateWorkloadLimits': {
    allowed: ADMINS,
    request: () => ({ query: 'mutation { updateWorkloadLimits(input: { recommendedOpenCases: 25 }) { recommendedOpenCases } }' }),
  },
  'Mutation.endAssignment': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($id: ID!) { endAssignment(id: $id, endsOn: "2030-01-01") { id } }',
      variables: { id: f.assignmentId },
    }),
  },
  'Mutation.recordCertification': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }',
      variables: {
        input: { workerId: f.workerId, level: 'GENERALIST', certificateNumber: `AKSES/${unique()}`, issuer: 'LSPS', issuedOn: '2018-01-02' },
      },
    }),
  },
  'Mutation.scheduleCompetencyTest': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($input: ScheduleCompetencyTestInput!) { scheduleCompetencyTest(input: $input) { id } }',
      variables: { input: { workerId: f.workerId, level: 'SPECIALIST', testDate: '2031-05-01' } },
    }),
  },
  'Mutation.requestPlacement': {
    allowed: MANAGERS,
    // An allowed caller reaches the rules: the worker is the caller's own (BAD_USER_INPUT: place them directly).
    request: (f) => ({
      query: 'mutation ($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }',
      variables: { input: { workerId: f.workerId, organisationId: f.organisationId } },
    }),
  },
  'Mutation.acceptPlacementRequest': {
    allowed: MANAGERS,
    // No such request: NOT_FOUND after the access check.
    request: () => ({ query: 'mutation { acceptPlacementRequest(id: "00000000-0000-4000-8000-000000000000") { id } }' }),
  },
  'Mutation.declinePlacementRequest': {
    allowed: MANAGERS,
    request: () => ({ query: 'mutation { declinePlacementRequest(id: "00000000-0000-4000-8000-000000000000", reason: "uji") { id } }' }),
  },
  'Mutation.withdrawPlacementRequest': {
    allowed: MANAGERS,
    request: () => ({ query: 'mutation { withdrawPlacementRequest(id: "00000000-0000-4000-8000-000000000000") { id } }' }),
  },
  'Mutation.createProfessionalRole': {
    allowed: ADMINS,
    request: () => ({
      query: 'mutation ($input: CreateProfessionalRoleInput!) { createProfessionalRole(input: $input) { code } }',
      variables: { input: { code: `AKSES_${String(++serial).replace(/\d/g, (digit) => 'ABCDEFGHIJ'[Number(digit)]!)}`, labelId: 'Uji', labelEn: 'Test' } },
    }),
  },
  'Mutation.revealNationalIdNumber': {
    allowed: ADMINS,
    request: (f) => ({
      query: 'mutation ($id: ID!) { revealNationalIdNumber(workerId: $id, reason: "uji akses") }',
      variables: { id: f.workerId },
    }),
  },
  'Mutation.openCase': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }',
      variables: { input: { organisationId: f.organisationId, pmksCategoryCode: 'ANAK_TERLANTAR', reference: `AKSES/${unique()}` } },
    }),
  },
  'Mutation.updateCase': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($id: ID!, $summary: String) { updateCase(id: $id, input: { summary: $summary }) { id } }',
      variables: { id: f.caseId, summary: `uji ${unique()}` },
    }),
  },
  'Mutation.closeCase': {
    allowed: MANAGERS,
    // Refused as BAD_USER_INPUT (closes before it opened) after the access check.
    request: (f) => ({ query: 'mutation ($id: ID!) { closeCase(id: $id, closedOn: "1990-01-01") { id } }', variables: { id: f.caseId } }),
  },
  'Mutation.involveWorker': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }',
      variables: { input: { caseId: f.caseId, workerId: f.workerId, roleCode: 'EDUCATOR' } },
    }),
  },
  'Mutation.endInvolvement': {
    allowed: MANAGERS,
    request: (f) => ({ query: 'mutation ($id: ID!) { endInvolvement(id: $id, endsOn: "1990-01-01") { id } }', variables: { id: f.involvementId } }),
  },
  'Query.needsAction': { allowed: SIGNED_IN, request: () => ({ query: '{ needsAction(first: 5) { totalCount nodes { id kind } } }' }) },
  'Query.needsActionCount': { allowed: SIGNED_IN, request: () => ({ query: '{ needsActionCount }' }) },
  'Query.needsActionKinds': { allowed: SIGNED_IN, request: () => ({ query: '{ needsActionKinds { code labelId } }' }) },
  'Query.recordHistory': {
    allowed: STAFF,
    request: (f) => ({ query: 'query ($id: ID!) { recordHistory(id: $id, first: 5) { nodes { id action } } }', variables: { id: f.organisationId } }),
  },
  'Query.handoverPreview': {
    allowed: MANAGERS,
    // No such worker: NOT_FOUND after the access check.
    request: () => ({ query: '{ handoverPreview(workerId: "00000000-0000-4000-8000-000000000000", endsOn: "2031-01-01") { workerId } }' }),
  },
  'Mutation.handOverWorker': {
    allowed: MANAGERS,
    request: () => ({
      query: 'mutation { handOverWorker(input: { workerId: "00000000-0000-4000-8000-000000000000", endsOn: "2031-01-01", reason: ON_LEAVE }) { assignmentsEnded { id } } }',
    }),
  },
  'Mutation.scheduleTrainingSession': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($input: ScheduleTrainingSessionInput!) { scheduleTrainingSession(input: $input) { id } }',
      variables: { input: { title: 'Uji', kind: 'TRAINING', heldOn: '2031-01-01', place: 'Cimahi', organiserId: f.organisationId } },
    }),
  },
  'Mutation.enrolWorkerInTraining': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($s: ID!, $w: ID!) { enrolWorkerInTraining(sessionId: $s, workerId: $w) { id } }',
      variables: { s: f.trainingSessionId, w: f.workerId },
    }),
  },
  'Mutation.recordTrainingResult': {
    allowed: MANAGERS,
    request: (f) => ({
      query: 'mutation ($id: ID!) { recordTrainingResult(input: { enrolmentId: $id, result: ABSENT }) { id } }',
      variables: { id: f.enrolmentId },
    }),
  },
  'Mutation.createAccount': {
    allowed: ADMINS,
    request: () => ({
      query: 'mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }',
      variables: { input: { username: `akses-${unique()}`, displayName: 'Uji', role: 'VIEWER', password: 'kata-sandi-uji-panjang' } },
    }),
  },
  'Mutation.updateAccount': {
    allowed: ADMINS,
    request: (f) => ({
      query: 'mutation ($id: ID!, $name: String) { updateAccount(id: $id, input: { displayName: $name }) { id } }',
      variables: { id: f.accountId, name: `Uji ${unique()}` },
    }),
  },
  'Mutation.setAccountPassword': {
    allowed: ADMINS,
    request: (f) => ({
      query: 'mutation ($id: ID!) { setAccountPassword(id: $id, password: "kata-sandi-baru-panjang") { id } }',
      variables: { id: f.accountId },
    }),
  },
  'Mutation.createApiKey': {
    allowed: ADMINS,
    request: (f) => ({
      query: 'mutation ($o: [ID!]!) { createApiKey(name: "Uji", organisationIds: $o) { secret } }',
      variables: { o: [f.organisationId] },
    }),
  },
  'Mutation.revokeApiKey': {
    allowed: ADMINS,
    request: (f) => ({ query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', variables: { id: f.apiKeyId } }),
  },
  'Mutation.signIn': {
    allowed: ANYONE,
    request: (f) => ({
      query: 'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { expiresAt } }',
      variables: { u: f.signInUsername, p: TEST_PASSWORD },
    }),
  },
  // A wrong current password: refused as BAD_USER_INPUT after the access check (accounts only).
  'Mutation.changeMyPassword': {
    allowed: STAFF,
    request: () => ({ query: 'mutation { changeMyPassword(currentPassword: "not it", newPassword: "kata-sandi-baru-panjang") { id } }' }),
  },
  // Last: it ends the caller's session.
  'Mutation.signOut': { allowed: ANYONE, request: () => ({ query: 'mutation { signOut }' }) },
};

function rootOperations(schema: GraphQLSchema): string[] {
  const names: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.keys(root?.getFields() ?? {})) names.push(`${root!.name}.${field}`);
  }
  return names.sort();
}

const refusal = (response: GraphQLResponse) =>
  response.errors?.find((error) => ['FORBIDDEN', 'UNAUTHENTICATED'].includes(error.extensions?.code ?? ''));

describe(`who may call what (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let schema: GraphQLSchema;
  let fixture: Fixture;
  const clients = {} as Record<Caller, GraphQLClient>;
  const auditCount = async () =>
    ((await api.database.dataSource.query(`SELECT count(*) AS n, coalesce(max(id), 0) AS "lastId" FROM audit_record`)) as [
      { n: number; lastId: number },
    ])[0];

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    schema = await buildApiSchema(await loadServerModules(process.env.PEKSOS_MODULES?.split(',') ?? (await import('./graphql/modules.js')).configuredModuleNames()));
    const db = api.database.dataSource;
    const one = async (sql: string, parameters: unknown[] = []) => ((await db.query(sql, parameters)) as Record<string, string>[])[0]!;
    const utaraVillage = (await one(`SELECT code FROM area WHERE parent_code = '32.77.03' ORDER BY code LIMIT 1`)).code!;
    const { createOrganisation } = await api.query(
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name: 'LKS Mitra Utara', kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: utaraVillage } },
    );
    const organisationId = createOrganisation.id as string;
    const otherOrganisationId = (await one(`SELECT id FROM organisation WHERE area_code LIKE '32.77.01.%' ORDER BY name LIMIT 1`)).id!;
    const { createWorker } = await api.query(
      `mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`,
      { input: { fullName: 'Uji Utara', gender: 'MALE', employmentStatus: 'VOLUNTEER', homeAreaCode: utaraVillage, nationalIdNumber: '3277031234567890', phone: '081234567890' } },
    );
    const workerId = createWorker.id as string;
    const { assignWorker } = await api.query(
      `mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`,
      { input: { workerId, organisationId, startsOn: '2018-01-02' } },
    );
    const openCase = async (organisation: string) =>
      (
        await api.query(`mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`, {
          input: { organisationId: organisation, pmksCategoryCode: 'ANAK_TERLANTAR', reference: `AKSES/${unique()}`, openedOn: '2018-02-01' },
        })
      ).openCase.id as string;
    const caseId = await openCase(organisationId);
    const otherCaseId = await openCase(otherOrganisationId);
    const { involveWorker } = await api.query(
      `mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }`,
      { input: { caseId, workerId, roleCode: 'BROKER', startsOn: '2018-02-01' } },
    );
    const { recordCertification } = await api.query(
      `mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`,
      { input: { workerId, level: 'GENERALIST', certificateNumber: `AKSES/${unique()}`, issuer: 'LSPS', issuedOn: '2017-06-01' } },
    );
    const hasTraining = rootOperations(schema).includes('Mutation.scheduleTrainingSession');
    let trainingSessionId: string | null = null;
    let enrolmentId: string | null = null;
    if (hasTraining) {
      const { scheduleTrainingSession } = await api.query(
        `mutation ($input: ScheduleTrainingSessionInput!) { scheduleTrainingSession(input: $input) { id } }`,
        { input: { title: 'Uji', kind: 'TRAINING', heldOn: '2018-03-01', place: 'Cimahi', organiserId: organisationId } },
      );
      trainingSessionId = scheduleTrainingSession.id;
      const { enrolWorkerInTraining } = await api.query(
        `mutation ($s: ID!, $w: ID!) { enrolWorkerInTraining(sessionId: $s, workerId: $w) { id } }`,
        { s: trainingSessionId, w: workerId },
      );
      enrolmentId = enrolWorkerInTraining.id;
    }
    const { createAccount } = await api.query(
      `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }`,
      { input: { username: `akses-target-${process.pid}`, displayName: 'Target', role: 'VIEWER', password: 'kata-sandi-target-panjang' } },
    );
    const { createApiKey } = await api.query(`mutation ($o: [ID!]!) { createApiKey(name: "Target", organisationIds: $o) { apiKey { id } } }`, {
      o: [organisationId],
    });
    fixture = {
      utaraVillage,
      organisationId,
      otherOrganisationId,
      workerId,
      assignmentId: assignWorker.id,
      caseId,
      otherCaseId,
      involvementId: involveWorker.id,
      certificationId: recordCertification.id,
      accountId: createAccount.id,
      apiKeyId: createApiKey.apiKey.id,
      trainingSessionId,
      enrolmentId,
      signInUsername: '',
    };
    clients.admin = api;
    clients.anonymous = api.anonymous;
    clients.coordinator = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
    const viewer = await api.signedInAs(AccessRole.VIEWER);
    clients.viewer = viewer;
    fixture.signInUsername = viewer.username;
    clients.partner = await api.partner([organisationId]);
  }, 120_000);
  afterAll(() => api?.close());

  it('lists every query and mutation of the schema, and nothing else', () => {
    const inSchema = rootOperations(schema);
    expect(inSchema.filter((name) => !(name in OPERATIONS)), 'operations without an entry in OPERATIONS').toEqual([]);
    const moduleSpecific = (name: string) => /training/i.test(name);
    expect(Object.keys(OPERATIONS).filter((name) => !inSchema.includes(name) && !moduleSpecific(name))).toEqual([]);
  });

  it('allows each operation to exactly the callers the table lists; refusals change nothing', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    // The admin last: its own session must outlive the other callers' runs (signOut is the last operation).
    for (const caller of ['anonymous', 'viewer', 'partner', 'coordinator', 'admin'] as Caller[]) {
      for (const [name, operation] of Object.entries(OPERATIONS)) {
        if (!rootOperations(schema).includes(name)) continue;
        const before = await auditCount();
        const { query, variables } = operation.request(fixture, caller);
        const response = await clients[caller].graphql(query, variables);
        const refused = refusal(response);
        outcomes.push(`${name} as ${caller}: ${refused ? `refused (${refused.extensions?.code})` : 'allowed'}`);
        const allowed = operation.allowed.includes(caller);
        expected.push(
          `${name} as ${caller}: ${allowed ? 'allowed' : `refused (${caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'})`}`,
        );
        const changesNothing = name === 'Mutation.signOut' && (caller === 'anonymous' || caller === 'partner'); // no session
        if (name.startsWith('Mutation.') && !response.errors?.length && !changesNothing) {
          // Every mutation that changed something says so in the audit log, naming itself.
          const [{ written }] = (await api.database.dataSource.query(
            `SELECT count(*) AS written FROM audit_record WHERE id > $1 AND operation = $2`,
            [before.lastId, name.slice('Mutation.'.length)],
          )) as [{ written: number }];
          expect(written, `${name} as ${caller} left no audit record`).toBeGreaterThan(0);
        }
        if (refused) {
          expect(Object.values(response.data ?? {}).filter((value) => value !== null), `${name} as ${caller}`).toEqual([]);
          expect(await auditCount(), `${name} as ${caller} wrote`).toEqual(before);
        }
      }
    }
    expect(outcomes).toEqual(expected);
  }, 180_000);
});
