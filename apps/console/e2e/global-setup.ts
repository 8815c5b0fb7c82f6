import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { createTestDatabaseLocation } from '@peksos/db/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the real server (API at /graphql, the built console at /). */
    baseUrl: string;
  }
}

const consoleRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(consoleRoot, '../..');
const apiMain = resolve(repoRoot, 'apps/api/dist/main.js');

let server: ChildProcess | undefined;

/**
 * Builds the console, then starts the real API server (its built entry point) on an in-memory embedded database
 * seeded with the Cimahi data set and the demo accounts, serving the built console. Tests reach it over HTTP only
 * and sign in as a person would (browser.ts: signIn).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build({ root: consoleRoot, configFile: resolve(consoleRoot, 'vite.config.ts'), logLevel: 'warn' });

  if (!existsSync(apiMain)) {
    // The API is normally built first (turbo: the console's test depends on @peksos/api#build).
    const result = spawnSync('pnpm', ['--filter', '@peksos/api...', 'run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0 || !existsSync(apiMain)) throw new Error(`Could not build the API: ${apiMain} is missing`);
  }

  // The same database as the rest of the suite: in-memory PGlite, or a fresh PostgreSQL database with DATABASE_URL.
  const database = await createTestDatabaseLocation();
  const databaseEnv =
    database.location.kind === 'postgres'
      ? { DATABASE_URL: database.location.url, PEKSOS_DATA_DIR: '' }
      : { DATABASE_URL: '', PEKSOS_DATA_DIR: 'memory' };
  const child = spawn(process.execPath, [apiMain], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ...databaseEnv,
      PEKSOS_DATA_SET: 'cimahi',
      PEKSOS_CONSOLE_DIR: resolve(consoleRoot, 'dist'),
      // The demo accounts (admin, koordinator, pengamat) to sign in with; cheap password hashing for speed.
      PEKSOS_DEMO_ACCOUNTS: '1',
      PEKSOS_PASSWORD_COST: '10',
      // Every test signs in from 127.0.0.1: no per-address sign-in limit (its own test is in apps/api).
      PEKSOS_SIGN_IN_LIMIT_PER_MINUTE: '0',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;

  const baseUrl = await new Promise<string>((resolveUrl, rejectUrl) => {
    let output = '';
    const timer = setTimeout(() => rejectUrl(new Error(`The API did not start within 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphQL API:\s+(http:\/\/\S+)\/graphql/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectUrl(new Error(`The API exited with code ${code} before it was ready:\n${output}`));
    });
  });

  for (let attempt = 0; attempt < 60; attempt++) {
    const ready = await fetch(`${baseUrl}/readyz`).then((response) => response.ok, () => false);
    if (ready) break;
    await new Promise((wait) => setTimeout(wait, 500));
  }
  project.provide('baseUrl', baseUrl);

  return async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server!.once('exit', done));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await database.dispose();
  };
}
