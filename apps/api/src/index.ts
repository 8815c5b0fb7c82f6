export { loadConfig, ConfigError, type ApiConfig } from './config.js';
export { startServer } from './api-server.js';
export { configuredModuleNames, loadSchemaModules } from './graphql/modules.js';
