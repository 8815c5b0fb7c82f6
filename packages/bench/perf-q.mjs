import pg from 'pg';
import { hashPassword, SESSION_COOKIE, CSRF_HEADER } from '@peksos/access';
const base = process.env.BASE ?? 'http://127.0.0.1:4195';
const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/peksos_perf' });
await client.connect();
await client.query(`INSERT INTO account (username, display_name, role, password_hash) VALUES ('benchmark', 'Benchmark (pnpm bench)', 'viewer', $1)
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, disabled_at = NULL, failed_sign_ins = 0,
         sign_in_blocked_until = NULL, role = 'viewer', area_code = NULL`, [await hashPassword('benchpw12345', { costLog2: 10 })]);
await client.end();
const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation { signIn(username: "benchmark", password: "benchpw12345") { expiresAt } }` }) });
const cookie = r.headers.getSetCookie().find((v) => v.startsWith(`${SESSION_COOKIE}=`)).split(';')[0];
const t = Date.now();
const q = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, [CSRF_HEADER]: '1' }, body: JSON.stringify({ query: process.argv[2] }) });
console.log((await q.text()).slice(0, 0), Date.now() - t, 'ms');
