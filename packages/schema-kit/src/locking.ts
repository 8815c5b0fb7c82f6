import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { conflict, notFound } from './errors.js';
import { assertUuid } from './ids.js';

export interface LockOptions {
  /** What the row is, for messages: "Worker", "Case". */
  what: string;
  /** The argument holding the id, for the error's field. */
  field?: string;
  /** The version the client edited; a different current version is a CONFLICT. */
  expectedVersion?: number | null;
}

/**
 * Reads a row by id and locks it (`SELECT … FOR UPDATE`) until the transaction ends, so that concurrent changes to
 * the same record run one after the other. Unknown ids are NOT_FOUND; a stale `expectedVersion` is a CONFLICT.
 */
export async function lockForUpdate<T extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  { what, field = 'id', expectedVersion }: LockOptions,
): Promise<T> {
  assertUuid(id, what, field);
  const row = await manager
    .getRepository(entity)
    .createQueryBuilder('row')
    .setLock('pessimistic_write')
    .where('row.id = :id', { id })
    .getOne();
  if (!row) throw notFound(what, id, field);
  if (expectedVersion !== undefined && expectedVersion !== null && expectedVersion !== (row as { version?: number }).version) {
    throw conflict(
      `The ${what.toLowerCase()} was changed by someone else (version ${(row as { version?: number }).version}, you edited ${expectedVersion}): reload it`,
      'expectedVersion',
    );
  }
  return row;
}
