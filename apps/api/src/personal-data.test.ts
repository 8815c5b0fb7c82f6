import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AccessRole } from '@peksos/access';
import { asOwner } from '@peksos/db';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type GraphQLClient, type TestServer } from './testing/test-server.js';

/**
 * Personal data where it should not be (issue 14, items 17 and 18), over real HTTP against the real server: in the
 * log after an unexpected database error, and in what a filter reveals about fields the caller may not read.
 */
describe(`personal data in logs and filters (${testDatabaseKind()})`, () => {
  let api: TestServer;
  let viewer: GraphQLClient;
  let coordinator: GraphQLClient;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
    viewer = await api.signedInAs(AccessRole.VIEWER);
    coordinator = await api.signedInAs(AccessRole.COORDINATOR, '32.77.01');
  });
  afterAll(() => api?.close());

  /** Everything the process printed or logged while `work` ran: the server's log and anything sent to the console. */
  async function capturedOutput(work: () => Promise<void>): Promise<string> {
    const printed: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 8 }))).join(' '));
      }),
    );
    const logged = api.logLines.length;
    try {
      await work();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    return [...api.logLines.slice(logged), ...printed].join('\n');
  }

  it('logs an unexpected database error of an import and of a mutation as JSON lines without the NIK', async () => {
    const nik = '3277017777770001';
    // A database rule the application does not know, quoting the value it refuses: an unexpected error.
    await asOwner(api.database.dataSource, async (runner) => {
      await runner.query(`CREATE FUNCTION test_refuse_worker() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'test: worker % refused', NEW.national_id_number; END $$`);
      await runner.query(`CREATE TRIGGER test_refuse_worker BEFORE INSERT ON worker FOR EACH ROW EXECUTE FUNCTION test_refuse_worker()`);
    });
    try {
      const output = await capturedOutput(async () => {
        const response = await api.fetch('/api/import/workers?dryRun=true', {
          method: 'POST',
          body: `NIK,Nama lengkap,Jenis kelamin,Status kepegawaian,Telepon\n${nik},Siti Rahasia,P,PNS,081299990001\n`,
        });
        expect(response.status).toBe(500);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INTERNAL_SERVER_ERROR');
        const mutation = await api.graphql(`mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`, {
          input: { fullName: 'Siti Rahasia', gender: 'FEMALE', employmentStatus: 'VOLUNTEER', nationalIdNumber: nik, homeAreaCode: '32.77.01.1001' },
        });
        expect(mutation.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      });
      expect(output).not.toContain(nik);
      expect(output).not.toContain('081299990001');
      // The failures are logged, as structured lines naming what failed.
      const lines = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, any>);
      const importLine = lines.find((line) => line.msg === 'transfer: request failed');
      expect(importLine).toMatchObject({ level: 50, path: '/api/import/workers', err: { code: 'P0001' } });
      expect(importLine!.err.message).toBe('test: worker ************0001 refused');
      expect(lines.find((line) => line.msg === 'graphql: unexpected error')).toMatchObject({ err: { code: 'P0001' } });
    } finally {
      await asOwner(api.database.dataSource, async (runner) => {
        await runner.query(`DROP TRIGGER test_refuse_worker ON worker`);
        await runner.query(`DROP FUNCTION test_refuse_worker()`);
      });
    }
  });

  it("does not let a viewer find an unplaced worker's home area through the area filter", async () => {
    const { createWorker } = await api.query(`mutation ($input: CreateWorkerInput!) { createWorker(input: $input) { id } }`, {
      input: { fullName: 'Tanpa Penempatan', gender: 'FEMALE', employmentStatus: 'VOLUNTEER', homeAreaCode: '32.77.01.1001' },
    });
    const id = createWorker.id as string;
    const found = async (client: GraphQLClient, filter: Record<string, unknown>) => {
      const { workers } = await client.query(`query ($filter: WorkerFilter) { workers(filter: $filter, first: 100) { nodes { id } } }`, { filter });
      return (workers.nodes as { id: string }[]).some((node) => node.id === id);
    };
    for (const areaCode of ['32.77.01.1001', '32.77.01', '32.77']) {
      expect(await found(viewer, { areaCode, placed: false })).toBe(false);
      expect(await found(viewer, { areaCode })).toBe(false);
      // Those who may read home areas find the worker where they live.
      expect(await found(api, { areaCode, placed: false })).toBe(true);
      expect(await found(coordinator, { areaCode, placed: false })).toBe(true);
    }
    // The viewer still sees the worker in the unfiltered list, and may not read the home area.
    expect(await found(viewer, { placed: false })).toBe(true);
    const direct = await viewer.graphql(`query ($id: ID!) { worker(id: $id) { homeAreaCode } }`, { id });
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
