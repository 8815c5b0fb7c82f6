import type { DataSource, EntityManager } from 'typeorm';
import {
  assertUuid,
  conflict,
  likeContains,
  lockForUpdate,
  notFound,
  paginate,
  readLocking,
  type Connection,
  type PageArgs,
} from '@peksos/schema-kit';
import { AreaService, assertAreaCodeFormat } from '../areas/area.service.js';
import { areaParams, certificationStatusSql, placedSql, workerFoundByTextSql, workerInAreaSql } from '../sql.js';
import { assertNoCurrentAssignments, requiredReason } from '../archiving.js';
import { Worker } from './worker.entity.js';
import type { CreateWorkerInput, UpdateWorkerInput } from './worker.input.js';
import { WORKER_SORT_COLUMNS, WorkerSortField, type WorkerFilter, type WorkerOrder } from './workers.args.js';
import { Access, actorMayEach, assertManagesArea, outOfReach, recordAuditedRead, type Actor, type Queryable } from '@peksos/schema-kit';
import { assertManagesWorker } from '../scope.js';

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

/** The columns of a worker that work on many workers at once may set (`createMany`, `updateMany`). */
export interface WorkerColumns {
  fullName: string;
  gender: string;
  employmentStatus: string;
  phone: string | null;
  email: string | null;
  homeAreaCode: string | null;
}

/** Each column's name in the table: also the names the audit log records changes under. */
export const WORKER_COLUMN_NAMES: Record<keyof WorkerColumns, string> = {
  fullName: 'full_name',
  gender: 'gender',
  employmentStatus: 'employment_status',
  phone: 'phone',
  email: 'email',
  homeAreaCode: 'home_area_code',
};

/** A worker as `lockByNationalIds` reads it. */
export interface LockedWorker extends WorkerColumns {
  id: string;
  nationalIdNumber: string;
  archived: boolean;
  /** The transaction that wrote this version of the row. */
  xmin: string;
  /** Whether the actor may change the worker (then it is locked); otherwise it was only read. */
  mayChange: boolean;
}

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
  canManage(ids: readonly string[], actor: Actor, db: Queryable = this.dataSource): Promise<boolean[]> {
    return actorMayEach(db, actor, 'workforce_manages_worker', ids);
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
    if (filter?.areaCode) {
      assertAreaCodeFormat(filter.areaCode, 'areaCode');
      query.andWhere(workerInAreaSql('w', options.homeAreas), areaParams(filter.areaCode));
    }
    if (filter?.placed === true) query.andWhere(placedSql('w'));
    if (filter?.placed === false) query.andWhere(`NOT ${placedSql('w')}`);
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
    const trimmed = requiredReason(reason, 'Give the reason for archiving');
    return this.dataSource.transaction(async (manager) => {
      await assertManagesWorker(manager, actor, id, 'id');
      const worker = await lockForUpdate(manager, Worker, id, { what: 'Worker' });
      if (worker.archivedAt) throw conflict('The worker is already archived');
      await assertNoCurrentAssignments(manager, { column: 'worker_id', id, what: 'worker' }, this.today);
      worker.archivedAt = new Date();
      worker.archiveReason = trimmed;
      return manager.getRepository(Worker).save(worker);
    });
  }

  /** The whole NIK, recorded as read (with the reason) in the same transaction; none if the worker has none. */
  async revealNationalIdNumber(id: string, reason: string): Promise<string | null> {
    const trimmed = requiredReason(reason, 'Say why you need the whole national ID number');
    return this.dataSource.transaction(async (manager) => {
      const worker = await this.get(id, 'workerId', manager);
      await recordAuditedRead(manager, 'worker', worker.id, { field: 'national_id_number', reason: trimmed });
      return worker.nationalIdNumber;
    });
  }

  // Entry points for work on many workers at once in another module's transaction (the spreadsheet import): the same
  // rule of who may change which worker, held here, and by the database's policies on every statement.

  /**
   * The workers with these NIKs, those the actor may change locked (FOR UPDATE) until the caller's transaction ends
   * (`mayChange`), each with `xmin`: the transaction that wrote the version read (how an import tells a row changed by
   * someone else while it ran).
   */
  async lockByNationalIds(manager: EntityManager, niks: readonly string[]): Promise<LockedWorker[]> {
    if (niks.length === 0) return [];
    return readLocking<Omit<LockedWorker, 'mayChange'>>(
      manager,
      `SELECT id, national_id_number AS "nationalIdNumber", full_name AS "fullName", gender,
              employment_status AS "employmentStatus", phone, email, home_area_code AS "homeAreaCode",
              archived_at IS NOT NULL AS archived, xmin::text AS xmin
       FROM worker WHERE national_id_number = ANY($1::text[])`,
      [niks],
    );
  }

  /**
   * Registers workers in one statement, as `create` does one: each in an area the actor manages (FORBIDDEN naming
   * homeAreaCode otherwise). The caller has checked each row's values (the NIK not taken, the area existing).
   */
  async createMany(manager: EntityManager, rows: readonly { nationalIdNumber: string; values: Partial<WorkerColumns> }[], actor: Actor): Promise<{ id: string; nik: string }[]> {
    if (rows.length === 0) return [];
    await this.assertManagesAreas(manager, actor, rows.map((row) => row.values.homeAreaCode ?? null));
    const column = <K extends keyof WorkerColumns>(key: K) => rows.map((row) => row.values[key] ?? null);
    return (await manager.query(
      `INSERT INTO worker (national_id_number, full_name, gender, employment_status, phone, email, home_area_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       RETURNING id, national_id_number AS nik`,
      [
        rows.map((row) => row.nationalIdNumber),
        column('fullName'),
        column('gender'),
        column('employmentStatus'),
        column('phone'),
        column('email'),
        column('homeAreaCode'),
      ],
    )) as { id: string; nik: string }[];
  }

  /**
   * Sets, on each worker, exactly the columns its entry names (one statement for the batch): a column an entry leaves
   * out keeps its stored value, whatever it is by the time the row is written. As `update`: only workers the actor
   * manages (FORBIDDEN naming nationalIdNumber), moved only to an area they manage too (naming homeAreaCode).
   */
  async updateMany(manager: EntityManager, updates: readonly { id: string; set: Partial<WorkerColumns> }[], actor: Actor): Promise<void> {
    if (updates.length === 0) return;
    if ((await this.canManage(updates.map((update) => update.id), actor, manager)).includes(false)) throw outOfReach(actor, 'nationalIdNumber');
    await this.assertManagesAreas(manager, actor, updates.flatMap((update) => ('homeAreaCode' in update.set ? [update.set.homeAreaCode ?? null] : [])));
    const keys = Object.keys(WORKER_COLUMN_NAMES) as (keyof WorkerColumns)[];
    const params: unknown[] = [updates.map((update) => update.id)];
    const columns = keys.map((key) => {
      params.push(updates.map((update) => key in update.set));
      params.push(updates.map((update) => update.set[key] ?? null));
      return { column: WORKER_COLUMN_NAMES[key], flag: `$${params.length - 1}`, value: `$${params.length}` };
    });
    await manager.query(
      `UPDATE worker w SET
         ${columns.map(({ column }) => `${column} = CASE WHEN u.set_${column} THEN u.${column} ELSE w.${column} END`).join(',\n         ')},
         version = w.version + 1, updated_at = now()
       FROM unnest($1::uuid[], ${columns.map(({ flag, value }) => `${flag}::boolean[], ${value}::text[]`).join(', ')})
         AS u(id, ${columns.map(({ column }) => `set_${column}, ${column}`).join(', ')})
       WHERE w.id = u.id`,
      params,
    );
  }

  /** Refuses (FORBIDDEN naming homeAreaCode) a home area the actor does not manage; none is the admins'. */
  private async assertManagesAreas(manager: EntityManager, actor: Actor, codes: readonly (string | null)[]): Promise<void> {
    if (codes.length === 0) return;
    const allowed = await actorMayEach(manager, actor, 'actor_manages_area', [...new Set(codes)], 'text');
    if (allowed.includes(false)) throw outOfReach(actor, 'homeAreaCode');
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
