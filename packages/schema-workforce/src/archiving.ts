import type { EntityManager } from 'typeorm';
import { badInput, conflict } from '@peksos/schema-kit';
import { assignmentNotEndedSql } from './sql.js';

/** The longest reason a person may give (for archiving, ending an assignment, revealing a NIK). */
export const REASON_MAX = 500;

/** A reason a person must give, trimmed: BAD_USER_INPUT on `reason` when it is empty (`whenEmpty`) or too long. */
export function requiredReason(reason: string, whenEmpty: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw badInput('reason', whenEmpty);
  if (trimmed.length > REASON_MAX) throw badInput('reason', `The reason may be at most ${REASON_MAX} characters`);
  return trimmed;
}

/**
 * Refuses (CONFLICT) archiving a worker or an organisation that still has assignments not ended by `today`: the
 * one rule of archiving, for both.
 */
export async function assertNoCurrentAssignments(
  manager: EntityManager,
  of: { column: 'worker_id' | 'organisation_id'; id: string; what: 'worker' | 'organisation' },
  today: string,
): Promise<void> {
  const [{ count }] = (await manager.query(
    `SELECT count(*) AS count FROM assignment a WHERE a.${of.column} = $1 AND ${assignmentNotEndedSql('a', '$2')}`,
    [of.id, today],
  )) as [{ count: number }];
  if (count > 0) throw conflict(`The ${of.what} still has ${count} current or future assignment(s): end them before archiving`);
}
