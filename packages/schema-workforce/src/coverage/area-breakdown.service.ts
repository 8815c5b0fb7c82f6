import type { DataSource, EntityManager } from 'typeorm';
import { AreaLevel } from '@peksos/types';
import { actorMay, forbidden, type Actor } from '@peksos/schema-kit';
import { Area } from '../areas/area.entity.js';
import { AreaService } from '../areas/area.service.js';
import { assignmentActiveSql, certifiedOnSql, lacksWorkerSql } from '../sql.js';
import { per100k } from './coverage.service.js';
import { cachedAnswer, copyEntity, coverageCacheEnabled, readCoverageVersion } from './coverage-cache.js';
import type { AreaBreakdown, AreaBreakdownRow } from './area-breakdown.type.js';

/** The lengths of Kemendagri codes by level: 32, 32.77, 32.77.01, 32.77.01.1001. */
const CODE_LENGTHS = [2, 5, 8, 13];

interface BreakdownRow {
  code: string;
  name: string;
  level: AreaLevel;
  parent_code: string | null;
  population: number | null;
  population_year: number | null;
  population_source: string | null;
  workers: number;
  certified_workers: number;
  needing: number;
  lacking: number;
  lacking_certified: number;
}

/**
 * The national drill-down: the workforce figures of every child area of a parent in one SQL statement (and one to
 * find the parent), whatever the number of children. Each row means what `workforceSummary` of that child means (the
 * test compares them), with the workforce module's predicates (sql.ts): a worker counts in a child when placed at an
 * organisation there, or placed nowhere and living there; an organisation lacks a (certified) worker by
 * `lacksWorkerSql`.
 */
export class AreaBreakdownService {
  constructor(
    private readonly db: DataSource | EntityManager,
    private readonly today: string,
    /** `cache: false` computes every answer afresh (the cache's tests compare both). */
    private readonly options: { cache?: boolean } = {},
  ) {}

  /** Who may ask is checked on every request; the answer itself, the same for every caller, may come from the cache. */
  async breakdown(parentCode: string | null | undefined, asOf: string | undefined, actor: Actor): Promise<AreaBreakdown> {
    const date = asOf ?? this.today;
    await assertMayReadBreakdown(this.db, actor, parentCode ?? null);
    const view = await readCoverageVersion(this.db, this.options.cache ?? coverageCacheEnabled());
    return cachedAnswer(this.db, view, ['breakdown', parentCode ?? null, date], () => this.compute(parentCode, date), copyBreakdown);
  }

  private async compute(parentCode: string | null | undefined, date: string): Promise<AreaBreakdown> {
    const parent = parentCode ? await new AreaService(this.db).get(parentCode, 'parentCode') : null;
    if (parent?.level === AreaLevel.VILLAGE) return { parent, asOf: date, rows: [] };
    // Every area under the parent belongs to the child whose code is the first `childLength` characters of its own.
    const childLength = CODE_LENGTHS[parent ? CODE_LENGTHS.indexOf(parent.code.length) + 1 : 0]!;
    const under = parent ? `${parent.code}.%` : '%';
    const active = assignmentActiveSql('a', '$3');
    // `parent_code IS NULL` or `= $1`, not `IS NOT DISTINCT FROM $1`, which PostgreSQL can neither look up in the index
    // nor estimate; and the per-child figures MATERIALIZED: with a misestimated child list PostgreSQL re-sorted each
    // aggregate once per province (7.9 s for Indonesia on the national data set, under load; 4.3 s this way, same load).
    // docs/benchmark.md.
    const rows = (await this.db.query(
      `WITH child AS (
         SELECT code, name, level, parent_code, population, population_year, population_source FROM area
         WHERE ${parent ? 'parent_code = $1::text' : '$1::text IS NULL AND parent_code IS NULL'}),
       placed AS (
         SELECT DISTINCT left(o.area_code, $4) AS child_code, a.worker_id
         FROM assignment a JOIN organisation o ON o.id = a.organisation_id
         WHERE o.archived_at IS NULL AND o.area_code LIKE $2 AND length(o.area_code) >= $4 AND ${active}),
       unplaced AS (
         SELECT left(w.home_area_code, $4) AS child_code, w.id AS worker_id FROM worker w
         WHERE w.archived_at IS NULL AND w.home_area_code LIKE $2 AND length(w.home_area_code) >= $4
           AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND ${active})),
       counted AS (SELECT child_code, worker_id FROM placed UNION SELECT child_code, worker_id FROM unplaced),
       workforce AS MATERIALIZED (
         SELECT k.child_code, count(*) AS workers, count(*) FILTER (WHERE ${certifiedOnSql('k.worker_id', '$3')}) AS certified_workers
         FROM counted k GROUP BY k.child_code),
       gaps AS MATERIALIZED (
         SELECT left(o.area_code, $4) AS child_code, count(*) AS needing,
                count(*) FILTER (WHERE ${lacksWorkerSql('o', { date: '$3' })}) AS lacking,
                count(*) FILTER (WHERE ${lacksWorkerSql('o', { certifiedOnly: true, date: '$3' })}) AS lacking_certified
         FROM organisation o
         WHERE o.should_have_worker AND o.archived_at IS NULL AND o.area_code LIKE $2 AND length(o.area_code) >= $4
         GROUP BY 1)
       SELECT child.*, coalesce(wf.workers, 0) AS workers, coalesce(wf.certified_workers, 0) AS certified_workers,
              coalesce(g.needing, 0) AS needing, coalesce(g.lacking, 0) AS lacking, coalesce(g.lacking_certified, 0) AS lacking_certified
       FROM child LEFT JOIN workforce wf ON wf.child_code = child.code LEFT JOIN gaps g ON g.child_code = child.code
       ORDER BY child.code`,
      [parent?.code ?? null, under, date, childLength],
    )) as BreakdownRow[];
    return { parent, asOf: date, rows: rows.map(toRow) };
  }
}

/**
 * A coordinator reads the drill-down of their own area and the areas under it only (`actor_manages_area`, the rule
 * of what they may change, so their reach is one area for reading the breakdown and for writing): another parent, or
 * Indonesia, is FORBIDDEN naming `parentCode`, whether or not it exists. Admins, viewers and partners read every
 * parent. One more statement, for coordinators only.
 */
export async function assertMayReadBreakdown(db: DataSource | EntityManager, actor: Actor, parentCode: string | null): Promise<void> {
  if (actor.role !== 'coordinator') return;
  if (parentCode === null || (await actorMay(db, actor, 'actor_manages_area', parentCode)) !== true) {
    throw forbidden(`Coordinators read the breakdown of their own area (${actor.areaCode ?? 'none'}) and the areas under it only`, 'parentCode');
  }
}

/** A reader's own copy of a stored breakdown (coverage-cache.ts). */
function copyBreakdown(breakdown: AreaBreakdown): AreaBreakdown {
  return {
    parent: breakdown.parent && copyEntity(breakdown.parent),
    asOf: breakdown.asOf,
    rows: breakdown.rows.map((row) => ({ ...row, area: copyEntity(row.area) })),
  };
}

function toRow(row: BreakdownRow): AreaBreakdownRow {
  const area = Object.assign(new Area(), {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
    population: row.population,
    populationYear: row.population_year,
    populationSource: row.population_source,
  });
  return {
    area,
    workers: row.workers,
    certifiedWorkers: row.certified_workers,
    population: row.population,
    workersPer100k: per100k(row.workers, row.population),
    certifiedWorkersPer100k: per100k(row.certified_workers, row.population),
    organisationsNeedingWorker: row.needing,
    organisationsLackingWorker: row.lacking,
    organisationsLackingCertifiedWorker: row.lacking_certified,
  };
}
