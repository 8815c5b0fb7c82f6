import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabaseLocation } from '@peksos/db/testing';

const consoleRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(consoleRoot, '../..');
/** Built by the global setup (e2e/global-setup.ts), with the console it serves. */
export const API_MAIN = resolve(repoRoot, 'apps/api/dist/main.js');
export const CONSOLE_DIST = resolve(consoleRoot, 'dist');

export interface ApiServer {
  url: string;
  stop(): Promise<void>;
  /** What the server has written (stdout and stderr, the last 200,000 characters), to show when a test fails. */
  output(): string;
}

const KEPT_OUTPUT = 200_000;

/**
 * Starts the real API server (its built entry point) on a fresh embedded in-memory database, or a fresh PostgreSQL
 * database with DATABASE_URL, seeded with the Cimahi data set and the demo accounts, serving the built console.
 * Tests reach it over HTTP only and sign in as a person would (browser.ts: signIn).
 */
export async function startApiServer(): Promise<ApiServer> {
  const database = await createTestDatabaseLocation();
  const databaseEnv =
    database.location.kind === 'postgres'
      ? { DATABASE_URL: database.location.url, PEKSOS_DATA_DIR: '' }
      : { DATABASE_URL: '', PEKSOS_DATA_DIR: 'memory' };
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ...databaseEnv,
      PEKSOS_DATA_SET: 'cimahi',
      PEKSOS_CONSOLE_DIR: CONSOLE_DIST,
      // The demo accounts (admin, koordinator, pengamat) to sign in with; cheap password hashing for speed.
      PEKSOS_DEMO_ACCOUNTS: '1',
      PEKSOS_PASSWORD_COST: '10',
      // Every test signs in from 127.0.0.1: no per-address sign-in limit (its own test is in apps/api).
      PEKSOS_SIGN_IN_LIMIT_PER_MINUTE: '0',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await database.dispose();
  };

  // The server's log is kept for the whole file (not only until it is ready): a test that fails prints it
  // (server-per-file.ts), so an error the server answered with can be traced to what the server saw.
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > KEPT_OUTPUT * 2) output = output.slice(-KEPT_OUTPUT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const kept = () => output.slice(-KEPT_OUTPUT);

  try {
    const url = await new Promise<string>((resolveUrl, rejectUrl) => {
      const timer = setTimeout(() => rejectUrl(new Error(`The API did not start within 180 s:\n${kept()}`)), 180_000);
      const onData = () => {
        const match = /GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          child.stderr!.off('data', onData);
          resolveUrl(match[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        rejectUrl(new Error(`The API exited with code ${code} before it was ready:\n${kept()}`));
      });
    });
    for (let attempt = 0; attempt < 60; attempt++) {
      const ready = await fetch(`${url}/readyz`).then((response) => response.ok, () => false);
      if (ready) break;
      await new Promise((wait) => setTimeout(wait, 500));
    }
    return { url, stop, output: kept };
  } catch (error) {
    await stop();
    throw error;
  }
}

let current: ApiServer | undefined;

/** The server of this test file (started by e2e/server-per-file.ts before the file is read). */
export function serverUrl(): string {
  if (!current) throw new Error('No API server: e2e/server-per-file.ts starts one for each test file (vitest.e2e.config.ts)');
  return current.url;
}

export function setCurrentServer(server: ApiServer | undefined): void {
  current = server;
}
