export { loadConfig, ConfigError, type ApiConfig } from './config.js';
export { startServer, type RunningServer } from './server.js';
export { configuredModuleNames, loadSchemaModules } from './graphql/modules.js';
export { buildApiSchema } from './graphql/schema.js';
