import { Field, InputType, Int } from 'type-graphql';
import { IsEmail, Matches, MaxLength, Min } from 'class-validator';
import { EmploymentStatus, Gender, NATIONAL_ID_NUMBER_PATTERN, PHONE_PATTERN } from '@peksos/types';

const NOT_BLANK = /\S/;

@InputType()
export class CreateWorkerInput {
  @Field()
  @Matches(NOT_BLANK, { message: 'fullName must not be empty' })
  @MaxLength(200)
  fullName!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => EmploymentStatus)
  employmentStatus!: EmploymentStatus;

  @Field(() => String, { nullable: true, description: 'NIK: sixteen digits. Stored, never shown in full.' })
  @Matches(NATIONAL_ID_NUMBER_PATTERN, { message: 'nationalIdNumber must be sixteen digits' })
  nationalIdNumber?: string | null;

  @Field(() => String, { nullable: true, description: '+62… or 08…, digits only.' })
  @Matches(PHONE_PATTERN, { message: 'phone must be 8 to 15 digits, optionally after a +' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Kemendagri code of the area where the worker lives.' })
  @MaxLength(20)
  homeAreaCode?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateWorkerInput {
  @Field(() => String, { nullable: true })
  @Matches(NOT_BLANK, { message: 'fullName must not be empty' })
  @MaxLength(200)
  fullName?: string;

  @Field(() => Gender, { nullable: true })
  gender?: Gender;

  @Field(() => EmploymentStatus, { nullable: true })
  employmentStatus?: EmploymentStatus;

  @Field(() => String, { nullable: true })
  @Matches(NATIONAL_ID_NUMBER_PATTERN, { message: 'nationalIdNumber must be sixteen digits' })
  nationalIdNumber?: string | null;

  @Field(() => String, { nullable: true })
  @Matches(PHONE_PATTERN, { message: 'phone must be 8 to 15 digits, optionally after a +' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(20)
  homeAreaCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you edited; a newer one on the server is a CONFLICT.' })
  @Min(1)
  expectedVersion?: number;
}
