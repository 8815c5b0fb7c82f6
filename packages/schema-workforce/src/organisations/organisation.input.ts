import { Field, ID, InputType, Int } from 'type-graphql';
import { IsIn, Matches, MaxLength, Min } from 'class-validator';
import { AccreditationGrade, OrganisationKind } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';

const NOT_BLANK = /\S/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

@InputType()
export class CreateOrganisationInput {
  @Field(() => String, { nullable: true, description: 'Optional stable code: letters, digits, . _ -; at most 64.' })
  @Matches(CODE, { message: 'code may hold letters, digits, dot, dash and underscore, at most 64' })
  code?: string | null;

  @Field()
  @Matches(NOT_BLANK, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Field({ description: 'Kemendagri code of the area where it works.' })
  @MaxLength(20)
  areaCode!: string;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field({ defaultValue: true })
  shouldHaveWorker: boolean = true;

  @Field(() => AccreditationGrade, { nullable: true })
  @IsIn(Object.values(AccreditationGrade))
  accreditationGrade?: AccreditationGrade | null;

  @Field(() => LocalDateScalar, { nullable: true })
  accreditationExpiresOn?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  address?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateOrganisationInput {
  @Field(() => String, { nullable: true })
  @Matches(CODE, { message: 'code may hold letters, digits, dot, dash and underscore, at most 64' })
  code?: string | null;

  @Field(() => String, { nullable: true })
  @Matches(NOT_BLANK, { message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @Field(() => OrganisationKind, { nullable: true })
  kind?: OrganisationKind;

  @Field(() => String, { nullable: true })
  @MaxLength(20)
  areaCode?: string;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => Boolean, { nullable: true })
  shouldHaveWorker?: boolean;

  @Field(() => AccreditationGrade, { nullable: true })
  accreditationGrade?: AccreditationGrade | null;

  @Field(() => LocalDateScalar, { nullable: true })
  accreditationExpiresOn?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(500)
  address?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you edited; a newer one on the server is a CONFLICT.' })
  @Min(1)
  expectedVersion?: number;
}
