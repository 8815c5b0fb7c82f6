import type { Actor, Queryable } from '@peksos/schema-kit';
import { certifiedOnSql } from '../sql.js';

/** A worker who could take over a placement or a case, and why they rank where they do. */
export interface ReplacementCandidate {
  workerId: string;
  fullName: string;
  certified: boolean;
  sameKelurahan: boolean;
  sameKecamatan: boolean;
  activePlacements: number;
}

export interface ReplacementQuery {
  /** The organisation to be covered (for a case: its handling organisation). */
  organisationId: string;
  /** The day the replacement would start. */
  asOf: string;
  /** Workers not to propose (the one leaving). */
  excludeWorkerIds: readonly string[];
  /** How many candidates, best first. */
  limit: number;
}

/**
 * A simple ranking of replacement candidates for an organisation, used by the handover: certified first, then living
 * in the organisation's kelurahan, then in its kecamatan, then the fewest active placements (then by name). Only
 * workers the actor may place (the database's `workforce_manages_worker`), not archived, and not already placed there.
 *
 * The coverage planner's ranking (issue 17, "Workload") is meant to replace this one: it is the only function the
 * handover asks, so swapping it changes one import.
 */
export async function rankReplacementCandidates(db: Queryable, actor: Actor, query: ReplacementQuery): Promise<ReplacementCandidate[]> {
  const rows = (await db.query(
    `SELECT w.id::text AS worker_id, w.full_name,
            ${certifiedOnSql('w.id', '$2::date')} AS certified,
            coalesce(w.home_area_code = o.area_code AND array_length(string_to_array(o.area_code, '.'), 1) = 4, false) AS same_kelurahan,
            coalesce(split_part(w.home_area_code, '.', 3) <> '' AND left(w.home_area_code, 8) = left(o.area_code, 8), false) AS same_kecamatan,
            (SELECT count(*)::int FROM assignment a WHERE a.worker_id = w.id
               AND a.starts_on <= $2::date AND (a.ends_on IS NULL OR a.ends_on > $2::date)) AS active_placements
     FROM worker w CROSS JOIN organisation o
     WHERE o.id = $1::uuid AND w.archived_at IS NULL AND NOT (w.id = ANY($3::uuid[]))
       AND coalesce(workforce_manages_worker($4, $5, w.id), false)
       AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND a.organisation_id = o.id
                       AND (a.ends_on IS NULL OR a.ends_on > $2::date))
     ORDER BY certified DESC, same_kelurahan DESC, same_kecamatan DESC, active_placements ASC, w.full_name ASC, w.id ASC
     LIMIT $6`,
    [query.organisationId, query.asOf, query.excludeWorkerIds, actor.role ?? '', actor.areaCode ?? '', query.limit],
  )) as { worker_id: string; full_name: string; certified: boolean; same_kelurahan: boolean; same_kecamatan: boolean; active_placements: number }[];
  return rows.map((row) => ({
    workerId: row.worker_id,
    fullName: row.full_name,
    certified: row.certified,
    sameKelurahan: row.same_kelurahan,
    sameKecamatan: row.same_kecamatan,
    activePlacements: row.active_placements,
  }));
}
