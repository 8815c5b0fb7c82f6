import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, oneByKey, PageArgs, type RequestContext } from '@peksos/schema-kit';
import { Area } from '../areas/area.entity.js';
import { loadArea } from '../areas/area.resolver.js';
import { Organisation } from './organisation.entity.js';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.input.js';
import { OrganisationService } from './organisation.service.js';
import { OrganisationFilter, OrganisationOrder } from './organisations.args.js';

@ObjectType()
export class OrganisationConnection extends ConnectionType(Organisation, 'Organisation') {}

export function organisationService(context: RequestContext): OrganisationService {
  return new OrganisationService(context.dataSource, context.today);
}

export function loadOrganisation(context: RequestContext, id: string): Promise<Organisation | null> {
  return context.loaders
    .get<string, Organisation | null>('organisation.byId', async (ids) =>
      oneByKey(ids, await organisationService(context).byIds(ids), (organisation) => organisation.id),
    )
    .load(id);
}

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation)
  organisation(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<Organisation> {
    return organisationService(context).read(id, context.actor);
  }

  @Query(() => OrganisationConnection, { description: 'Organisations, active ones unless includeArchived.' })
  organisations(
    @Arg('filter', () => OrganisationFilter, { nullable: true }) filter: OrganisationFilter | undefined,
    @Arg('orderBy', () => OrganisationOrder, { nullable: true }) orderBy: OrganisationOrder | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return organisationService(context).list(filter, orderBy, page, context.actor);
  }

  @Mutation(() => Organisation)
  createOrganisation(@Arg('input') input: CreateOrganisationInput, @Ctx() context: RequestContext): Promise<Organisation> {
    return organisationService(context).create(input, context.actor);
  }

  @Mutation(() => Organisation)
  updateOrganisation(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateOrganisationInput,
    @Ctx() context: RequestContext,
  ): Promise<Organisation> {
    return organisationService(context).update(id, input, context.actor);
  }

  @Mutation(() => Organisation, { description: 'Archives (never deletes) an organisation without current assignments.' })
  archiveOrganisation(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Ctx() context: RequestContext,
  ): Promise<Organisation> {
    return organisationService(context).archive(id, reason, context.actor);
  }

  @FieldResolver(() => Area)
  async area(@Root() organisation: Organisation, @Ctx() context: RequestContext): Promise<Area> {
    return (await loadArea(context, organisation.areaCode))!;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may change this organisation (it is in your area, or you are an admin).' })
  viewerCanManage(@Root() organisation: Organisation, @Ctx() context: RequestContext): Promise<boolean> {
    return context.loaders
      .get<string, boolean>('organisation.viewerCanManage', (ids) => organisationService(context).canManage(ids, context.actor))
      .load(organisation.id);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  parent(@Root() organisation: Organisation, @Ctx() context: RequestContext): Promise<Organisation | null> | null {
    return organisation.parentId ? loadOrganisation(context, organisation.parentId) : null;
  }
}
