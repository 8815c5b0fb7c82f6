import type { DataSource, EntityManager } from 'typeorm';
import { assertUuid, inTransaction, isUuid, lockForUpdate, readLocking, badInput, conflict, notFound, paginate, type NestedList, type PageArgs } from '@peksos/schema-kit';
import { assignmentActiveSql, assignmentNotEndedSql } from '../sql.js';
import { REASON_MAX } from '../archiving.js';
import { OrganisationService } from '../organisations/organisation.service.js';
import { Worker } from '../workers/worker.entity.js';
import { Assignment, placementConflict } from './assignment.entity.js';
import type { AssignmentFilter, AssignWorkerInput } from './assignment.input.js';
import { actorMayEach, assertActorMay, type Actor, type Queryable } from '@peksos/schema-kit';
import { assertManagesOrganisation, assertManagesWorker } from '../scope.js';
import { checkLimitOverride, WorkloadService, type PlacementPeriod } from '../workload/workload.service.js';


/** The columns of an assignment that may change once it is made: its end, its reason, and whether it is primary. */
export interface AssignmentColumns {
  endsOn: string | null;
  isPrimary: boolean;
  endReason: string | null;
}

/** Each column's name in the table: also the names the audit log records changes under. */
export const ASSIGNMENT_COLUMN_NAMES: Record<keyof AssignmentColumns, string> = { endsOn: 'ends_on', isPrimary: 'is_primary', endReason: 'end_reason' };

/** An assignment as `lockOfWorkers` reads it, with `xmin`: the transaction that wrote the version read. */
export interface LockedAssignment extends AssignmentColumns {
  id: string;
  workerId: string;
  organisationId: string;
  startsOn: string;
  xmin: string;
  /** Whether the actor may change the assignment (then it is locked). */
  mayChange: boolean;
}

/**
 * The input fields an error names: those of assignWorker, or of the row of a plan being accepted, or of a handover's
 * replacement (whose input has no organisation: the placement taken over stands for it).
 */
export interface PlaceFields {
  /** The worker: out of reach, missing, archived, or beyond the placements limit. */
  worker: string;
  /** The organisation: out of reach, missing or archived. */
  organisation: string;
  /** The worker is already placed at the organisation for the period. */
  placedThere: string;
  /** The worker already has a primary placement for the period. */
  isPrimary: string;
  limitOverrideReason: string;
}

const ASSIGN_FIELDS: PlaceFields = {
  worker: 'workerId',
  organisation: 'organisationId',
  placedThere: 'organisationId',
  isPrimary: 'isPrimary',
  limitOverrideReason: 'limitOverrideReason',
};

export class AssignmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly today: string,
  ) {}

  async get(id: string): Promise<Assignment> {
    assertUuid(id, 'Assignment', 'id');
    const assignment = await this.dataSource.getRepository(Assignment).findOneBy({ id });
    if (!assignment) throw notFound('Assignment', id, 'id');
    return assignment;
  }

  async list(filter: AssignmentFilter | undefined, page: PageArgs) {
    const query = this.dataSource.getRepository(Assignment).createQueryBuilder('a');
    if (filter?.workerId) {
      assertUuid(filter.workerId, 'Worker', 'workerId');
      query.andWhere('a.worker_id = :workerId', { workerId: filter.workerId });
    }
    if (filter?.organisationId) {
      assertUuid(filter.organisationId, 'Organisation', 'organisationId');
      query.andWhere('a.organisation_id = :organisationId', { organisationId: filter.organisationId });
    }
    if (filter?.activeOn) {
      query.andWhere(assignmentActiveSql('a', ':activeOn'), { activeOn: filter.activeOn });
    } else if (filter?.includeEnded === false) {
      query.andWhere(assignmentNotEndedSql('a', ':today'), { today: this.today });
    }
    return paginate(query, [['a.starts_on', 'DESC'], ['a.id', 'ASC']], page);
  }

  /** Assignments of the organisations: those active on `activeOn`, or all of them (newest first) when null. */
  async byOrganisationIds(organisationIds: readonly string[], activeOn: string | null): Promise<Assignment[]> {
    const query = this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .where('a.organisation_id = ANY(:organisationIds)', { organisationIds });
    if (activeOn) query.andWhere(assignmentActiveSql('a', ':activeOn'), { activeOn });
    return query.orderBy('a.starts_on', 'DESC').addOrderBy('a.id', 'ASC').getMany();
  }

  /** An organisation's (`parent.id`) assignments, newest first: those active on `activeOn`, or all when null. */
  organisationAssignments(activeOn: string | null): NestedList<Assignment> {
    return {
      source: {
        from: 'assignment a',
        where: `a.organisation_id = parent.id${activeOn ? ` AND ${assignmentActiveSql('a', '$2::date')}` : ''}`,
        parameters: activeOn ? [activeOn] : [],
        id: 'a.id',
      },
      order: [
        ['a.starts_on', 'DESC'],
        ['a.id', 'ASC'],
      ],
      byIds: (ids) => this.dataSource.getRepository(Assignment).createQueryBuilder('a').where('a.id = ANY(:ids)', { ids }).getMany(),
    };
  }

  async byWorkerIds(workerIds: readonly string[], activeOn: string | null): Promise<Assignment[]> {
    const query = this.dataSource
      .getRepository(Assignment)
      .createQueryBuilder('a')
      .where('a.worker_id = ANY(:workerIds)', { workerIds });
    if (activeOn) query.andWhere(assignmentActiveSql('a', ':activeOn'), { activeOn });
    return query.orderBy('a.starts_on', 'DESC').addOrderBy('a.id', 'ASC').getMany();
  }

  /**
   * Places a worker at an organisation. The worker's row is locked for the transaction, so two requests assigning
   * the same worker run one after the other and the second sees the first; the database's exclusion constraints
   * (`assignment_no_overlap`, `assignment_one_primary_at_a_time`) refuse an overlap whatever path a write takes.
   */
  async assign(input: AssignWorkerInput, actor: Actor, manager?: EntityManager, fields = ASSIGN_FIELDS): Promise<Assignment> {
    const overrideReason = checkLimitOverride(actor, input.limitOverrideReason, fields.limitOverrideReason);
    return inTransaction(this.dataSource, manager, async (manager) => {
      await assertManagesOrganisation(manager, actor, input.organisationId, fields.organisation);
      await assertManagesWorker(
        manager,
        actor,
        input.workerId,
        fields.worker,
        'The worker belongs to another area: request the placement (requestPlacement); their coordinator or an admin answers',
      );
      return this.place(manager, input, fields, overrideReason);
    });
  }

  /**
   * Whether the worker holds a primary placement not ended by `date`, so one starting then must be secondary: how an
   * accepted plan and a handover choose `isPrimary` for the placements they make. False for a malformed id (the
   * placement's own checks then refuse it, naming the field).
   */
  async holdsPrimaryFrom(manager: EntityManager, workerId: string, date: string): Promise<boolean> {
    if (!isUuid(workerId)) return false;
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = $1::uuid AND a.is_primary AND ${assignmentNotEndedSql('a', '$2::date')}) AS held`,
      [workerId, date],
    )) as { held: boolean }[];
    return row!.held;
  }

  /**
   * Makes the assignment, in the caller's transaction, once the caller has decided who may: `assign` (who manages
   * both sides) and an accepted placement request (who manages the worker, answering the organisation's side). The
   * database's policy on the assignment table holds either way.
   */
  async place(manager: EntityManager, input: AssignWorkerInput, field: PlaceFields = ASSIGN_FIELDS, overrideReason: string | null = null): Promise<Assignment> {
    const startsOn = input.startsOn ?? this.today;
    const isPrimary = input.isPrimary ?? true;
    const worker = await lockForUpdate(manager, Worker, input.workerId, { what: 'Worker', field: field.worker });
    if (worker.archivedAt) throw conflict('The worker is archived', field.worker);
    const organisation = await new OrganisationService(this.dataSource, this.today).get(input.organisationId, field.organisation, manager);
    if (organisation.archivedAt) throw conflict('The organisation is archived', field.organisation);

    const others = await manager.getRepository(Assignment).findBy({ workerId: worker.id });
    const problem = placementConflict({ organisationId: organisation.id, startsOn, endsOn: null, isPrimary }, others);
    if (problem === 'assignmentOverlap') {
      throw conflict('The worker is already assigned to this organisation for that period', field.placedThere);
    }
    if (problem === 'primaryOverlap') {
      throw conflict(
        'The worker already has a primary placement for that period: end it first, or make this one not primary',
        field.isPrimary,
      );
    }
    const limitOverrideReason = await new WorkloadService(manager).assertMayTakePlacement({ startsOn, endsOn: null }, others, overrideReason, field.worker);
    const repository = manager.getRepository(Assignment);
    return repository.save(
      repository.create({ workerId: worker.id, organisationId: organisation.id, startsOn, isPrimary, endsOn: null, endReason: null, limitOverrideReason }),
    );
  }

  /**
   * Ends an assignment: `endsOn` is the first day the worker no longer serves there. The row stays as history. In the
   * caller's transaction when given one (the handover), whose refusals name `options.field` (its input has no `id`);
   * with `options.bringForward` an end already planned after `endsOn` moves to it (the handover ends everything the
   * worker holds on its day), where endAssignment refuses an assignment that has an end.
   */
  async end(
    id: string,
    endsOn: string,
    reason: string | null | undefined,
    actor: Actor,
    manager?: EntityManager,
    options: { field: string; bringForward?: boolean } = { field: 'id' },
  ): Promise<Assignment> {
    const trimmedReason = reason?.trim() || null;
    if (trimmedReason && trimmedReason.length > REASON_MAX) {
      throw badInput('reason', `The reason may be at most ${REASON_MAX} characters`);
    }
    return inTransaction(this.dataSource, manager, async (manager) => {
      // Whoever manages the organisation (the worker leaves it) or the worker (they are called back) may end it.
      if (isUuid(id)) await assertActorMay(manager, actor, 'workforce_manages_assignment', id, options.field);
      const assignment = await lockForUpdate(manager, Assignment, id, { what: 'Assignment', field: options.field });
      if (assignment.endsOn !== null && !(options.bringForward && assignment.endsOn > endsOn)) {
        throw conflict(`The assignment already ended on ${assignment.endsOn}`, options.field);
      }
      if (endsOn <= assignment.startsOn) {
        throw badInput('endsOn', `The end must come after the start (${assignment.startsOn})`);
      }
      assignment.endsOn = endsOn;
      assignment.endReason = trimmedReason;
      return manager.getRepository(Assignment).save(assignment);
    });
  }

  // Entry points for work on many assignments in another module's transaction (the spreadsheet import), which has
  // locked the workers first (WorkerService.lockByNationalIds), as `place` does, and checked the periods.

  /** Every assignment of these workers, those the actor may change locked (FOR UPDATE) until the transaction ends. */
  async lockOfWorkers(manager: EntityManager, workerIds: readonly string[]): Promise<LockedAssignment[]> {
    if (workerIds.length === 0) return [];
    return readLocking<Omit<LockedAssignment, 'mayChange'>>(
      manager,
      `SELECT id, worker_id AS "workerId", organisation_id AS "organisationId", starts_on AS "startsOn", ends_on AS "endsOn",
              is_primary AS "isPrimary", end_reason AS "endReason", xmin::text AS xmin
       FROM assignment WHERE worker_id = ANY($1::uuid[])`,
      [workerIds],
    );
  }

  /**
   * Records an assignment, current or past, as `assign` places one: by whoever manages both the organisation and the
   * worker (FORBIDDEN naming organisationId or workerId), and, when it runs today or later, within the office's
   * placements limit (`placementLimitExcess`; WORKLOAD_LIMIT_EXCEEDED naming workerId; no override: a past one is
   * history and is recorded as it was). `others` are the worker's other assignments as the caller has locked and read
   * them (`lockOfWorkers`); they are read here when not given.
   */
  async insert(
    manager: EntityManager,
    row: { workerId: string; organisationId: string; startsOn: string } & AssignmentColumns,
    actor: Actor,
    others?: readonly PlacementPeriod[],
  ): Promise<string> {
    await assertManagesOrganisation(manager, actor, row.organisationId, 'organisationId');
    await assertManagesWorker(manager, actor, row.workerId, 'workerId');
    if (row.endsOn === null || row.endsOn > this.today) {
      const held =
        others ??
        ((await manager.query(`SELECT starts_on AS "startsOn", ends_on AS "endsOn" FROM assignment WHERE worker_id = $1`, [row.workerId])) as PlacementPeriod[]);
      await new WorkloadService(manager).assertMayTakePlacement(row, held, null, 'workerId');
    }
    const [created] = (await manager.query(
      `INSERT INTO assignment (worker_id, organisation_id, starts_on, ends_on, is_primary, end_reason)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.workerId, row.organisationId, row.startsOn, row.endsOn, row.isPrimary, row.endReason],
    )) as { id: string }[];
    return created!.id;
  }

  /** Sets exactly the columns given on one assignment, as `end` does: by whoever manages its organisation or worker. */
  async updateColumns(manager: EntityManager, id: string, set: Partial<AssignmentColumns>, actor: Actor): Promise<void> {
    const keys = (Object.keys(set) as (keyof AssignmentColumns)[]).filter((key) => key in ASSIGNMENT_COLUMN_NAMES);
    if (keys.length === 0) return;
    await assertActorMay(manager, actor, 'workforce_manages_assignment', id, 'id');
    await manager.query(
      `UPDATE assignment SET ${keys.map((key, index) => `${ASSIGNMENT_COLUMN_NAMES[key]} = $${index + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...keys.map((key) => set[key])],
    );
  }

  /** Whether the actor may change each assignment (`workforce_manages_assignment`), asked inside `db`. */
  canManage(ids: readonly string[], actor: Actor, db: Queryable = this.dataSource): Promise<boolean[]> {
    return actorMayEach(db, actor, 'workforce_manages_assignment', ids);
  }
}
