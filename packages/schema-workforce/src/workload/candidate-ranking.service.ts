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

/** One organisation to read candidates for (`candidatePools`), and what they would take there. */
export interface CandidatePoolRequest {
  organisationId: string;
  purpose?: RankingOptions['purpose'];
}

/** What may change from one ranking of a pool to the next (a handover's later proposals see its earlier ones). */
export type PoolRankingOptions = Pick<RankingOptions, 'certifiedOnly' | 'excludeWorkerIds' | 'first' | 'proposedPlacements'>;

interface PoolRow {
  id: string;
  full_name: string;
  certified: boolean;
  location: string;
  held: number;
}

/**
 * The workers who could take a placement or a case at one organisation on a day, as read from the database
 * (`CandidateRankingService.candidatePools`): rank them with `rank`, as often as needed, without another statement.
 */
export class CandidatePool {
  constructor(
    readonly organisationId: string,
    private readonly areaCode: string,
    private readonly forPlacement: boolean,
    private readonly maxPlacements: number,
    private readonly rows: readonly PoolRow[],
  ) {}

  /** The workers of the pool, whatever a ranking would exclude (to read what else they hold in one statement). */
  get workerIds(): string[] {
    return this.rows.map((row) => row.id);
  }

  /** The ranking: who may take it given the options, best first (`compareCandidates`). */
  rank(options: PoolRankingOptions = {}): RankedCandidate[] {
    const excluded = new Set(options.excludeWorkerIds ?? []);
    const candidates: RankedCandidate[] = [];
    for (const row of this.rows) {
      if (excluded.has(row.id)) continue;
      const near = nearness(row.location, this.areaCode);
      if (near === null || (options.certifiedOnly && !row.certified)) continue;
      const held = Number(row.held) + (this.forPlacement ? (options.proposedPlacements?.get(row.id) ?? 0) : 0);
      if (this.forPlacement && held >= this.maxPlacements) continue;
      candidates.push({
        workerId: row.id,
        fullName: row.full_name,
        certified: row.certified,
        nearness: near,
        placementsHeld: held,
        sparePlacements: Math.max(0, this.maxPlacements - held),
        locationCode: row.location,
      });
    }
    return candidates.sort(compareCandidates).slice(0, options.first ?? candidates.length);
  }
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
    const [pool] = await this.candidatePools([{ organisationId, purpose: options.purpose }], asOf, { managedBy: options.managedBy }, db);
    return pool!.rank(options);
  }

  /**
   * The candidate pools of several organisations (one per request, in their order) in three statements whatever
   * their number: the organisations, the limits, and every pool at once. A handover ranks its many placements and
   * involvements from them, each ranking seeing the proposals made before it (`CandidatePool.rank`).
   */
  async candidatePools(
    requests: readonly CandidatePoolRequest[],
    asOf: string,
    options: Pick<RankingOptions, 'managedBy'> = {},
    db: Queryable = this.db,
  ): Promise<CandidatePool[]> {
    if (requests.length === 0) return [];
    for (const request of requests) assertUuid(request.organisationId, 'Organisation', 'organisationId');
    const organisationIds = [...new Set(requests.map((request) => request.organisationId))];
    const organisations = new Map(
      ((await db.query(`SELECT id::text, area_code FROM organisation WHERE id = ANY($1::uuid[])`, [organisationIds])) as { id: string; area_code: string }[]).map(
        (row) => [row.id, row.area_code],
      ),
    );
    const missing = organisationIds.find((id) => !organisations.has(id));
    if (missing) throw notFound('Organisation', missing, 'organisationId');
    const { maxPlacements } = await new WorkloadService(this.db).limits();
    // One pool per organisation and purpose, however many requests ask for it.
    const keyOf = (request: CandidatePoolRequest) => `${request.organisationId} ${request.purpose ?? 'placement'}`;
    const distinct = [...new Map(requests.map((request) => [keyOf(request), request])).values()];
    const rows = (await db.query(
      `WITH r AS (
         SELECT * FROM unnest($1::uuid[], $3::text[], $5::boolean[]) WITH ORDINALITY AS r(organisation_id, regency, for_placement, n)
         WHERE $6::text IS NULL OR coalesce(workforce_manages_organisation($6, $7, r.organisation_id), false)
       ), c AS MATERIALIZED (
         SELECT * FROM (
           SELECT w.id, w.full_name, ${certifiedOnSql('w.id', '$2::date')} AS certified, ${WORKER_LOCATION_SQL} AS location,
                  (SELECT count(*)::int FROM assignment a WHERE a.worker_id = w.id AND (a.ends_on IS NULL OR a.ends_on > $2::date)) AS held
           FROM worker w WHERE w.archived_at IS NULL AND ($6::text IS NULL OR coalesce(workforce_manages_worker($6, $7, w.id), false))) c
         WHERE EXISTS (SELECT 1 FROM r WHERE c.location = r.regency OR c.location LIKE r.regency || '.%')
       )
       SELECT r.n::int, c.id, c.full_name, c.certified, c.location, c.held
       FROM r JOIN c ON c.location = r.regency OR c.location LIKE r.regency || '.%'
       WHERE NOT r.for_placement
          OR (c.held < $4 AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = c.id AND a.organisation_id = r.organisation_id
                                          AND (a.ends_on IS NULL OR a.ends_on > $2::date)))`,
      [
        distinct.map((request) => request.organisationId),
        asOf,
        distinct.map((request) => regencyOf(organisations.get(request.organisationId)!)),
        maxPlacements,
        distinct.map((request) => (request.purpose ?? 'placement') === 'placement'),
        options.managedBy ? (options.managedBy.role ?? '') : null,
        options.managedBy?.areaCode ?? '',
      ],
    )) as (PoolRow & { n: number })[];
    const rowsOf = distinct.map((): PoolRow[] => []);
    for (const row of rows) rowsOf[Number(row.n) - 1]!.push(row);
    const pools = new Map(
      distinct.map((request, index) => {
        const forPlacement = (request.purpose ?? 'placement') === 'placement';
        const pool = new CandidatePool(request.organisationId, organisations.get(request.organisationId)!, forPlacement, maxPlacements, rowsOf[index]!);
        return [keyOf(request), pool];
      }),
    );
    return requests.map((request) => pools.get(keyOf(request))!);
  }
}
