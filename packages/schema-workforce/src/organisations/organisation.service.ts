import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccreditationGrade, OrganisationKind } from '@peksos/types';
import {
  assertUuid,
  badInput,
  conflict,
  likeContains,
  lockForUpdate,
  notFound,
  actorMayEach,
  assertManagesArea,
  assertMayReadOrganisation,
  readableOrganisationIds,
  outOfReach,
  type Actor,
  type Queryable,
  paginate,
  readLocking,
  type Connection,
  type PageArgs,
} from '@peksos/schema-kit';
import { AreaService, assertAreaCodeFormat } from '../areas/area.service.js';
import { areaParams, inAreaSql, organisationMatchesTextSql } from '../sql.js';
import { assertNoCurrentAssignments, requiredReason } from '../archiving.js';
import { Organisation } from './organisation.entity.js';
import type { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.input.js';
import { assertManagesOrganisation } from '../scope.js';
import { ORGANISATION_SORT_COLUMNS, OrganisationSortField, type OrganisationFilter, type OrganisationOrder } from './organisations.args.js';


/**
 * An accreditation has both a grade and an expiry date, or neither: the field that is missing when only one is given,
 * else null. The one rule, for `create`/`update` and the spreadsheet import.
 */
export function incompleteAccreditationField(grade: string | null, expiresOn: string | null): 'accreditationGrade' | 'accreditationExpiresOn' | null {
  if ((grade === null) === (expiresOn === null)) return null;
  return grade === null ? 'accreditationGrade' : 'accreditationExpiresOn';
}

/** The columns of an organisation that work on many organisations at once may set (`createMany`, `updateColumns`). */
export interface OrganisationColumns {
  name: string;
  kind: string;
  areaCode: string;
  shouldHaveWorker: boolean;
  accreditationGrade: string | null;
  accreditationExpiresOn: string | null;
  address: string | null;
}

/** Each column's name in the table: also the names the audit log records changes under. */
export const ORGANISATION_COLUMN_NAMES: Record<keyof OrganisationColumns, string> = {
  name: 'name',
  kind: 'kind',
  areaCode: 'area_code',
  shouldHaveWorker: 'should_have_worker',
  accreditationGrade: 'accreditation_grade',
  accreditationExpiresOn: 'accreditation_expires_on',
  address: 'address',
};

/** An organisation as `lockByCodes` reads it, with `xmin`: the transaction that wrote the version read. */
export interface LockedOrganisation extends OrganisationColumns {
  id: string;
  code: string;
  parentId: string | null;
  archived: boolean;
  xmin: string;
  /** Whether the actor may change the organisation (then it is locked). */
  mayChange: boolean;
}

export class OrganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly today: string,
  ) {}

  async get(id: string, field = 'id', db: DataSource | EntityManager = this.dataSource): Promise<Organisation> {
    assertUuid(id, 'Organisation', field);
    const organisation = await db.getRepository(Organisation).findOneBy({ id });
    if (!organisation) throw notFound('Organisation', id, field);
    return organisation;
  }

  /** One organisation as a caller asks for it: a partner's key reads only its own organisations. */
  async read(id: string, actor: Actor): Promise<Organisation> {
    assertMayReadOrganisation(actor, id);
    return this.get(id);
  }

  /** Whether an actor may change each organisation (`workforce_manages_organisation`): `Organisation.viewerCanManage`. */
  canManage(ids: readonly string[], actor: Actor, db: Queryable = this.dataSource): Promise<boolean[]> {
    return actorMayEach(db, actor, 'workforce_manages_organisation', ids);
  }

  async byIds(ids: readonly string[]): Promise<Organisation[]> {
    return this.dataSource.getRepository(Organisation).createQueryBuilder('o').where('o.id = ANY(:ids)', { ids }).getMany();
  }

  async list(filter: OrganisationFilter | undefined, order: OrganisationOrder | undefined, page: PageArgs, actor: Actor) {
    const query = this.dataSource.getRepository(Organisation).createQueryBuilder('o');
    const readable = readableOrganisationIds(actor);
    if (readable) query.andWhere('o.id = ANY(:readable)', { readable });
    if (!filter?.includeArchived) query.andWhere('o.archived_at IS NULL');
    if (filter?.search) {
      query.andWhere(organisationMatchesTextSql('o'), { search: likeContains(filter.search.trim()) });
    }
    if (filter?.areaCode) {
      assertAreaCodeFormat(filter.areaCode, 'areaCode');
      query.andWhere(inAreaSql('o.area_code'), areaParams(filter.areaCode));
    }
    if (filter?.kinds?.length) query.andWhere('o.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter?.shouldHaveWorker !== undefined && filter.shouldHaveWorker !== null) {
      query.andWhere('o.should_have_worker = :shouldHaveWorker', { shouldHaveWorker: filter.shouldHaveWorker });
    }
    const connection = await paginateOrganisations(query, order, page);
    return filter?.areaCode ? new AreaService(this.dataSource).assertExistsIfEmpty(filter.areaCode, connection) : connection;
  }

  async create(input: CreateOrganisationInput, actor: Actor): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      await assertManagesArea(manager, actor, input.areaCode, 'areaCode');
      // A parent links the new organisation into another's hierarchy: only one the actor manages too.
      if (input.parentId) await assertManagesOrganisation(manager, actor, input.parentId, 'parentId');
      const values = await this.checked(manager, {
        code: input.code ?? null,
        name: input.name.trim(),
        kind: input.kind,
        areaCode: input.areaCode,
        parentId: input.parentId ?? null,
        shouldHaveWorker: input.shouldHaveWorker ?? true,
        accreditationGrade: input.accreditationGrade ?? null,
        accreditationExpiresOn: input.accreditationExpiresOn ?? null,
        address: input.address?.trim() || null,
      });
      const repository = manager.getRepository(Organisation);
      return repository.save(repository.create(values));
    });
  }

  async update(id: string, input: UpdateOrganisationInput, actor: Actor): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      await assertManagesOrganisation(manager, actor, id, 'id');
      const current = await lockForUpdate(manager, Organisation, id, { what: 'Organisation', expectedVersion: input.expectedVersion });
      if (input.areaCode && input.areaCode !== current.areaCode) await assertManagesArea(manager, actor, input.areaCode, 'areaCode');
      // A parent it already has may stay; a new one must be the actor's too.
      if (input.parentId && input.parentId !== current.parentId) {
        await assertManagesOrganisation(manager, actor, input.parentId, 'parentId');
      }
      const values = await this.checked(
        manager,
        {
          code: input.code === undefined ? current.code : input.code,
          name: input.name === undefined ? current.name : input.name.trim(),
          kind: input.kind ?? current.kind,
          areaCode: input.areaCode ?? current.areaCode,
          parentId: input.parentId === undefined ? current.parentId : input.parentId,
          shouldHaveWorker: input.shouldHaveWorker ?? current.shouldHaveWorker,
          accreditationGrade: input.accreditationGrade === undefined ? current.accreditationGrade : input.accreditationGrade,
          accreditationExpiresOn:
            input.accreditationExpiresOn === undefined ? current.accreditationExpiresOn : input.accreditationExpiresOn,
          address: input.address === undefined ? current.address : input.address?.trim() || null,
        },
        current,
      );
      return manager.getRepository(Organisation).save(Object.assign(current, values));
    });
  }

  async archive(id: string, reason: string, actor: Actor): Promise<Organisation> {
    const trimmed = requiredReason(reason, 'Give the reason for archiving');
    return this.dataSource.transaction(async (manager) => {
      await assertManagesOrganisation(manager, actor, id, 'id');
      const organisation = await lockForUpdate(manager, Organisation, id, { what: 'Organisation' });
      if (organisation.archivedAt) throw conflict('The organisation is already archived');
      await assertNoCurrentAssignments(manager, { column: 'organisation_id', id, what: 'organisation' }, this.today);
      organisation.archivedAt = new Date();
      organisation.archiveReason = trimmed;
      return manager.getRepository(Organisation).save(organisation);
    });
  }

  // Entry points for work on many organisations at once in another module's transaction (the spreadsheet import):
  // the same rule of who may change which organisation as `create` and `update`, held here and by the database.

  /** The organisations with these codes, those the actor may change locked (FOR UPDATE) until the transaction ends. */
  async lockByCodes(manager: EntityManager, codes: readonly string[]): Promise<LockedOrganisation[]> {
    if (codes.length === 0) return [];
    return readLocking<Omit<LockedOrganisation, 'mayChange'>>(
      manager,
      `SELECT id, code, name, kind, area_code AS "areaCode", parent_id AS "parentId", should_have_worker AS "shouldHaveWorker",
              accreditation_grade AS "accreditationGrade", accreditation_expires_on AS "accreditationExpiresOn", address,
              archived_at IS NOT NULL AS archived, xmin::text AS xmin
       FROM organisation WHERE code = ANY($1::text[])`,
      [codes],
    );
  }

  /**
   * The organisations with these codes, those the actor manages kept from being archived or changed (FOR SHARE)
   * until the caller's transaction ends: those it links to (as a parent, or placing a worker there).
   */
  async shareLockByCodes(manager: EntityManager, codes: readonly string[]): Promise<{ id: string; code: string; archived: boolean; mayChange: boolean }[]> {
    if (codes.length === 0) return [];
    return readLocking<{ id: string; code: string; archived: boolean }>(
      manager,
      `SELECT id, code, archived_at IS NOT NULL AS archived FROM organisation WHERE code = ANY($1::text[])`,
      [codes],
      'SHARE',
    );
  }

  /** Registers organisations (one statement), each in an area the actor manages (FORBIDDEN naming areaCode). */
  async createMany(manager: EntityManager, rows: readonly { code: string; values: OrganisationColumns }[], actor: Actor): Promise<{ id: string; code: string }[]> {
    if (rows.length === 0) return [];
    const areas = rows.map((row) => row.values.areaCode);
    if ((await new AreaService(manager).managedBy(actor, areas)).size < new Set(areas).size) throw outOfReach(actor, 'areaCode');
    const column = <K extends keyof OrganisationColumns>(key: K) => rows.map((row) => row.values[key]);
    return (await manager.query(
      `INSERT INTO organisation (code, name, kind, area_code, should_have_worker, accreditation_grade, accreditation_expires_on, address)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::date[], $8::text[])
       RETURNING id, code`,
      [
        rows.map((row) => row.code),
        column('name'),
        column('kind'),
        column('areaCode'),
        column('shouldHaveWorker'),
        column('accreditationGrade'),
        column('accreditationExpiresOn'),
        column('address'),
      ],
    )) as { id: string; code: string }[];
  }

  /**
   * Sets exactly the columns given on one organisation; the others keep their stored values. As `update`: only an
   * organisation the actor manages (FORBIDDEN naming code), moved only to an area they manage (naming areaCode).
   */
  async updateColumns(manager: EntityManager, id: string, set: Partial<OrganisationColumns>, actor: Actor): Promise<void> {
    const keys = (Object.keys(set) as (keyof OrganisationColumns)[]).filter((key) => key in ORGANISATION_COLUMN_NAMES);
    if (keys.length === 0) return;
    if (!(await this.canManage([id], actor, manager))[0]) throw outOfReach(actor, 'code');
    if (set.areaCode !== undefined) await assertManagesArea(manager, actor, set.areaCode, 'areaCode');
    await manager.query(
      `UPDATE organisation SET ${keys.map((key, index) => `${ORGANISATION_COLUMN_NAMES[key]} = $${index + 2}`).join(', ')},
              version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id, ...keys.map((key) => set[key])],
    );
  }

  /**
   * Links an organisation to its parent (or none). As `update`: the organisation the actor's, and a new parent theirs
   * too (FORBIDDEN naming parentId). `newVersion`: whether this counts as a change of its own (not the second step of
   * creating the organisation).
   */
  async setParent(manager: EntityManager, id: string, parentId: string | null, newVersion: boolean, actor: Actor): Promise<void> {
    if (!(await this.canManage([id], actor, manager))[0]) throw outOfReach(actor, 'code');
    if (parentId) await assertManagesOrganisation(manager, actor, parentId, 'parentId');
    await manager.query(
      newVersion
        ? `UPDATE organisation SET parent_id = $2, version = version + 1, updated_at = now() WHERE id = $1`
        : `UPDATE organisation SET parent_id = $2 WHERE id = $1`,
      [id, parentId],
    );
  }

  /** The organisations among `ids` whose chain of parents now loops back to them. */
  async inParentCycle(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
    const rows = (await manager.query(
      `WITH RECURSIVE chain (start_id, id, depth) AS (
         SELECT o.id, o.parent_id, 1 FROM organisation o WHERE o.id = ANY($1::uuid[]) AND o.parent_id IS NOT NULL
         UNION ALL
         SELECT chain.start_id, o.parent_id, chain.depth + 1 FROM chain JOIN organisation o ON o.id = chain.id
         WHERE o.parent_id IS NOT NULL AND chain.id <> chain.start_id AND chain.depth < 1000)
       SELECT DISTINCT start_id AS id FROM chain WHERE id = start_id`,
      [ids],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Checks the rules that span rows or fields, and returns the values to store. */
  private async checked(
    manager: EntityManager,
    values: Pick<
      Organisation,
      | 'code'
      | 'name'
      | 'kind'
      | 'areaCode'
      | 'parentId'
      | 'shouldHaveWorker'
      | 'accreditationGrade'
      | 'accreditationExpiresOn'
      | 'address'
    >,
    current?: Organisation,
  ) {
    await new AreaService(manager).get(values.areaCode, 'areaCode');
    if (values.parentId) {
      if (current && values.parentId === current.id) throw badInput('parentId', 'An organisation cannot be its own parent');
      const parent = await this.get(values.parentId, 'parentId', manager);
      if (parent.archivedAt) throw badInput('parentId', 'The parent organisation is archived');
      if (current && (await this.isDescendant(manager, parent.id, current.id))) {
        throw badInput('parentId', 'The parent would be one of the organisation’s own sub-organisations');
      }
    }
    if (values.code !== null && values.code !== (current?.code ?? null)) {
      const taken = await manager.getRepository(Organisation).findOneBy({ code: values.code });
      if (taken) throw conflict(`Another organisation already has the code ${values.code}`, 'code');
    }
    const incomplete = incompleteAccreditationField(values.accreditationGrade, values.accreditationExpiresOn);
    if (incomplete) throw badInput(incomplete, 'An accreditation needs both a grade and an expiry date');
    if (values.accreditationGrade && !Object.values(AccreditationGrade).includes(values.accreditationGrade)) {
      throw badInput('accreditationGrade', 'Accreditation grade is A, B or C');
    }
    if (!Object.values(OrganisationKind).includes(values.kind)) throw badInput('kind', 'Unknown organisation kind');
    return values;
  }

  private async isDescendant(manager: EntityManager, candidateId: string, ancestorId: string): Promise<boolean> {
    const rows = (await manager.query(
      `WITH RECURSIVE chain AS (
         SELECT id, parent_id FROM organisation WHERE id = $1
         UNION SELECT o.id, o.parent_id FROM organisation o JOIN chain ON o.id = chain.parent_id)
       SELECT 1 FROM chain WHERE id = $2 LIMIT 1`,
      [candidateId, ancestorId],
    )) as unknown[];
    return rows.length > 0;
  }
}

/** Orders and pages an organisation query (alias `o`); the order always ends with the id. */
export async function paginateOrganisations(
  query: SelectQueryBuilder<Organisation>,
  order: OrganisationOrder | undefined,
  page: PageArgs,
): Promise<Connection<Organisation>> {
  const column = ORGANISATION_SORT_COLUMNS[order?.field ?? OrganisationSortField.NAME];
  const direction = order?.direction ?? 'ASC';
  return paginate(query, [[column, direction], ['o.id', direction]], page);
}

