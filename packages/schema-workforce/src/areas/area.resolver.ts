import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, oneByKey, manyByKey, PageArgs, type RequestContext } from '@peksos/schema-kit';
import { Area } from './area.entity.js';
import { AreaService } from './area.service.js';
import { AreaFilter } from './areas.args.js';

@ObjectType({ description: 'A page of areas (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
export class AreaConnection extends ConnectionType(Area, 'Area') {}

/** Loads areas by code, batched per request. */
export function loadArea(context: RequestContext, code: string): Promise<Area | null> {
  return context.loaders
    .get<string, Area | null>('area.byCode', async (codes) =>
      oneByKey(codes, await new AreaService(context.dataSource).byCodes(codes), (area) => area.code),
    )
    .load(code);
}

@Resolver(() => Area)
export class AreaResolver {
  @Query(() => Area, { description: 'One area by its Kemendagri code.' })
  area(@Arg('code', () => ID, { description: 'The area’s Kemendagri code, e.g. 32.77.03.' }) code: string, @Ctx() context: RequestContext): Promise<Area> {
    return new AreaService(context.dataSource).get(code);
  }

  @Query(() => AreaConnection, { description: 'Areas, by code, a page at a time.' })
  areas(
    @Arg('filter', () => AreaFilter, { description: 'Only the areas matching every condition given; all of them when null.', nullable: true }) filter: AreaFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return new AreaService(context.dataSource).list(filter, page);
  }

  @FieldResolver(() => Area, { description: 'The area containing this one; null for a province.', nullable: true })
  parent(@Root() area: Area, @Ctx() context: RequestContext): Promise<Area | null> | null {
    return area.parentCode ? loadArea(context, area.parentCode) : null;
  }

  @FieldResolver(() => [Area], { description: 'The areas directly under this one, by code (at most a few dozen).' })
  children(@Root() area: Area, @Ctx() context: RequestContext): Promise<Area[]> {
    return context.loaders
      .get<string, Area[]>('area.children', async (codes) =>
        manyByKey(codes, await new AreaService(context.dataSource).childrenOf(codes), (child) => child.parentCode!),
      )
      .load(area.code);
  }
}
