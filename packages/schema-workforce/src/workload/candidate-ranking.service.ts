import type { DataSource, EntityManager } from 'typeorm';
import { assertUuid, notFound, type Queryable } from '@peksos/schema-kit';
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

/**
 * Ranks the workers who could be placed at an organisation on a day: not archived, in the same kota/kabupaten,
 * with spare capacity under the office's maximum of placements, and not already placed there. Ranked by
 * certification, nearness (same kelurahan, then kecamatan), then spare capacity. The assign dialog, the coverage
 * planner's explanations and a worker's handover use this one ranking. Pass a transaction's manager as `db` to rank
 * inside it.
 */
export class CandidateRankingService {
  constructor(private readonly db: DataSource | EntityManager) {}

  async rankForOrganisation(
    organisationId: string,
    asOf: string,
    options: { certifiedOnly?: boolean; excludeWorkerIds?: readonly string[]; first?: number } = {},
    db: Queryable = this.db,
  ): Promise<RankedCandidate[]> {
    assertUuid(organisationId, 'Organisation', 'organisationId');
    const [organisation] = (await db.query(`SELECT area_code FROM organisation WHERE id = $1`, [organisationId])) as { area_code: string }[];
    if (!organisation) throw notFound('Organisation', organisationId, 'organisationId');
    const { maxPlacements } = await new WorkloadService(this.db).limits();
    const regency = regencyOf(organisation.area_code);
    const rows = (await db.query(
      `SELECT * FROM (
         SELECT w.id, w.full_name, ${certifiedOnSql('w.id', '$2::date')} AS certified, ${WORKER_LOCATION_SQL} AS location,
                (SELECT count(*)::int FROM assignment a WHERE a.worker_id = w.id AND (a.ends_on IS NULL OR a.ends_on > $2::date)) AS held,
                EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND a.organisation_id = $1
                        AND (a.ends_on IS NULL OR a.ends_on > $2::date)) AS placed_here
         FROM worker w WHERE w.archived_at IS NULL AND NOT (w.id = ANY($5::uuid[]))) c
       WHERE NOT c.placed_here AND c.held < $4 AND (c.location = $3 OR c.location LIKE $3 || '.%')`,
      [organisationId, asOf, regency, maxPlacements, options.excludeWorkerIds ?? []],
    )) as { id: string; full_name: string; certified: boolean; location: string; held: number }[];
    const candidates: RankedCandidate[] = [];
    for (const row of rows) {
      const near = nearness(row.location, organisation.area_code);
      if (near === null || (options.certifiedOnly && !row.certified)) continue;
      candidates.push({
        workerId: row.id,
        fullName: row.full_name,
        certified: row.certified,
        nearness: near,
        placementsHeld: Number(row.held),
        sparePlacements: maxPlacements - Number(row.held),
        locationCode: row.location,
      });
    }
    return candidates.sort(compareCandidates).slice(0, options.first ?? candidates.length);
  }
}
