export { openDatabase, migrate, type Database, type DatabaseLocation, type OpenDatabaseOptions } from './database.js';
export { SnakeNamingStrategy } from './naming-strategy.js';
export { withStatementCount, type StatementCount } from './statement-counter.js';
export { coreMigrations } from './migrations/index.js';
export * from './seeds/index.js';
