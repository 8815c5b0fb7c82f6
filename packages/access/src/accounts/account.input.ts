import { Field, InputType, Int } from 'type-graphql';
import { Matches, MaxLength } from 'class-validator';
import { AccessRole } from '../roles.js';

const NOT_BLANK = /\S/;

@InputType({ description: 'A new account of a person: their username, name, role and, for a coordinator, area.' })
export class CreateAccountInput {
  @Field({ description: 'Lower-case letters, digits, . _ -; 3 to 64.' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3 to 64 lower-case letters, digits, . _ or -' })
  username!: string;

  @Field({ description: 'The name shown for the account.' })
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
  @Field(() => String, { description: 'A new display name; unchanged when null.', nullable: true })
  @Matches(NOT_BLANK, { message: 'displayName must not be empty' })
  @MaxLength(200)
  displayName?: string;

  @Field(() => AccessRole, { description: 'A new role; unchanged when null.', nullable: true })
  role?: AccessRole;

  @Field(() => String, { description: 'A coordinator’s area (Kemendagri code); unchanged when left out.', nullable: true })
  @MaxLength(20)
  areaCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true stops the account signing in and ends its sessions.' })
  disabled?: boolean;

  @Field(() => Int, { description: 'The version you read; when the record has changed since, the update is refused with CONFLICT. Leave out to overwrite.', nullable: true })
  expectedVersion?: number;
}
