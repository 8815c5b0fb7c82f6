import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withAuditContext } from '@peksos/db';
import { createLogger } from '@peksos/schema-kit';
import { startServer, type RunningServer } from './api-server.js';
import { createTestApiKey, createTestSession, testConfig } from './testing/test-server.js';
import { createPrivatePostgres, findPostgresBin, type PrivatePostgres } from './testing/private-postgres.js';

const bin = findPostgresBin();
if (!bin) console.warn('database outage test skipped: no PostgreSQL server programs (initdb, pg_ctl) on this machine');

/**
 * PostgreSQL stops under load: requests fail fast with SERVICE_UNAVAILABLE, the process stays up, readiness reports
 * the database down, and when PostgreSQL is back the API answers again by itself.
 */
describe.skipIf(!bin)('database outage (a PostgreSQL instance of its own)', () => {
  let postgres: PrivatePostgres;
  let server: RunningServer;
  let key: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    postgres = await createPrivatePostgres(bin!);
    server = await startServer(
      testConfig({ kind: 'postgres', url: postgres.url }, { production: true, exposeStatementCount: false, databasePoolSize: 4 }),
      { logger: createLogger({ destination: { write: (line: string) => void logLines.push(line) } }) },
    );
    // A partner's key: authenticating it needs the database too, so an outage must not hang that step either.
    const [organisation] = await server.database.dataSource.query(`SELECT id FROM organisation LIMIT 1`);
    key = (await createTestApiKey(server.database.dataSource, [organisation.id])).secret;
  }, 120_000);

  afterAll(async () => {
    await server?.close().catch(() => {});
    await postgres?.destroy();
  });

  const summary = async () => {
    const started = Date.now();
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ workforceSummary(areaCode: "32.77") { workers } }' }),
    });
    const body = (await response.json()) as { data?: { workforceSummary: { workers: number } }; errors?: { extensions?: { code?: string } }[] };
    return { body, ms: Date.now() - started };
  };

  it('fails fast while the database is down and recovers without a restart', async () => {
    expect((await summary()).body.data?.workforceSummary.workers).toBe(36);

    // Load while the database goes down.
    let running = true;
    const outcomes: { code: string; ms: number }[] = [];
    const load = (async () => {
      while (running) {
        const { body, ms } = await summary();
        outcomes.push({ code: body.errors?.[0]?.extensions?.code ?? 'OK', ms });
      }
    })();
    await new Promise((resolveWait) => setTimeout(resolveWait, 300));
    await postgres.stop();
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_500));

    const down = await summary();
    expect(down.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.ms).toBeLessThan(6_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);

    await postgres.start();
    let recovered = false;
    for (let attempt = 0; attempt < 40 && !recovered; attempt += 1) {
      recovered = (await summary()).body.data?.workforceSummary.workers === 36;
      if (!recovered) await new Promise((resolveWait) => setTimeout(resolveWait, 250));
    }
    running = false;
    await load;
    expect(recovered).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    // Every answer under load was a result or a clear SERVICE_UNAVAILABLE, never a hang or an internal error.
    expect(outcomes.length).toBeGreaterThan(5);
    for (const outcome of outcomes) {
      expect(['OK', 'SERVICE_UNAVAILABLE']).toContain(outcome.code);
      expect(outcome.ms).toBeLessThan(10_000);
    }
    expect(outcomes.some((outcome) => outcome.code === 'SERVICE_UNAVAILABLE')).toBe(true);
  }, 120_000);

  it('answers SERVICE_UNAVAILABLE, never INTERNAL_SERVER_ERROR, when its connections are terminated', async () => {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    const workers = (await server.database.dataSource.query(`SELECT id FROM worker ORDER BY id LIMIT 8`)) as { id: string }[];
    const cookie = (await createTestSession(server)).cookie;
    const call = async (query: string, variables?: Record<string, unknown>) => {
      const response = await fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-peksos-csrf': '1' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
      return body.errors?.[0]?.extensions?.code ?? 'OK';
    };

    // Reads and writes in lanes while the API's sessions are terminated, ten times over.
    let running = true;
    const codes: string[] = [];
    const lanes = workers.map(async ({ id }, lane) => {
      for (let round = 0; running; round += 1) {
        codes.push(
          lane % 2
            ? await call(`{ workforceSummary(areaCode: "32.77") { workers } }`)
            : await call(`mutation ($id: ID!, $phone: String) { updateWorker(id: $id, input: { phone: $phone }) { phone } }`, {
                id,
                phone: `0812${String(lane).padStart(2, '0')}${String(round).padStart(6, '0')}`,
              }),
        );
      }
    });
    for (let kill = 0; kill < 10; kill += 1) {
      await new Promise((resolveWait) => setTimeout(resolveWait, 150));
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'peksos-%' AND pid <> pg_backend_pid()`,
      );
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 300));
    running = false;
    await Promise.all(lanes);
    await admin.end();

    const tally = codes.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});
    expect(Object.keys(tally).sort()).toEqual(['OK', 'SERVICE_UNAVAILABLE']);
    // The operator is told why: each such answer is logged with the database's error (57P01, terminated).
    const unavailable = logLines
      .map((line) => JSON.parse(line) as { msg: string; err?: { code?: string } })
      .filter((line) => line.msg === 'graphql: database unavailable');
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.some((line) => line.err?.code === '57P01')).toBe(true);
    // Whichever step met the terminated connection (the session's lookup or the operation), each answer has its line.
    const logged = logLines.filter((line) => /"msg":"(graphql|authentication): database unavailable"/.test(line)).length;
    expect(logged).toBeGreaterThanOrEqual(tally.SERVICE_UNAVAILABLE!);
    // And the API serves again by itself.
    expect(await call(`{ workforceSummary(areaCode: "32.77") { workers } }`)).toBe('OK');
  }, 120_000);

  it('leaves no half-written change when the database goes away mid-transaction', async () => {
    const before = await server.database.dataSource.query(`SELECT count(*) AS n FROM organisation`);
    const writing = withAuditContext(systemContext('outage test'), () =>
      server.database.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO organisation (name, kind, area_code) VALUES ('Setengah', 'OTHER', '32.77')`);
        await postgres.stop();
        await manager.query(`INSERT INTO organisation (name, kind, area_code) VALUES ('Tertulis', 'OTHER', '32.77')`);
      }),
    )
      .then(
        () => 'committed',
        () => 'failed',
      );
    expect(await writing).toBe('failed');
    await postgres.start();
    let after: { n: number }[] | null = null;
    for (let attempt = 0; attempt < 40 && !after; attempt += 1) {
      after = await server.database.dataSource.query(`SELECT count(*) AS n FROM organisation`).catch(() => null);
      if (!after) await new Promise((resolveWait) => setTimeout(resolveWait, 250));
    }
    expect(after).toEqual(before);
  }, 120_000);
});
