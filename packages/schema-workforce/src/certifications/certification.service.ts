import type { DataSource, EntityManager } from 'typeorm';
import { CertificationRecordKind } from '@peksos/types';
import { actorMayEach, assertUuid, inTransaction, lockForUpdate, badInput, conflict, notFound, outOfReach, paginate, readLocking, type PageArgs } from '@peksos/schema-kit';
import { Worker } from '../workers/worker.entity.js';
import { Certification } from './certification.entity.js';
import type { CertificationFilter, RecordCertificationInput, ScheduleCompetencyTestInput } from './certification.input.js';
import type { Actor } from '@peksos/schema-kit';
import { assertManagesWorker } from '../scope.js';

/**
 * What is wrong with a certificate's dates, if anything: issued after `today`, or expiring on or before the day it was
 * issued. The one rule, for `record` and for the spreadsheet import (which reports it on the row's column).
 */
export function certificateDatesProblem(issuedOn: string, expiresOn: string | null, today: string): 'issuedInFuture' | 'expiresBeforeIssued' | null {
  if (issuedOn > today) return 'issuedInFuture';
  if (expiresOn && expiresOn <= issuedOn) return 'expiresBeforeIssued';
  return null;
}

/** A certificate's values, as work on many certificates at once sets them. */
export interface CertificateColumns {
  level: string;
  number: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
}

/** A certificate as `lockByNumbers` reads it, with `xmin`: the transaction that wrote the version read. */
export interface LockedCertificate extends CertificateColumns {
  id: string;
  workerId: string;
  xmin: string;
  /** Whether the actor may change the certificate (then it is locked). */
  mayChange: boolean;
}

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
    const problem = certificateDatesProblem(input.issuedOn, input.expiresOn ?? null, this.today);
    if (problem === 'issuedInFuture') throw badInput('issuedOn', 'A certificate cannot be issued in the future');
    if (problem === 'expiresBeforeIssued') throw badInput('expiresOn', 'The certificate must expire after the day it was issued');
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

  // Entry points for work on many certificates at once in another module's transaction (the spreadsheet import):
  // each refuses (FORBIDDEN) a worker the actor does not manage, as `record` and `scheduleTest` do.

  /** The certificates with these numbers, those the actor may change locked (FOR UPDATE) until the transaction ends. */
  async lockByNumbers(manager: EntityManager, numbers: readonly string[]): Promise<LockedCertificate[]> {
    if (numbers.length === 0) return [];
    return readLocking<Omit<LockedCertificate, 'mayChange'>>(
      manager,
      `SELECT id, worker_id AS "workerId", level, issuer, issued_on AS "issuedOn", expires_on AS "expiresOn",
              certificate_number AS number, xmin::text AS xmin
       FROM certification WHERE certificate_number = ANY($1::text[])`,
      [numbers],
    );
  }

  /** Records certificates (one statement); the caller has checked each (its dates, its number not taken). */
  async recordMany(manager: EntityManager, rows: readonly { workerId: string; certificate: CertificateColumns }[], actor: Actor): Promise<void> {
    if (rows.length === 0) return;
    await this.assertManagesWorkers(manager, actor, rows.map((row) => row.workerId));
    await manager.query(
      `INSERT INTO certification (worker_id, kind, level, certificate_number, issuer, issued_on, expires_on)
       SELECT w, 'CERTIFICATE', l, n, i, d, e
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[]) AS t(w, l, n, i, d, e)`,
      [
        rows.map((row) => row.workerId),
        rows.map((row) => row.certificate.level),
        rows.map((row) => row.certificate.number),
        rows.map((row) => row.certificate.issuer),
        rows.map((row) => row.certificate.issuedOn),
        rows.map((row) => row.certificate.expiresOn),
      ],
    );
  }

  /** Corrects a recorded certificate's level, issuer and dates (its number and worker stay). */
  async correct(manager: EntityManager, id: string, workerId: string, certificate: Omit<CertificateColumns, 'number'>, actor: Actor): Promise<void> {
    await this.assertManagesWorkers(manager, actor, [workerId]);
    await manager.query(`UPDATE certification SET level = $3, issuer = $4, issued_on = $5, expires_on = $6 WHERE id = $1 AND worker_id = $2`, [
      id,
      workerId,
      certificate.level,
      certificate.issuer,
      certificate.issuedOn,
      certificate.expiresOn,
    ]);
  }

  /** The competency tests scheduled for these workers. */
  async scheduledTestsOf(manager: EntityManager, workerIds: readonly string[]): Promise<{ workerId: string; level: string; testDate: string }[]> {
    if (workerIds.length === 0) return [];
    return (await manager.query(
      `SELECT worker_id AS "workerId", level, test_date AS "testDate" FROM certification
       WHERE kind = 'SCHEDULED_TEST' AND worker_id = ANY($1::uuid[])`,
      [workerIds],
    )) as { workerId: string; level: string; testDate: string }[];
  }

  /** Schedules competency tests (one statement), as `scheduleTest` does one. */
  async scheduleTests(manager: EntityManager, rows: readonly { workerId: string; level: string; testDate: string }[], actor: Actor): Promise<void> {
    if (rows.length === 0) return;
    await this.assertManagesWorkers(manager, actor, rows.map((row) => row.workerId));
    await manager.query(
      `INSERT INTO certification (worker_id, kind, level, test_date)
       SELECT w, 'SCHEDULED_TEST', l, d FROM unnest($1::uuid[], $2::text[], $3::date[]) AS t(w, l, d)`,
      [rows.map((row) => row.workerId), rows.map((row) => row.level), rows.map((row) => row.testDate)],
    );
  }

  private async assertManagesWorkers(manager: EntityManager, actor: Actor, workerIds: readonly string[]): Promise<void> {
    const allowed = await actorMayEach(manager, actor, 'workforce_manages_worker', [...new Set(workerIds)]);
    if (allowed.includes(false)) throw outOfReach(actor, 'workerId');
  }
}
