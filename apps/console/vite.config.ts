import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The console: a single-page app the API serves at `/`; in development Vite proxies /graphql, /api and /report to the
 * API. A second page, explorer.html, is the GraphQL explorer (GraphiQL) the API serves at /graphql to browsers.
 */
export default defineConfig({
  plugins: [react()],
  resolve: {
    // Workspace packages (@peksos/types) resolve to their TypeScript sources: no build needed.
    conditions: ['source', ...defaultClientConditions],
  },
  server: {
    port: 5173,
    // The API and the file endpoints beside it (imports, exports, templates, the printable report).
    proxy: Object.fromEntries(['/graphql', '/api', '/report'].map((path) => [path, process.env.PEKSOS_API_URL ?? 'http://localhost:4000'])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        explorer: resolve(import.meta.dirname, 'explorer.html'),
      },
      // GraphiQL's modules start with React Compiler's "use no memo"; bundling drops it, harmlessly, with a warning each.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
