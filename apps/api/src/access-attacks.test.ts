import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRole } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { AUDIT_TRIGGER_NAMES } from '@peksos/schema-kit';
import { sessionCookieOf, startTestServer, TEST_PASSWORD, type GraphQLClient, type TestServer } from './testing/test-server.js';

/**
 * The access rules under attack, over real HTTP on the real database: each attempt gets its refusal, and nothing
 * leaks or changes.
 */
describe(`access under attack (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let partner: GraphQLClient & { apiKeyId: string; key: string };
  let viewer: GraphQLClient;
  let coordinator: GraphQLClient;
  let ownOrganisationId: string;
  let otherOrganisationId: string;
  let ownCaseId: string;
  let otherCaseId: string;
  let workerId: string;

  const db = () => api.database.dataSource;
  const auditCount = async () => ((await db().query(`SELECT count(*) AS n FROM audit_record`)) as [{ n: number }])[0].n;
  const codes = (response: { errors?: { extensions?: { code?: string } }[] }) => response.errors?.map((error) => error.extensions?.code);

  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    const [own, other] = (await db().query(
      `SELECT id FROM organisation WHERE area_code LIKE '32.77.03.%' OR area_code LIKE '32.77.01.%' ORDER BY area_code DESC, name LIMIT 2 OFFSET 0`,
    )) as { id: string }[];
    ownOrganisationId = own!.id;
    const [elsewhere] = (await db().query(`SELECT id FROM organisation WHERE area_code LIKE '32.77.01.%' ORDER BY name LIMIT 1`)) as { id: string }[];
    otherOrganisationId = elsewhere!.id === ownOrganisationId ? other!.id : elsewhere!.id;
    const open = async (organisationId: string, reference: string) =>
      (
        await api.query(`mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }`, {
          input: { organisationId, pmksCategoryCode: 'ANAK_TERLANTAR', reference, summary: 'Rahasia kasus' },
        })
      ).openCase.id as string;
    ownCaseId = await open(ownOrganisationId, 'SERANG/1');
    otherCaseId = await open(otherOrganisationId, 'SERANG/2');
    const { createWorker } = await api.query(`mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`, {
      input: { fullName: 'Target Serangan', gender: 'FEMALE', employmentStatus: 'VOLUNTEER', nationalIdNumber: '3277019876543210', phone: '081298765432', homeAreaCode: '32.77.01.1001' },
    });
    workerId = createWorker.id;
    await api.query(`mutation ($input: AssignWorkerInput!) { assignWorker(input: $input) { id } }`, {
      input: { workerId, organisationId: ownOrganisationId, startsOn: '2018-01-02', isPrimary: false },
    });
    partner = await api.partner([ownOrganisationId]);
    viewer = await api.signedInAs(AccessRole.VIEWER);
    coordinator = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
  }, 120_000);
  afterAll(() => api?.close());

  it("refuses a partner another organisation's case by id, and lists only its own", async () => {
    const stolen = await partner.graphql(`query ($id: ID!) { case(id: $id) { reference summary } }`, { id: otherCaseId });
    expect(codes(stolen)).toEqual(['FORBIDDEN']);
    expect(stolen.data).toBeNull();
    expect(JSON.stringify(stolen)).not.toContain('SERANG/2');
    // A made-up id gets the same answer: the partner cannot tell which ids exist.
    const made = await partner.graphql(`{ case(id: "00000000-0000-4000-8000-000000000000") { reference } }`);
    expect(codes(made)).toEqual(['FORBIDDEN']);

    const own = await partner.query(`query ($id: ID!) { case(id: $id) { reference } }`, { id: ownCaseId });
    expect(own.case.reference).toBe('SERANG/1');
    const listed = await partner.query(`{ cases(first: 100) { totalCount nodes { organisationId } } }`);
    expect(listed.cases.totalCount).toBeGreaterThan(0);
    expect(new Set(listed.cases.nodes.map((node: { organisationId: string }) => node.organisationId))).toEqual(new Set([ownOrganisationId]));
    const byFilter = await partner.query(`query ($o: ID!) { cases(filter: { organisationId: $o }) { totalCount } }`, { o: otherOrganisationId });
    expect(byFilter.cases.totalCount).toBe(0);
  });

  it('refuses a partner other organisations, and the paths out of its own', async () => {
    expect(codes(await partner.graphql(`query ($id: ID!) { organisation(id: $id) { name } }`, { id: otherOrganisationId }))).toEqual(['FORBIDDEN']);
    const listed = await partner.query(`{ organisations(first: 100) { totalCount nodes { id } } }`);
    expect(listed.organisations.nodes.map((node: { id: string }) => node.id)).toEqual([ownOrganisationId]);
    // Through a worker placed at its organisation to that worker's other placements: refused.
    const escape = await partner.graphql(
      `query ($id: ID!) { organisation(id: $id) { activeWorkers { fullName assignments { organisation { name cases { nodes { reference } } } } } } }`,
      { id: ownOrganisationId },
    );
    expect(codes(escape)).toContain('FORBIDDEN');
    expect(JSON.stringify(escape.data)).not.toContain('SERANG/2');
    // What a partner may see of those workers: the name and certification status.
    const allowed = await partner.query(
      `query ($id: ID!) { organisation(id: $id) { activeWorkers { fullName certificationStatus } cases { nodes { reference } } } }`,
      { id: ownOrganisationId },
    );
    expect(allowed.organisation.activeWorkers.map((worker: { fullName: string }) => worker.fullName)).toContain('Target Serangan');
    expect(codes(await partner.graphql(`{ organisationsLackingWorker { totalCount } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await partner.graphql(`{ workers { totalCount } }`))).toEqual(['FORBIDDEN']);
  });

  it("never gives a partner or a viewer a worker's national ID number or phone", async () => {
    const viaPartner = await partner.graphql(
      `query ($id: ID!) { organisation(id: $id) { activeWorkers { fullName phone maskedNationalIdNumber email } } }`,
      { id: ownOrganisationId },
    );
    expect(new Set(codes(viaPartner))).toEqual(new Set(['FORBIDDEN']));
    expect(viaPartner.errors!.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(viaPartner)).not.toMatch(/0812|3210/);

    const viaViewer = await viewer.graphql(`query ($id: ID!) { worker(id: $id) { fullName phone maskedNationalIdNumber homeAreaCode } }`, {
      id: workerId,
    });
    expect(viaViewer.data?.worker).toEqual({ fullName: 'Target Serangan', phone: null, maskedNationalIdNumber: null, homeAreaCode: null });
    expect(codes(viaViewer)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);

    const before = await auditCount();
    const reveal = await viewer.graphql(`mutation ($id: ID!) { revealNationalIdNumber(workerId: $id, reason: "penasaran") }`, { id: workerId });
    expect(codes(reveal)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(reveal)).not.toContain('3277019876543210');
    expect(await auditCount()).toBe(before);
  });

  it('shows the whole NIK only to an admin who asks, and records each read with the reason', async () => {
    const masked = await api.query(`query ($id: ID!) { worker(id: $id) { maskedNationalIdNumber } }`, { id: workerId });
    expect(masked.worker.maskedNationalIdNumber).not.toContain('32770198765');
    expect(masked.worker.maskedNationalIdNumber).toMatch(/3210$/);
    const { revealNationalIdNumber } = await api.query(
      `mutation ($id: ID!) { revealNationalIdNumber(workerId: $id, reason: "verifikasi BPJS") }`,
      { id: workerId },
    );
    expect(revealNationalIdNumber).toBe('3277019876543210');
    const { auditRecords } = await api.query(
      `query ($id: String!) { auditRecords(filter: { recordId: $id, action: "READ" }) { nodes { actorLabel operation after } } }`,
      { id: workerId },
    );
    expect(auditRecords.nodes).toHaveLength(1);
    expect(auditRecords.nodes[0]).toMatchObject({
      actorLabel: api.username,
      operation: 'revealNationalIdNumber',
      after: { field: 'national_id_number', reason: 'verifikasi BPJS' },
    });
    // The audit log itself never holds the whole number.
    const [{ leaks }] = await db().query(`SELECT count(*) AS leaks FROM audit_record WHERE before::text LIKE '%3277019876543210%' OR after::text LIKE '%3277019876543210%'`);
    expect(leaks).toBe(0);
  });

  it("refuses a coordinator's change outside their area and writes nothing", async () => {
    const before = await auditCount();
    const outside = await coordinator.graphql(`mutation ($id: ID!) { updateOrganisation(id: $id, input: { name: "Dibajak" }) { name } }`, {
      id: otherOrganisationId,
    });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    const moveOut = await coordinator.graphql(
      `mutation ($id: ID!) { updateOrganisation(id: $id, input: { areaCode: "32.77.01.1001" }) { name } }`,
      { id: ownOrganisationId },
    );
    expect(moveOut.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'areaCode' });
    const caseElsewhere = await coordinator.graphql(`mutation ($id: ID!) { closeCase(id: $id, closedOn: "2030-01-01") { id } }`, { id: otherCaseId });
    expect(caseElsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
    expect(await auditCount()).toBe(before);
    const [{ name }] = await db().query(`SELECT name FROM organisation WHERE id = $1`, [otherOrganisationId]);
    expect(name).not.toBe('Dibajak');
    // Within the area it works.
    const inside = await coordinator.query(`mutation ($id: ID!) { updateOrganisation(id: $id, input: { address: "Jl. Kolonel Masturi" }) { address } }`, {
      id: ownOrganisationId,
    });
    expect(inside.updateOrganisation.address).toBe('Jl. Kolonel Masturi');
  });

  it('refuses a depth bomb, an alias flood and a huge page from a partner before running anything', async () => {
    let deep = 'name';
    for (let level = 0; level < 12; level += 1) deep = `parent { ${deep} }`;
    const depthBomb = await partner.graphql(`{ area(code: "32.77.01.1001") { ${deep} } }`);
    expect(codes(depthBomb)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const aliases = Array.from({ length: 50 }, (_, index) => `a${index}: workforceSummary(areaCode: "32.77") { workers }`).join(' ');
    expect(codes(await partner.graphql(`{ ${aliases} }`))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const hugePage = await partner.graphql(`{ organisations(first: 100000) { totalCount } }`);
    // Refused by the cost limit before validation, or by the page size (at most 100) naming the argument.
    expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(hugePage.errors?.[0]?.extensions?.code);
    expect(hugePage.data ?? null).toBeNull();
    const bigPage = await partner.graphql(`{ organisations(first: 101) { totalCount } }`);
    expect(bigPage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses a forged key, a malformed one, and a revoked one', async () => {
    const forged = partner.key.slice(0, -4) + (partner.key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const key of [forged, 'pks_000000000000_' + 'x'.repeat(43), 'not-a-key']) {
      const response = await api.as({ bearer: key }).fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { role } }' }),
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
    const other = await api.partner([ownOrganisationId]);
    expect((await other.query(`{ me { role label } }`)).me.role).toBe('PARTNER');
    await api.query(`mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: other.apiKeyId });
    const revoked = await other.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    expect(revoked.status).toBe(401);
    // Only a hash is stored.
    const [{ stored }] = await db().query(`SELECT count(*) AS stored FROM api_key WHERE secret_hash LIKE $1 OR prefix = $2`, [
      `%${other.key.slice('pks_'.length + 12 + 1)}%`, // the secret part (base64url, which may itself hold '_')
      other.key,
    ]);
    expect(stored).toBe(0);
  });

  it('refuses a session after sign-out, after expiry, and after the account is disabled', async () => {
    const signedOut = await api.signedInAs(AccessRole.VIEWER);
    await signedOut.query(`mutation { signOut }`);
    expect(codes(await signedOut.graphql(`{ workers { totalCount } }`))).toEqual(['UNAUTHENTICATED']);

    const expired = await api.signedInAs(AccessRole.VIEWER);
    await db().query(`UPDATE session SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE account_id = $1`, [
      expired.accountId,
    ]);
    expect(codes(await expired.graphql(`{ workers { totalCount } }`))).toEqual(['UNAUTHENTICATED']);

    const disabled = await api.signedInAs(AccessRole.COORDINATOR, '32.77.03');
    await api.query(`mutation ($id: ID!) { updateAccount(id: $id, input: { disabled: true }) { disabledAt } }`, { id: disabled.accountId });
    expect(codes(await disabled.graphql(`{ workers { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    expect((await api.signIn(disabled.username, TEST_PASSWORD)).cookie).toBeNull();
  });

  it('sets an httpOnly SameSite=Strict cookie, and refuses a cookie request that changes data without the CSRF header', async () => {
    const account = await api.signedInAs(AccessRole.ADMIN);
    const response = await fetch(api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { expiresAt } }`, variables: { u: account.username, p: TEST_PASSWORD } }),
    });
    const setCookie = response.headers.getSetCookie().join('; ');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Expires=/i);

    const before = await auditCount();
    const forgedForm = await fetch(api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: sessionCookieOf(response)! },
      body: JSON.stringify({ query: `mutation { createProfessionalRole(input: { code: "CSRF", labelId: "x", labelEn: "x" }) { code } }` }),
    });
    expect(forgedForm.status).toBe(403);
    const upload = await fetch(`${api.url}/api/import/organisations?dryRun=false`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: sessionCookieOf(response)! },
      body: 'Kode organisasi,Nama organisasi,Jenis,Kode wilayah\nCSRF-1,LKS CSRF,LKS,32.77.01.1001\n',
    });
    expect(upload.status).toBe(403);
    expect(await auditCount()).toBe(before);
  });

  it('slows repeated failed sign-ins: after five, even the right password must wait', async () => {
    const target = await api.signedInAs(AccessRole.VIEWER);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(codes((await api.signIn(target.username, 'wrong password!')).body)).toEqual(['UNAUTHENTICATED']);
    }
    const throttled = await api.signIn(target.username, TEST_PASSWORD);
    expect(throttled.cookie).toBeNull();
    expect(throttled.body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(throttled.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // An unknown username answers like a wrong password.
    expect((await api.signIn('nobody-at-all', 'wrong password!')).body.errors?.[0]?.message).toBe('Wrong username or password');
  });

  it('records who changed what, before and after, in the same transaction; the log cannot be edited', async () => {
    const { updateOrganisation } = await api.query(
      `mutation ($id: ID!) { updateOrganisation(id: $id, input: { address: "Jl. Audit 1" }) { id } }`,
      { id: ownOrganisationId },
    );
    const { auditRecords } = await api.query(
      `query ($id: String!) { auditRecords(filter: { recordId: $id, operation: "updateOrganisation" }, first: 1) { nodes { actorKind actorLabel tableName action before after } } }`,
      { id: updateOrganisation.id },
    );
    expect(auditRecords.nodes[0]).toMatchObject({ actorKind: 'account', actorLabel: api.username, tableName: 'organisation', action: 'UPDATE' });
    expect(auditRecords.nodes[0].before.address).not.toBe('Jl. Audit 1');
    expect(auditRecords.nodes[0].after.address).toBe('Jl. Audit 1');

    // A refused mutation leaves no record.
    const before = await auditCount();
    await api.graphql(`mutation ($id: ID!) { updateOrganisation(id: $id, input: { name: "   " }) { id } }`, { id: ownOrganisationId });
    expect(await auditCount()).toBe(before);

    // The application's role may only read the log (its owner may not change it either: packages/db's tests).
    await expect(db().query(`UPDATE audit_record SET actor_label = 'someone else'`)).rejects.toThrow(/permission denied/);
    await expect(db().query(`DELETE FROM audit_record`)).rejects.toThrow(/permission denied/);
    await expect(db().query(`TRUNCATE audit_record`)).rejects.toThrow(/permission denied/);
  });

  it('has the audit triggers on every table', async () => {
    const missing = await db().query(
      `SELECT t.table_name, n.name FROM information_schema.tables t CROSS JOIN unnest($1::text[]) AS n(name)
       WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name NOT IN ('audit_record', 'schema_migration', 'rate_limit', 'workforce_version')
         AND NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                         WHERE c.relname = t.table_name AND g.tgname = n.name AND g.tgenabled <> 'D')`,
      [AUDIT_TRIGGER_NAMES],
    );
    expect(missing).toEqual([]);
  });

  it('has row-level security with its policies on every table of the registry', async () => {
    // The access module's accounts, sessions and keys belong to no area (docs/access.md); the audit log is read-only;
    // the rate limits' counts are the server's own bookkeeping, written by every request (no audit either); the workforce
    // version is bumped by the database itself, and the application may only read it.
    const exempt = ['audit_record', 'schema_migration', 'account', 'session', 'api_key', 'api_key_organisation', 'rate_limit', 'workforce_version'];
    const tables = (await db().query(
      `SELECT c.relname AS name, c.relrowsecurity AS secured,
              array(SELECT p.polcmd::text FROM pg_policy p WHERE p.polrelid = c.oid ORDER BY 1) AS commands
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT (c.relname = ANY($1)) ORDER BY 1`,
      [exempt],
    )) as { name: string; secured: boolean; commands: string[] }[];
    expect(tables.length).toBeGreaterThan(8);
    // r: SELECT, a: INSERT, w: UPDATE; no DELETE policy, so nothing is deleted.
    expect(tables.filter((table) => !table.secured || table.commands.join('') !== 'arw')).toEqual([]);
  });
});

describe(`access in production (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let partner: GraphQLClient;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi', production: true, access: { requestsPerMinutePerAddress: 40, requestsPerMinutePerKey: 5 } });
    const [{ id }] = await api.database.dataSource.query(`SELECT id FROM organisation LIMIT 1`);
    partner = await api.partner([id]);
  }, 120_000);
  afterAll(() => api?.close());

  it('answers introspection to staff only, and suggests no field names', async () => {
    const introspection = `{ __schema { queryType { name } } }`;
    expect((await api.query(introspection)).__schema.queryType.name).toBe('Query');
    expect((await partner.graphql(introspection)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.anonymous.graphql(`{ __type(name: "Worker") { name } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const typo = await api.anonymous.graphql(`{ workforceSumary(areaCode: "32.77") { workers } }`);
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('limits requests per key and per address', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 7; index += 1) {
      const response = await partner.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { role } }' }),
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The production test above used one of the key's five requests.
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    let limited = false;
    for (let index = 0; index < 45 && !limited; index += 1) {
      limited = (await fetch(`${api.url}/graphql?query=%7B__typename%7D`)).status === 429;
    }
    expect(limited).toBe(true);
  });
});
