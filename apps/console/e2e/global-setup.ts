import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { API_MAIN } from './server.js';

const consoleRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(consoleRoot, '../..');

/**
 * Builds the console once for all browser test files, and the API if it is missing. Each file then starts its own
 * server on a fresh database (e2e/server-per-file.ts).
 */
export default async function setup(): Promise<void> {
  await build({ root: consoleRoot, configFile: resolve(consoleRoot, 'vite.config.ts'), logLevel: 'warn' });

  if (!existsSync(API_MAIN)) {
    // The API is normally built first (turbo: the console's test depends on @peksos/api#build).
    const result = spawnSync('pnpm', ['--filter', '@peksos/api...', 'run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0 || !existsSync(API_MAIN)) throw new Error(`Could not build the API: ${API_MAIN} is missing`);
  }
}
