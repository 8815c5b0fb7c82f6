import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** The console: a single-page app the API serves at `/`; in development Vite proxies /graphql, /api and /report to the API. */
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
  },
});
