import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CaseStatus } from '@peksos/types';
import { ConnectionType, LocalDateScalar, nestedConnection, oneByKey, PageArgs, selectedNodeFields, type Connection, type RequestContext, type NodeType } from '@peksos/schema-kit';
import { loadOrganisation, Organisation, Worker } from '@peksos/schema-workforce';
import { PmksCategory } from '../pmks-categories/pmks-category.entity.js';
import { loadPmksCategory } from '../pmks-categories/pmks-category.resolver.js';
import { SocialCase } from './case.entity.js';
import { CaseFilter, CaseOrder, OpenCaseInput, UpdateCaseInput } from './case.input.js';
import { CaseService } from './case.service.js';

@ObjectType({ description: 'A page of cases (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
export class CaseConnection extends ConnectionType(SocialCase, 'Case') {}

export function caseService(context: RequestContext): CaseService {
  return new CaseService(context.dataSource, context.today);
}

export function loadCase(context: RequestContext, id: string): Promise<SocialCase | null> {
  return context.loaders
    .get<string, SocialCase | null>('case.byId', async (ids) => oneByKey(ids, await caseService(context).byIds(ids), (row) => row.id))
    .load(id);
}

/** Case as a Relay node: `node(id:)` reads it as `case(id:)` does. */
export const caseNode: NodeType<SocialCase> = {
  typeName: 'Case',
  table: 'social_case',
  query: 'Query.case',
  load: (context, id) => caseService(context).read(id, context.actor),
};

@Resolver(() => SocialCase)
export class CaseResolver {
  @Query(() => SocialCase, { description: 'One case, by id. NOT_FOUND when it does not exist or the caller may not read it.' })
  case(@Arg('id', () => ID, { description: 'The case’s id.' }) id: string, @Ctx() context: RequestContext): Promise<SocialCase> {
    return caseNode.load(context, id);
  }

  @Query(() => CaseConnection, { description: 'The cases the caller may read, a page at a time.' })
  cases(
    @Arg('filter', () => CaseFilter, { description: 'Only the items matching every condition given; all of them when null.', nullable: true }) filter: CaseFilter | undefined,
    @Arg('orderBy', () => CaseOrder, { description: 'The order of the items; the id breaks ties, so the order is total.', nullable: true }) orderBy: CaseOrder | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return caseService(context).list(filter, orderBy, page, context.actor);
  }

  @Mutation(() => SocialCase, { description: 'Opens a case at an organisation.' })
  openCase(@Arg('input', { description: 'The values to record.' }) input: OpenCaseInput, @Ctx() context: RequestContext): Promise<SocialCase> {
    return caseService(context).open(input, context.actor);
  }

  @Mutation(() => SocialCase, { description: 'Changes a case.' })
  updateCase(@Arg('id', () => ID, { description: 'The id of the case to change.' }) id: string, @Arg('input', { description: 'The changes; fields left out stay as they are.' }) input: UpdateCaseInput, @Ctx() context: RequestContext) {
    return caseService(context).update(id, input, context.actor);
  }

  @Mutation(() => SocialCase, { description: 'Closes a case and ends the involvements still running on that date.' })
  closeCase(
    @Arg('id', () => ID, { description: 'The id of the case to close.' }) id: string,
    @Arg('closedOn', () => LocalDateScalar, { description: 'The day the case closed; not before it opened.' }) closedOn: string,
    @Arg('closingNote', () => String, { description: 'Why or how the case closed.', nullable: true }) closingNote: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<SocialCase> {
    return caseService(context).close(id, closedOn, closingNote, context.actor);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation handling the case.' })
  async organisation(@Root() socialCase: SocialCase, @Ctx() context: RequestContext): Promise<Organisation> {
    return (await loadOrganisation(context, socialCase.organisationId))!;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether you may change this case and its involvements (its organisation is in your area, or you are an admin): show the actions only then.',
  })
  viewerCanManage(@Root() socialCase: SocialCase, @Ctx() context: RequestContext): Promise<boolean> {
    return context.loaders
      .get<string, boolean>('case.viewerCanManage', (ids) => caseService(context).canManage(ids, context.actor))
      .load(socialCase.id);
  }

  @FieldResolver(() => PmksCategory, { description: 'The case’s PMKS category.' })
  async pmksCategory(@Root() socialCase: SocialCase, @Ctx() context: RequestContext): Promise<PmksCategory> {
    return (await loadPmksCategory(context, socialCase.pmksCategoryCode))!;
  }
}

@Resolver(() => Organisation)
export class OrganisationCasesResolver {
  @FieldResolver(() => CaseConnection, { description: 'Cases the organisation handles, newest first, a page at a time.' })
  cases(
    @Root() organisation: Organisation,
    @Arg('status', () => CaseStatus, { description: 'Only open or only closed cases; all when null.', nullable: true }) status: CaseStatus | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<SocialCase>> {
    const list = caseService(context).organisationCases(status ?? null, selectedNodeFields(info));
    return nestedConnection(context, `organisation.cases:${status ?? 'all'}`, organisation.id, list, page);
  }
}

@Resolver(() => Worker)
export class WorkerCasesResolver {
  @FieldResolver(() => CaseConnection, { description: 'Cases the worker is or was involved in, newest first, a page at a time.' })
  cases(
    @Root() worker: Worker,
    @Arg('status', () => CaseStatus, { description: 'Only open or only closed cases; all when null.', nullable: true }) status: CaseStatus | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<SocialCase>> {
    const list = caseService(context).workerCases(status ?? null, selectedNodeFields(info));
    return nestedConnection(context, `worker.cases:${status ?? 'all'}`, worker.id, list, page);
  }
}
