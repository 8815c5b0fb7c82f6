import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { AccessContext } from '../context.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyService } from './api-key.service.js';

@ObjectType({ description: 'A new API key and its secret, shown this once only.' })
export class CreatedApiKey {
  @Field(() => ApiKey, { description: 'The key’s record.' })
  apiKey!: ApiKey;

  @Field({ description: 'The key to give the partner, sent as Authorization: Bearer <key>. Shown only now.' })
  secret!: string;
}

function apiKeys(context: AccessContext): ApiKeyService {
  return new ApiKeyService(context.dataSource);
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Partner API keys, newest first, revoked ones too.' })
  apiKeys(@Ctx() context: AccessContext): Promise<ApiKey[]> {
    return apiKeys(context).list();
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates a partner key for one or more organisations.' })
  createApiKey(
    @Arg('name', { description: 'Who the key is for, e.g. "PKH Cimahi Utara".' }) name: string,
    @Arg('organisationIds', () => [ID], {
      description: 'The organisations the partner may read: their ids or their codes (e.g. PKH-3277), as you like.',
    })
    organisationIds: string[],
    @Ctx() context: AccessContext,
  ): Promise<CreatedApiKey> {
    return apiKeys(context).create(name, organisationIds, context.actor.kind === 'account' ? context.actor.id : null);
  }

  @Mutation(() => ApiKey, { description: 'Revokes a key at once; requests with it are refused from then on.' })
  revokeApiKey(@Arg('id', () => ID, { description: 'The id of the key to revoke.' }) id: string, @Ctx() context: AccessContext): Promise<ApiKey> {
    return apiKeys(context).revoke(id);
  }

  @FieldResolver(() => [ID], { description: 'The organisations the key may read.' })
  async organisationIds(@Root() apiKey: ApiKey, @Ctx() context: AccessContext): Promise<string[]> {
    return context.loaders
      .get<string, string[]>('apiKey.organisationIds', async (ids) => {
        const byKey = await apiKeys(context).organisationIdsByKey(ids);
        return ids.map((id) => byKey.get(id) ?? []);
      })
      .load(apiKey.id);
  }
}
