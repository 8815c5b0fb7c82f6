import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@peksos/access';
import { sessionCookieOf } from './testing/test-server.js';
import { startServerProcess, type ServerProcess } from './testing/processes.js';
import { createPrivatePostgres, findPostgresBin, type PrivatePostgres } from './testing/private-postgres.js';

const bin = findPostgresBin();
const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path)) ?? null;
if (!bin) console.warn('several-processes test skipped: no PostgreSQL server programs (initdb, pg_basebackup, pg_ctl) on this machine');
if (!nginx) console.warn('several-processes test skipped: no nginx on this machine (apt-get install nginx)');

/** Requests per minute per address, for both processes together. */
const LIMIT = 60;

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** An nginx of the test's own in front of the API processes (round robin), as docs/operating.md configures it. */
async function startNginx(upstreams: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'peksos-nginx-'));
  // nginx's workers run as another user when it is started as root: they must reach the temporary folders.
  await chmod(directory, 0o755);
  const port = await freePort();
  await writeFile(
    join(directory, 'nginx.conf'),
    `worker_processes 1;
pid ${directory}/nginx.pid;
error_log ${directory}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${directory}/body;
  proxy_temp_path ${directory}/proxy;
  fastcgi_temp_path ${directory}/fastcgi;
  uwsgi_temp_path ${directory}/uwsgi;
  scgi_temp_path ${directory}/scgi;
  upstream peksos_api {
${upstreams.map((upstream) => `    server ${upstream} max_fails=0;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://peksos_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error http_503 non_idempotent;
      proxy_next_upstream_tries 2;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(nginx!, ['-p', directory, '-e', join(directory, 'error.log'), '-c', join(directory, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(directory, { recursive: true, force: true });
    },
  };
}

interface Answer {
  status: number;
  upstream: string | null;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  cookie: string | null;
}

let addresses = 0;
/** A fresh client address, as a load balancer in front of nginx reports it (X-Forwarded-For). */
function nextAddress(): string {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, options: { cookie?: string; address?: string } = {}): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': options.address ?? nextAddress(),
      ...(options.cookie ? { cookie: options.cookie, 'x-peksos-csrf': '1' } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, upstream: response.headers.get('x-upstream'), body: (await response.json()) as Answer['body'], cookie: sessionCookieOf(response) };
}

const SIGN_IN = `mutation ($password: String!) { signIn(username: "admin", password: $password) { expiresAt } }`;
const CREATE_ROLE = `mutation ($code: String!) { createProfessionalRole(input: { code: $code, labelId: $code, labelEn: $code }) { code labelEn } }`;
const ROLE = `query ($code: ID!) { professionalRole(code: $code) { code } }`;

/**
 * The deployment of docs/operating.md ("Several processes"), for real on this machine: a PostgreSQL primary and a
 * streaming replica of it (initdb, pg_basebackup -R, pg_ctl), two API processes (the built server) started together
 * on them, and nginx in front. nginx's address is the one clients use; the API trusts two hops (a load balancer in
 * front of nginx reports the client in X-Forwarded-For, which is how the test gives each request its address).
 */
describe.skipIf(!bin || !nginx)('several API processes behind nginx, one PostgreSQL primary and a streaming replica', () => {
  let primary: PrivatePostgres;
  let replica: PrivatePostgres;
  let first: ServerProcess;
  let second: ServerProcess;
  let proxy: { url: string; stop(): Promise<void> };
  let primaryClient: pg.Client;
  let replicaClient: pg.Client;
  let admin: string;

  beforeAll(async () => {
    primary = await createPrivatePostgres(bin!);
    replica = await createPrivatePostgres(bin!, { replicaOf: primary });
    const env = {
      DATABASE_URL: primary.url,
      DATABASE_REPLICA_URL: replica.url,
      PEKSOS_DATA_SET: 'cimahi',
      PEKSOS_DEMO_ACCOUNTS: '1',
      PEKSOS_TRUST_PROXY: '2',
      PEKSOS_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      PEKSOS_DB_POOL_SIZE: '4',
    };
    // Started together on an empty database: one migrates and loads the data set, the other waits for it (locks).
    [first, second] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    proxy = await startNginx([first.url.replace('http://', ''), second.url.replace('http://', '')]);
    primaryClient = new pg.Client({ connectionString: primary.url });
    replicaClient = new pg.Client({ connectionString: replica.url });
    await Promise.all([primaryClient.connect(), replicaClient.connect()]);
    const signedIn = await post(proxy.url, SIGN_IN, { password: DEMO_PASSWORD });
    admin = signedIn.cookie!;
    expect(admin).toBeTruthy();
  }, 240_000);

  afterAll(async () => {
    await primaryClient?.end().catch(() => {});
    await replicaClient?.end().catch(() => {});
    await proxy?.stop();
    for (const server of [first, second]) {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    await replica?.destroy();
    await primary?.destroy();
  });

  it('started both processes on one database: the migrations and the data set were applied once', async () => {
    const [{ migrations, distinct }] = (await primaryClient.query(`SELECT count(*)::int AS migrations, count(DISTINCT name)::int AS distinct FROM schema_migration`)).rows;
    expect(migrations).toBe(distinct);
    const [{ workers }] = (await primaryClient.query(`SELECT count(*)::int AS workers FROM worker`)).rows;
    expect(workers).toBe(36);
    expect((await replicaClient.query(`SELECT pg_is_in_recovery() AS standby`)).rows[0].standby).toBe(true);
  });

  it('holds one rate limit across both processes', async () => {
    const address = '10.250.0.1';
    const answers: { status: number; upstream: string | null }[] = [];
    for (let index = 0; index < LIMIT + 20; index += 1) {
      const answer = await post(proxy.url, `{ __typename }`, {}, { address });
      answers.push({ status: answer.status, upstream: answer.upstream });
    }
    const served = new Set(answers.filter((answer) => answer.status === 200).map((answer) => answer.upstream));
    const refused = answers.filter((answer) => answer.status === 429).length;
    console.info(`[several processes] ${LIMIT + 20} requests from one address through nginx, served by ${served.size} processes: ${refused} refused (limit ${LIMIT} a minute)`);
    expect(served.size).toBe(2);
    // Each process alone would have let 40 of its 40 through: the limit is counted once, in PostgreSQL.
    expect(refused).toBe(20);
  });

  it('accepts a session opened on one process on the other', async () => {
    const signedIn = await post(first.url, SIGN_IN, { password: DEMO_PASSWORD });
    expect(signedIn.cookie).toBeTruthy();
    const me = await post(second.url, `{ me { kind account { username } } }`, {}, { cookie: signedIn.cookie! });
    expect(me.body.data?.me).toEqual({ kind: 'account', account: { username: 'admin' } });
  });

  it('reads from the replica and writes to the primary; a write reads its own result from the primary', async () => {
    // Hold the replica at its current state: what is written now reaches the primary only.
    await replicaClient.query(`SELECT pg_wal_replay_pause()`);
    try {
      const created = await post(proxy.url, CREATE_ROLE, { code: 'REPLICA_PROBE' }, { cookie: admin });
      // The mutation wrote (a replica refuses writes) and read what it wrote, on the primary.
      expect(created.body.data).toEqual({ createProfessionalRole: { code: 'REPLICA_PROBE', labelEn: 'REPLICA_PROBE' } });
      expect((await primaryClient.query(`SELECT code FROM professional_role WHERE code = 'REPLICA_PROBE'`)).rowCount).toBe(1);
      // Queries, through either process, read the paused replica: the new role is not there yet.
      const reads = [await post(proxy.url, ROLE, { code: 'REPLICA_PROBE' }, { cookie: admin }), await post(proxy.url, ROLE, { code: 'REPLICA_PROBE' }, { cookie: admin })];
      expect(new Set(reads.map((read) => read.upstream)).size).toBe(2);
      for (const read of reads) expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await replicaClient.query(`SELECT pg_wal_replay_resume()`);
    }
    let found = false;
    for (let attempt = 0; attempt < 50 && !found; attempt += 1) {
      found = (await post(proxy.url, ROLE, { code: 'REPLICA_PROBE' }, { cookie: admin })).body.data?.professionalRole?.code === 'REPLICA_PROBE';
      if (!found) await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    expect(found).toBe(true);
  });

  it('loses no acknowledged write when one process stops under load', async () => {
    const lanes = 4;
    let running = true;
    const outcomes: { code: string; acknowledged: boolean; upstream: string | null; status: number; error?: string }[] = [];
    const load = Array.from({ length: lanes }, async (_, lane) => {
      for (let round = 0; running; round += 1) {
        const code = `STOP_${lane}_${round}`;
        try {
          const answer = await post(proxy.url, CREATE_ROLE, { code }, { cookie: admin });
          outcomes.push({
            code,
            acknowledged: answer.status === 200 && answer.body.data?.createProfessionalRole?.code === code,
            upstream: answer.upstream,
            status: answer.status,
            error: answer.body.errors?.[0]?.extensions?.code,
          });
        } catch (error) {
          outcomes.push({ code, acknowledged: false, upstream: null, status: 0, error: String(error) });
        }
      }
    });
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_500));
    const stoppedAt = outcomes.length;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const exitedAt = outcomes.length;
    await new Promise((resolveWait) => setTimeout(resolveWait, 1_500));
    running = false;
    await Promise.all(load);

    const acknowledged = outcomes.filter((outcome) => outcome.acknowledged).map((outcome) => outcome.code);
    const failed = outcomes.filter((outcome) => !outcome.acknowledged);
    const stored = new Set(
      (await primaryClient.query(`SELECT code FROM professional_role WHERE code LIKE 'STOP\\_%'`)).rows.map((row: { code: string }) => row.code),
    );
    const lost = acknowledged.filter((code) => !stored.has(code));
    const firstPort = first.url.split(':').pop();
    const byFirstAfterExit = outcomes.slice(exitedAt + lanes).filter((outcome) => outcome.upstream?.endsWith(`:${firstPort}`)).length;
    console.info(
      `[several processes] stop under load: ${outcomes.length} writes (${stoppedAt} before SIGTERM, ${exitedAt} before the process had exited), ${acknowledged.length} acknowledged, ` +
        `${lost.length} of them lost, ${failed.length} failed ${JSON.stringify(failed.map((outcome) => `${outcome.status} ${outcome.error}`))}`,
    );
    expect(lost).toEqual([]);
    // At most the requests in flight when the process stopped may fail (none should: nginx retries a refused one).
    expect(failed.length).toBeLessThanOrEqual(lanes);
    expect(acknowledged.length).toBeGreaterThan(stoppedAt);
    // Once the stopped process had exited, the other answered everything (whatever nginx tried first).
    expect(byFirstAfterExit).toBe(0);
    expect(outcomes.slice(exitedAt + lanes).length).toBeGreaterThan(0);
  }, 60_000);
});
