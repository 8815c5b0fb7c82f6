import { Field, ID, InputType, Int } from 'type-graphql';
import { IsIn, Matches, MaxLength, Min } from 'class-validator';
import { AccreditationGrade, OrganisationKind } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';

const NOT_BLANK = /\S/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

@InputType({ description: 'A new organisation.' })
export class CreateOrganisationInput {
  @Field(() => String, { nullable: true, description: 'Optional stable code: letters, digits, . _ -; at most 64.' })
  @Matches(CODE, { message: 'code may hold letters, digits, dot, dash and underscore, at most 64' })
  code?: string | null;

  @Field({ description: 'The organisation’s name.' })
  @Matches(NOT_BLANK, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;

  @Field(() => OrganisationKind, { description: 'The kind of organisation.' })
  kind!: OrganisationKind;

  @Field({ description: 'Kemendagri code of the area where it works.' })
  @MaxLength(20)
  areaCode!: string;

  @Field(() => ID, { description: 'The id of the organisation this one belongs to.', nullable: true })
  parentId?: string | null;

  @Field({ description: 'Whether the organisation should have a social worker placed (it counts in the coverage figures).', defaultValue: true })
  shouldHaveWorker: boolean = true;

  @Field(() => AccreditationGrade, { description: 'The accreditation grade, for an accredited institution.', nullable: true })
  @IsIn(Object.values(AccreditationGrade))
  accreditationGrade?: AccreditationGrade | null;

  @Field(() => LocalDateScalar, { description: 'The last day the accreditation is valid.', nullable: true })
  accreditationExpiresOn?: string | null;

  @Field(() => String, { description: 'The street address.', nullable: true })
  @MaxLength(500)
  address?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateOrganisationInput {
  @Field(() => String, { description: 'A new code; null clears it.', nullable: true })
  @Matches(CODE, { message: 'code may hold letters, digits, dot, dash and underscore, at most 64' })
  code?: string | null;

  @Field(() => String, { description: 'A new name.', nullable: true })
  @Matches(NOT_BLANK, { message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @Field(() => OrganisationKind, { description: 'A new kind.', nullable: true })
  kind?: OrganisationKind;

  @Field(() => String, { description: 'A new area (Kemendagri code).', nullable: true })
  @MaxLength(20)
  areaCode?: string;

  @Field(() => ID, { description: 'A new parent organisation; null makes it stand alone.', nullable: true })
  parentId?: string | null;

  @Field(() => Boolean, { description: 'Whether the organisation should have a social worker placed.', nullable: true })
  shouldHaveWorker?: boolean;

  @Field(() => AccreditationGrade, { description: 'A new accreditation grade; null clears it.', nullable: true })
  accreditationGrade?: AccreditationGrade | null;

  @Field(() => LocalDateScalar, { description: 'A new accreditation end; null clears it.', nullable: true })
  accreditationExpiresOn?: string | null;

  @Field(() => String, { description: 'A new address; null clears it.', nullable: true })
  @MaxLength(500)
  address?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you edited; a newer one on the server is a CONFLICT.' })
  @Min(1)
  expectedVersion?: number;
}
