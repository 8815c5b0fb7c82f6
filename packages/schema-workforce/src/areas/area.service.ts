import type { DataSource, EntityManager } from 'typeorm';
import { AREA_CODE_PATTERN } from '@peksos/types';
import { actorMayEach, badInput, likeContains, notFound, paginate, type Actor, type Connection, type PageArgs } from '@peksos/schema-kit';
import { Area } from './area.entity.js';
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
}
