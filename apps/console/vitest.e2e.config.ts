import { defineConfig } from 'vitest/config';

/**
 * Browser tests: build the console, start the real API on an in-memory embedded database (global setup),
 * drive Debian's Chromium with playwright-core. One file at a time: they share the server.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
