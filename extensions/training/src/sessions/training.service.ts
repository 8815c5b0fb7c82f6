import type { DataSource } from 'typeorm';
import {
  assertUuid,
  badInput,
  conflict,
  lockForUpdate,
  notFound,
  paginate,
  type PageArgs,
} from '@peksos/schema-kit';
import {
  assertManagesOrganisation,
  assertManagesWorker,
  CertificationService,
  OrganisationService,
  WorkerService,
} from '@peksos/schema-workforce';
import { TrainingEnrolment, TrainingResult, TrainingSession, TrainingSessionKind } from './training.entities.js';
import type { RecordTrainingResultInput, ScheduleTrainingSessionInput, TrainingSessionFilter } from './training.inputs.js';
import { assertActorMay, isUuid, type Actor } from '@peksos/schema-kit';

/**
 * Sessions, enrolments and results. Passing a competency test records the certificate in the core registry, through
 * the workforce module's CertificationService in this module's transaction: its rules (who may certify whom, a
 * certificate number recorded once) are the workforce module's, written once.
 */
export class TrainingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly today: string,
  ) {}

  async get(id: string): Promise<TrainingSession> {
    assertUuid(id, 'Training session', 'id');
    const session = await this.dataSource.getRepository(TrainingSession).findOneBy({ id });
    if (!session) throw notFound('Training session', id, 'id');
    return session;
  }

  async list(filter: TrainingSessionFilter | undefined, page: PageArgs) {
    const query = this.dataSource.getRepository(TrainingSession).createQueryBuilder('s');
    if (filter?.organiserId) {
      assertUuid(filter.organiserId, 'Organisation', 'organiserId');
      query.andWhere('s.organiser_id = :organiserId', { organiserId: filter.organiserId });
    }
    if (filter?.kind) query.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter?.from) query.andWhere('s.held_on >= :from', { from: filter.from });
    if (filter?.to) query.andWhere('s.held_on <= :to', { to: filter.to });
    return paginate(query, [['s.held_on', 'DESC'], ['s.id', 'ASC']], page);
  }

  async enrolmentsOfSessions(sessionIds: readonly string[]): Promise<TrainingEnrolment[]> {
    return this.dataSource
      .getRepository(TrainingEnrolment)
      .createQueryBuilder('e')
      .where('e.session_id = ANY(:sessionIds)', { sessionIds })
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  async enrolmentsOfWorkers(workerIds: readonly string[]): Promise<TrainingEnrolment[]> {
    return this.dataSource
      .getRepository(TrainingEnrolment)
      .createQueryBuilder('e')
      .where('e.worker_id = ANY(:workerIds)', { workerIds })
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  async sessionsByIds(ids: readonly string[]): Promise<TrainingSession[]> {
    return this.dataSource.getRepository(TrainingSession).createQueryBuilder('s').where('s.id = ANY(:ids)', { ids }).getMany();
  }

  async sessionsOfOrganisers(organiserIds: readonly string[]): Promise<TrainingSession[]> {
    return this.dataSource
      .getRepository(TrainingSession)
      .createQueryBuilder('s')
      .where('s.organiser_id = ANY(:organiserIds)', { organiserIds })
      .orderBy('s.held_on', 'DESC')
      .getMany();
  }

  async schedule(input: ScheduleTrainingSessionInput, actor: Actor): Promise<TrainingSession> {
    const isTest = input.kind === TrainingSessionKind.COMPETENCY_TEST;
    if (isTest && !input.certificationLevel) throw badInput('certificationLevel', 'A competency test certifies a level: give it');
    if (!isTest && input.certificationLevel) throw badInput('certificationLevel', 'Only a competency test certifies a level');
    return this.dataSource.transaction(async (manager) => {
      await assertManagesOrganisation(manager, actor, input.organiserId, 'organiserId');
      const organiser = await new OrganisationService(this.dataSource, this.today).get(input.organiserId, 'organiserId', manager);
      if (organiser.archivedAt) throw conflict('The organiser is archived', 'organiserId');
      const repository = manager.getRepository(TrainingSession);
      return repository.save(
        repository.create({
          title: input.title.trim(),
          kind: input.kind,
          certificationLevel: input.certificationLevel ?? null,
          heldOn: input.heldOn,
          place: input.place.trim(),
          organiserId: organiser.id,
          capacity: input.capacity ?? null,
        }),
      );
    });
  }

  async enrol(sessionId: string, workerId: string, actor: Actor): Promise<TrainingEnrolment> {
    return this.dataSource.transaction(async (manager) => {
      if (isUuid(sessionId)) await assertActorMay(manager, actor, 'training_manages_session', sessionId, 'sessionId');
      // A test ends in the worker's certificate, which is their home area's coordinator's to record.
      await assertManagesWorker(manager, actor, workerId, 'workerId');
      const session = await lockForUpdate(manager, TrainingSession, sessionId, { what: 'Training session', field: 'sessionId' });
      const worker = await new WorkerService(this.dataSource, this.today).get(workerId, 'workerId', manager);
      if (worker.archivedAt) throw conflict('The worker is archived', 'workerId');
      const enrolments = manager.getRepository(TrainingEnrolment);
      if (await enrolments.findOneBy({ sessionId, workerId })) throw conflict('The worker is already enrolled', 'workerId');
      if (session.capacity !== null && (await enrolments.countBy({ sessionId })) >= session.capacity) {
        throw conflict(`The session is full (${session.capacity} places)`, 'sessionId');
      }
      return enrolments.save(enrolments.create({ sessionId, workerId, result: TrainingResult.PENDING, certificationId: null }));
    });
  }

  /** Records a result; a PASSED competency test adds the worker's certificate, in the same transaction. */
  async recordResult(input: RecordTrainingResultInput, actor: Actor): Promise<TrainingEnrolment> {
    if (input.result === TrainingResult.PENDING) throw badInput('result', 'Record PASSED, FAILED or ABSENT');
    return this.dataSource.transaction(async (manager) => {
      if (isUuid(input.enrolmentId)) await assertActorMay(manager, actor, 'training_manages_enrolment', input.enrolmentId, 'enrolmentId');
      const enrolment = await lockForUpdate(manager, TrainingEnrolment, input.enrolmentId, { what: 'Enrolment', field: 'enrolmentId' });
      if (enrolment.result !== TrainingResult.PENDING) throw conflict(`The result is already recorded: ${enrolment.result}`);
      const session = (await manager.getRepository(TrainingSession).findOneBy({ id: enrolment.sessionId }))!;
      if (session.heldOn > this.today) throw badInput('result', `The session is on ${session.heldOn}: record results after it`);

      if (session.kind === TrainingSessionKind.COMPETENCY_TEST && input.result === TrainingResult.PASSED) {
        const number = input.certificateNumber?.trim();
        if (!number) throw badInput('certificateNumber', 'A passed competency test needs the certificate number');
        // The certificate is the worker's: the enrolment is out of reach unless the worker is the actor's too.
        await assertManagesWorker(manager, actor, enrolment.workerId, 'enrolmentId');
        const organiser = await new OrganisationService(this.dataSource, this.today).get(session.organiserId, 'enrolmentId', manager);
        const certificate = await new CertificationService(this.dataSource, this.today).record(
          {
            workerId: enrolment.workerId,
            level: session.certificationLevel!,
            certificateNumber: number,
            issuer: organiser.name,
            issuedOn: session.heldOn,
            expiresOn: null,
          },
          actor,
          manager,
        );
        enrolment.certificationId = certificate.id;
      } else if (input.certificateNumber) {
        throw badInput('certificateNumber', 'Only a passed competency test gives a certificate');
      }
      enrolment.result = input.result;
      return manager.getRepository(TrainingEnrolment).save(enrolment);
    });
  }
}
