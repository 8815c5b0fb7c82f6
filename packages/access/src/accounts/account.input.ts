import { Field, InputType, Int } from 'type-graphql';
import { Matches, MaxLength } from 'class-validator';
import { AccessRole } from '../roles.js';

const NOT_BLANK = /\S/;

@InputType()
export class CreateAccountInput {
  @Field({ description: 'Lower-case letters, digits, . _ -; 3 to 64.' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3 to 64 lower-case letters, digits, . _ or -' })
  username!: string;

  @Field()
  @Matches(NOT_BLANK, { message: 'displayName must not be empty' })
  @MaxLength(200)
  displayName!: string;

  @Field(() => AccessRole, { description: 'ADMIN, COORDINATOR or VIEWER (partners use API keys).' })
  role!: AccessRole;

  @Field(() => String, { nullable: true, description: 'Required for a coordinator: the area they manage.' })
  @MaxLength(20)
  areaCode?: string | null;

  @Field({ description: 'At least 10 characters, without the username.' })
  password!: string;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateAccountInput {
  @Field(() => String, { nullable: true })
  @Matches(NOT_BLANK, { message: 'displayName must not be empty' })
  @MaxLength(200)
  displayName?: string;

  @Field(() => AccessRole, { nullable: true })
  role?: AccessRole;

  @Field(() => String, { nullable: true })
  @MaxLength(20)
  areaCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true stops the account signing in and ends its sessions.' })
  disabled?: boolean;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number;
}
