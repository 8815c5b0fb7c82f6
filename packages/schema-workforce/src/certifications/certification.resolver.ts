import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, manyByKey, PageArgs, type RequestContext, type NodeType } from '@peksos/schema-kit';
import { Worker } from '../workers/worker.entity.js';
import { loadWorker } from '../workers/worker.resolver.js';
import { Certification } from './certification.entity.js';
import { CertificationFilter, RecordCertificationInput, ScheduleCompetencyTestInput } from './certification.input.js';
import { CertificationService } from './certification.service.js';

@ObjectType({ description: 'A page of certifications (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
export class CertificationConnection extends ConnectionType(Certification, 'Certification') {}

function certificationService(context: RequestContext): CertificationService {
  return new CertificationService(context.dataSource, context.today);
}

/** Certification as a Relay node: `node(id:)` reads it as `certification(id:)` does. */
export const certificationNode: NodeType<Certification> = {
  typeName: 'Certification',
  table: 'certification',
  query: 'Query.certification',
  load: (context, id) => certificationService(context).get(id),
};

@Resolver(() => Certification)
export class CertificationResolver {
  @Query(() => Certification, { description: 'One certificate or scheduled test, by id.' })
  certification(@Arg('id', () => ID, { description: 'The record’s id.' }) id: string, @Ctx() context: RequestContext): Promise<Certification> {
    return certificationNode.load(context, id);
  }

  @Query(() => CertificationConnection, { description: 'Certificates and scheduled tests, a page at a time.' })
  certifications(
    @Arg('filter', () => CertificationFilter, { description: 'Only the items matching every condition given; all of them when null.', nullable: true }) filter: CertificationFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return certificationService(context).list(filter, page);
  }

  @Mutation(() => Certification, { description: 'Records a competency certificate a worker obtained.' })
  recordCertification(@Arg('input', { description: 'The certificate.' }) input: RecordCertificationInput, @Ctx() context: RequestContext): Promise<Certification> {
    return certificationService(context).record(input, context.actor);
  }

  @Mutation(() => Certification, { description: 'Records that a worker is scheduled for the competency test.' })
  scheduleCompetencyTest(
    @Arg('input', { description: 'The test.' }) input: ScheduleCompetencyTestInput,
    @Ctx() context: RequestContext,
  ): Promise<Certification> {
    return certificationService(context).scheduleTest(input, context.actor);
  }

  @FieldResolver(() => Worker, { description: 'The worker.' })
  async worker(@Root() certification: Certification, @Ctx() context: RequestContext): Promise<Worker> {
    return (await loadWorker(context, certification.workerId))!;
  }
}

@Resolver(() => Worker)
export class WorkerCertificationsResolver {
  @FieldResolver(() => [Certification], { description: 'Certificates and scheduled tests, newest first.' })
  certifications(@Root() worker: Worker, @Ctx() context: RequestContext): Promise<Certification[]> {
    return context.loaders
      .get<string, Certification[]>('worker.certifications', async (ids) =>
        manyByKey(ids, await certificationService(context).byWorkerIds(ids), (row) => row.workerId),
      )
      .load(worker.id);
  }
}
