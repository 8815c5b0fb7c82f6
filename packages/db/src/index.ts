export { openDatabase, migrate, undoLastMigration, type Database, type DatabaseLocation, type OpenDatabaseOptions } from './database.js';
export { APPLICATION_ROLE, asOwner } from './application-role.js';
export { SnakeNamingStrategy } from './naming-strategy.js';
export { withStatementCount, type StatementCount } from './statement-counter.js';
export { loadDataSetIfEmpty, isDataSetName, type DataSetLoader } from './data-sets/index.js';
export { withAuditContext, currentAuditContextOrNull, systemContext, type AuditContext } from './audit-context.js';
