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
   * The open cases each worker is involved in from `from` on (involvements not ended by then, in cases not closed):
   * what the limit of open cases counts for an involvement starting that day. Absent workers have none.
   */
  async casesHeldFrom(workerIds: readonly string[], from: string, db: Queryable = this.db): Promise<Map<string, Set<string>>> {
    const rows = (await db.query(
      `SELECT i.worker_id::text, array_agg(DISTINCT i.case_id::text) AS cases
       FROM case_involvement i JOIN social_case c ON c.id = i.case_id
       WHERE i.worker_id = ANY($1::uuid[]) AND (i.ends_on IS NULL OR i.ends_on > $2::date) AND c.status <> 'CLOSED'
       GROUP BY i.worker_id`,
      [workerIds, from],
    )) as { worker_id: string; cases: string[] }[];
    return new Map(rows.map((row) => [row.worker_id, new Set(row.cases)]));
  }

  /**
   * Refuses (WORKLOAD_LIMIT_EXCEEDED on `field`) involving a worker from `startsOn` in a case that would take them
   * beyond the office's maximum of open cases (`openCaseLimitExcess` over `casesHeldFrom`), unless an admin's override
   * reason is given (checked beforehand with `checkLimitOverride`). Returns the reason to keep when the override was
   * needed, otherwise null.
   */
  async assertMayJoinCase(manager: EntityManager, workerId: string, caseId: string, startsOn: string, overrideReason: string | null, field: string): Promise<string | null> {
    const { maxOpenCases } = await new WorkloadService(manager).limits();
    const cases = await this.casesHeldFrom([workerId], startsOn, manager);
    const held = openCaseLimitExcess(caseId, cases.get(workerId) ?? new Set(), maxOpenCases);
    if (held === null) return null;
    if (overrideReason) return overrideReason;
    throw workloadLimitExceeded(
      'maxOpenCases',
      maxOpenCases,
      `The worker is already involved in ${held} open case(s); the office allows at most ${maxOpenCases}. An admin may override with a reason`,
      field,
    );
  }
}

/**
 * The limit of open cases, its one definition: joining `caseId` is beyond it when the worker already holds
 * `maxOpenCases` other open cases (`held`, from `casesHeldFrom`); a further role in a case they are in adds no case.
 * Returns how many they hold when it is beyond, otherwise null.
 */
export function openCaseLimitExcess(caseId: string, held: ReadonlySet<string>, maxOpenCases: number): number | null {
  if (held.has(caseId)) return null;
  return held.size >= maxOpenCases ? held.size : null;
}
