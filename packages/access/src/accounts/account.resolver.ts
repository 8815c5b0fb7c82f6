import { Arg, Ctx, Field, GraphQLISODateTime, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput, unauthenticated } from '@peksos/schema-kit';
import type { AccessContext } from '../context.js';
import { AccessRole } from '../roles.js';
import { SessionService } from '../sessions/session.service.js';
import { Account } from './account.entity.js';
import { CreateAccountInput, UpdateAccountInput } from './account.input.js';
import { AccountService } from './account.service.js';

@ObjectType({ description: 'Who is asking: a signed-in account, a partner’s API key, or nobody.' })
export class Me {
  @Field({ description: 'account, api_key or anonymous.' })
  kind!: string;

  @Field({ description: 'The username or the key’s name.' })
  label!: string;

  @Field(() => AccessRole, { description: 'The role of the caller; null when not signed in.', nullable: true })
  role!: AccessRole | null;

  @Field(() => String, { nullable: true, description: 'A coordinator’s area.' })
  areaCode!: string | null;

  @Field(() => [ID], { description: 'A partner key’s organisations.' })
  organisationIds!: readonly string[];

  @Field(() => Account, { description: 'The signed-in account; null for an API key or when not signed in.', nullable: true })
  account!: Account | null;
}

@ObjectType({ description: 'A new session: the account signed in and when the session ends. The session cookie comes with the response.' })
export class SignInResult {
  @Field(() => Account, { description: 'The account signed in.' })
  account!: Account;

  @Field(() => GraphQLISODateTime, { description: 'When the session ends; sign in again after.' })
  expiresAt!: Date;
}

function accounts(context: AccessContext): AccountService {
  return new AccountService(context.dataSource, context.access.settings);
}

@Resolver()
export class AccountResolver {
  @Query(() => Me, { description: 'Who is asking; anyone may ask.' })
  async me(@Ctx() context: AccessContext): Promise<Me> {
    const { actor } = context;
    const account = actor.kind === 'account' && actor.id ? await accounts(context).get(actor.id) : null;
    return {
      kind: actor.kind,
      label: actor.label,
      role: actor.role as AccessRole | null,
      areaCode: actor.areaCode,
      organisationIds: actor.organisationIds,
      account,
    };
  }

  @Mutation(() => SignInResult, {
    description: 'Opens a console session: sets an httpOnly cookie. Repeated failures make further attempts wait.',
  })
  async signIn(
    @Arg('username', { description: 'The account’s username.' }) username: string,
    @Arg('password', { description: 'The account’s password.' }) password: string,
    @Ctx() context: AccessContext,
  ): Promise<SignInResult> {
    if (!username.trim()) throw badInput('username', 'Give your username');
    if (!password) throw badInput('password', 'Give your password');
    if (password.length > 200) throw badInput('password', 'Wrong username or password');
    const signedIn = await new SessionService(context.dataSource, context.access.settings).signIn(
      username,
      password,
      context.access.signIns,
      context.access.address,
    );
    context.access.setSessionCookie(signedIn.token, signedIn.expiresAt);
    return { account: signedIn.account, expiresAt: signedIn.expiresAt };
  }

  @Mutation(() => Boolean, { description: 'Ends the current session and clears its cookie.' })
  async signOut(@Ctx() context: AccessContext): Promise<boolean> {
    if (context.access.sessionId) {
      await new SessionService(context.dataSource, context.access.settings).signOut(context.access.sessionId);
    }
    context.access.clearSessionCookie();
    return true;
  }

  @Mutation(() => Account, { description: 'Changes your own password; your other sessions end.' })
  changeMyPassword(
    @Arg('currentPassword', { description: 'The password in use now.' }) currentPassword: string,
    @Arg('newPassword', { description: 'The new password (at least 10 characters).' }) newPassword: string,
    @Ctx() context: AccessContext,
  ): Promise<Account> {
    if (context.actor.kind !== 'account' || !context.actor.id) throw unauthenticated('Sign in to change your password');
    return accounts(context).changeOwnPassword(context.actor.id, currentPassword, newPassword, context.access.sessionId, {
      guard: context.access.signIns,
      address: context.access.address,
    });
  }

  @Query(() => [Account], { description: 'All accounts of people (admins only).' })
  accounts(@Ctx() context: AccessContext): Promise<Account[]> {
    return accounts(context).list();
  }

  @Mutation(() => Account, { description: 'Creates an account for a person (admins only).' })
  createAccount(@Arg('input', { description: 'The account to create.' }) input: CreateAccountInput, @Ctx() context: AccessContext): Promise<Account> {
    return accounts(context).create(input);
  }

  @Mutation(() => Account, { description: 'Changes role, area, name; disabled: true also ends the account’s sessions.' })
  updateAccount(
    @Arg('id', () => ID, { description: 'The id of the account to change.' }) id: string,
    @Arg('input', { description: 'The changes; fields left out stay as they are.' }) input: UpdateAccountInput,
    @Ctx() context: AccessContext,
  ): Promise<Account> {
    return accounts(context).update(id, input, context.actor.id);
  }

  @Mutation(() => Account, { description: 'Sets a new password for someone who forgot theirs; their sessions end.' })
  setAccountPassword(
    @Arg('id', () => ID, { description: 'The id of the account.' }) id: string,
    @Arg('password', { description: 'The new password (at least 10 characters).' }) password: string,
    @Ctx() context: AccessContext,
  ): Promise<Account> {
    return accounts(context).setPassword(id, password);
  }
}
