import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, manyByKey, oneByKey, PageArgs, type RequestContext, type NodeType } from '@peksos/schema-kit';
import { loadOrganisation, loadWorker, Organisation, Worker } from '@peksos/schema-workforce';
import { TrainingEnrolment, TrainingSession } from './training.entities.js';
import { RecordTrainingResultInput, ScheduleTrainingSessionInput, TrainingSessionFilter } from './training.inputs.js';
import { TrainingService } from './training.service.js';

@ObjectType({ description: 'A page of training sessions (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
export class TrainingSessionConnection extends ConnectionType(TrainingSession, 'TrainingSession') {}

const service = (context: RequestContext) => new TrainingService(context.dataSource, context.today);

/** TrainingSession as a Relay node: `node(id:)` reads it as `trainingSession(id:)` does. */
export const trainingSessionNode: NodeType<TrainingSession> = {
  typeName: 'TrainingSession',
  table: 'training_session',
  query: 'Query.trainingSession',
  load: (context, id) => service(context).get(id),
};

@Resolver(() => TrainingSession)
export class TrainingSessionResolver {
  @Query(() => TrainingSession, { description: 'One training session, by id.' })
  trainingSession(@Arg('id', () => ID, { description: 'The session’s id.' }) id: string, @Ctx() context: RequestContext): Promise<TrainingSession> {
    return trainingSessionNode.load(context, id);
  }

  @Query(() => TrainingSessionConnection, { description: 'Training and competency-test sessions, latest first.' })
  trainingSessions(
    @Arg('filter', () => TrainingSessionFilter, { description: 'Only the sessions matching every condition given; all of them when null.', nullable: true }) filter: TrainingSessionFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return service(context).list(filter, page);
  }

  @Mutation(() => TrainingSession, { description: 'Schedules a training session.' })
  scheduleTrainingSession(@Arg('input', { description: 'The session.' }) input: ScheduleTrainingSessionInput, @Ctx() context: RequestContext) {
    return service(context).schedule(input, context.actor);
  }

  @Mutation(() => TrainingEnrolment, { description: 'Enrols a worker in a training session (refused when it is full).' })
  enrolWorkerInTraining(
    @Arg('sessionId', () => ID, { description: 'The id of the session.' }) sessionId: string,
    @Arg('workerId', () => ID, { description: 'The id of the worker.' }) workerId: string,
    @Ctx() context: RequestContext,
  ): Promise<TrainingEnrolment> {
    return service(context).enrol(sessionId, workerId, context.actor);
  }

  @Mutation(() => TrainingEnrolment, { description: 'A passed competency test records the certificate.' })
  recordTrainingResult(@Arg('input', { description: 'The result.' }) input: RecordTrainingResultInput, @Ctx() context: RequestContext) {
    return service(context).recordResult(input, context.actor);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation organising the session.' })
  async organiser(@Root() session: TrainingSession, @Ctx() context: RequestContext): Promise<Organisation> {
    return (await loadOrganisation(context, session.organiserId))!;
  }

  @FieldResolver(() => [TrainingEnrolment], { description: 'The workers enrolled (at most the session’s capacity).' })
  enrolments(@Root() session: TrainingSession, @Ctx() context: RequestContext): Promise<TrainingEnrolment[]> {
    return context.loaders
      .get<string, TrainingEnrolment[]>('training.enrolmentsOfSession', async (ids) =>
        manyByKey(ids, await service(context).enrolmentsOfSessions(ids), (row) => row.sessionId),
      )
      .load(session.id);
  }
}

@Resolver(() => TrainingEnrolment)
export class TrainingEnrolmentResolver {
  @FieldResolver(() => TrainingSession, { description: 'The training session.' })
  async session(@Root() enrolment: TrainingEnrolment, @Ctx() context: RequestContext): Promise<TrainingSession> {
    const session = await context.loaders
      .get<string, TrainingSession | null>('training.sessionById', async (ids) =>
        oneByKey(ids, await service(context).sessionsByIds(ids), (row) => row.id),
      )
      .load(enrolment.sessionId);
    return session!;
  }

  @FieldResolver(() => Worker, { description: 'The worker enrolled.' })
  async worker(@Root() enrolment: TrainingEnrolment, @Ctx() context: RequestContext): Promise<Worker> {
    return (await loadWorker(context, enrolment.workerId))!;
  }
}

/** Fields this module adds to the core's types: each resolves exactly the field it adds. */
@Resolver(() => Worker)
export class WorkerTrainingResolver {
  @FieldResolver(() => [TrainingEnrolment], { description: 'Training and competency-test sessions the worker enrolled in.' })
  trainingEnrolments(@Root() worker: Worker, @Ctx() context: RequestContext): Promise<TrainingEnrolment[]> {
    return context.loaders
      .get<string, TrainingEnrolment[]>('training.enrolmentsOfWorker', async (ids) =>
        manyByKey(ids, await service(context).enrolmentsOfWorkers(ids), (row) => row.workerId),
      )
      .load(worker.id);
  }
}

@Resolver(() => Organisation)
export class OrganisationTrainingResolver {
  @FieldResolver(() => [TrainingSession], { description: 'Sessions the organisation organises, latest first.' })
  organisedTrainingSessions(@Root() organisation: Organisation, @Ctx() context: RequestContext): Promise<TrainingSession[]> {
    return context.loaders
      .get<string, TrainingSession[]>('training.sessionsOfOrganiser', async (ids) =>
        manyByKey(ids, await service(context).sessionsOfOrganisers(ids), (row) => row.organiserId),
      )
      .load(organisation.id);
  }
}
