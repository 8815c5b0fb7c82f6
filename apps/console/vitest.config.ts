import react from '@vitejs/plugin-react';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** Component tests: jsdom, no server. The browser tests have their own config (vitest.e2e.config.ts). */
export default defineConfig({
  plugins: [react()],
  resolve: {
    conditions: ['source', ...defaultClientConditions],
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    // user-event typing in jsdom is slow when turbo runs every package's tests at once on two cores: the import
    // page's test once took 5.2 s against the default 5 s limit.
    testTimeout: 20_000,
    reporters: ['default'],
  },
});
