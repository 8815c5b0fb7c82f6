import type { DataSource, EntityManager } from 'typeorm';
import { assertUuid, notFound, type Actor, type Queryable } from '@peksos/schema-kit';
import { Nearness, nearness, regencyOf } from '../coverage/coverage-plan.solver.js';
import { certifiedOnSql } from '../sql.js';
import { WorkloadService } from './workload.service.js';

/** A worker who could be placed at an organisation, with what their rank rests on. */
export interface RankedCandidate {
  workerId: string;
  fullName: string;
  /** Certified on the day. */
  certified: boolean;
  nearness: Nearness;
  /** Placements the worker holds on the day or later. */
  placementsHeld: number;
  /** Placements they may still take under the office's maximum. */
  sparePlacements: number;
  /** Where the worker is: their home area, else the area of their placement. */
  locationCode: string;
}

const NEARNESS_ORDER = [Nearness.SAME_KELURAHAN, Nearness.SAME_KECAMATAN, Nearness.SAME_CITY];

/** Where a worker (`w`) is on `$2`: their home area, else the area of their (primary, then earliest) active placement. */
export const WORKER_LOCATION_SQL = `coalesce(w.home_area_code, (
  SELECT o.area_code FROM assignment a JOIN organisation o ON o.id = a.organisation_id
  WHERE a.worker_id = w.id AND a.starts_on <= $2::date AND (a.ends_on IS NULL OR a.ends_on > $2::date)
  ORDER BY a.is_primary DESC, a.starts_on, o.id LIMIT 1))`;

/** The ranking order: certified first, then nearer, then more spare capacity, then by name. */
export function compareCandidates(a: RankedCandidate, b: RankedCandidate): number {
  return (
    Number(b.certified) - Number(a.certified) ||
    NEARNESS_ORDER.indexOf(a.nearness) - NEARNESS_ORDER.indexOf(b.nearness) ||
    b.sparePlacements - a.sparePlacements ||
    a.fullName.localeCompare(b.fullName, 'id') ||
    a.workerId.localeCompare(b.workerId)
  );
}

export interface RankingOptions {
  /** Certified workers only. */
  certifiedOnly?: boolean;
  /** Workers not to rank (a handover's worker leaving). */
  excludeWorkerIds?: readonly string[];
  /** How many, best first; all when absent. */
  first?: number;
  /**
   * Only workers this actor may place at the organisation, as `assignWorker` asks (the database's rules
   * `workforce_manages_worker` and `workforce_manages_organisation`): none at an organisation that is not theirs.
   */
  managedBy?: Actor;
  /**
   * Placements already proposed to workers elsewhere (a handover's earlier placements), counted as held: a worker
   * proposed k times has spare capacity for k.
   */
  proposedPlacements?: ReadonlyMap<string, number>;
  /**
   * What the worker would take: a placement (the default), or a case handled by the organisation, for which workers
   * placed there stay candidates and no spare placement is needed (an involvement is no placement; the cases module
   * holds its own limit of open cases).
   */
  purpose?: 'placement' | 'case';
}

/**
 * Ranks the workers who could be placed at an organisation on a day: not archived, in the same kota/kabupaten,
 * with spare capacity under the office's maximum of placements, and not already placed there. Ranked by
 * certification, nearness (same kelurahan, then kecamatan), then spare capacity. The assign dialog, the coverage
 * planner's explanations and a worker's handover (with `managedBy`, `proposedPlacements` and, for cases, `purpose`)
 * use this one ranking. Pass a transaction's manager as `db` to rank inside it.
 */
export class CandidateRankingService {
  constructor(private readonly db: DataSource | EntityManager) {}

  async rankForOrganisation(organisationId: string, asOf: string, options: RankingOptions = {}, db: Queryable = this.db): Promise<RankedCandidate[]> {
    assertUuid(organisationId, 'Organisation', 'organisationId');
    const [organisation] = (await db.query(`SELECT area_code FROM organisation WHERE id = $1`, [organisationId])) as { area_code: string }[];
    if (!organisation) throw notFound('Organisation', organisationId, 'organisationId');
    const { maxPlacements } = await new WorkloadService(this.db).limits();
    const regency = regencyOf(organisation.area_code);
    const forPlacement = (options.purpose ?? 'placement') === 'placement';
    const rows = (await db.query(
      `SELECT * FROM (
         SELECT w.id, w.full_name, ${certifiedOnSql('w.id', '$2::date')} AS certified, ${WORKER_LOCATION_SQL} AS location,
                (SELECT count(*)::int FROM assignment a WHERE a.worker_id = w.id AND (a.ends_on IS NULL OR a.ends_on > $2::date)) AS held,
                EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND a.organisation_id = $1
                        AND (a.ends_on IS NULL OR a.ends_on > $2::date)) AS placed_here
         FROM worker w WHERE w.archived_at IS NULL AND NOT (w.id = ANY($5::uuid[]))
           AND ($7::text IS NULL OR (coalesce(workforce_manages_worker($7, $8, w.id), false)
                                     AND coalesce(workforce_manages_organisation($7, $8, $1::uuid), false)))) c
       WHERE (NOT $6 OR (NOT c.placed_here AND c.held < $4)) AND (c.location = $3 OR c.location LIKE $3 || '.%')`,
      [
        organisationId,
        asOf,
        regency,
        maxPlacements,
        options.excludeWorkerIds ?? [],
        forPlacement,
        options.managedBy ? (options.managedBy.role ?? '') : null,
        options.managedBy?.areaCode ?? '',
      ],
    )) as { id: string; full_name: string; certified: boolean; location: string; held: number }[];
    const candidates: RankedCandidate[] = [];
    for (const row of rows) {
      const near = nearness(row.location, organisation.area_code);
      if (near === null || (options.certifiedOnly && !row.certified)) continue;
      const held = Number(row.held) + (forPlacement ? (options.proposedPlacements?.get(row.id) ?? 0) : 0);
      if (forPlacement && held >= maxPlacements) continue;
      candidates.push({
        workerId: row.id,
        fullName: row.full_name,
        certified: row.certified,
        nearness: near,
        placementsHeld: held,
        sparePlacements: Math.max(0, maxPlacements - held),
        locationCode: row.location,
      });
    }
    return candidates.sort(compareCandidates).slice(0, options.first ?? candidates.length);
  }
}
