import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, LocalDateScalar, manyByKey, nestedConnection, PageArgs, type Connection, type RequestContext, type NodeType } from '@peksos/schema-kit';
import { loadProfessionalRole, loadWorker, ProfessionalRole, Worker } from '@peksos/schema-workforce';
import { SocialCase } from '../cases/case.entity.js';
import { loadCase } from '../cases/case.resolver.js';
import { CaseInvolvement } from './case-involvement.entity.js';
import { CaseInvolvementFilter, InvolveWorkerInput } from './case-involvement.input.js';
import { CaseInvolvementService } from './case-involvement.service.js';

@ObjectType({ description: 'A page of involvements (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
export class CaseInvolvementConnection extends ConnectionType(CaseInvolvement, 'CaseInvolvement') {}

function involvementService(context: RequestContext): CaseInvolvementService {
  return new CaseInvolvementService(context.dataSource, context.today);
}

/** CaseInvolvement as a Relay node: `node(id:)` reads it as `caseInvolvement(id:)` does. */
export const caseInvolvementNode: NodeType<CaseInvolvement> = {
  typeName: 'CaseInvolvement',
  table: 'case_involvement',
  query: 'Query.caseInvolvement',
  load: (context, id) => involvementService(context).get(id),
};

@Resolver(() => CaseInvolvement)
export class CaseInvolvementResolver {
  @Query(() => CaseInvolvement, { description: 'One involvement, by id.' })
  caseInvolvement(@Arg('id', () => ID, { description: 'The involvement’s id.' }) id: string, @Ctx() context: RequestContext): Promise<CaseInvolvement> {
    return caseInvolvementNode.load(context, id);
  }

  @Query(() => CaseInvolvementConnection, { description: 'Involvements of workers in cases, a page at a time.' })
  caseInvolvements(
    @Arg('filter', () => CaseInvolvementFilter, { description: 'Only the items matching every condition given; all of them when null.', nullable: true }) filter: CaseInvolvementFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return involvementService(context).list(filter, page);
  }

  @Mutation(() => CaseInvolvement, { description: 'Involves a worker in an open case in a professional role.' })
  involveWorker(@Arg('input', { description: 'The values to record.' }) input: InvolveWorkerInput, @Ctx() context: RequestContext): Promise<CaseInvolvement> {
    return involvementService(context).involve(input, context.actor);
  }

  @Mutation(() => CaseInvolvement, { description: 'Ends an involvement; endsOn is the first day no longer involved.' })
  endInvolvement(
    @Arg('id', () => ID, { description: 'The id of the involvement to end.' }) id: string,
    @Arg('endsOn', () => LocalDateScalar, { description: 'The first day the worker is no longer involved; after the start.' }) endsOn: string,
    @Ctx() context: RequestContext,
  ): Promise<CaseInvolvement> {
    return involvementService(context).end(id, endsOn, context.actor);
  }

  @FieldResolver(() => SocialCase, { description: 'The case.' })
  async case(@Root() involvement: CaseInvolvement, @Ctx() context: RequestContext): Promise<SocialCase> {
    return (await loadCase(context, involvement.caseId))!;
  }

  @FieldResolver(() => Worker, { description: 'The worker involved.' })
  async worker(@Root() involvement: CaseInvolvement, @Ctx() context: RequestContext): Promise<Worker> {
    return (await loadWorker(context, involvement.workerId))!;
  }

  @FieldResolver(() => ProfessionalRole, { description: 'The professional role the worker plays.' })
  async role(@Root() involvement: CaseInvolvement, @Ctx() context: RequestContext): Promise<ProfessionalRole> {
    return (await loadProfessionalRole(context, involvement.roleCode))!;
  }
}

@Resolver(() => SocialCase)
export class CaseInvolvementsResolver {
  @FieldResolver(() => [CaseInvolvement], { description: 'Who is (or was) involved, lead first.' })
  involvements(
    @Root() socialCase: SocialCase,
    @Arg('activeOnly', { description: 'Only involvements that have not ended.', defaultValue: false }) activeOnly: boolean,
    @Ctx() context: RequestContext,
  ): Promise<CaseInvolvement[]> {
    return context.loaders
      .get<string, CaseInvolvement[]>(`case.involvements:${activeOnly}`, async (ids) =>
        manyByKey(ids, await involvementService(context).byCaseIds(ids, activeOnly), (row) => row.caseId),
      )
      .load(socialCase.id);
  }
}

@Resolver(() => Worker)
export class WorkerInvolvementsResolver {
  @FieldResolver(() => CaseInvolvementConnection, {
    description: "The worker's involvements in cases, with the role held; newest first, a page at a time.",
  })
  caseInvolvements(
    @Root() worker: Worker,
    @Arg('activeOnly', { description: 'Only involvements that have not ended.', defaultValue: false }) activeOnly: boolean,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ): Promise<Connection<CaseInvolvement>> {
    const list = involvementService(context).workerInvolvements(activeOnly);
    return nestedConnection(context, `worker.caseInvolvements:${activeOnly}`, worker.id, list, page);
  }
}
