import type { DataSource, EntityManager } from 'typeorm';
import { CaseStatus } from '@peksos/types';
import { assertUuid, inTransaction, lockForUpdate, badInput, conflict, notFound, paginate, type NestedList, type PageArgs } from '@peksos/schema-kit';
import { checkLimitOverride, ProfessionalRoleService, WorkerService } from '@peksos/schema-workforce';
import { CaseWorkloadService } from '../workload/case-workload.service.js';
import { SocialCase } from '../cases/case.entity.js';
import { CaseInvolvement } from './case-involvement.entity.js';
import type { CaseInvolvementFilter, InvolveWorkerInput } from './case-involvement.input.js';
import { actorMay, assertActorMay, isUuid, outOfReach, type Actor } from '@peksos/schema-kit';
import { assertManagesCase } from '../cases/case.service.js';

const ACTIVE = 'i.starts_on <= :today AND (i.ends_on IS NULL OR i.ends_on > :today)';

export class CaseInvolvementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly today: string,
  ) {}

  async get(id: string): Promise<CaseInvolvement> {
    assertUuid(id, 'Case involvement', 'id');
    const found = await this.dataSource.getRepository(CaseInvolvement).findOneBy({ id });
    if (!found) throw notFound('Case involvement', id, 'id');
    return found;
  }

  async list(filter: CaseInvolvementFilter | undefined, page: PageArgs) {
    const query = this.dataSource.getRepository(CaseInvolvement).createQueryBuilder('i');
    if (filter?.caseId) {
      assertUuid(filter.caseId, 'Case', 'caseId');
      query.andWhere('i.case_id = :caseId', { caseId: filter.caseId });
    }
    if (filter?.workerId) {
      assertUuid(filter.workerId, 'Worker', 'workerId');
      query.andWhere('i.worker_id = :workerId', { workerId: filter.workerId });
    }
    if (filter?.roleCode) query.andWhere('i.role_code = :roleCode', { roleCode: filter.roleCode });
    if (filter?.activeOnly) query.andWhere(ACTIVE, { today: this.today });
    return paginate(query, [['i.starts_on', 'DESC'], ['i.id', 'ASC']], page);
  }

  async byCaseIds(caseIds: readonly string[], activeOnly: boolean): Promise<CaseInvolvement[]> {
    const query = this.dataSource.getRepository(CaseInvolvement).createQueryBuilder('i').where('i.case_id = ANY(:caseIds)', { caseIds });
    if (activeOnly) query.andWhere(ACTIVE, { today: this.today });
    return query.orderBy('i.is_lead', 'DESC').addOrderBy('i.starts_on', 'ASC').addOrderBy('i.id', 'ASC').getMany();
  }

  /** A worker's (`parent.id`) involvements, newest first (only those not ended with activeOnly), as a nested list. */
  workerInvolvements(activeOnly: boolean): NestedList<CaseInvolvement> {
    return {
      source: {
        from: 'case_involvement i',
        where: `i.worker_id = parent.id${activeOnly ? ' AND i.starts_on <= $2::date AND (i.ends_on IS NULL OR i.ends_on > $2::date)' : ''}`,
        parameters: activeOnly ? [this.today] : [],
        id: 'i.id',
      },
      order: [
        ['i.starts_on', 'DESC'],
        ['i.id', 'ASC'],
      ],
      byIds: (ids) => this.dataSource.getRepository(CaseInvolvement).createQueryBuilder('i').where('i.id = ANY(:ids)', { ids }).getMany(),
    };
  }

  /**
   * Involves a worker in an open case in a role. The case row is locked, so concurrent requests queue. In the caller's
   * transaction when given one (the handover), whose errors about the worker name `workerField`.
   */
  async involve(input: InvolveWorkerInput, actor: Actor, manager?: EntityManager, workerField = 'workerId'): Promise<CaseInvolvement> {
    const startsOn = input.startsOn ?? this.today;
    const isLead = input.isLead ?? false;
    const overrideReason = checkLimitOverride(actor, input.limitOverrideReason, 'limitOverrideReason');
    return inTransaction(this.dataSource, manager, async (manager) => {
      await assertManagesCase(manager, actor, input.caseId, 'caseId');
      // The worker is the actor's, or placed at one of the actor's organisations when the involvement starts.
      if (isUuid(input.workerId) && (await actorMay(manager, actor, 'cases_may_involve', input.workerId, startsOn)) === false) {
        throw outOfReach(actor, workerField, 'The worker belongs to another area and is not placed in yours on that day');
      }
      const socialCase = await lockForUpdate(manager, SocialCase, input.caseId, { what: 'Case', field: 'caseId' });
      if (socialCase.status === CaseStatus.CLOSED) throw conflict('The case is closed', 'caseId');
      if (startsOn < socialCase.openedOn) {
        throw badInput('startsOn', `The involvement cannot start before the case opened (${socialCase.openedOn})`);
      }
      const worker = await new WorkerService(this.dataSource, this.today).get(input.workerId, workerField, manager);
      if (worker.archivedAt) throw conflict('The worker is archived', workerField);
      await new ProfessionalRoleService(this.dataSource).get(input.roleCode, 'roleCode', manager);
      const overlapping = (await manager.query(
        `SELECT worker_id, role_code, is_lead FROM case_involvement
         WHERE case_id = $1 AND daterange(starts_on, ends_on, '[)') && daterange($2::date, NULL, '[)')`,
        [socialCase.id, startsOn],
      )) as { worker_id: string; role_code: string; is_lead: boolean }[];
      if (overlapping.some((row) => row.worker_id === worker.id && row.role_code === input.roleCode)) {
        throw conflict('The worker already holds this role in the case', 'roleCode');
      }
      if (isLead && overlapping.some((row) => row.is_lead)) {
        throw conflict('The case already has a lead worker for that period', 'isLead');
      }
      // Two involvements of one worker in different cases queue here, so they cannot both pass the limit. An advisory
      // lock, not a row lock: a coordinator may involve a worker of another area placed in theirs, whose row the
      // worker table's policy would not let them lock.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('case_workload:' || $1, 0))`, [worker.id]);
      const limitOverrideReason = await new CaseWorkloadService(manager).assertMayJoinCase(manager, worker.id, socialCase.id, startsOn, overrideReason, workerField);
      const repository = manager.getRepository(CaseInvolvement);
      return repository.save(
        repository.create({ caseId: socialCase.id, workerId: worker.id, roleCode: input.roleCode, startsOn, endsOn: null, isLead, limitOverrideReason }),
      );
    });
  }

  /**
   * Ends an involvement, by whoever manages its case. In the caller's transaction when given one (the handover), whose
   * refusal names `refusal.field` (the handover's input has no `id`) and may explain itself with `refusal.message`.
   */
  async end(id: string, endsOn: string, actor: Actor, manager?: EntityManager, refusal: { field: string; message?: string } = { field: 'id' }): Promise<CaseInvolvement> {
    return inTransaction(this.dataSource, manager, async (manager) => {
      if (isUuid(id)) await assertActorMay(manager, actor, 'cases_manages_involvement', id, refusal.field, refusal.message);
      const involvement = await lockForUpdate(manager, CaseInvolvement, id, { what: 'Case involvement' });
      if (involvement.endsOn !== null) throw conflict(`The involvement already ended on ${involvement.endsOn}`);
      if (endsOn <= involvement.startsOn) throw badInput('endsOn', `The end must come after the start (${involvement.startsOn})`);
      involvement.endsOn = endsOn;
      return manager.getRepository(CaseInvolvement).save(involvement);
    });
  }
}
