import type { DataSource } from 'typeorm';
import {
  actorMay,
  actorMayEach,
  assertActorMay,
  assertUuid,
  badInput,
  conflict,
  isUuid,
  lockForUpdate,
  notFound,
  type Actor,
} from '@peksos/schema-kit';
import { AssignmentService } from '../assignments/assignment.service.js';
import { OrganisationService } from '../organisations/organisation.service.js';
import { assertManagesOrganisation } from '../scope.js';
import { WorkerService } from '../workers/worker.service.js';
import { PlacementRequest, PlacementRequestStatus } from './placement-request.entity.js';
import type { RequestPlacementInput } from './placement-request.input.js';

const TEXT_MAX = 500;

/**
 * Placement requests (docs/access.md, "Who may change which rows"): placing a worker of another area is not the
 * requester's to do; they ask, and whoever manages the worker (their home area's coordinator, or an admin) answers.
 * Accepting makes the assignment through AssignmentService, in the same transaction. The database holds the same
 * rules (`placement_request` policies, `workforce_answers_placement_request`).
 */
export class PlacementRequestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly today: string,
  ) {}

  async get(id: string, field = 'id'): Promise<PlacementRequest> {
    assertUuid(id, 'Placement request', field);
    const request = await this.dataSource.getRepository(PlacementRequest).findOneBy({ id });
    if (!request) throw notFound('Placement request', id, field);
    return request;
  }

  /**
   * Requests, newest first: with `areaCode`, those of workers whose home area lies there (the ones that area's
   * coordinator answers); with `organisationAreaCode`, those asked for organisations there (the ones it asked).
   */
  async list(filter: { status?: PlacementRequestStatus | null; areaCode?: string | null; organisationAreaCode?: string | null }): Promise<PlacementRequest[]> {
    const query = this.dataSource
      .getRepository(PlacementRequest)
      .createQueryBuilder('r')
      .innerJoin('worker', 'w', 'w.id = r.worker_id')
      .innerJoin('organisation', 'o', 'o.id = r.organisation_id');
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    // "Lies in the area" is the one rule of areas: what a coordinator of that area would manage.
    if (filter.areaCode) query.andWhere(`actor_manages_area('coordinator', :answerArea, w.home_area_code)`, { answerArea: filter.areaCode });
    if (filter.organisationAreaCode) {
      query.andWhere(`actor_manages_area('coordinator', :askArea, o.area_code)`, { askArea: filter.organisationAreaCode });
    }
    return query.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'ASC').limit(500).getMany();
  }

  /** Whether an actor may answer each request (they manage its worker): `PlacementRequest.viewerCanAnswer`. */
  canAnswer(ids: readonly string[], actor: Actor): Promise<boolean[]> {
    return actorMayEach(this.dataSource, actor, 'workforce_answers_placement_request', ids);
  }

  async request(input: RequestPlacementInput, actor: Actor): Promise<PlacementRequest> {
    const note = input.note?.trim() || null;
    if (note && note.length > TEXT_MAX) throw badInput('note', `The note may be at most ${TEXT_MAX} characters`);
    const startsOn = input.startsOn ?? this.today;
    return this.dataSource.transaction(async (manager) => {
      await assertManagesOrganisation(manager, actor, input.organisationId, 'organisationId');
      const worker = await new WorkerService(this.dataSource, this.today).get(input.workerId, 'workerId', manager);
      if (worker.archivedAt) throw conflict('The worker is archived', 'workerId');
      if ((await actorMay(manager, actor, 'workforce_manages_worker', worker.id)) === true) {
        throw badInput('workerId', 'You manage this worker: place them yourself (assignWorker)');
      }
      const organisation = await new OrganisationService(this.dataSource, this.today).get(input.organisationId, 'organisationId', manager);
      if (organisation.archivedAt) throw conflict('The organisation is archived', 'organisationId');
      const [{ overlapping }] = (await manager.query(
        `SELECT count(*)::int AS overlapping FROM assignment a WHERE a.worker_id = $1 AND a.organisation_id = $2
           AND daterange(a.starts_on, a.ends_on, '[)') && daterange($3::date, NULL, '[)')`,
        [worker.id, organisation.id, startsOn],
      )) as [{ overlapping: number }];
      if (overlapping > 0) throw conflict('The worker is already assigned to this organisation for that period', 'organisationId');
      const repository = manager.getRepository(PlacementRequest);
      return repository.save(
        repository.create({
          workerId: worker.id,
          organisationId: organisation.id,
          startsOn,
          isPrimary: input.isPrimary ?? false,
          note,
          status: PlacementRequestStatus.PENDING,
          requestedBy: actor.label,
          decidedBy: null,
          decidedAt: null,
          declineReason: null,
          assignmentId: null,
        }),
      );
    });
  }

  /** Accepts a pending request: the assignment is made, in the same transaction, and the request points to it. */
  async accept(id: string, actor: Actor): Promise<PlacementRequest> {
    return this.dataSource.transaction(async (manager) => {
      if (isUuid(id)) await assertActorMay(manager, actor, 'workforce_answers_placement_request', id, 'id', NOT_YOURS);
      const request = await lockForUpdate(manager, PlacementRequest, id, { what: 'Placement request' });
      if (request.status !== PlacementRequestStatus.PENDING) throw conflict(`The request is already ${request.status.toLowerCase()}`, 'id');
      const assignment = await new AssignmentService(this.dataSource, this.today).place(
        manager,
        { workerId: request.workerId, organisationId: request.organisationId, startsOn: request.startsOn, isPrimary: request.isPrimary },
        { worker: 'id', organisation: 'id', placedThere: 'id', isPrimary: 'id', limitOverrideReason: 'id' },
      );
      request.status = PlacementRequestStatus.ACCEPTED;
      request.assignmentId = assignment.id;
      request.decidedBy = actor.label;
      request.decidedAt = new Date();
      return manager.getRepository(PlacementRequest).save(request);
    });
  }

  async decline(id: string, reason: string, actor: Actor): Promise<PlacementRequest> {
    const trimmed = reason.trim();
    if (!trimmed) throw badInput('reason', 'Give the reason for declining');
    if (trimmed.length > TEXT_MAX) throw badInput('reason', `The reason may be at most ${TEXT_MAX} characters`);
    return this.dataSource.transaction(async (manager) => {
      if (isUuid(id)) await assertActorMay(manager, actor, 'workforce_answers_placement_request', id, 'id', NOT_YOURS);
      const request = await lockForUpdate(manager, PlacementRequest, id, { what: 'Placement request' });
      if (request.status !== PlacementRequestStatus.PENDING) throw conflict(`The request is already ${request.status.toLowerCase()}`, 'id');
      request.status = PlacementRequestStatus.DECLINED;
      request.declineReason = trimmed;
      request.decidedBy = actor.label;
      request.decidedAt = new Date();
      return manager.getRepository(PlacementRequest).save(request);
    });
  }

  /**
   * The side that asked (whoever manages the organisation) takes back a pending request: it places nobody, and the
   * organisation is no longer shown as requested. Final, like an answer.
   */
  async withdraw(id: string, actor: Actor): Promise<PlacementRequest> {
    return this.dataSource.transaction(async (manager) => {
      if (isUuid(id)) await assertActorMay(manager, actor, 'workforce_withdraws_placement_request', id, 'id', NOT_THE_ASKER);
      const request = await lockForUpdate(manager, PlacementRequest, id, { what: 'Placement request' });
      if (request.status !== PlacementRequestStatus.PENDING) throw conflict(`The request is already ${request.status.toLowerCase()}`, 'id');
      request.status = PlacementRequestStatus.WITHDRAWN;
      request.decidedBy = actor.label;
      request.decidedAt = new Date();
      return manager.getRepository(PlacementRequest).save(request);
    });
  }

  /** Whether an actor may withdraw each request (they manage its organisation): `PlacementRequest.viewerCanWithdraw`. */
  canWithdraw(ids: readonly string[], actor: Actor): Promise<boolean[]> {
    return actorMayEach(this.dataSource, actor, 'workforce_withdraws_placement_request', ids);
  }
}

const NOT_THE_ASKER = 'The organisation belongs to another area: its coordinator (or an admin) withdraws this request';
const NOT_YOURS = "The worker belongs to another area: their coordinator (or an admin) answers this request";
