import type { Logger } from '@peksos/schema-kit';
import { startServer as startComposedServer, type RunningServer } from '@peksos/server';

export type { RunningServer };
import { createTransferRouter } from '@peksos/transfer';
import type { ApiConfig } from './config.js';
import { loadSchemaModules } from './graphql/modules.js';
import { operatorCommands } from './operator/commands.js';

/**
 * The registry's server: @peksos/server with the schema module packages of the configuration (apps/api/modules.json,
 * or PEKSOS_MODULES), the spreadsheet routes of @peksos/transfer, and the operator's commands.
 */
export async function startServer(config: ApiConfig, options: { logger?: Logger } = {}): Promise<RunningServer> {
  return startComposedServer(config, {
    modules: await loadSchemaModules(config.modules),
    routes: [createTransferRouter],
    commands: (database) => operatorCommands(database, config),
    logger: options.logger,
  });
}
