import type { DataSource, EntityManager } from 'typeorm';
import { OrganisationKind } from '@peksos/types';
import type { Connection, PageArgs } from '@peksos/schema-kit';
import { AreaService, assertAreaCodeFormat } from '../areas/area.service.js';
import type { Area } from '../areas/area.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { OrganisationOrder } from '../organisations/organisations.args.js';
import { paginateOrganisations } from '../organisations/organisation.service.js';
import { areaParams, assignmentActiveSql, certifiedOnSql, coverageGapSql, inAreaSql, lacksWorkerSql } from '../sql.js';
import type { CoverageGapFilter } from './coverage.args.js';
import type { WorkforceSummary } from './workforce-summary.type.js';
import { cachedAnswer, copyEntity, coverageCacheEnabled, readCoverageVersion, type CoverageCacheView } from './coverage-cache.js';

/** A reader's own copy of a stored summary (coverage-cache.ts). */
export function copySummary(summary: WorkforceSummary): WorkforceSummary {
  return { ...summary, area: copyEntity(summary.area), workersByPlacementKind: summary.workersByPlacementKind.map((count) => ({ ...count })) };
}

/** A count per 100,000 inhabitants, two decimals; null when the population is unknown (never a division by nothing). */
export function per100k(count: number, population: number | null): number | null {
  if (!population) return null;
  return Math.round((count / population) * 100_000 * 100) / 100;
}

/** The headline questions: which organisations lack a (certified) worker, and what the workforce of an area is. */
export class CoverageService {
  constructor(
    private readonly db: DataSource | EntityManager,
    private readonly today: string,
    /** `cache: false` computes every answer afresh (the cache's tests compare both). */
    private readonly options: { cache?: boolean } = {},
  ) {}

  async organisationsLackingWorker(
    filter: CoverageGapFilter | undefined,
    order: OrganisationOrder | undefined,
    page: PageArgs,
  ): Promise<Connection<Organisation>> {
    const asOf = filter?.asOf ?? this.today;
    const certifiedOnly = filter?.certifiedOnly ?? false;
    const query = this.db
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .where(coverageGapSql('o', { certifiedOnly }), { asOf });
    if (filter?.areaCode) {
      assertAreaCodeFormat(filter.areaCode, 'areaCode');
      query.andWhere(inAreaSql('o.area_code'), areaParams(filter.areaCode));
    }
    if (filter?.kinds?.length) query.andWhere('o.kind IN (:...kinds)', { kinds: filter.kinds });
    const view = await this.cacheView();
    // Every argument the gap list depends on; the page adds its order and window.
    const gap = ['gap', filter?.areaCode ?? null, filter?.kinds?.length ? filter.kinds : null, asOf, certifiedOnly];
    const window = [order?.field ?? null, order?.direction ?? null, page.first ?? null, page.last ?? null, page.after ?? null, page.before ?? null];
    const cached = await cachedAnswer(
      this.db,
      view,
      [...gap, ...window],
      async () => {
        const connection = await paginateOrganisations(query, order, page);
        if (filter?.areaCode) await new AreaService(this.db).assertExistsIfEmpty(filter.areaCode, connection);
        return { nodes: connection.nodes, cursors: connection.edges.map((edge) => edge.cursor), pageInfo: connection.pageInfo };
      },
      (answer) => ({ nodes: answer.nodes.map(copyEntity), cursors: answer.cursors, pageInfo: { ...answer.pageInfo } }),
    );
    // What `paginate` counts: the same query, without the page's order and window.
    let counted: Promise<number> | undefined;
    const totalCount = () => (counted ??= cachedAnswer(this.db, view, [...gap, 'count'], () => query.getCount(), (count) => count));
    return {
      nodes: cached.nodes,
      get edges() {
        return cached.nodes.map((node, index) => ({ cursor: cached.cursors[index]!, node }));
      },
      pageInfo: cached.pageInfo,
      totalCount,
    };
  }

  async workforceSummary(areaCode: string, asOf: string | undefined): Promise<WorkforceSummary> {
    const date = asOf ?? this.today;
    return cachedAnswer(
      this.db,
      await this.cacheView(),
      ['summary', areaCode, date],
      async () => this.summarise(await new AreaService(this.db).get(areaCode, 'areaCode'), date),
      copySummary,
    );
  }

  /** The summaries of several areas on one date, against one read of the cache's version (`subAreas`). */
  async summariseEach(areas: readonly Area[], asOf: string): Promise<WorkforceSummary[]> {
    const view = await this.cacheView();
    return Promise.all(areas.map((area) => cachedAnswer(this.db, view, ['summary', area.code, asOf], () => this.summarise(area, asOf), copySummary)));
  }

  /** What this request reads of the coverage cache's version (coverage-cache.ts). */
  private cacheView(): Promise<CoverageCacheView> {
    return readCoverageVersion(this.db, this.options.cache ?? coverageCacheEnabled());
  }

  /**
   * The figures of an area on `asOf`. Every counted worker is either unplaced (no active assignment anywhere, living in
   * the area) or placed (an active assignment at an organisation of the area), never both; each placed worker falls in
   * exactly one placement-kind bucket, the kind of their leading placement in the area: the primary one when it is in
   * the area, otherwise the earliest-started (then lowest organisation id) of their secondary ones there. So the
   * buckets and `unplacedWorkers` always add up to `workers`.
   */
  async summarise(area: Area, asOf: string): Promise<WorkforceSummary> {
    const params = [area.code, `${area.code}.%`, asOf];
    const inArea = (column: string) => inAreaSql(column, ['$1', '$2']);
    const active = assignmentActiveSql('a', '$3');
    const [figures] = (await this.db.query(
      `WITH scope_organisation AS (
         SELECT o.id, o.kind, o.should_have_worker FROM organisation o
         WHERE o.archived_at IS NULL AND ${inArea('o.area_code')}),
       placed AS (
         SELECT a.worker_id, a.is_primary, a.starts_on, a.organisation_id, o.kind FROM assignment a JOIN scope_organisation o ON o.id = a.organisation_id
         WHERE ${active}),
       unplaced AS (
         SELECT w.id FROM worker w
         WHERE w.archived_at IS NULL AND ${inArea('w.home_area_code')}
           AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND ${active})),
       counted AS (SELECT DISTINCT worker_id AS id FROM placed UNION SELECT id FROM unplaced)
       SELECT
         (SELECT count(*) FROM counted) AS workers,
         (SELECT count(*) FROM counted w WHERE ${certifiedOnSql('w.id', '$3')}) AS certified_workers,
         (SELECT count(*) FROM unplaced) AS unplaced_workers,
         (SELECT coalesce(json_agg(json_build_object('kind', kind, 'workers', workers)), '[]'::json) FROM (
            SELECT kind, count(*) AS workers FROM (
              SELECT DISTINCT ON (worker_id) worker_id, kind FROM placed
              ORDER BY worker_id, is_primary DESC, starts_on, organisation_id) lead GROUP BY kind) k
         ) AS by_kind,
         (SELECT count(*) FROM scope_organisation) AS organisations,
         (SELECT count(*) FROM scope_organisation o WHERE o.should_have_worker) AS needing,
         (SELECT count(*) FROM scope_organisation o WHERE o.should_have_worker AND ${lacksWorkerSql('o', { date: '$3' })}) AS lacking,
         (SELECT count(*) FROM scope_organisation o WHERE o.should_have_worker
            AND ${lacksWorkerSql('o', { certifiedOnly: true, date: '$3' })}) AS lacking_certified`,
      params,
    )) as [
      {
        workers: number;
        certified_workers: number;
        unplaced_workers: number;
        by_kind: { kind: OrganisationKind; workers: number }[];
        organisations: number;
        needing: number;
        lacking: number;
        lacking_certified: number;
      },
    ];
    const kindOrder = Object.values(OrganisationKind);
    return {
      area,
      asOf,
      workers: figures.workers,
      certifiedWorkers: figures.certified_workers,
      uncertifiedWorkers: figures.workers - figures.certified_workers,
      unplacedWorkers: figures.unplaced_workers,
      workersByPlacementKind: [...figures.by_kind].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind)),
      organisations: figures.organisations,
      organisationsNeedingWorker: figures.needing,
      organisationsLackingWorker: figures.lacking,
      organisationsLackingCertifiedWorker: figures.lacking_certified,
      population: area.population,
      workersPer100k: per100k(figures.workers, area.population),
      certifiedWorkersPer100k: per100k(figures.certified_workers, area.population),
    };
  }
}
