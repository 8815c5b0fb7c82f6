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
  type Actor,
  paginate,
  type Connection,
  type PageArgs,
} from '@peksos/schema-kit';
import { AreaService, assertAreaCodeFormat } from '../areas/area.service.js';
import { areaParams, inAreaSql, organisationMatchesTextSql } from '../sql.js';
import { Organisation } from './organisation.entity.js';
import type { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.input.js';
import { assertManagesOrganisation } from '../scope.js';
import { ORGANISATION_SORT_COLUMNS, OrganisationSortField, type OrganisationFilter, type OrganisationOrder } from './organisations.args.js';

const ARCHIVE_REASON_MAX = 500;

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
  canManage(ids: readonly string[], actor: Actor): Promise<boolean[]> {
    return actorMayEach(this.dataSource, actor, 'workforce_manages_organisation', ids);
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
    const trimmed = reason.trim();
    if (!trimmed) throw badInput('reason', 'Give the reason for archiving');
    if (trimmed.length > ARCHIVE_REASON_MAX) throw badInput('reason', `The reason may be at most ${ARCHIVE_REASON_MAX} characters`);
    return this.dataSource.transaction(async (manager) => {
      await assertManagesOrganisation(manager, actor, id, 'id');
      const organisation = await lockForUpdate(manager, Organisation, id, { what: 'Organisation' });
      if (organisation.archivedAt) throw conflict('The organisation is already archived');
      const [{ count }] = (await manager.query(
        `SELECT count(*) AS count FROM assignment a WHERE a.organisation_id = $1 AND (a.ends_on IS NULL OR a.ends_on > $2)`,
        [id, this.today],
      )) as [{ count: number }];
      if (count > 0) {
        throw conflict(`The organisation still has ${count} current or future assignment(s): end them before archiving`);
      }
      organisation.archivedAt = new Date();
      organisation.archiveReason = trimmed;
      return manager.getRepository(Organisation).save(organisation);
    });
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
    if ((values.accreditationGrade === null) !== (values.accreditationExpiresOn === null)) {
      throw badInput(
        values.accreditationGrade === null ? 'accreditationGrade' : 'accreditationExpiresOn',
        'An accreditation needs both a grade and an expiry date',
      );
    }
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

