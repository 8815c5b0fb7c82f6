import type { EntityManager } from 'typeorm';
import { currentAuditContextOrNull, systemContext, withAuditContext } from '../audit-context.js';

/** A part of a data set one module contributes; the parts run in module order, in one transaction. */
export type DataSetLoader = (manager: EntityManager) => Promise<void>;

/** The advisory lock held while a data set loads (migrations hold another, database.ts). */
const DATA_SET_LOCK = 7_391_024_002;

/** Data set names: `none`, or lower-case words such as `cimahi`. */
export function isDataSetName(value: string): boolean {
  return /^[a-z][a-z0-9-]{0,39}$/.test(value);
}

/**
 * Loads a data set into an empty database, in one transaction, as the system (an admin's rights; the audit log keeps
 * the caller's label and operation). A database that already holds areas, organisations or workers is left alone: a
 * data set is for a first start, not a reset. Returns whether anything was loaded.
 */
export async function loadDataSetIfEmpty(manager: EntityManager, loaders: DataSetLoader[]): Promise<boolean> {
  if (loaders.length === 0) return false;
  const caller = currentAuditContextOrNull();
  const asSystem = systemContext(caller?.operation ?? 'load data set', caller?.actorLabel ?? 'system');
  return withAuditContext(asSystem, () => manager.transaction(async (transaction) => {
    // Processes starting together on one PostgreSQL: the first loads, the others wait for its commit and find rows.
    await transaction.query(`SELECT pg_advisory_xact_lock($1)`, [DATA_SET_LOCK]);
    const [{ count }] = (await transaction.query(
      `SELECT (SELECT count(*) FROM organisation) + (SELECT count(*) FROM worker) + (SELECT count(*) FROM area) AS count`,
    )) as [{ count: number }];
    if (count > 0) return false;
    for (const load of loaders) await load(transaction);
    return true;
  }));
}
