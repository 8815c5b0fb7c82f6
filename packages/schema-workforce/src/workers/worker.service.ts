import type { DataSource, EntityManager } from 'typeorm';
import {
  assertUuid,
  badInput,
  conflict,
  likeContains,
  lockForUpdate,
  notFound,
  paginate,
  type Connection,
  type PageArgs,
} from '@peksos/schema-kit';
import { AreaService, assertAreaCodeFormat } from '../areas/area.service.js';
import { areaParams, assignmentActiveSql, certificationStatusSql, inAreaSql, workerFoundByTextSql } from '../sql.js';
import { Worker } from './worker.entity.js';
import type { CreateWorkerInput, UpdateWorkerInput } from './worker.input.js';
import { WORKER_SORT_COLUMNS, WorkerSortField, type WorkerFilter, type WorkerOrder } from './workers.args.js';
import { Access, actorMayEach, assertManagesArea, recordAuditedRead, type Actor } from '@peksos/schema-kit';
import { assertManagesWorker } from '../scope.js';

const ARCHIVE_REASON_MAX = 500;

/**
 * Who may read a worker's personal data (phone, e-mail, masked NIK, home area): the access rules of those fields
 * (workforce.module.ts), and what the workers list may filter on for the caller.
 */
export const WORKER_PERSONAL_DATA_READERS = Access.managers;

/** Whether this caller may read workers' home areas. */
export function mayReadHomeAreas(actor: Actor): boolean {
  return actor.role !== null && (WORKER_PERSONAL_DATA_READERS as readonly string[]).includes(actor.role);
}

type WorkerValues = Pick<
  Worker,
  'fullName' | 'gender' | 'employmentStatus' | 'nationalIdNumber' | 'phone' | 'email' | 'homeAreaCode'
>;

export class WorkerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly today: string,
  ) {}

  async get(id: string, field = 'id', db: DataSource | EntityManager = this.dataSource): Promise<Worker> {
    assertUuid(id, 'Worker', field);
    const worker = await db.getRepository(Worker).findOneBy({ id });
    if (!worker) throw notFound('Worker', id, field);
    return worker;
  }

  /**
   * Whether an actor may change each worker (`workforce_manages_worker`, the rule the database's policies hold every
   * write to): what `Worker.viewerCanManage` answers, so the console offers only the actions that would succeed.
   */
  canManage(ids: readonly string[], actor: Actor): Promise<boolean[]> {
    return actorMayEach(this.dataSource, actor, 'workforce_manages_worker', ids);
  }

  async byIds(ids: readonly string[]): Promise<Worker[]> {
    return this.dataSource.getRepository(Worker).createQueryBuilder('w').where('w.id = ANY(:ids)', { ids }).getMany();
  }

  /**
   * A page of workers. `areaCode` matches workers placed in the area today, and, for a caller who may read home areas,
   * unplaced workers who live there; for others (viewers, partners) only the placements, so the filter cannot tell
   * them what the homeArea field hides (docs/access.md).
   */
  async list(
    filter: WorkerFilter | undefined,
    order: WorkerOrder | undefined,
    page: PageArgs,
    options: { homeAreas: boolean } = { homeAreas: true },
  ): Promise<Connection<Worker>> {
    const query = this.dataSource.getRepository(Worker).createQueryBuilder('w').setParameter('asOf', this.today);
    if (!filter?.includeArchived) query.andWhere('w.archived_at IS NULL');
    if (filter?.search) {
      query.andWhere(workerFoundByTextSql('w', { homeAreas: options.homeAreas }), { search: likeContains(filter.search.trim()) });
    }
    const placedToday = `EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND ${assignmentActiveSql('a')})`;
    if (filter?.areaCode) {
      assertAreaCodeFormat(filter.areaCode, 'areaCode');
      const placedInArea = `EXISTS (SELECT 1 FROM assignment a JOIN organisation o ON o.id = a.organisation_id
                  WHERE a.worker_id = w.id AND ${assignmentActiveSql('a')} AND ${inAreaSql('o.area_code')})`;
      query.andWhere(
        options.homeAreas ? `(${placedInArea} OR (NOT ${placedToday} AND ${inAreaSql('w.home_area_code')}))` : placedInArea,
        areaParams(filter.areaCode),
      );
    }
    if (filter?.placed === true) query.andWhere(placedToday);
    if (filter?.placed === false) query.andWhere(`NOT ${placedToday}`);
    if (filter?.certificationStatus) {
      query.andWhere(`${certificationStatusSql('w.id')} = :status`, { status: filter.certificationStatus });
    }
    const column = WORKER_SORT_COLUMNS[order?.field ?? WorkerSortField.FULL_NAME];
    const direction = order?.direction ?? 'ASC';
    const connection = await paginate(query, [[column, direction], ['w.id', direction]], page);
    return filter?.areaCode ? new AreaService(this.dataSource).assertExistsIfEmpty(filter.areaCode, connection) : connection;
  }

  async create(input: CreateWorkerInput, actor: Actor): Promise<Worker> {
    return this.dataSource.transaction(async (manager) => {
      // A worker is their home area's: a coordinator's new worker lives in their area (one without a home area is the
      // admins'), or the worker would be theirs to create but not to manage.
      await assertManagesArea(manager, actor, input.homeAreaCode, 'homeAreaCode');
      const values = await this.checked(manager, {
        fullName: input.fullName.trim(),
        gender: input.gender,
        employmentStatus: input.employmentStatus,
        nationalIdNumber: input.nationalIdNumber ?? null,
        phone: input.phone ?? null,
        email: input.email?.trim() || null,
        homeAreaCode: input.homeAreaCode ?? null,
      });
      const repository = manager.getRepository(Worker);
      return repository.save(repository.create(values));
    });
  }

  async update(id: string, input: UpdateWorkerInput, actor: Actor): Promise<Worker> {
    return this.dataSource.transaction(async (manager) => {
      await assertManagesWorker(manager, actor, id, 'id');
      const current = await lockForUpdate(manager, Worker, id, { what: 'Worker', expectedVersion: input.expectedVersion });
      // Moving a worker (or removing their home area) hands them over: only to an area the actor manages too.
      if (input.homeAreaCode !== undefined && input.homeAreaCode !== current.homeAreaCode) {
        await assertManagesArea(manager, actor, input.homeAreaCode, 'homeAreaCode');
      }
      const pick = <K extends keyof WorkerValues>(key: K, value: WorkerValues[K] | undefined): WorkerValues[K] =>
        value === undefined ? current[key] : value;
      const values = await this.checked(
        manager,
        {
          fullName: input.fullName === undefined || input.fullName === null ? current.fullName : input.fullName.trim(),
          gender: input.gender ?? current.gender,
          employmentStatus: input.employmentStatus ?? current.employmentStatus,
          nationalIdNumber: pick('nationalIdNumber', input.nationalIdNumber),
          phone: pick('phone', input.phone),
          email: input.email === undefined ? current.email : input.email?.trim() || null,
          homeAreaCode: pick('homeAreaCode', input.homeAreaCode),
        },
        current,
      );
      return manager.getRepository(Worker).save(Object.assign(current, values));
    });
  }

  async archive(id: string, reason: string, actor: Actor): Promise<Worker> {
    const trimmed = reason.trim();
    if (!trimmed) throw badInput('reason', 'Give the reason for archiving');
    if (trimmed.length > ARCHIVE_REASON_MAX) throw badInput('reason', `The reason may be at most ${ARCHIVE_REASON_MAX} characters`);
    return this.dataSource.transaction(async (manager) => {
      await assertManagesWorker(manager, actor, id, 'id');
      const worker = await lockForUpdate(manager, Worker, id, { what: 'Worker' });
      if (worker.archivedAt) throw conflict('The worker is already archived');
      const [{ count }] = (await manager.query(
        `SELECT count(*) AS count FROM assignment a WHERE a.worker_id = $1 AND (a.ends_on IS NULL OR a.ends_on > $2)`,
        [id, this.today],
      )) as [{ count: number }];
      if (count > 0) throw conflict(`The worker still has ${count} current or future assignment(s): end them before archiving`);
      worker.archivedAt = new Date();
      worker.archiveReason = trimmed;
      return manager.getRepository(Worker).save(worker);
    });
  }

  /** The whole NIK, recorded as read (with the reason) in the same transaction; none if the worker has none. */
  async revealNationalIdNumber(id: string, reason: string): Promise<string | null> {
    const trimmed = reason.trim();
    if (!trimmed) throw badInput('reason', 'Say why you need the whole national ID number');
    if (trimmed.length > ARCHIVE_REASON_MAX) throw badInput('reason', `The reason may be at most ${ARCHIVE_REASON_MAX} characters`);
    return this.dataSource.transaction(async (manager) => {
      const worker = await this.get(id, 'workerId', manager);
      await recordAuditedRead(manager, 'worker', worker.id, { field: 'national_id_number', reason: trimmed });
      return worker.nationalIdNumber;
    });
  }

  private async checked(manager: EntityManager, values: WorkerValues, current?: Worker): Promise<WorkerValues> {
    if (values.homeAreaCode) await new AreaService(manager).get(values.homeAreaCode, 'homeAreaCode');
    if (values.nationalIdNumber && values.nationalIdNumber !== current?.nationalIdNumber) {
      const taken = await manager.getRepository(Worker).findOneBy({ nationalIdNumber: values.nationalIdNumber });
      if (taken) throw conflict('Another worker is registered with this national ID number', 'nationalIdNumber');
    }
    return values;
  }
}

/** Shows only the last four digits of a national ID number. */
export function maskNationalIdNumber(value: string | null): string | null {
  return value ? `${'*'.repeat(value.length - 4)}${value.slice(-4)}` : null;
}
