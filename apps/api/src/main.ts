import { ConfigError, loadConfig } from './config.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@peksos/access';
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
  if (config.demoAccounts) {
    console.log(
      [
        '',
        `DEMO ACCOUNTS ${server.createdDemoAccounts ? 'created' : 'enabled'} (embedded demo only; never use them for real data):`,
        ...DEMO_ACCOUNTS.map((account) => `  ${account.username.padEnd(12)} ${account.role}${account.areaCode ? ` of area ${account.areaCode}` : ''}`),
        `  password for all: ${DEMO_PASSWORD}`,
        '  Turn them off with PEKSOS_DEMO_ACCOUNTS=0; create real accounts with pnpm admin create-admin.',
        '',
      ].join('\n'),
    );
  }

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
