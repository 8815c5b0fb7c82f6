import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { CertificationStatus } from '@peksos/types';
import { ConnectionType, LocalDateScalar, oneByKey, PageArgs, type RequestContext, type NodeType } from '@peksos/schema-kit';
import { Area } from '../areas/area.entity.js';
import { loadArea } from '../areas/area.resolver.js';
import { certificationStatusSql } from '../sql.js';
import { Worker } from './worker.entity.js';
import { CreateWorkerInput, UpdateWorkerInput } from './worker.input.js';
import { mayReadHomeAreas, maskNationalIdNumber, WorkerService } from './worker.service.js';
import { WorkerFilter, WorkerOrder } from './workers.args.js';

@ObjectType({ description: 'A page of workers (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
export class WorkerConnection extends ConnectionType(Worker, 'Worker') {}

export function workerService(context: RequestContext): WorkerService {
  return new WorkerService(context.dataSource, context.today);
}

export function loadWorker(context: RequestContext, id: string): Promise<Worker | null> {
  return context.loaders
    .get<string, Worker | null>('worker.byId', async (ids) =>
      oneByKey(ids, await workerService(context).byIds(ids), (worker) => worker.id),
    )
    .load(id);
}

/** Worker as a Relay node: `node(id:)` reads it as `worker(id:)` does. */
export const workerNode: NodeType<Worker> = {
  typeName: 'Worker',
  table: 'worker',
  query: 'Query.worker',
  load: (context, id) => workerService(context).get(id),
};

@Resolver(() => Worker)
export class WorkerResolver {
  @Query(() => Worker, { description: 'One worker, by id. NOT_FOUND when it does not exist or the caller may not read it.' })
  worker(@Arg('id', () => ID, { description: 'The worker’s id.' }) id: string, @Ctx() context: RequestContext): Promise<Worker> {
    return workerNode.load(context, id);
  }

  @Query(() => WorkerConnection, { description: 'Social workers, active ones unless includeArchived.' })
  workers(
    @Arg('filter', () => WorkerFilter, { description: 'Only the workers matching every condition given; all active ones when null.', nullable: true }) filter: WorkerFilter | undefined,
    @Arg('orderBy', () => WorkerOrder, { description: 'The order of the items; the id breaks ties, so the order is total.', nullable: true }) orderBy: WorkerOrder | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return workerService(context).list(filter, orderBy, page, { homeAreas: mayReadHomeAreas(context.actor) });
  }

  @Mutation(() => Worker, { description: 'Records a new worker.' })
  createWorker(@Arg('input', { description: 'The worker.' }) input: CreateWorkerInput, @Ctx() context: RequestContext): Promise<Worker> {
    return workerService(context).create(input, context.actor);
  }

  @Mutation(() => Worker, { description: 'Changes a worker.' })
  updateWorker(
    @Arg('id', () => ID, { description: 'The id of the worker to change.' }) id: string,
    @Arg('input', { description: 'The changes; fields left out stay as they are.' }) input: UpdateWorkerInput,
    @Ctx() context: RequestContext,
  ): Promise<Worker> {
    return workerService(context).update(id, input, context.actor);
  }

  @Mutation(() => Worker, { description: 'Archives (never deletes) a worker without current assignments.' })
  archiveWorker(@Arg('id', () => ID, { description: 'The id of the worker to archive.' }) id: string, @Arg('reason', { description: 'Why the worker is archived.' }) reason: string, @Ctx() context: RequestContext) {
    return workerService(context).archive(id, reason, context.actor);
  }

  @Mutation(() => String, {
    nullable: true,
    description:
      'The whole national ID number (NIK), for an admin who needs it; each such read is recorded in the audit log with the reason.',
  })
  revealNationalIdNumber(
    @Arg('workerId', () => ID, { description: 'The id of the worker.' }) workerId: string,
    @Arg('reason', { description: 'Why the whole number is needed, e.g. "verifikasi BPJS".' }) reason: string,
    @Ctx() context: RequestContext,
  ): Promise<string | null> {
    return workerService(context).revealNationalIdNumber(workerId, reason);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether you may change this worker (their home area is yours, or you are an admin): show the actions only then.',
  })
  viewerCanManage(@Root() worker: Worker, @Ctx() context: RequestContext): Promise<boolean> {
    return context.loaders
      .get<string, boolean>('worker.viewerCanManage', (ids) => workerService(context).canManage(ids, context.actor))
      .load(worker.id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The national ID number with all but the last four digits hidden.' })
  maskedNationalIdNumber(@Root() worker: Worker): string | null {
    return maskNationalIdNumber(worker.nationalIdNumber);
  }

  @FieldResolver(() => Area, { description: 'The area where the worker lives; null when unknown.', nullable: true })
  homeArea(@Root() worker: Worker, @Ctx() context: RequestContext): Promise<Area | null> | null {
    return worker.homeAreaCode ? loadArea(context, worker.homeAreaCode) : null;
  }

  @FieldResolver(() => CertificationStatus, { description: 'Status on asOf (today by default).' })
  certificationStatus(
    @Root() worker: Worker,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day; today when null.', nullable: true }) asOf: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CertificationStatus> {
    const date = asOf ?? context.today;
    return context.loaders
      .get<string, CertificationStatus>(`worker.certificationStatus:${date}`, async (ids) => {
        const rows = (await context.dataSource.query(
          `SELECT w.id, ${certificationStatusSql('w.id', '$2')} AS status FROM worker w WHERE w.id = ANY($1)`,
          [ids, date],
        )) as { id: string; status: CertificationStatus }[];
        return oneByKey(ids, rows, (row) => row.id).map((row) => row?.status ?? CertificationStatus.NOT_TESTED);
      })
      .load(worker.id);
  }
}
