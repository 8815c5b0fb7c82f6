import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '@peksos/access';
import { sessionCookieOf } from './test-server.js';

/**
 * The built programs run as separate processes, the way an operator runs them (`pnpm start`, `pnpm admin`, …), for
 * tests of what happens between processes: ownership of the data directory, signals, restarts.
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const API_MAIN = resolve(REPO_ROOT, 'apps/api/dist/main.js');
export const ADMIN_SCRIPT = resolve(REPO_ROOT, 'apps/api/dist/scripts/admin.js');
export const BACKUP_SCRIPT = resolve(REPO_ROOT, 'apps/api/dist/scripts/backup.js');
export const RESTORE_SCRIPT = resolve(REPO_ROOT, 'apps/api/dist/scripts/restore.js');
export const TRANSFER_CLI = resolve(REPO_ROOT, 'packages/transfer/dist/cli.js');

/** Settings for a server process of a test: a free port, the Cimahi data set, demo accounts, cheap hashing. */
export function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    PEKSOS_DATA_SET: 'cimahi',
    PEKSOS_DEMO_ACCOUNTS: '1',
    PEKSOS_PASSWORD_COST: '10',
    NODE_ENV: 'test',
    ...env,
  };
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code once the process has exited (at once if it has). */
  exited: Promise<number | null>;
}

/** Spawns a command and collects its output; `exited` resolves with its exit code. */
export function spawnCollecting(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, output: () => output, exited };
}

/** Waits for a started server's address ("GraphQL API: …"); rejects with its output when it exits first. */
export async function waitForServer(started: ReturnType<typeof spawnCollecting>, timeoutMs = 120_000): Promise<ServerProcess> {
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${started.output()}`)), timeoutMs);
    const poll = setInterval(() => {
      const match = /GraphQL API:\s+(\S+)\/graphql/.exec(started.output());
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    }, 50);
    void started.exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${started.output()}`));
    });
  });
  return { ...started, url };
}

/** Starts the built server (`node apps/api/dist/main.js`) and waits until it serves. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return waitForServer(spawnCollecting(process.execPath, [API_MAIN], serverEnv(env)));
}

/** Runs a built command to its end; returns its exit code and what it printed. */
export async function runCommand(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], { cwd: REPO_ROOT, env: serverEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolveExit) => child.once('exit', (exitCode) => resolveExit(exitCode)));
  return { code, stdout, stderr };
}

/** Signs in as the demo admin over HTTP; returns the session cookie. */
export async function signInAsDemoAdmin(url: string): Promise<string> {
  return signInAsDemoUser(url, 'admin');
}

/** Signs in as one of the demo accounts (admin, koordinator of Cimahi Utara, pengamat) over HTTP; returns the cookie. */
export async function signInAsDemoUser(url: string, username: 'admin' | 'koordinator' | 'pengamat'): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { signIn(username: "${username}", password: "${DEMO_PASSWORD}") { expiresAt } }` }),
  });
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error(`demo sign-in failed: ${await response.text()}`);
  return cookie;
}

export async function graphql(url: string, query: string, variables?: Record<string, unknown>, cookie?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(cookie ? { cookie, 'x-peksos-csrf': '1' } : {}) };
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: any; errors?: any[] };
}
