import type { EntityManager } from 'typeorm';
import { loadCimahiDataSet } from './cimahi/index.js';

/** The data sets a new installation can start with. `none` leaves the database empty but for reference data. */
export const DATA_SETS = {
  cimahi: loadCimahiDataSet,
} satisfies Record<string, (manager: EntityManager) => Promise<void>>;

export type DataSetName = keyof typeof DATA_SETS | 'none';

export function isDataSetName(value: string): value is DataSetName {
  return value === 'none' || value in DATA_SETS;
}

/**
 * Loads a data set into an empty database, in one transaction. A database that already holds organisations or
 * workers is left alone: the data set is for a first start, not a reset. Returns whether anything was loaded.
 */
export async function loadDataSetIfEmpty(manager: EntityManager, name: DataSetName): Promise<boolean> {
  if (name === 'none') return false;
  return manager.transaction(async (transaction) => {
    const [{ count }] = (await transaction.query(
      `SELECT (SELECT count(*) FROM organisation) + (SELECT count(*) FROM worker) + (SELECT count(*) FROM area) AS count`,
    )) as [{ count: number }];
    if (count > 0) return false;
    await DATA_SETS[name](transaction);
    return true;
  });
}

export * from './cimahi/index.js';
