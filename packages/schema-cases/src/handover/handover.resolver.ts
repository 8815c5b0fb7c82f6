import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { LocalDateScalar, type RequestContext } from '@peksos/schema-kit';
import { HandoverService } from './handover.service.js';
import { HandoverPreview, HandoverResult, HandOverWorkerInput } from './handover.types.js';

@Resolver()
export class HandoverResolver {
  @Query(() => HandoverPreview, {
    description:
      'What handing over a worker on a day would do: the placements and case involvements it ends (those becoming ' +
      'uncovered first) and proposed replacements. Changes nothing.',
  })
  handoverPreview(
    @Arg('workerId', () => ID, { description: 'The worker leaving.' }) workerId: string,
    @Arg('endsOn', () => LocalDateScalar, { description: 'The first day they no longer serve.' }) endsOn: string,
    @Ctx() context: RequestContext,
  ): Promise<HandoverPreview> {
    return new HandoverService(context.dataSource, context.today).preview(workerId, endsOn, context.actor);
  }

  @Mutation(() => HandoverResult, {
    description:
      'Hands over a worker who resigns, moves or goes on leave: ends every placement and case involvement they hold on ' +
      'the day and makes the replacements given, in one transaction (all of it or nothing), audited as one operation.',
  })
  handOverWorker(
    @Arg('input', () => HandOverWorkerInput, { description: 'The worker, the day, why, and who takes over what.' }) input: HandOverWorkerInput,
    @Ctx() context: RequestContext,
  ): Promise<HandoverResult> {
    return new HandoverService(context.dataSource, context.today).apply(input, context.actor);
  }
}
