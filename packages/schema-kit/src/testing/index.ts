import { loadDataSetIfEmpty, migrate, openDatabase, type Database } from '@peksos/db';
import { createTestDatabaseLocation } from '@peksos/db/testing';
import type { SchemaModule } from '../module.js';
import { runAsActor, SYSTEM_ACTOR } from '../access.js';

export { testDatabaseKind } from '@peksos/db/testing';

export interface ModuleTestDatabase extends Database {
  /** Closes the database and drops it (PostgreSQL) or lets it go (in-memory PGlite). */
  dispose(): Promise<void>;
}

/**
 * A fresh database for a module's service tests: the modules' tables (their migrations, in order) and, when named,
 * their parts of a data set. In-memory PGlite, or a new PostgreSQL database when DATABASE_URL is set.
 */
export async function openModuleTestDatabase(modules: SchemaModule[], dataSet?: string): Promise<ModuleTestDatabase> {
  const location = await createTestDatabaseLocation();
  const database = await openDatabase({
    location: location.location,
    entities: modules.flatMap((module) => module.entities),
    migrations: modules.flatMap((module) => module.migrations),
  });
  try {
    await migrate(database.dataSource);
    if (dataSet) {
      await loadDataSetIfEmpty(database.dataSource.manager, modules.flatMap((module) => module.dataSets?.[dataSet] ?? []));
    }
  } catch (error) {
    await database.close();
    await location.dispose();
    throw error;
  }
  return {
    ...database,
    async dispose() {
      await database.close();
      await location.dispose();
    },
  };
}

/**
 * A test body run as the system (an admin's rights, recorded as `test`): services are called with SYSTEM_ACTOR and the
 * database holds their transactions to the same actor.
 */
export function asSystem<T>(work: () => Promise<T>): () => Promise<T> {
  return () => runAsActor(SYSTEM_ACTOR, work, 'test');
}
