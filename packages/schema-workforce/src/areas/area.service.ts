import type { DataSource, EntityManager } from 'typeorm';
import { AREA_CODE_PATTERN } from '@peksos/types';
import { actorMayEach, badInput, likeContains, notFound, paginate, type Actor, type Connection, type PageArgs } from '@peksos/schema-kit';
import { AreaLevel } from '@peksos/types';
import { Area } from './area.entity.js';
import type { OfficialArea } from './official-areas.js';
import type { AreaFilter } from './areas.args.js';

/** A malformed area code is BAD_USER_INPUT naming `field`. */
export function assertAreaCodeFormat(code: string, field: string): void {
  if (!AREA_CODE_PATTERN.test(code)) {
    throw badInput(field, 'An area code is a Kemendagri code such as 32.77 or 32.77.01.1001');
  }
}

export class AreaService {
  constructor(private readonly db: DataSource | EntityManager) {}

  /** The area with this code; a malformed code is BAD_USER_INPUT, an unknown one NOT_FOUND, both naming `field`. */
  async get(code: string, field = 'code'): Promise<Area> {
    assertAreaCodeFormat(code, field);
    const area = await this.db.getRepository(Area).findOneBy({ code });
    if (!area) throw notFound('Area', code, field);
    return area;
  }

  /**
   * For a list filtered by area (its code's format already checked): an unknown area has no matches, so only an
   * empty page needs the area looked up, to answer NOT_FOUND. A page with rows costs no statement for it.
   */
  async assertExistsIfEmpty<T>(code: string, page: Connection<T>, field = 'areaCode'): Promise<Connection<T>> {
    if (page.nodes.length === 0) await this.get(code, field);
    return page;
  }

  async list(filter: AreaFilter | undefined, page: PageArgs): Promise<Connection<Area>> {
    const query = this.db.getRepository(Area).createQueryBuilder('area');
    if (filter?.level) query.andWhere('area.level = :level', { level: filter.level });
    if (filter?.parentCode) query.andWhere('area.parent_code = :parentCode', { parentCode: filter.parentCode });
    if (filter?.search) query.andWhere('area.name ILIKE :search', { search: likeContains(filter.search) });
    return paginate(query, [['area.code', 'ASC']], page);
  }

  async byCodes(codes: readonly string[]): Promise<Area[]> {
    return this.db.getRepository(Area).createQueryBuilder('area').where('area.code = ANY(:codes)', { codes }).getMany();
  }

  async childrenOf(codes: readonly string[]): Promise<Area[]> {
    return this.db
      .getRepository(Area)
      .createQueryBuilder('area')
      .where('area.parent_code = ANY(:codes)', { codes })
      .orderBy('area.code', 'ASC')
      .getMany();
  }

  /**
   * The codes among `codes` of areas the actor manages (`actor_manages_area`, the rule the tables' policies apply):
   * what another module asks, in its own transaction, before it places rows there on the actor's behalf. No area
   * (null) is the admins'.
   */
  async managedBy(actor: Actor, codes: readonly (string | null)[]): Promise<Set<string | null>> {
    const unique = [...new Set(codes)];
    const allowed = await actorMayEach(this.db, actor, 'actor_manages_area', unique, 'text');
    return new Set(unique.filter((_, index) => allowed[index]));
  }

  /**
   * Brings the areas in line with the official hierarchy (readOfficialAreas): adds the areas it lacks and corrects
   * names that differ; never deletes an area nor touches a population (a source gave it, the official list has none).
   * Idempotent: a second run changes nothing. Parents come before their children, in batches of a few thousand rows
   * per statement, in the caller's transaction when it passes a manager (the database's own checks hold each row:
   * code format, level matching the code, parent the code's prefix).
   */
  async loadOfficial(areas: readonly OfficialArea[]): Promise<OfficialAreaLoad[]> {
    const work = (manager: EntityManager): Promise<OfficialAreaLoad[]> => upsertOfficialAreas(manager, areas);
    const callersTransaction = (this.db as EntityManager).queryRunner?.isTransactionActive ? (this.db as EntityManager) : null;
    return callersTransaction ? work(callersTransaction) : this.db.transaction(work);
  }
}

/** Rows per statement when loading the official areas. */
const OFFICIAL_BATCH = 2_000;

/** Runs one SQL statement with parameters: a TypeORM manager or query runner, or a `pg` client. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The one statement that brings official areas into the registry (see AreaService.loadOfficial): adds those missing,
 * corrects names that differ, level by level, parents first. On the caller's runner, in whatever transaction it has:
 * `AreaService.loadOfficial` (`pnpm areas:load`, data sets) and the national benchmark's generator share it.
 */
export async function upsertOfficialAreas(runner: SqlRunner, areas: readonly OfficialArea[]): Promise<OfficialAreaLoad[]> {
  const results: OfficialAreaLoad[] = [];
  for (const level of Object.values(AreaLevel)) {
    const ofLevel = areas.filter((area) => area.level === level);
    const result: OfficialAreaLoad = { level, official: ofLevel.length, added: 0, renamed: 0 };
    for (let start = 0; start < ofLevel.length; start += OFFICIAL_BATCH) {
      const batch = ofLevel.slice(start, start + OFFICIAL_BATCH);
      const answer = await runner.query(
        `WITH upserted AS (
           INSERT INTO area (code, name, level, parent_code)
           SELECT code, name, $3, NULLIF(regexp_replace(code, '[.]?[0-9]+$', ''), '')
           FROM unnest($1::text[], $2::text[]) AS incoming(code, name)
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name WHERE area.name IS DISTINCT FROM EXCLUDED.name
           RETURNING (xmax = 0) AS inserted)
         SELECT count(*) FILTER (WHERE inserted) AS added, count(*) FILTER (WHERE NOT inserted) AS renamed FROM upserted`,
        [batch.map((area) => area.code), batch.map((area) => area.name), level],
      );
      // TypeORM answers the rows, `pg` an object holding them.
      const [counts] = (Array.isArray(answer) ? answer : (answer as { rows: unknown[] }).rows) as { added: number | string; renamed: number | string }[];
      result.added += Number(counts!.added);
      result.renamed += Number(counts!.renamed);
    }
    results.push(result);
  }
  return results;
}

/** What loading the official areas did at one level. */
export interface OfficialAreaLoad {
  level: AreaLevel;
  /** Areas of this level in the official list. */
  official: number;
  /** Areas that were not in the registry and now are. */
  added: number;
  /** Areas whose name differed from the official one and was corrected. */
  renamed: number;
}
