export { openDatabase, migrate, undoLastMigration, type Database, type DatabaseLocation, type OpenDatabaseOptions } from './database.js';
export { APPLICATION_ROLE, asOwner } from './application-role.js';
export { SnakeNamingStrategy } from './naming-strategy.js';
export { withStatementCount, type StatementCount } from './statement-counter.js';
export { withReadRouting, type ReadRouting } from './read-routing.js';
export { loadDataSetIfEmpty, isDataSetName, type DataSetLoader } from './data-sets/index.js';
export { withAuditContext, currentAuditContextOrNull, systemContext, type AuditContext } from './audit-context.js';
export {
  acquireDataDirectory,
  assertNotOwned,
  currentOwner,
  describeOwner,
  DataDirectoryInUseError,
  OWNER_FILE,
  type DataDirectoryLease,
  type DataDirectoryOwner,
  type OwnerIdentity,
} from './data-directory-owner.js';
export { checkDatabaseFiles, pgliteRunner, type DataCheckResult, type SqlRunner } from './data-directory-check.js';
export { DamagedDataDirectoryError, removeAbandonedSocketFolders, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.js';
export {
  serveCommands,
  sendCommand,
  serverCommandSocket,
  COMMAND_SOCKET_NAME,
  type CommandHandler,
  type CommandRequest,
  type CommandServer,
  type CommandStreams,
} from './command-socket.js';
export { backupEmbeddedDatabase, inspectDataDirectory, restoreEmbeddedDatabase, tableCounts, type BackupSummary, type RestoreSummary } from './embedded-backup.js';
