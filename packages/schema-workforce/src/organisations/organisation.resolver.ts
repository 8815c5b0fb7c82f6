import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, oneByKey, PageArgs, type RequestContext, type NodeType } from '@peksos/schema-kit';
import { Area } from '../areas/area.entity.js';
import { loadArea } from '../areas/area.resolver.js';
import { Organisation } from './organisation.entity.js';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.input.js';
import { OrganisationService } from './organisation.service.js';
import { OrganisationFilter, OrganisationOrder } from './organisations.args.js';

@ObjectType({ description: 'A page of organisations (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
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

/** Organisation as a Relay node: `node(id:)` reads it as `organisation(id:)` does. */
export const organisationNode: NodeType<Organisation> = {
  typeName: 'Organisation',
  table: 'organisation',
  query: 'Query.organisation',
  load: (context, id) => organisationService(context).read(id, context.actor),
};

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { description: 'One organisation, by id. NOT_FOUND when it does not exist or the caller may not read it.' })
  organisation(@Arg('id', () => ID, { description: 'The organisation’s id.' }) id: string, @Ctx() context: RequestContext): Promise<Organisation> {
    return organisationNode.load(context, id);
  }

  @Query(() => OrganisationConnection, { description: 'Organisations, active ones unless includeArchived.' })
  organisations(
    @Arg('filter', () => OrganisationFilter, { description: 'Only the organisations matching every condition given; all active ones when null.', nullable: true }) filter: OrganisationFilter | undefined,
    @Arg('orderBy', () => OrganisationOrder, { description: 'The order of the items; the id breaks ties, so the order is total.', nullable: true }) orderBy: OrganisationOrder | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return organisationService(context).list(filter, orderBy, page, context.actor);
  }

  @Mutation(() => Organisation, { description: 'Records a new organisation.' })
  createOrganisation(@Arg('input', { description: 'The organisation.' }) input: CreateOrganisationInput, @Ctx() context: RequestContext): Promise<Organisation> {
    return organisationService(context).create(input, context.actor);
  }

  @Mutation(() => Organisation, { description: 'Changes an organisation.' })
  updateOrganisation(
    @Arg('id', () => ID, { description: 'The id of the organisation to change.' }) id: string,
    @Arg('input', { description: 'The changes; fields left out stay as they are.' }) input: UpdateOrganisationInput,
    @Ctx() context: RequestContext,
  ): Promise<Organisation> {
    return organisationService(context).update(id, input, context.actor);
  }

  @Mutation(() => Organisation, { description: 'Archives (never deletes) an organisation without current assignments.' })
  archiveOrganisation(
    @Arg('id', () => ID, { description: 'The id of the organisation to archive.' }) id: string,
    @Arg('reason', { description: 'Why it is archived.' }) reason: string,
    @Ctx() context: RequestContext,
  ): Promise<Organisation> {
    return organisationService(context).archive(id, reason, context.actor);
  }

  @FieldResolver(() => Area, { description: 'The area the organisation serves.' })
  async area(@Root() organisation: Organisation, @Ctx() context: RequestContext): Promise<Area> {
    return (await loadArea(context, organisation.areaCode))!;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may change this organisation (it is in your area, or you are an admin).' })
  viewerCanManage(@Root() organisation: Organisation, @Ctx() context: RequestContext): Promise<boolean> {
    return context.loaders
      .get<string, boolean>('organisation.viewerCanManage', (ids) => organisationService(context).canManage(ids, context.actor))
      .load(organisation.id);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation this one belongs to; null when none.', nullable: true })
  parent(@Root() organisation: Organisation, @Ctx() context: RequestContext): Promise<Organisation | null> | null {
    return organisation.parentId ? loadOrganisation(context, organisation.parentId) : null;
  }
}
