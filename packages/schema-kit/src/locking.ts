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

/**
 * Reads the rows a query selects and locks those the transaction's actor may change until the transaction ends
 * (`FOR UPDATE`, or `FOR SHARE` for rows only linked to). A lock passes over the rows a table's UPDATE policy hides
 * from the actor (PostgreSQL's rule for row-level security), so those are read again without a lock and come back
 * with `mayChange: false`: they exist, and the caller must leave them alone (and may say why). `select` selects from
 * one table with an `id` column and no ORDER BY; `parameters` are its own.
 */
export async function readLocking<T extends { id: string }>(
  manager: Pick<EntityManager, 'query'>,
  select: string,
  parameters: unknown[],
  mode: 'UPDATE' | 'SHARE' = 'UPDATE',
): Promise<(T & { mayChange: boolean })[]> {
  const locked = (await manager.query(`${select} ORDER BY id FOR ${mode}`, parameters)) as T[];
  const others = (await manager.query(`SELECT * FROM (${select}) row WHERE NOT (row.id = ANY($${parameters.length + 1}::uuid[]))`, [
    ...parameters,
    locked.map((row) => row.id),
  ])) as T[];
  return [...locked.map((row) => ({ ...row, mayChange: true })), ...others.map((row) => ({ ...row, mayChange: false }))];
}
