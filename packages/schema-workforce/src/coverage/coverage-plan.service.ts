import type { DataSource, EntityManager } from 'typeorm';
import { CertificationStatus } from '@peksos/types';
import { badInput, type Actor } from '@peksos/schema-kit';
import { AreaService } from '../areas/area.service.js';
import { Assignment } from '../assignments/assignment.entity.js';
import { AssignmentService } from '../assignments/assignment.service.js';
import { assignmentActiveSql, assignmentNotEndedSql, certificationStatusSql, certifiedOnSql } from '../sql.js';
import { WORKER_LOCATION_SQL } from '../workload/candidate-ranking.service.js';
import { WorkloadService } from '../workload/workload.service.js';
import { nearness, solveCoveragePlan, type Nearness } from './coverage-plan.solver.js';

/** One proposed placement, with what it rests on. */
export interface CoveragePlanRow {
  organisationId: string;
  workerId: string;
  nearness: Nearness;
  certified: boolean;
  /** Placements the worker holds before this plan. */
  placementsBefore: number;
  /** Whether the placement would be the worker's primary one (they hold none). */
  isPrimary: boolean;
}

/** An uncertified worker whose certification would give an organisation its certified worker. */
export interface CertificationCandidate {
  workerId: string;
  certificationStatus: CertificationStatus;
  organisationIds: string[];
}

/** What a kecamatan (or, for city-wide units, the city) still needs after the plan. */
export interface KecamatanNeed {
  areaCode: string;
  areaName: string;
  organisationsLackingWorker: number;
  coveredByPlan: number;
  stillLackingWorker: number;
  additionalWorkersNeeded: number;
  organisationsLackingCertifiedWorker: number;
  certifiedGapAfterPlan: number;
  additionalCertifiedWorkersNeeded: number;
  certificationCandidates: CertificationCandidate[];
}

export interface CoveragePlan {
  areaCode: string;
  asOf: string;
  certifiedOnly: boolean;
  maxPlacements: number;
  organisationsLacking: number;
  availableWorkers: number;
  rows: CoveragePlanRow[];
  needs: KecamatanNeed[];
  solveMilliseconds: number;
}

export interface PlanLimits {
  maxPlacements?: number | null;
}

interface LackingRow {
  id: string;
  area_code: string;
  lacks_worker: boolean;
}

interface WorkerRow {
  id: string;
  location: string;
  certified: boolean;
  status: CertificationStatus;
  held: number;
  has_primary: boolean;
}

/** The group a kecamatan need is counted in: the kecamatan of the area, or the area itself above kecamatan level. */
function needGroupOf(code: string): string {
  const parts = code.split('.');
  return parts.length >= 3 ? parts.slice(0, 3).join('.') : code;
}

/**
 * The coverage planner (docs/coverage-planner.md): which of an area's available workers to place at which of its
 * organisations lacking a (certified) worker, and what no placement can fix.
 */
export class CoveragePlanService {
  constructor(
    private readonly db: DataSource | EntityManager,
    private readonly today: string,
  ) {}

  async plan(areaCode: string, asOf: string | null | undefined, certifiedOnly: boolean, limits: PlanLimits | null | undefined): Promise<CoveragePlan> {
    const area = await new AreaService(this.db).get(areaCode, 'areaCode');
    const date = asOf ?? this.today;
    const office = await new WorkloadService(this.db).limits();
    const maxPlacements = limits?.maxPlacements ?? office.maxPlacements;
    if (maxPlacements < 1 || maxPlacements > office.maxPlacements) {
      throw badInput('limits.maxPlacements', `A plan may only tighten the office's limit: 1 to ${office.maxPlacements}`);
    }
    const inArea = (column: string) => `(${column} = $1 OR ${column} LIKE $1 || '.%')`;

    // Organisations lacking a certified worker; lacks_worker says whether they lack any worker at all.
    const lacking = (await this.db.query(
      `SELECT o.id, o.area_code,
              NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${assignmentActiveSql('a', '$2::date')}) AS lacks_worker
       FROM organisation o
       WHERE o.should_have_worker AND o.archived_at IS NULL AND ${inArea('o.area_code')}
         AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${assignmentActiveSql('a', '$2::date')}
                         AND ${certifiedOnSql('a.worker_id', '$2::date')})
       ORDER BY o.area_code, o.name, o.id`,
      [area.code, date],
    )) as LackingRow[];

    // The workers of the area (placed in it, or unplaced and living there), not archived.
    const workers = (await this.db.query(
      `SELECT * FROM (
         SELECT w.id, ${WORKER_LOCATION_SQL} AS location, ${certifiedOnSql('w.id', '$2::date')} AS certified,
                ${certificationStatusSql('w.id', '$2::date')} AS status,
                (SELECT count(*)::int FROM assignment a WHERE a.worker_id = w.id AND ${assignmentNotEndedSql('a', '$2::date')}) AS held,
                EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND a.is_primary AND ${assignmentNotEndedSql('a', '$2::date')}) AS has_primary
         FROM worker w
         WHERE w.archived_at IS NULL AND (
           EXISTS (SELECT 1 FROM assignment a JOIN organisation o ON o.id = a.organisation_id
                   WHERE a.worker_id = w.id AND ${assignmentActiveSql('a', '$2::date')} AND ${inArea('o.area_code')})
           OR (${inArea('w.home_area_code')}
               AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND ${assignmentActiveSql('a', '$2::date')})))
       ) c WHERE c.location IS NOT NULL ORDER BY c.id`,
      [area.code, date],
    )) as WorkerRow[];

    const targets = lacking.filter((row) => certifiedOnly || row.lacks_worker);
    const available = workers.filter((row) => row.held < maxPlacements && (!certifiedOnly || row.certified));
    const started = performance.now();
    const pairs = await solveCoveragePlan({
      workers: available.map((row) => ({ locationCode: row.location, capacity: maxPlacements - row.held, load: row.held, certified: row.certified })),
      organisations: targets.map((row) => ({ areaCode: row.area_code, urgent: certifiedOnly && row.lacks_worker })),
    });
    const solveMilliseconds = Math.round(performance.now() - started);

    const primaryTaken = new Set(available.filter((row) => row.has_primary).map((row) => row.id));
    const rows: CoveragePlanRow[] = pairs
      .map(({ worker, organisation }) => {
        const w = available[worker]!;
        const o = targets[organisation]!;
        const isPrimary = !primaryTaken.has(w.id);
        primaryTaken.add(w.id);
        return { organisationId: o.id, workerId: w.id, nearness: nearness(w.location, o.area_code)!, certified: w.certified, placementsBefore: w.held, isPrimary };
      })
      .sort((a, b) => targets.findIndex((o) => o.id === a.organisationId) - targets.findIndex((o) => o.id === b.organisationId));

    return {
      areaCode: area.code,
      asOf: date,
      certifiedOnly,
      maxPlacements,
      organisationsLacking: targets.length,
      availableWorkers: available.length,
      rows,
      needs: await this.needs(lacking, workers, rows, maxPlacements, date),
      solveMilliseconds,
    };
  }

  /**
   * Per kecamatan: organisations still lacking a worker and a certified worker once the plan is made, the workers
   * that would take (a new worker may take up to maxPlacements placements), and the uncertified workers placed (or
   * proposed) at an organisation lacking a certified worker, whose certification would close that gap.
   */
  private async needs(lacking: LackingRow[], workers: WorkerRow[], rows: CoveragePlanRow[], maxPlacements: number, date: string): Promise<KecamatanNeed[]> {
    const planned = new Map(rows.map((row) => [row.organisationId, row]));
    const groups = new Map<string, LackingRow[]>();
    for (const row of lacking) {
      const key = needGroupOf(row.area_code);
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    // Uncertified workers at an organisation lacking a certified worker: placed there now, or proposed by the plan.
    const gapIds = lacking.map((row) => row.id);
    const placedAtGaps = (await this.db.query(
      `SELECT a.worker_id, a.organisation_id FROM assignment a JOIN worker w ON w.id = a.worker_id
       WHERE a.organisation_id = ANY($1::uuid[]) AND ${assignmentActiveSql('a', '$2::date')} AND w.archived_at IS NULL`,
      [gapIds, date],
    )) as { worker_id: string; organisation_id: string }[];
    const statusOf = new Map(workers.map((row) => [row.id, row]));
    const closers = [...placedAtGaps, ...rows.filter((row) => !row.certified).map((row) => ({ worker_id: row.workerId, organisation_id: row.organisationId }))];

    const codes = [...groups.keys()];
    const names = new Map(
      ((await this.db.query(`SELECT code, name FROM area WHERE code = ANY($1::text[])`, [codes])) as { code: string; name: string }[]).map((row) => [row.code, row.name]),
    );
    const areaOf = new Map(lacking.map((row) => [row.id, needGroupOf(row.area_code)]));
    return codes.sort().map((code) => {
      const members = groups.get(code)!;
      const lackingWorker = members.filter((row) => row.lacks_worker);
      const coveredByPlan = lackingWorker.filter((row) => planned.has(row.id)).length;
      const certifiedGapAfterPlan = members.filter((row) => !planned.get(row.id)?.certified).length;
      const candidates = new Map<string, CertificationCandidate>();
      for (const closer of closers) {
        const worker = statusOf.get(closer.worker_id);
        if (areaOf.get(closer.organisation_id) !== code || planned.get(closer.organisation_id)?.certified) continue;
        if (worker?.certified) continue;
        const candidate = candidates.get(closer.worker_id) ?? {
          workerId: closer.worker_id,
          certificationStatus: worker?.status ?? CertificationStatus.NOT_TESTED,
          organisationIds: [],
        };
        if (!candidate.organisationIds.includes(closer.organisation_id)) candidate.organisationIds.push(closer.organisation_id);
        candidates.set(closer.worker_id, candidate);
      }
      const stillLackingWorker = lackingWorker.length - coveredByPlan;
      return {
        areaCode: code,
        areaName: names.get(code) ?? code,
        organisationsLackingWorker: lackingWorker.length,
        coveredByPlan,
        stillLackingWorker,
        additionalWorkersNeeded: Math.ceil(stillLackingWorker / maxPlacements),
        organisationsLackingCertifiedWorker: members.length,
        certifiedGapAfterPlan,
        additionalCertifiedWorkersNeeded: Math.ceil(certifiedGapAfterPlan / maxPlacements),
        certificationCandidates: [...candidates.values()].sort((a, b) => b.organisationIds.length - a.organisationIds.length || a.workerId.localeCompare(b.workerId)),
      };
    });
  }

  /**
   * Accepts the rows of a plan (all of them or those ticked) in one transaction: each is a placement made by the
   * workforce module's assignment service, with its rules (who may place whom, the workload limits); one refusal
   * refuses them all. The audit log records every placement under this one operation.
   */
  async accept(
    dataSource: DataSource,
    rows: readonly { organisationId: string; workerId: string }[],
    startsOn: string | null | undefined,
    actor: Actor,
  ): Promise<Assignment[]> {
    if (rows.length === 0) throw badInput('rows', 'Tick at least one row of the plan');
    const organisationIds = rows.map((row) => row.organisationId);
    if (new Set(organisationIds).size !== organisationIds.length) throw badInput('rows', 'An organisation appears twice in the plan');
    const date = startsOn ?? this.today;
    const assignments = new AssignmentService(dataSource, this.today);
    return dataSource.transaction(async (manager) => {
      const made: Assignment[] = [];
      for (const [index, row] of rows.entries()) {
        // Primary when the worker holds no primary placement then (a malformed id is NOT_FOUND from the service).
        const hasPrimary = await assignments.holdsPrimaryFrom(manager, row.workerId, date);
        const field = (name: string) => `rows.${index}.${name}`;
        made.push(
          await assignments.assign(
            { workerId: row.workerId, organisationId: row.organisationId, startsOn: date, isPrimary: !hasPrimary },
            actor,
            manager,
            {
              worker: field('workerId'),
              organisation: field('organisationId'),
              placedThere: field('organisationId'),
              isPrimary: field('workerId'),
              limitOverrideReason: field('workerId'),
            },
          ),
        );
      }
      return made;
    });
  }
}
