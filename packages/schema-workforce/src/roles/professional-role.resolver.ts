import { Arg, Args, Ctx, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, oneByKey, PageArgs, type RequestContext } from '@peksos/schema-kit';
import { ProfessionalRole } from './professional-role.entity.js';
import { CreateProfessionalRoleInput } from './professional-role.input.js';
import { ProfessionalRoleService } from './professional-role.service.js';

@ObjectType({ description: 'A page of professional roles (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
export class ProfessionalRoleConnection extends ConnectionType(ProfessionalRole, 'ProfessionalRole') {}

export function loadProfessionalRole(context: RequestContext, code: string): Promise<ProfessionalRole | null> {
  return context.loaders
    .get<string, ProfessionalRole | null>('professionalRole.byCode', async (codes) =>
      oneByKey(codes, await new ProfessionalRoleService(context.dataSource).byCodes(codes), (role) => role.code),
    )
    .load(code);
}

@Resolver(() => ProfessionalRole)
export class ProfessionalRoleResolver {
  @Query(() => ProfessionalRole, { description: 'One professional role, by code.' })
  professionalRole(@Arg('code', () => ID, { description: 'The role’s code.' }) code: string, @Ctx() context: RequestContext): Promise<ProfessionalRole> {
    return new ProfessionalRoleService(context.dataSource).get(code);
  }

  @Query(() => ProfessionalRoleConnection, { description: 'The professional roles, in their display order.' })
  professionalRoles(@Args() page: PageArgs, @Ctx() context: RequestContext) {
    return new ProfessionalRoleService(context.dataSource).list(page);
  }

  @Mutation(() => ProfessionalRole, { description: 'Adds a professional role beyond the seven of the report.' })
  createProfessionalRole(
    @Arg('input', { description: 'The role.' }) input: CreateProfessionalRoleInput,
    @Ctx() context: RequestContext,
  ): Promise<ProfessionalRole> {
    return new ProfessionalRoleService(context.dataSource).create(input);
  }
}
