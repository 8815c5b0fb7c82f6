import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar, oneByKey, type RequestContext } from '@peksos/schema-kit';
import { Worker } from '../workers/worker.entity.js';
import { WorkloadLimits } from './workload-limits.entity.js';
import { UpdateWorkloadLimitsInput } from './workload-limits.input.js';
import { Workload } from './workload.type.js';
import { WorkloadService } from './workload.service.js';

@Resolver(() => WorkloadLimits)
export class WorkloadLimitsResolver {
  @Query(() => WorkloadLimits, { description: 'The workload limits the office sets for every worker.' })
  workloadLimits(@Ctx() context: RequestContext): Promise<WorkloadLimits> {
    return new WorkloadService(context.dataSource).limits();
  }

  @Mutation(() => WorkloadLimits, { description: 'Changes the workload limits (admins); audited.' })
  updateWorkloadLimits(@Arg('input', { description: 'The new limits.' }) input: UpdateWorkloadLimitsInput, @Ctx() context: RequestContext): Promise<WorkloadLimits> {
    return new WorkloadService(context.dataSource).updateLimits(input, context.actor, context.dataSource);
  }
}

@Resolver(() => Worker)
export class WorkerWorkloadResolver {
  @FieldResolver(() => Workload, { description: 'The worker’s workload on asOf (today by default), against the office’s limits.' })
  workload(
    @Root() worker: Worker,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day; today when null.', nullable: true }) asOf: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<Workload> {
    const date = asOf ?? context.today;
    return context.loaders
      .get<string, Workload>(`worker.workload:${date}`, async (ids) => {
        const workloads = await new WorkloadService(context.dataSource).workloads(ids, date);
        return oneByKey(ids, workloads, (row) => row.workerId).map((row) => row!);
      })
      .load(worker.id);
  }
}
