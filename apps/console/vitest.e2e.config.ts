import { defineConfig } from 'vitest/config';

/**
 * Browser tests: build the console (global setup), start the real API on a fresh database for each file
 * (e2e/server-per-file.ts), drive Debian's Chromium with playwright-core. One file at a time: two cores.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    setupFiles: ['e2e/server-per-file.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
