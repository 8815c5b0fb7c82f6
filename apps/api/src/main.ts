import { ConfigError, loadConfig } from './config.js';
import { DEMO_PASSWORD, existingDemoAccounts } from '@peksos/access';
import { assertNotOwned, DamagedDataDirectoryError, DataDirectoryInUseError } from '@peksos/db';
import { startServer } from './api-server.js';

/**
 * The server's process. SIGTERM or SIGINT stops it: requests in flight get the grace period, the database closes
 * (the embedded one flushes its files and gives its directory back), and only then does the process exit, with 0,
 * or 1 when stopping failed. `pnpm start` runs this process with `exec`, so a supervisor's signal reaches it and the
 * supervisor sees its exit code (docs/operating.md).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : config.database.dataDir
        ? `embedded PostgreSQL (PGlite) in ${config.database.dataDir}`
        : 'embedded PostgreSQL (PGlite) in memory: nothing is kept after exit';
  console.log(`Peksos Registry: starting on ${where} (pid ${process.pid})`);
  if (config.database.kind === 'embedded' && config.database.dataDir) {
    // Refuse a second server before opening anything (openDatabase takes the directory, and would refuse it too).
    await assertNotOwned(config.database.dataDir);
  }

  // A signal during the start (migrations, data set) stops the process once the start has finished or failed.
  let stopRequested: string | null = null;
  let stop = (signal: string) => {
    stopRequested ??= signal;
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  const server = await startServer(config);
  const check = server.database.embedded?.startCheck;
  if (check) {
    console.log(
      `The previous stop was not clean: checked the database files (${check.indexesChecked} indexes, ${check.tablesChecked} tables, ` +
        `${check.durationMs} ms): intact.`,
    );
  }
  console.log(`GraphQL API:  ${server.graphqlUrl}`);
  console.log(config.consoleDir ? `Console:      ${server.url}/` : 'Console:      not built (run pnpm build)');
  if (config.demoAccounts) {
    // Only the accounts that exist: the banner must not offer a sign-in that fails.
    const accounts = await existingDemoAccounts(server.database.dataSource);
    console.log(
      [
        '',
        accounts.length > 0
          ? `DEMO ACCOUNTS ${server.createdDemoAccounts ? 'created' : 'enabled'} (embedded demo only; never use them for real data):`
          : 'No demo accounts: this installation had accounts already. Create more in the console, or with pnpm admin.',
        ...accounts.map((account) => `  ${account.username.padEnd(12)} ${account.role}${account.areaCode ? ` of area ${account.areaCode}` : ''}`),
        ...(accounts.length > 0 ? [`  password for all: ${DEMO_PASSWORD} (unless changed since)`] : []),
        '  Turn them off with PEKSOS_DEMO_ACCOUNTS=0; create real accounts with pnpm admin create-admin.',
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
  stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(
      `${signal}: finishing requests in flight (up to ${config.shutdownGraceSeconds} s) and closing the database`,
    );
    server.close().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  };
  if (stopRequested) stop(stopRequested);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirectoryInUseError || error instanceof DamagedDataDirectoryError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
