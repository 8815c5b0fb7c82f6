import type { DataSource, EntityManager } from 'typeorm';
import { workloadLimitExceeded, type Queryable } from '@peksos/schema-kit';
import { WorkloadService } from '@peksos/schema-workforce';

/** A case `c` is open on `$2`: opened by then and not closed by then. */
const CASE_OPEN_ON = `c.opened_on <= $2::date AND (c.closed_on IS NULL OR c.closed_on > $2::date) AND c.status <> 'CLOSED'`;

/** The open cases a worker is involved in: the cases module's part of a worker's workload. */
export class CaseWorkloadService {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** Each worker's open cases on `asOf` in which they are involved then (absent workers have none). */
  async openCases(workerIds: readonly string[], asOf: string, db: Queryable = this.db): Promise<Map<string, number>> {
    const rows = (await db.query(
      `SELECT i.worker_id, count(DISTINCT i.case_id)::int AS count FROM case_involvement i JOIN social_case c ON c.id = i.case_id
       WHERE i.worker_id = ANY($1::uuid[]) AND i.starts_on <= $2::date AND (i.ends_on IS NULL OR i.ends_on > $2::date) AND ${CASE_OPEN_ON}
       GROUP BY i.worker_id`,
      [workerIds, asOf],
    )) as { worker_id: string; count: number }[];
    return new Map(rows.map((row) => [row.worker_id, Number(row.count)]));
  }

  /**
   * Refuses (WORKLOAD_LIMIT_EXCEEDED on `field`) involving a worker from `startsOn` in a case that would take them
   * beyond the office's maximum of open cases, unless an admin's override reason is given (checked beforehand with
   * `checkLimitOverride`). Counted: the still-open cases they are involved in from that day on; a further role in a
   * case they are already in adds no case. Returns the reason to keep when the override was needed, otherwise null.
   */
  async assertMayJoinCase(manager: EntityManager, workerId: string, caseId: string, startsOn: string, overrideReason: string | null, field: string): Promise<string | null> {
    const { maxOpenCases } = await new WorkloadService(manager).limits();
    const [{ cases, already }] = (await manager.query(
      `SELECT count(DISTINCT i.case_id) FILTER (WHERE i.case_id <> $3)::int AS cases, bool_or(i.case_id = $3) AS already
       FROM case_involvement i JOIN social_case c ON c.id = i.case_id
       WHERE i.worker_id = $1 AND (i.ends_on IS NULL OR i.ends_on > $2::date) AND c.status <> 'CLOSED'`,
      [workerId, startsOn, caseId],
    )) as { cases: number; already: boolean | null }[];
    if (already || Number(cases) < maxOpenCases) return null;
    if (overrideReason) return overrideReason;
    throw workloadLimitExceeded(
      'maxOpenCases',
      maxOpenCases,
      `The worker is already involved in ${cases} open case(s); the office allows at most ${maxOpenCases}. An admin may override with a reason`,
      field,
    );
  }
}
