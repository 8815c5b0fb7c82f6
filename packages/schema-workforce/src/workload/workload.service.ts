import type { DataSource, EntityManager } from 'typeorm';
import { periodsOverlap } from '../assignments/assignment.entity.js';
import { badInput, forbidden, outOfReach, workloadLimitExceeded, type Actor } from '@peksos/schema-kit';
import { WorkloadLimits } from './workload-limits.entity.js';
import type { UpdateWorkloadLimitsInput } from './workload-limits.input.js';
import type { Workload } from './workload.type.js';

const OVERRIDE_REASON_MAX = 500;

/**
 * Checks an admin's override of a workload limit before anything is changed: only admins may give one, with a reason
 * of 1 to 500 characters. Returns the trimmed reason, or null when none was given. The cases module uses it too.
 */
export function checkLimitOverride(actor: Actor, reason: string | null | undefined, field: string): string | null {
  const trimmed = reason?.trim() || null;
  if (reason != null && !trimmed) throw badInput(field, 'Give the reason for overriding the workload limit');
  if (!trimmed) return null;
  if (actor.role !== 'admin') throw forbidden('Only an admin may override a workload limit', field);
  if (trimmed.length > OVERRIDE_REASON_MAX) throw badInput(field, `The reason may be at most ${OVERRIDE_REASON_MAX} characters`);
  return trimmed;
}

/** A placement's period: from its start to its end (the first day it no longer runs), open when the end is null. */
export interface PlacementPeriod {
  startsOn: string;
  endsOn: string | null;
}

/**
 * The placements limit, its one definition: the worker's other placements that a placement over `period` would be held
 * alongside are those overlapping it (not ended by its start and, when it ends, starting before its end); for an open
 * placement from D, every placement running on D or later, which is what the ranking and the planner count as held.
 * Returns that count when it reaches `maxPlacements` (the placement would be beyond the limit), otherwise null.
 */
export function placementLimitExcess(period: PlacementPeriod, others: readonly PlacementPeriod[], maxPlacements: number): number | null {
  const held = others.filter((other) => periodsOverlap(other, period)).length;
  return held >= maxPlacements ? held : null;
}

/** The coded refusal of a placement beyond the limit, naming `field` (the input that names the worker). */
export function placementLimitError(held: number, maxPlacements: number, startsOn: string, field: string) {
  return workloadLimitExceeded(
    'maxPlacements',
    maxPlacements,
    `The worker already holds ${held} placement(s) from ${startsOn} on; the office allows at most ${maxPlacements}. An admin may override with a reason`,
    field,
  );
}

/** The office's workload limits, and each worker's placements against them. */
export class WorkloadService {
  constructor(private readonly db: DataSource | EntityManager) {}

  async limits(): Promise<WorkloadLimits> {
    return this.db.getRepository(WorkloadLimits).findOneByOrFail({ id: true });
  }

  /** Changes the limits (admins only; the table's policy holds too). */
  async updateLimits(input: UpdateWorkloadLimitsInput, actor: Actor, dataSource: DataSource): Promise<WorkloadLimits> {
    if (actor.role !== 'admin') throw outOfReach(actor, 'input', 'Only an admin may change the workload limits');
    return dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(WorkloadLimits);
      const limits = await repository.createQueryBuilder('l').setLock('pessimistic_write').where('l.id').getOneOrFail();
      if (input.recommendedOpenCases != null) limits.recommendedOpenCases = input.recommendedOpenCases;
      if (input.maxOpenCases != null) limits.maxOpenCases = input.maxOpenCases;
      if (input.maxPlacements != null) limits.maxPlacements = input.maxPlacements;
      if (limits.recommendedOpenCases > limits.maxOpenCases) {
        throw badInput(input.recommendedOpenCases != null ? 'recommendedOpenCases' : 'maxOpenCases', 'The recommended open cases may not exceed the maximum');
      }
      // Always written (and so audited), even when the values stay: the record says an admin set them then.
      await repository.update({ id: true }, {
        recommendedOpenCases: limits.recommendedOpenCases,
        maxOpenCases: limits.maxOpenCases,
        maxPlacements: limits.maxPlacements,
        updatedAt: new Date(),
      });
      return repository.findOneByOrFail({ id: true });
    });
  }

  /** Each worker's workload on `asOf`: placements active that day, against the limit. */
  async workloads(workerIds: readonly string[], asOf: string): Promise<Workload[]> {
    const [limits, rows] = await Promise.all([
      this.limits(),
      this.db.query(
        `SELECT a.worker_id, count(*)::int AS count FROM assignment a
         WHERE a.worker_id = ANY($1::uuid[]) AND a.starts_on <= $2::date AND (a.ends_on IS NULL OR a.ends_on > $2::date)
         GROUP BY a.worker_id`,
        [workerIds, asOf],
      ) as Promise<{ worker_id: string; count: number }[]>,
    ]);
    const counts = new Map(rows.map((row) => [row.worker_id, Number(row.count)]));
    return workerIds.map((workerId) => {
      const activePlacements = counts.get(workerId) ?? 0;
      return { workerId, asOf, activePlacements, maxPlacements: limits.maxPlacements, sparePlacements: Math.max(0, limits.maxPlacements - activePlacements) };
    });
  }

  /**
   * Refuses (WORKLOAD_LIMIT_EXCEEDED on `field`) a placement over `period` that would give the worker more placements
   * at once than the office allows (`placementLimitExcess`, against `others`: the worker's other assignments, read
   * with the worker's row locked in the transaction that makes the placement), unless an admin's override reason
   * (checked by `checkLimitOverride`) is given. Returns the reason to record with the placement when the override was
   * needed, otherwise null.
   */
  async assertMayTakePlacement(
    period: PlacementPeriod,
    others: readonly PlacementPeriod[],
    overrideReason: string | null,
    field: string,
  ): Promise<string | null> {
    const { maxPlacements } = await this.limits();
    const held = placementLimitExcess(period, others, maxPlacements);
    if (held === null) return null;
    if (overrideReason) return overrideReason;
    throw placementLimitError(held, maxPlacements, period.startsOn, field);
  }
}
