import type { DataSource, EntityManager } from 'typeorm';
import { CertificationRecordKind } from '@peksos/types';
import { assertUuid, inTransaction, lockForUpdate, badInput, conflict, notFound, paginate, type PageArgs } from '@peksos/schema-kit';
import { Worker } from '../workers/worker.entity.js';
import { Certification } from './certification.entity.js';
import type { CertificationFilter, RecordCertificationInput, ScheduleCompetencyTestInput } from './certification.input.js';
import type { Actor } from '@peksos/schema-kit';
import { assertManagesWorker } from '../scope.js';

export class CertificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly today: string,
  ) {}

  async get(id: string): Promise<Certification> {
    assertUuid(id, 'Certification', 'id');
    const certification = await this.dataSource.getRepository(Certification).findOneBy({ id });
    if (!certification) throw notFound('Certification', id, 'id');
    return certification;
  }

  async list(filter: CertificationFilter | undefined, page: PageArgs) {
    const query = this.dataSource.getRepository(Certification).createQueryBuilder('c');
    if (filter?.workerId) {
      assertUuid(filter.workerId, 'Worker', 'workerId');
      query.andWhere('c.worker_id = :workerId', { workerId: filter.workerId });
    }
    if (filter?.kind) query.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter?.level) query.andWhere('c.level = :level', { level: filter.level });
    return paginate(query, [['c.created_at', 'DESC'], ['c.id', 'DESC']], page);
  }

  /** Every record of each worker, newest first. */
  async byWorkerIds(workerIds: readonly string[]): Promise<Certification[]> {
    return this.dataSource
      .getRepository(Certification)
      .createQueryBuilder('c')
      .where('c.worker_id = ANY(:workerIds)', { workerIds })
      .orderBy('coalesce(c.issued_on, c.test_date)', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }

  /**
   * Records a certificate a worker obtained: by whoever manages the worker (their home area's coordinator, or an
   * admin). Other modules record one through this, in their own transaction (`manager`): the training extension
   * when a competency test is passed.
   */
  async record(input: RecordCertificationInput, actor: Actor, manager?: EntityManager): Promise<Certification> {
    if (input.issuedOn > this.today) throw badInput('issuedOn', 'A certificate cannot be issued in the future');
    if (input.expiresOn && input.expiresOn <= input.issuedOn) {
      throw badInput('expiresOn', 'The certificate must expire after the day it was issued');
    }
    return inTransaction(this.dataSource, manager, async (manager) => {
      await assertManagesWorker(manager, actor, input.workerId, 'workerId');
      const worker = await lockForUpdate(manager, Worker, input.workerId, { what: 'Worker', field: 'workerId' });
      if (worker.archivedAt) throw conflict('The worker is archived', 'workerId');
      const number = input.certificateNumber.trim();
      const taken = await manager.getRepository(Certification).findOneBy({ certificateNumber: number });
      if (taken) throw conflict(`Certificate number ${number} is already recorded`, 'certificateNumber');
      const repository = manager.getRepository(Certification);
      return repository.save(
        repository.create({
          workerId: worker.id,
          kind: CertificationRecordKind.CERTIFICATE,
          level: input.level,
          certificateNumber: number,
          issuer: input.issuer.trim(),
          issuedOn: input.issuedOn,
          expiresOn: input.expiresOn ?? null,
          testDate: null,
        }),
      );
    });
  }

  async scheduleTest(input: ScheduleCompetencyTestInput, actor: Actor): Promise<Certification> {
    return this.dataSource.transaction(async (manager) => {
      await assertManagesWorker(manager, actor, input.workerId, 'workerId');
      const worker = await lockForUpdate(manager, Worker, input.workerId, { what: 'Worker', field: 'workerId' });
      if (worker.archivedAt) throw conflict('The worker is archived', 'workerId');
      const repository = manager.getRepository(Certification);
      return repository.save(
        repository.create({
          workerId: worker.id,
          kind: CertificationRecordKind.SCHEDULED_TEST,
          level: input.level,
          testDate: input.testDate,
          certificateNumber: null,
          issuer: null,
          issuedOn: null,
          expiresOn: null,
        }),
      );
    });
  }
}
