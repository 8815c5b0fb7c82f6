import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar, PageArgs, type RequestContext } from '@peksos/schema-kit';
import { AreaService } from '../areas/area.service.js';
import { OrganisationConnection } from '../organisations/organisation.resolver.js';
import { OrganisationOrder } from '../organisations/organisations.args.js';
import { CoverageGapFilter } from './coverage.args.js';
import { CoverageService } from './coverage.service.js';
import { WorkforceSummary } from './workforce-summary.type.js';

@Resolver(() => WorkforceSummary)
export class CoverageResolver {
  @Query(() => OrganisationConnection, {
    description:
      'Organisations that should have a worker and have no active assignment on asOf (today by default); with ' +
      'certifiedOnly, none of a worker certified on that date. Archived organisations are left out.',
  })
  organisationsLackingWorker(
    @Arg('filter', () => CoverageGapFilter, { description: 'The area, date, kinds and whether a certified worker is what counts.', nullable: true }) filter: CoverageGapFilter | undefined,
    @Arg('orderBy', () => OrganisationOrder, { description: 'The order of the items; the id breaks ties, so the order is total.', nullable: true }) orderBy: OrganisationOrder | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return new CoverageService(context.dataSource, context.today).organisationsLackingWorker(filter, orderBy, page);
  }

  @Query(() => WorkforceSummary, { description: 'Workforce figures of an area on asOf (today by default).' })
  workforceSummary(
    @Arg('areaCode', { description: 'The area’s Kemendagri code, e.g. 32.77 for Kota Cimahi.' }) areaCode: string,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day; today when null.', nullable: true }) asOf: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<WorkforceSummary> {
    return new CoverageService(context.dataSource, context.today).workforceSummary(areaCode, asOf);
  }

  @FieldResolver(() => [WorkforceSummary], { description: 'The same figures for each area directly under this one.' })
  async subAreas(@Root() summary: WorkforceSummary, @Ctx() context: RequestContext): Promise<WorkforceSummary[]> {
    const children = await new AreaService(context.dataSource).childrenOf([summary.area.code]);
    return new CoverageService(context.dataSource, context.today).summariseEach(children, summary.asOf);
  }
}
