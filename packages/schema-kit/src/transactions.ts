import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a service's change in the caller's transaction when it passes one (another module, an importer, an extension
 * using this module's services: all in one transaction, or nothing), or in a transaction of its own.
 */
export function inTransaction<T>(dataSource: DataSource, manager: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return manager ? work(manager) : dataSource.transaction(work);
}
