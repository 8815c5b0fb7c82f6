import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Test settings every package shares.
 * - Workspace packages resolve to their TypeScript sources (the `source` export condition), so tests need no build.
 * - `graphql` is pinned to one module file: type-graphql loads the CommonJS build, and two copies of graphql in one
 *   process fail with "Cannot use GraphQLObjectType from another module or realm".
 * - Test files that start databases run one at a time per package, with room for a slow first start.
 */
export default defineConfig({
  resolve: {
    conditions: ['source', ...defaultClientConditions],
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  ssr: {
    resolve: {
      conditions: ['source', ...defaultServerConditions],
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
