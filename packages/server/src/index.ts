export { DEFAULT_MAX_QUERY_COST, type ServerConfig } from './config.js';
export { startServer, type HttpRouteContext, type RunningServer, type ServerParts } from './server.js';
export { serverModules } from './graphql/modules.js';
export { buildApiSchema } from './graphql/schema.js';
export { operationCost, queryLimits } from './graphql/query-limits.js';
