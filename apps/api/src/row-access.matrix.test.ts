import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  getNamedType,
  GraphQLID,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLFieldMap,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRole } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { configuredModuleNames, loadServerModules } from './graphql/modules.js';
import { buildApiSchema } from '@peksos/server';
import { startTestServer, type GraphQLClient, type GraphQLResponse, type TestServer } from './testing/test-server.js';

/**
 * The matrix of issue 13 (docs/access.md, "Who may change which rows"), generated from the running schema: for every
 * mutation, every record it creates, changes or links to, an in-area and an out-of-area variant, run as a
 * coordinator of Cimahi Utara (32.77.03), and the in-area variant as a partner and as a viewer.
 *
 * - in area, the coordinator succeeds (and the audit log names the mutation);
 * - out of area, the coordinator is refused FORBIDDEN with `extensions.field` naming the argument or input field of
 *   the record out of reach; nothing is written (a snapshot of every table under row-level security, and of accounts
 *   and API keys, is unchanged) and no audit record is left;
 * - partners and viewers are refused every write the same way.
 *
 * A record named inside a list of the input (`rows.0.workerId`, `replacements.0.workerId`) is also tried as the second
 * copy of the list's elements, after a first copy in area that the service handles first: refused naming that
 * element's index, and the first copy's writes undone. Every ID an area mutation's arguments carry (in lists too, as
 * the schema has them) must be named by a record, or be listed in `notRecords` with the reason.
 *
 * A mutation of the schema with no entry in MUTATIONS fails the first test: a new mutation needs its records here
 * (and a row in docs/access.md, which the last test checks), not a default. Each case makes its own records (as an
 * admin) before it runs, so no case depends on another's outcome.
 */

const IN = '32.77.03.1001'; // Pasirkaliki, Cimahi Utara: the coordinator's
const IN_OTHER = '32.77.03.1002'; // Cibabat, Cimahi Utara: somewhere else in the area to move a record to
const OUT = '32.77.01.1003'; // Utama, Cimahi Selatan: another kecamatan

type Where = 'in' | 'out';
type Request = { query: string; variables?: Record<string, unknown> };

/** Makes fresh records as an admin, in or out of the coordinator's area. */
interface Make {
  area(where: Where): string;
  organisation(where: Where): Promise<string>;
  worker(where: Where): Promise<string>;
  /** An assignment (current, from 2018-01-02) of a worker of `worker` at an organisation of `organisation`. */
  assignment(organisation: Where, worker?: Where): Promise<string>;
  /** A case opened on 2018-02-01 at an organisation. */
  case(where: Where): Promise<string>;
  /** An involvement (from 2018-03-01) in a case of `where`, of a worker of the same area. */
  involvement(where: Where): Promise<string>;
  /** A competency test (GENERALIST, held 2018-04-01) organised by an organisation. */
  session(where: Where): Promise<string>;
  /**
   * A pending placement request of a worker of `where`, asked by another area's coordinator for one of their
   * organisations (in: Cimahi Selatan asks for a worker of Utara; out: Cimahi Tengah asks for a worker of Selatan).
   */
  placementRequest(where: Where): Promise<string>;
  /** A pending placement request asked for an organisation of `where` (by its coordinator), of a worker of neither side. */
  askedPlacementRequest(where: Where): Promise<string>;
  /** An enrolment in a test of `session`, of a worker of `worker`. */
  enrolment(session: Where, worker: Where): Promise<string>;
  /** Places this worker (from 2018-01-02) at a new organisation of `where`; returns the assignment. */
  placeAt(workerId: string, where: Where, isPrimary: boolean): Promise<string>;
  /** Involves this worker (from 2018-03-01) in a new case of `where`; returns the involvement. */
  involveIn(workerId: string, where: Where): Promise<string>;
  unique(): string;
}

/** One record a mutation creates, changes or links to, and the argument or input field that names it. */
interface RecordOfMutation {
  record: string;
  field: string;
}

type MutationEntry =
  | {
      kind: 'area';
      /** The tables it writes, for docs/access.md and the report. */
      records: RecordOfMutation[];
      /**
       * The request, with each record (by its `record` name) in or out of the coordinator's area. A mutation taking a
       * list makes its elements `copies` times (1 unless asked), asking `where` of each copy's records.
       */
      request(make: Make, where: (record: string, copy?: number) => Where, copies?: number): Promise<Request>;
      /** IDs the arguments carry that are not a record the coordinator must manage (by path, lists as `N`), and why. */
      notRecords?: Record<string, string>;
    }
  | { kind: 'admins'; reason: string; request(make: Make): Promise<Request> }
  | { kind: 'none'; reason: string };

const LOCAL_DATE = '2018-06-01';

/** Every mutation of every module, with the records it touches. Training's are absent when the extension is not loaded. */
const MUTATIONS: Record<string, MutationEntry> = {
  createOrganisation: {
    kind: 'area',
    records: [
      { record: 'organisation (its area)', field: 'areaCode' },
      { record: 'parent organisation', field: 'parentId' },
    ],
    request: async (make, where) => ({
      query: 'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
      variables: {
        input: {
          name: `LKS Matriks ${make.unique()}`,
          kind: 'SOCIAL_WELFARE_INSTITUTION',
          areaCode: make.area(where('organisation (its area)')),
          parentId: await make.organisation(where('parent organisation')),
        },
      },
    }),
  },
  updateOrganisation: {
    kind: 'area',
    records: [
      { record: 'organisation', field: 'id' },
      { record: 'its new area', field: 'areaCode' },
      { record: 'its new parent', field: 'parentId' },
    ],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id } }',
      variables: {
        id: await make.organisation(where('organisation')),
        input: {
          areaCode: where('its new area') === 'in' ? IN_OTHER : OUT,
          parentId: await make.organisation(where('its new parent')),
          address: 'Jl. Matriks 1',
        },
      },
    }),
  },
  archiveOrganisation: {
    kind: 'area',
    records: [{ record: 'organisation', field: 'id' }],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!) { archiveOrganisation(id: $id, reason: "matriks") { id } }',
      variables: { id: await make.organisation(where('organisation')) },
    }),
  },
  createWorker: {
    kind: 'area',
    records: [{ record: 'worker (home area)', field: 'homeAreaCode' }],
    request: async (make, where) => ({
      query: 'mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }',
      variables: {
        input: { fullName: `Pekerja Matriks ${make.unique()}`, gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode: make.area(where('worker (home area)')) },
      },
    }),
  },
  updateWorker: {
    kind: 'area',
    records: [
      { record: 'worker', field: 'id' },
      { record: 'new home area', field: 'homeAreaCode' },
      { record: 'new home area: none', field: 'homeAreaCode' },
    ],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!, $input: UpdateWorkerInput!) { updateWorker(id: $id, input: $input) { id } }',
      variables: {
        id: await make.worker(where('worker')),
        input: {
          fullName: `Diubah ${make.unique()}`,
          phone: '081299990000',
          homeAreaCode: where('new home area: none') === 'out' ? null : where('new home area') === 'in' ? IN_OTHER : OUT,
        },
      },
    }),
  },
  archiveWorker: {
    kind: 'area',
    records: [{ record: 'worker', field: 'id' }],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!) { archiveWorker(id: $id, reason: "matriks") { id } }',
      variables: { id: await make.worker(where('worker')) },
    }),
  },
  assignWorker: {
    kind: 'area',
    records: [
      { record: 'organisation', field: 'organisationId' },
      { record: 'worker', field: 'workerId' },
    ],
    request: async (make, where) => ({
      query: 'mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }',
      variables: {
        input: { organisationId: await make.organisation(where('organisation')), workerId: await make.worker(where('worker')), isPrimary: false, startsOn: LOCAL_DATE },
      },
    }),
  },
  acceptCoveragePlan: {
    kind: 'area',
    records: [
      { record: 'organisation', field: 'rows.0.organisationId' },
      { record: 'worker', field: 'rows.0.workerId' },
    ],
    request: async (make, where, copies = 1) => {
      const rows = [];
      for (let copy = 0; copy < copies; copy += 1) {
        rows.push({ organisationId: await make.organisation(where('organisation', copy)), workerId: await make.worker(where('worker', copy)) });
      }
      return { query: 'mutation ($input: AcceptCoveragePlanInput!) { acceptCoveragePlan(input: $input) { id } }', variables: { input: { rows, startsOn: LOCAL_DATE } } };
    },
  },
  updateWorkloadLimits: {
    kind: 'admins',
    reason: 'the office’s workload limits hold for every area',
    request: async () => ({ query: 'mutation { updateWorkloadLimits(input: { recommendedOpenCases: 25 }) { recommendedOpenCases } }' }),
  },
  endAssignment: {
    kind: 'area',
    // In area: its organisation and worker are the coordinator's; out of area, neither is.
    records: [{ record: 'assignment (its organisation or its worker)', field: 'id' }],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!) { endAssignment(id: $id, endsOn: "2018-06-01", reason: "matriks") { id } }',
      variables: { id: await make.assignment(where('assignment (its organisation or its worker)')) },
    }),
  },
  recordCertification: {
    kind: 'area',
    records: [{ record: 'worker', field: 'workerId' }],
    request: async (make, where) => ({
      query: 'mutation ($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }',
      variables: {
        input: { workerId: await make.worker(where('worker')), level: 'GENERALIST', certificateNumber: `MATRIKS/${make.unique()}`, issuer: 'LSPS', issuedOn: '2018-01-02' },
      },
    }),
  },
  scheduleCompetencyTest: {
    kind: 'area',
    records: [{ record: 'worker', field: 'workerId' }],
    request: async (make, where) => ({
      query: 'mutation ($input: ScheduleCompetencyTestInput!) { scheduleCompetencyTest(input: $input) { id } }',
      variables: { input: { workerId: await make.worker(where('worker')), level: 'SPECIALIST', testDate: '2031-05-01' } },
    }),
  },
  openCase: {
    kind: 'area',
    records: [{ record: 'organisation', field: 'organisationId' }],
    request: async (make, where) => ({
      query: 'mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }',
      variables: {
        input: { organisationId: await make.organisation(where('organisation')), pmksCategoryCode: 'ANAK_TERLANTAR', reference: `MATRIKS/${make.unique()}`, openedOn: LOCAL_DATE },
      },
    }),
  },
  updateCase: {
    kind: 'area',
    records: [
      { record: 'case', field: 'id' },
      { record: 'its new organisation', field: 'organisationId' },
    ],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!, $input: UpdateCaseInput!) { updateCase(id: $id, input: $input) { id } }',
      variables: { id: await make.case(where('case')), input: { organisationId: await make.organisation(where('its new organisation')), summary: 'matriks' } },
    }),
  },
  closeCase: {
    kind: 'area',
    records: [{ record: 'case (and its running involvements)', field: 'id' }],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!) { closeCase(id: $id, closedOn: "2018-06-01", closingNote: "matriks") { id } }',
      variables: { id: await make.case(where('case (and its running involvements)')) },
    }),
  },
  involveWorker: {
    kind: 'area',
    records: [
      { record: 'case', field: 'caseId' },
      { record: 'worker', field: 'workerId' },
    ],
    request: async (make, where) => ({
      query: 'mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }',
      variables: { input: { caseId: await make.case(where('case')), workerId: await make.worker(where('worker')), roleCode: 'BROKER', startsOn: '2018-03-01' } },
    }),
  },
  endInvolvement: {
    kind: 'area',
    records: [{ record: 'involvement (its case)', field: 'id' }],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!) { endInvolvement(id: $id, endsOn: "2018-06-01") { id } }',
      variables: { id: await make.involvement(where('involvement (its case)')) },
    }),
  },
  handOverWorker: {
    kind: 'area',
    // The worker's placements and involvements end; each copy of the replacements takes over a placement (as
    // assignWorker: the organisation and the replacement) and a case involvement (as involveWorker: the case and the
    // replacement, not placed in the area). A placement elsewhere ends (the worker's side may end it); an involvement
    // in a case elsewhere does not (its case's side ends it), taken over or not.
    records: [
      { record: 'worker', field: 'workerId' },
      { record: "placement's organisation", field: 'replacements.0.assignmentId' },
      { record: 'replacement in the placement', field: 'replacements.0.workerId' },
      { record: "involvement's case", field: 'replacements.1.involvementId' },
      { record: 'replacement in the case', field: 'replacements.1.workerId' },
      { record: 'case not taken over', field: 'workerId' },
    ],
    request: async (make, where, copies = 1) => {
      const workerId = await make.worker(where('worker', 0));
      const replacements = [];
      for (let copy = 0; copy < copies; copy += 1) {
        replacements.push({ assignmentId: await make.placeAt(workerId, where("placement's organisation", copy), copy === 0), workerId: await make.worker(where('replacement in the placement', copy)) });
        replacements.push({ involvementId: await make.involveIn(workerId, where("involvement's case", copy)), workerId: await make.worker(where('replacement in the case', copy)) });
      }
      await make.involveIn(workerId, where('case not taken over', 0));
      return {
        query: 'mutation ($input: HandOverWorkerInput!) { handOverWorker(input: $input) { assignmentsEnded { id } assignmentsMade { id } involvementsMade { id } } }',
        variables: { input: { workerId, endsOn: '2018-06-01', reason: 'ON_LEAVE', replacements } },
      };
    },
  },
  scheduleTrainingSession: {
    kind: 'area',
    records: [{ record: 'organiser', field: 'organiserId' }],
    request: async (make, where) => ({
      query: 'mutation ($input: ScheduleTrainingSessionInput!) { scheduleTrainingSession(input: $input) { id } }',
      variables: {
        input: { title: 'Pelatihan matriks', kind: 'TRAINING', heldOn: '2031-01-01', place: 'Cimahi', organiserId: await make.organisation(where('organiser')) },
      },
    }),
  },
  enrolWorkerInTraining: {
    kind: 'area',
    records: [
      { record: 'session (its organiser)', field: 'sessionId' },
      { record: 'worker', field: 'workerId' },
    ],
    request: async (make, where) => ({
      query: 'mutation ($s: ID!, $w: ID!) { enrolWorkerInTraining(sessionId: $s, workerId: $w) { id } }',
      variables: { s: await make.session(where('session (its organiser)')), w: await make.worker(where('worker')) },
    }),
  },
  recordTrainingResult: {
    kind: 'area',
    records: [
      { record: 'enrolment (its session)', field: 'enrolmentId' },
      // A passed test is the worker's certificate: an admin enrolled a worker of another area in the area's test.
      { record: "certificate (the enrolment's worker)", field: 'enrolmentId' },
    ],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!, $number: String) { recordTrainingResult(input: { enrolmentId: $id, result: PASSED, certificateNumber: $number }) { id } }',
      variables: {
        id: await make.enrolment(where('enrolment (its session)'), where("certificate (the enrolment's worker)")),
        number: `LULUS/${make.unique()}`,
      },
    }),
  },
  requestPlacement: {
    kind: 'area',
    records: [{ record: 'organisation', field: 'organisationId' }],
    notRecords: { workerId: "another area's worker: that is what a request is for (a worker of one's own is placed with assignWorker)" },
    request: async (make, where) => ({
      query: 'mutation ($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }',
      variables: { input: { organisationId: await make.organisation(where('organisation')), workerId: await make.worker('out'), startsOn: LOCAL_DATE } },
    }),
  },
  acceptPlacementRequest: {
    kind: 'area',
    records: [{ record: 'request (its worker; C assignment)', field: 'id' }],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!) { acceptPlacementRequest(id: $id) { id } }',
      variables: { id: await make.placementRequest(where('request (its worker; C assignment)')) },
    }),
  },
  declinePlacementRequest: {
    kind: 'area',
    records: [{ record: 'request (its worker)', field: 'id' }],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!) { declinePlacementRequest(id: $id, reason: "matriks") { id } }',
      variables: { id: await make.placementRequest(where('request (its worker)')) },
    }),
  },
  withdrawPlacementRequest: {
    kind: 'area',
    records: [{ record: 'request (its organisation)', field: 'id' }],
    request: async (make, where) => ({
      query: 'mutation ($id: ID!) { withdrawPlacementRequest(id: $id) { id } }',
      variables: { id: await make.askedPlacementRequest(where('request (its organisation)')) },
    }),
  },

  // Admins only; these records belong to no area (accounts, API keys, reference data, a recorded read).
  createAccount: {
    kind: 'admins',
    reason: 'accounts belong to no area',
    request: async (make) => ({
      query: 'mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }',
      variables: { input: { username: `matriks-${make.unique()}`, displayName: 'Matriks', role: 'COORDINATOR', areaCode: '32.77.03', password: 'kata-sandi-matriks-panjang' } },
    }),
  },
  updateAccount: {
    kind: 'admins',
    reason: 'accounts belong to no area',
    request: async () => ({ query: 'mutation ($id: ID!) { updateAccount(id: $id, input: { areaCode: "32.77" }) { id } }', variables: { id: ACCOUNT_ID.value } }),
  },
  setAccountPassword: {
    kind: 'admins',
    reason: 'accounts belong to no area',
    request: async () => ({ query: 'mutation ($id: ID!) { setAccountPassword(id: $id, password: "kata-sandi-baru-panjang") { id } }', variables: { id: ACCOUNT_ID.value } }),
  },
  createApiKey: {
    kind: 'admins',
    reason: 'API keys belong to no area (a key names organisations it may read)',
    request: async (make) => ({
      query: 'mutation ($o: [ID!]!) { createApiKey(name: "Matriks", organisationIds: $o) { secret } }',
      variables: { o: [await make.organisation('in')] },
    }),
  },
  revokeApiKey: {
    kind: 'admins',
    reason: 'API keys belong to no area',
    request: async () => ({ query: 'mutation ($id: ID!) { revokeApiKey(id: $id) { id } }', variables: { id: API_KEY_ID.value } }),
  },
  createProfessionalRole: {
    kind: 'admins',
    reason: 'reference data of the whole registry',
    request: async () => ({
      query: 'mutation ($input: CreateProfessionalRoleInput!) { createProfessionalRole(input: $input) { code } }',
      variables: { input: { code: 'MATRIKS', labelId: 'Matriks', labelEn: 'Matrix' } },
    }),
  },
  revealNationalIdNumber: {
    kind: 'admins',
    reason: 'writes only an audit record (READ), of any worker',
    request: async (make) => ({ query: 'mutation ($id: ID!) { revealNationalIdNumber(workerId: $id, reason: "matriks") }', variables: { id: await make.worker('in') } }),
  },

  // Touch no registry row at all: one's own session and password.
  signIn: { kind: 'none', reason: "opens the caller's own session" },
  signOut: { kind: 'none', reason: "ends the caller's own session" },
  changeMyPassword: { kind: 'none', reason: "changes the caller's own password" },
};

/** Set in beforeAll: an account and a key the admin-only mutations would change. */
const ACCOUNT_ID = { value: '' };
const API_KEY_ID = { value: '' };

/** The imports (docs/import-export.md): admins only, whichever rows the file holds. */
const IMPORT_KINDS = ['organisations', 'workers', 'assignments'] as const;

/**
 * The command-line tools: they run at the server's shell as the system (an admin's rights), so an area does not
 * limit them; there is no coordinator to refuse. Listed so that docs/access.md names each.
 */
const COMMANDS: Record<string, string> = {
  'pnpm run import': 'as the system: each row, like an admin import',
  'pnpm admin': 'accounts and API keys, as the system',
  'pnpm run export': 'writes nothing',
};

const refusalOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions;

/**
 * The IDs a mutation's arguments carry, as the paths its errors name them by: an `input` argument's fields by their
 * own names (`organisationId`), other arguments by theirs (`sessionId`), an element of a list as `N`
 * (`replacements.N.workerId`).
 */
function idPaths(mutation: GraphQLField<unknown, unknown>): string[] {
  const paths: string[] = [];
  const walk = (type: GraphQLInputType, path: string[], seen: ReadonlySet<string>) => {
    const unwrapped = isNonNullType(type) ? type.ofType : type;
    if (isListType(unwrapped)) return walk(unwrapped.ofType, [...path, 'N'], seen);
    if (isInputObjectType(unwrapped)) {
      if (seen.has(unwrapped.name)) return;
      for (const field of Object.values(unwrapped.getFields())) walk(field.type, [...path, field.name], new Set([...seen, unwrapped.name]));
    } else if (getNamedType(unwrapped) === GraphQLID) paths.push(path.join('.'));
  };
  for (const arg of mutation.args) walk(arg.type, arg.name === 'input' ? [] : [arg.name], new Set());
  return paths.sort();
}

/** A field naming a list's element by its path: `replacements.1.workerId` is `replacements.N.workerId`. */
const byListPath = (field: string) => field.replace(/\.\d+(?=\.|$)/g, '.N');

/** The list at `path` of a request's `input` (or of its variables). */
function listIn(request: Request, path: string): unknown[] | undefined {
  const variables = (request.variables ?? {}) as Record<string, unknown>;
  const find = (root: unknown) => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);
  const found = find(variables.input) ?? find(variables);
  return Array.isArray(found) ? found : undefined;
}

describe(`the matrix of who may change which rows (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let coordinator: GraphQLClient;
  let viewer: GraphQLClient;
  let partner: GraphQLClient;
  let mutations: string[];
  let allMutations: string[];
  let mutationFields: GraphQLFieldMap<unknown, unknown>;
  let tables: string[];
  let serial = 0;
  const figures = { mutations: 0, records: 0, coordinatorCases: 0, listCases: 0, partnerCases: 0, viewerCases: 0, adminOnlyCases: 0, importCases: 0 };

  const db = () => api.database.dataSource;
  /** Coordinators of the other two kecamatan, who ask for placements, each with an organisation of theirs. */
  const askers = {} as Record<'selatan' | 'tengah' | 'utara', GraphQLClient & { organisation(): Promise<string> }>;

  const make: Make = {
    unique: () => `${process.pid}-${++serial}`,
    area: (where) => (where === 'in' ? IN : OUT),
    async organisation(where) {
      const { createOrganisation } = await api.query(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`, {
        input: { name: `LKS Uji ${make.unique()}`, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: make.area(where) },
      });
      return createOrganisation.id;
    },
    async worker(where) {
      const { createWorker } = await api.query(`mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`, {
        input: { fullName: `Pekerja Uji ${make.unique()}`, gender: 'MALE', employmentStatus: 'VOLUNTEER', homeAreaCode: make.area(where) },
      });
      return createWorker.id;
    },
    async assignment(organisation, worker = organisation) {
      const { assignWorker } = await api.query(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
        input: { organisationId: await make.organisation(organisation), workerId: await make.worker(worker), startsOn: '2018-01-02' },
      });
      return assignWorker.id;
    },
    async placeAt(workerId, where, isPrimary) {
      const { assignWorker } = await api.query(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
        input: { organisationId: await make.organisation(where), workerId, isPrimary, startsOn: '2018-01-02' },
      });
      return assignWorker.id;
    },
    async involveIn(workerId, where) {
      const { involveWorker } = await api.query(`mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }`, {
        input: { caseId: await make.case(where), workerId, roleCode: 'BROKER', startsOn: '2018-03-01' },
      });
      return involveWorker.id;
    },
    async case(where) {
      const { openCase } = await api.query(`mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`, {
        input: { organisationId: await make.organisation(where), pmksCategoryCode: 'ANAK_TERLANTAR', reference: `UJI/${make.unique()}`, openedOn: '2018-02-01' },
      });
      return openCase.id;
    },
    async involvement(where) {
      const { involveWorker } = await api.query(`mutation ($input: InvolveWorkerInput!) { involveWorker(input: $input) { id } }`, {
        input: { caseId: await make.case(where), workerId: await make.worker(where), roleCode: 'BROKER', startsOn: '2018-03-01' },
      });
      return involveWorker.id;
    },
    async session(where) {
      const { scheduleTrainingSession } = await api.query(
        `mutation ($input: ScheduleTrainingSessionInput!) { scheduleTrainingSession(input: $input) { id } }`,
        {
          input: {
            title: 'Uji kompetensi',
            kind: 'COMPETENCY_TEST',
            certificationLevel: 'GENERALIST',
            heldOn: '2018-04-01',
            place: 'Cimahi',
            organiserId: await make.organisation(where),
          },
        },
      );
      return scheduleTrainingSession.id;
    },
    async placementRequest(where) {
      const asker = where === 'in' ? askers.selatan : askers.tengah;
      const { requestPlacement } = await asker.query(`mutation ($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`, {
        input: { workerId: await make.worker(where), organisationId: await asker.organisation(), startsOn: LOCAL_DATE },
      });
      return requestPlacement.id;
    },
    async askedPlacementRequest(where) {
      const asker = where === 'in' ? askers.utara : askers.tengah;
      const { requestPlacement } = await asker.query(`mutation ($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`, {
        input: { workerId: await make.worker('out'), organisationId: await asker.organisation(), startsOn: LOCAL_DATE },
      });
      return requestPlacement.id;
    },
    async enrolment(session, worker) {
      const { enrolWorkerInTraining } = await api.query(`mutation ($s: ID!, $w: ID!) { enrolWorkerInTraining(sessionId: $s, workerId: $w) { id } }`, {
        s: await make.session(session),
        w: await make.worker(worker),
      });
      return enrolWorkerInTraining.id;
    },
  };

  /** Every row of the tables the registry's writes may touch, as one digest per table, and the audit log's last id. */
  const snapshot = async () => {
    const digests = (await db().query(
      tables.map((table) => `SELECT '${table}' AS t, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS d FROM "${table}" r`).join(' UNION ALL '),
    )) as { t: string; d: string }[];
    const [{ last }] = (await db().query(`SELECT coalesce(max(id), 0)::text AS last FROM audit_record`)) as [{ last: string }];
    return { tables: Object.fromEntries(digests.map((row) => [row.t, row.d])), lastAuditId: last };
  };

  /** Runs a request that must be refused FORBIDDEN (naming `field`, when given) and change nothing. */
  const expectRefused = async (client: GraphQLClient, request: Request, label: string, field?: string) => {
    const before = await snapshot();
    const response = await client.graphql(request.query, request.variables);
    const refusal = refusalOf(response);
    expect(refusal?.code, `${label}: ${JSON.stringify(response.errors ?? response.data)}`).toBe('FORBIDDEN');
    if (field) expect(refusal?.field, label).toBe(field);
    expect(await snapshot(), `${label} wrote`).toEqual(before);
  };

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    coordinator = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
    viewer = await api.signedInAs(AccessRole.VIEWER);
    partner = await api.partner([await make.organisation('in')]);
    for (const [name, area, village] of [
      ['selatan', '32.77.01', OUT],
      ['tengah', '32.77.02', '32.77.02.1005'],
      // A second coordinator of the tested one's area: requests it asked are the tested coordinator's to withdraw.
      ['utara', '32.77.03', IN],
    ] as const) {
      const client = await api.signedInAs(AccessRole.COORDINATOR, area);
      askers[name] = {
        ...client,
        organisation: async () =>
          (
            await client.query(`mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`, {
              input: { name: `LKS Peminta ${make.unique()}`, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode: village },
            })
          ).createOrganisation.id,
      };
    }
    const other = await api.signedInAs(AccessRole.VIEWER);
    ACCOUNT_ID.value = other.accountId;
    const { createApiKey } = await api.query(`mutation ($o: [ID!]!) { createApiKey(name: "Sasaran", organisationIds: $o) { apiKey { id } } }`, {
      o: [await make.organisation('in')],
    });
    API_KEY_ID.value = createApiKey.apiKey.id;
    const schema = await api.query(`{ __schema { mutationType { fields { name } } } }`);
    mutations = (schema.__schema.mutationType.fields as { name: string }[]).map((field) => field.name).sort();
    const full: GraphQLSchema = await buildApiSchema(await loadServerModules(configuredModuleNames()));
    mutationFields = full.getMutationType()!.getFields();
    allMutations = Object.keys(mutationFields).sort();
    tables = (
      (await db().query(
        `SELECT c.relname AS name FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND (c.relrowsecurity OR c.relname IN ('account', 'api_key'))
         ORDER BY 1`,
      )) as { name: string }[]
    ).map((row) => row.name);
  }, 180_000);

  afterAll(async () => {
    if (figures.mutations) {
      const cases = figures.coordinatorCases + figures.partnerCases + figures.viewerCases + figures.adminOnlyCases + figures.importCases;
      console.info(
        `[matrix] ${testDatabaseKind()}: ${figures.mutations} mutations × ${figures.records} records (each in and out of area) × 3 roles` +
          ` = ${figures.coordinatorCases} coordinator (${figures.listCases} of them a record in a list's second element) + ${figures.partnerCases} partner + ${figures.viewerCases} viewer cases;` +
          ` ${figures.adminOnlyCases} admin-only refusals, ${figures.importCases} import refusals; ${cases} cases; tables compared: ${tables.length}`,
      );
    }
    await api?.close();
  });

  it('has an entry for every mutation of the schema, and none for a mutation no module defines', () => {
    expect(mutations.filter((name) => !(name in MUTATIONS)), 'mutations without an entry in MUTATIONS').toEqual([]);
    expect(Object.keys(MUTATIONS).filter((name) => !allMutations.includes(name)), 'entries no module defines').toEqual([]);
    expect(tables).toEqual(expect.arrayContaining(['organisation', 'worker', 'assignment', 'certification']));
  });

  it('has a record for every ID an area mutation takes, in lists of its input too', () => {
    const unnamed: string[] = [];
    for (const [name, entry] of Object.entries(MUTATIONS)) {
      if (entry.kind !== 'area' || !mutationFields[name]) continue;
      const named = new Set([...entry.records.map(({ field }) => byListPath(field)), ...Object.keys(entry.notRecords ?? {})]);
      for (const path of idPaths(mutationFields[name])) if (!named.has(path)) unnamed.push(`${name}: ${path}`);
    }
    expect(unnamed, 'IDs without a record in MUTATIONS (or a reason in notRecords)').toEqual([]);
    // It sees the lists: the plan's rows and the handover's replacements.
    expect(idPaths(mutationFields.acceptCoveragePlan!)).toEqual(['rows.N.organisationId', 'rows.N.workerId']);
    expect(idPaths(mutationFields.handOverWorker!)).toEqual(['replacements.N.assignmentId', 'replacements.N.involvementId', 'replacements.N.workerId', 'workerId']);
  });

  it('lets a coordinator change every record in their area, and refuses each one out of it, naming the field and writing nothing', async () => {
    for (const name of mutations) {
      const entry = MUTATIONS[name]!;
      if (entry.kind !== 'area') continue;
      figures.mutations += 1;
      figures.records += entry.records.length;
      // In area: succeeds, and the audit log names the mutation.
      const request = await entry.request(make, () => 'in');
      const before = await snapshot();
      const response = await coordinator.graphql(request.query, request.variables);
      expect(response.errors, `${name} in area`).toBeUndefined();
      // The snapshot sees the write (so an unchanged one below means nothing was written).
      expect((await snapshot()).tables, `${name} in area`).not.toEqual(before.tables);
      const { lastAuditId } = before;
      const [{ n }] = (await db().query(`SELECT count(*)::int AS n FROM audit_record WHERE id > $1 AND operation = $2`, [lastAuditId, name])) as [
        { n: number },
      ];
      expect(n, `${name} in area left no audit record`).toBeGreaterThan(0);
      figures.coordinatorCases += 1;
      // Out of area, one record at a time: everything else is in area.
      for (const { record, field } of entry.records) {
        const outOfArea = await entry.request(make, (other) => (other === record ? 'out' : 'in'));
        await expectRefused(coordinator, outOfArea, `${name}, ${record} out of area`, field);
        figures.coordinatorCases += 1;
        // A record in a list's element: again in the second copy of the elements, after a first copy in area.
        const element = /^(.+?)\.(\d+)\.(.+)$/.exec(field);
        if (!element) continue;
        const [, list, index, rest] = element as unknown as [string, string, string, string];
        const perCopy = (listIn(outOfArea, list) ?? []).length;
        expect(perCopy, `${name}: ${list} is not a list of its request`).toBeGreaterThan(0);
        const later = await entry.request(make, (other, copy = 0) => (other === record && copy === 1 ? 'out' : 'in'), 2);
        expect(listIn(later, list), `${name}: ${list} does not hold two copies`).toHaveLength(2 * perCopy);
        await expectRefused(coordinator, later, `${name}, ${record} out of area in the second copy`, `${list}.${Number(index) + perCopy}.${rest}`);
        figures.coordinatorCases += 1;
        figures.listCases += 1;
      }
    }
  }, 180_000);

  it('refuses partners and viewers every write, in area too', async () => {
    for (const name of mutations) {
      const entry = MUTATIONS[name]!;
      if (entry.kind !== 'area') continue;
      await expectRefused(partner, await entry.request(make, () => 'in'), `${name} as a partner`);
      figures.partnerCases += 1;
      await expectRefused(viewer, await entry.request(make, () => 'in'), `${name} as a viewer`);
      figures.viewerCases += 1;
    }
  }, 180_000);

  it('refuses the admin-only mutations to coordinators, partners and viewers', async () => {
    for (const name of mutations) {
      const entry = MUTATIONS[name]!;
      if (entry.kind !== 'admins') continue;
      for (const [label, client] of [['coordinator', coordinator], ['partner', partner], ['viewer', viewer]] as const) {
        await expectRefused(client, await entry.request(make), `${name} as a ${label}`);
        figures.adminOnlyCases += 1;
      }
    }
  }, 60_000);

  it('refuses every import to coordinators, partners and viewers (imports are admins\' only), writing nothing', async () => {
    for (const kind of IMPORT_KINDS) {
      const template = await api.fetch(`/api/templates/${kind}.csv`);
      expect(template.status, kind).toBe(200);
      const file = await template.text();
      for (const [label, client] of [['coordinator', coordinator], ['partner', partner], ['viewer', viewer]] as const) {
        const before = await snapshot();
        const response = await client.fetch(`/api/import/${kind}?dryRun=false`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: file });
        expect(response.status, `import ${kind} as a ${label}`).toBe(403);
        expect(((await response.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(await snapshot(), `import ${kind} as a ${label} wrote`).toEqual(before);
        figures.importCases += 1;
      }
    }
  });

  it('is the table of docs/access.md: every mutation, import kind and command has its row', () => {
    const docs = readFileSync(resolve(import.meta.dirname, '../../../docs/access.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## Who may change which rows'), docs.indexOf('### Where it is enforced'));
    const rows = section.split('\n').filter((line) => line.startsWith('| '));
    const firstCells = rows.map((row) => row.split('|')[1] ?? '');
    const named = (name: string) => firstCells.some((cell) => cell.includes(`\`${name}\``));
    expect(allMutations.filter((name) => !named(name)), 'mutations without a row in docs/access.md').toEqual([]);
    expect(IMPORT_KINDS.filter((kind) => !firstCells.some((cell) => cell.includes('import') && cell.includes(`\`${kind}\``)))).toEqual([]);
    expect(Object.keys(COMMANDS).filter((command) => !firstCells.some((cell) => cell.includes(`\`${command}`)))).toEqual([]);
    // And each record a mutation of the matrix touches is named by its field in the row.
    for (const [name, entry] of Object.entries(MUTATIONS)) {
      if (entry.kind !== 'area') continue;
      const row = rows.find((line) => (line.split('|')[1] ?? '').includes(`\`${name}\``))!;
      // An element of a list by `N`: the docs name the field of whichever element is refused.
      for (const { field } of entry.records) {
        const documented = byListPath(field);
        expect(row, `${name}: docs/access.md does not name ${documented}`).toContain(`\`${documented}\``);
      }
    }
  });
});
