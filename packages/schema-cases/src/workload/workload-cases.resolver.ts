import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@peksos/schema-kit';
import { Workload, WorkloadService } from '@peksos/schema-workforce';
import { CaseWorkloadService } from './case-workload.service.js';

/** The cases module's part of a worker's workload: the open cases they are involved in, against the office's limits. */
@Resolver(() => Workload)
export class WorkloadCasesResolver {
  @FieldResolver(() => Int, { description: 'Open cases the worker is involved in on the day.' })
  openCases(@Root() workload: Workload, @Ctx() context: RequestContext): Promise<number> {
    return context.loaders
      .get<string, number>(`workload.openCases:${workload.asOf}`, async (ids) => {
        const counts = await new CaseWorkloadService(context.dataSource).openCases(ids, workload.asOf);
        return ids.map((id) => counts.get(id) ?? 0);
      })
      .load(workload.workerId);
  }

  @FieldResolver(() => Int, { description: 'Open cases per worker the office recommends.' })
  async recommendedOpenCases(@Ctx() context: RequestContext): Promise<number> {
    return (await officeLimits(context)).recommendedOpenCases;
  }

  @FieldResolver(() => Int, { description: 'Open cases a worker may be involved in at most.' })
  async maxOpenCases(@Ctx() context: RequestContext): Promise<number> {
    return (await officeLimits(context)).maxOpenCases;
  }
}

function officeLimits(context: RequestContext) {
  return context.loaders
    .get<string, Awaited<ReturnType<WorkloadService['limits']>>>('workload.limits', async (keys) => {
      const limits = await new WorkloadService(context.dataSource).limits();
      return keys.map(() => limits);
    })
    .load('office');
}
