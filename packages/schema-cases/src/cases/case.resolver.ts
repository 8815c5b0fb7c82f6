import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { CaseStatus } from '@peksos/types';
import { ConnectionType, LocalDateScalar, manyByKey, oneByKey, PageArgs, selectedFieldNames, type RequestContext } from '@peksos/schema-kit';
import { loadOrganisation, Organisation, Worker } from '@peksos/schema-workforce';
import { PmksCategory } from '../pmks-categories/pmks-category.entity.js';
import { loadPmksCategory } from '../pmks-categories/pmks-category.resolver.js';
import { SocialCase } from './case.entity.js';
import { CaseFilter, CaseOrder, OpenCaseInput, UpdateCaseInput } from './case.input.js';
import { caseColumnsFor, CaseService } from './case.service.js';

@ObjectType()
export class CaseConnection extends ConnectionType(SocialCase, 'Case') {}

export function caseService(context: RequestContext): CaseService {
  return new CaseService(context.dataSource, context.today);
}

export function loadCase(context: RequestContext, id: string): Promise<SocialCase | null> {
  return context.loaders
    .get<string, SocialCase | null>('case.byId', async (ids) => oneByKey(ids, await caseService(context).byIds(ids), (row) => row.id))
    .load(id);
}

@Resolver(() => SocialCase)
export class CaseResolver {
  @Query(() => SocialCase)
  case(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<SocialCase> {
    return caseService(context).read(id, context.actor);
  }

  @Query(() => CaseConnection)
  cases(
    @Arg('filter', () => CaseFilter, { nullable: true }) filter: CaseFilter | undefined,
    @Arg('orderBy', () => CaseOrder, { nullable: true }) orderBy: CaseOrder | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return caseService(context).list(filter, orderBy, page, context.actor);
  }

  @Mutation(() => SocialCase)
  openCase(@Arg('input') input: OpenCaseInput, @Ctx() context: RequestContext): Promise<SocialCase> {
    return caseService(context).open(input, context.actor);
  }

  @Mutation(() => SocialCase)
  updateCase(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateCaseInput, @Ctx() context: RequestContext) {
    return caseService(context).update(id, input, context.actor);
  }

  @Mutation(() => SocialCase, { description: 'Closes a case and ends the involvements still running on that date.' })
  closeCase(
    @Arg('id', () => ID) id: string,
    @Arg('closedOn', () => LocalDateScalar) closedOn: string,
    @Arg('closingNote', () => String, { nullable: true }) closingNote: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<SocialCase> {
    return caseService(context).close(id, closedOn, closingNote, context.actor);
  }

  @FieldResolver(() => Organisation)
  async organisation(@Root() socialCase: SocialCase, @Ctx() context: RequestContext): Promise<Organisation> {
    return (await loadOrganisation(context, socialCase.organisationId))!;
  }

  @FieldResolver(() => PmksCategory)
  async pmksCategory(@Root() socialCase: SocialCase, @Ctx() context: RequestContext): Promise<PmksCategory> {
    return (await loadPmksCategory(context, socialCase.pmksCategoryCode))!;
  }
}

@Resolver(() => Organisation)
export class OrganisationCasesResolver {
  @FieldResolver(() => [SocialCase], { description: 'Cases the organisation handles, newest first.' })
  cases(
    @Root() organisation: Organisation,
    @Arg('status', () => CaseStatus, { nullable: true }) status: CaseStatus | undefined,
    @Ctx() context: RequestContext,
  ): Promise<SocialCase[]> {
    return context.loaders
      .get<string, SocialCase[]>(`organisation.cases:${status ?? 'all'}`, async (ids) =>
        manyByKey(ids, await caseService(context).byOrganisationIds(ids, status ?? null), (row) => row.organisationId),
      )
      .load(organisation.id);
  }
}

@Resolver(() => Worker)
export class WorkerCasesResolver {
  @FieldResolver(() => [SocialCase], { description: 'Cases the worker is or was involved in, newest first.' })
  cases(
    @Root() worker: Worker,
    @Arg('status', () => CaseStatus, { nullable: true }) status: CaseStatus | undefined,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SocialCase[]> {
    // A page of organisations → workers → cases reaches thousands of cases: read only the columns selected.
    const columns = caseColumnsFor(selectedFieldNames(info));
    return context.loaders
      .get<string, (SocialCase & { workerId: string })[]>(`worker.cases:${status ?? 'all'}:${columns.join(',')}`, async (ids) =>
        manyByKey(ids, await caseService(context).byWorkerIds(ids, status ?? null, columns), (row) => row.workerId),
      )
      .load(worker.id);
  }
}
