import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : config.database.dataDir
        ? `embedded PostgreSQL (PGlite) in ${config.database.dataDir}`
        : 'embedded PostgreSQL (PGlite) in memory: nothing is kept after exit';
  console.log(`Peksos Registry: starting on ${where}`);
  const server = await startServer(config);
  console.log(`GraphQL API:  ${server.graphqlUrl}`);
  console.log(config.consoleDir ? `Console:      ${server.url}/` : 'Console:      not built (run pnpm build)');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight and closing the database`);
    try {
      await server.close();
      process.exit(0);
    } catch (error) {
      console.error('Shutdown failed', error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
