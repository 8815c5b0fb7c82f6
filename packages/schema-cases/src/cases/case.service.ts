import type { DataSource, EntityManager } from 'typeorm';
import { CaseStatus } from '@peksos/types';
import {
  assertUuid,
  badInput,
  conflict,
  likeContains,
  lockForUpdate,
  notFound,
  paginate,
  type Connection,
  type NestedList,
  type PageArgs,
  type SortKey,
} from '@peksos/schema-kit';
import { areaParams, assertManagesOrganisation, inAreaSql, organisationFoundByTextSql, OrganisationService } from '@peksos/schema-workforce';
import { actorMayEach, assertActorMay, forbidden, isUuid, readableOrganisationIds, type Actor } from '@peksos/schema-kit';
import { PmksCategory } from '../pmks-categories/pmks-category.entity.js';
import { SocialCase } from './case.entity.js';
import { CaseSortField, type CaseFilter, type CaseOrder, type OpenCaseInput, type UpdateCaseInput } from './case.input.js';

const SORT_COLUMNS: Record<CaseSortField, string> = {
  [CaseSortField.OPENED_ON]: 'c.opened_on',
  [CaseSortField.REFERENCE]: 'c.reference',
};
const CLOSING_NOTE_MAX = 2000;

/** Nested lists of cases, newest first (the id breaks ties). */
const NESTED_CASE_ORDER: SortKey[] = [
  ['c.opened_on', 'DESC'],
  ['c.id', 'DESC'],
];

/** A case is managed by whoever manages its organisation (the SQL rule `cases_manages_case`). */
export async function assertManagesCase(manager: EntityManager, actor: Actor, caseId: string, field: string): Promise<void> {
  if (isUuid(caseId)) await assertActorMay(manager, actor, 'cases_manages_case', caseId, field);
}

/** A social_case row as PostgreSQL returns it (dates as 'YYYY-MM-DD', timestamps as Date: @peksos/db's parsers). */
interface CaseRow {
  id: string;
  reference: string;
  pmks_category_code: string;
  organisation_id: string;
  status: CaseStatus;
  opened_on: string;
  closed_on: string | null;
  summary: string | null;
  closing_note: string | null;
  /** ISO 8601 (the nested page comes as JSON: `NestedList.rows`). */
  created_at: string;
  updated_at: string;
  version: number;
}

/** The columns of a social_case row (alias c) the light fields need, by name, for the nested lists of cases. */
const LIGHT_CASE_COLUMNS = {
  id: 'c.id',
  reference: 'c.reference',
  pmks_category_code: 'c.pmks_category_code',
  organisation_id: 'c.organisation_id',
  status: 'c.status',
  opened_on: 'c.opened_on',
  closed_on: 'c.closed_on',
} as const;

/** Every column of a social_case row. */
const NESTED_CASE_COLUMNS = {
  ...LIGHT_CASE_COLUMNS,
  summary: 'c.summary',
  closing_note: 'c.closing_note',
  created_at: 'c.created_at',
  updated_at: 'c.updated_at',
  version: 'c.version',
} as const;

/**
 * The fields of a case read from these columns alone: a nested list whose request asks for no other field of its cases
 * (the bench's `cases { nodes { id reference } }`) reads only these, without the two timestamps, whose parsing was
 * about an eighth of the memory such a request allocated, nor the texts (docs/benchmark.md).
 */
const LIGHT_CASE_FIELDS = new Set(['__typename', 'id', 'reference', 'pmksCategoryCode', 'organisationId', 'status', 'openedOn', 'closedOn']);

/** The columns a nested list of cases reads for the fields selected (`selectedNodeFields`); all when not known. */
function nestedCaseRows(fields: ReadonlySet<string> | undefined): NonNullable<NestedList<SocialCase>['rows']> {
  const light = fields !== undefined && [...fields].every((field) => LIGHT_CASE_FIELDS.has(field));
  return { columns: light ? LIGHT_CASE_COLUMNS : NESTED_CASE_COLUMNS, fromRow: (row) => caseFromRow(row as unknown as CaseRow) };
}

/** A case of a row; with the light columns only, the other fields stay unset (they were not asked for). */
function caseFromRow(row: CaseRow): SocialCase {
  return Object.assign(new SocialCase(), {
    id: row.id,
    reference: row.reference,
    pmksCategoryCode: row.pmks_category_code,
    organisationId: row.organisation_id,
    status: row.status,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    summary: row.summary,
    closingNote: row.closing_note,
    createdAt: row.created_at === undefined ? undefined : new Date(row.created_at),
    updatedAt: row.updated_at === undefined ? undefined : new Date(row.updated_at),
    version: row.version,
  });
}

export class CaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly today: string,
  ) {}

  async get(id: string, field = 'id'): Promise<SocialCase> {
    assertUuid(id, 'Case', field);
    const found = await this.dataSource.getRepository(SocialCase).findOneBy({ id });
    if (!found) throw notFound('Case', id, field);
    return found;
  }

  /**
   * One case as a caller asks for it. A partner's key reads only cases of its own organisations; any other id,
   * existing or not, is refused the same way, so a partner learns nothing about other organisations' cases.
   */
  async read(id: string, actor: Actor): Promise<SocialCase> {
    const readable = readableOrganisationIds(actor);
    if (!readable) return this.get(id);
    const found = isUuid(id) ? await this.dataSource.getRepository(SocialCase).findOneBy({ id }) : null;
    if (!found || !readable.includes(found.organisationId)) {
      throw forbidden('This API key may read only the cases of its own organisations', 'id');
    }
    return found;
  }

  /** Whether an actor may change each case (`cases_manages_case`, its organisation's area): `Case.viewerCanManage`. */
  canManage(ids: readonly string[], actor: Actor): Promise<boolean[]> {
    return actorMayEach(this.dataSource, actor, 'cases_manages_case', ids);
  }

  /**
   * Cases by id, mapped by hand rather than by TypeORM's entity transformer: the nested lists load thousands at a time
   * (2,793 for the bench's page of 50 organisations), where the transformer cost more than the query.
   */
  async byIds(ids: readonly string[]): Promise<SocialCase[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, reference, pmks_category_code, organisation_id, status, opened_on, closed_on, summary, closing_note,
              created_at, updated_at, version
       FROM social_case WHERE id = ANY($1)`,
      [ids],
    )) as CaseRow[];
    return rows.map(caseFromRow);
  }

  /**
   * An organisation's cases (`parent.id`), as a nested list to page with `nestedConnection`; `fields`, the fields of
   * the cases the request selects, when known (fewer columns for fewer fields).
   */
  organisationCases(status: CaseStatus | null, fields?: ReadonlySet<string>): NestedList<SocialCase> {
    return {
      source: {
        from: 'social_case c',
        where: `c.organisation_id = parent.id${status ? ' AND c.status = $2' : ''}`,
        parameters: status ? [status] : [],
        id: 'c.id',
      },
      order: NESTED_CASE_ORDER,
      byIds: (ids) => this.byIds(ids),
      rows: nestedCaseRows(fields),
    };
  }

  /**
   * The cases a worker (`parent.id`) is or was involved in, each once, as a nested list to page. From the worker's
   * involvements (the btree on worker_id, reached with `= ANY`: with `= parent.id` PostgreSQL took the GiST exclusion
   * index, where worker_id is not the first column), each case probed by its key. Written as `c.id IN (…)` over
   * social_case, PostgreSQL walked the cases in page order and the nested bench question hit the statement timeout
   * (> 5 s for 277 workers); this way ~70-100 ms. `fields` as for `organisationCases`.
   */
  workerCases(status: CaseStatus | null, fields?: ReadonlySet<string>): NestedList<SocialCase> {
    return {
      source: {
        from: `(SELECT DISTINCT ci.case_id FROM case_involvement ci WHERE ci.worker_id = ANY (ARRAY[parent.id])) i
               JOIN social_case c ON c.id = i.case_id`,
        where: status ? 'c.status = $2' : 'TRUE',
        parameters: status ? [status] : [],
        id: 'c.id',
      },
      order: NESTED_CASE_ORDER,
      byIds: (ids) => this.byIds(ids),
      rows: nestedCaseRows(fields),
    };
  }

  async list(
    filter: CaseFilter | undefined,
    order: CaseOrder | undefined,
    page: PageArgs,
    actor: Actor,
  ): Promise<Connection<SocialCase>> {
    const query = this.dataSource.getRepository(SocialCase).createQueryBuilder('c');
    const readable = readableOrganisationIds(actor);
    if (readable) query.andWhere('c.organisation_id = ANY(:readable)', { readable });
    if (filter?.search) {
      // The reference, the summary, or the handling organisation (its name, code, kecamatan or kelurahan).
      query.andWhere(`(c.reference ILIKE :search OR c.summary ILIKE :search OR ${organisationFoundByTextSql('c.organisation_id')})`, {
        search: likeContains(filter.search.trim()),
      });
    }
    if (filter?.organisationId) {
      assertUuid(filter.organisationId, 'Organisation', 'organisationId');
      query.andWhere('c.organisation_id = :organisationId', { organisationId: filter.organisationId });
    }
    if (filter?.workerId) {
      assertUuid(filter.workerId, 'Worker', 'workerId');
      query.andWhere('EXISTS (SELECT 1 FROM case_involvement i WHERE i.case_id = c.id AND i.worker_id = :workerId)', {
        workerId: filter.workerId,
      });
    }
    if (filter?.areaCode) {
      query.andWhere(`EXISTS (SELECT 1 FROM organisation o WHERE o.id = c.organisation_id AND ${inAreaSql('o.area_code')})`, areaParams(filter.areaCode));
    }
    if (filter?.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter?.pmksCategoryCode) query.andWhere('c.pmks_category_code = :category', { category: filter.pmksCategoryCode });
    const direction = order?.direction ?? 'DESC';
    return paginate(query, [[SORT_COLUMNS[order?.field ?? CaseSortField.OPENED_ON], direction], ['c.id', direction]], page);
  }

  async open(input: OpenCaseInput, actor: Actor): Promise<SocialCase> {
    const openedOn = input.openedOn ?? this.today;
    if (openedOn > this.today) throw badInput('openedOn', 'A case cannot be opened in the future');
    return this.dataSource.transaction(async (manager) => {
      await assertManagesOrganisation(manager, actor, input.organisationId, 'organisationId');
      await this.checkCategory(manager, input.pmksCategoryCode);
      await this.checkOrganisation(manager, input.organisationId);
      const repository = manager.getRepository(SocialCase);
      if (await repository.findOneBy({ reference: input.reference })) {
        throw conflict(`A case with reference ${input.reference} already exists`, 'reference');
      }
      return repository.save(
        repository.create({
          reference: input.reference,
          pmksCategoryCode: input.pmksCategoryCode,
          organisationId: input.organisationId,
          status: CaseStatus.OPEN,
          openedOn,
          closedOn: null,
          summary: input.summary?.trim() || null,
          closingNote: null,
        }),
      );
    });
  }

  async update(id: string, input: UpdateCaseInput, actor: Actor): Promise<SocialCase> {
    return this.dataSource.transaction(async (manager) => {
      await assertManagesCase(manager, actor, id, 'id');
      const current = await lockForUpdate(manager, SocialCase, id, { what: 'Case', expectedVersion: input.expectedVersion });
      if (current.status === CaseStatus.CLOSED) throw conflict('The case is closed');
      if (input.pmksCategoryCode !== undefined && input.pmksCategoryCode !== null) {
        await this.checkCategory(manager, input.pmksCategoryCode);
        current.pmksCategoryCode = input.pmksCategoryCode;
      }
      if (input.organisationId !== undefined && input.organisationId !== null) {
        await assertManagesOrganisation(manager, actor, input.organisationId, 'organisationId');
        await this.checkOrganisation(manager, input.organisationId);
        current.organisationId = input.organisationId;
      }
      if (input.summary !== undefined) current.summary = input.summary?.trim() || null;
      return manager.getRepository(SocialCase).save(current);
    });
  }

  /** Closes a case and ends the involvements still running on the closing date. */
  async close(id: string, closedOn: string, closingNote: string | null | undefined, actor: Actor): Promise<SocialCase> {
    const note = closingNote?.trim() || null;
    if (note && note.length > CLOSING_NOTE_MAX) throw badInput('closingNote', `At most ${CLOSING_NOTE_MAX} characters`);
    return this.dataSource.transaction(async (manager) => {
      await assertManagesCase(manager, actor, id, 'id');
      const current = await lockForUpdate(manager, SocialCase, id, { what: 'Case' });
      if (current.status === CaseStatus.CLOSED) throw conflict(`The case was already closed on ${current.closedOn}`);
      if (closedOn < current.openedOn) throw badInput('closedOn', `The case cannot close before it opened (${current.openedOn})`);
      const [{ later }] = (await manager.query(
        `SELECT count(*) AS later FROM case_involvement WHERE case_id = $1 AND starts_on >= $2 AND ends_on IS NULL`,
        [id, closedOn],
      )) as [{ later: number }];
      if (later > 0) throw badInput('closedOn', 'Someone’s involvement starts on or after that date: end it first');
      await manager.query(
        `UPDATE case_involvement SET ends_on = $2, updated_at = now() WHERE case_id = $1 AND (ends_on IS NULL OR ends_on > $2)`,
        [id, closedOn],
      );
      current.status = CaseStatus.CLOSED;
      current.closedOn = closedOn;
      current.closingNote = note;
      return manager.getRepository(SocialCase).save(current);
    });
  }

  private async checkCategory(manager: EntityManager, code: string): Promise<void> {
    if (!(await manager.getRepository(PmksCategory).findOneBy({ code }))) {
      throw notFound('PMKS category', code, 'pmksCategoryCode');
    }
  }

  private async checkOrganisation(manager: EntityManager, organisationId: string): Promise<void> {
    const organisation = await new OrganisationService(this.dataSource, this.today).get(organisationId, 'organisationId', manager);
    if (organisation.archivedAt) throw conflict('The organisation is archived', 'organisationId');
  }
}
