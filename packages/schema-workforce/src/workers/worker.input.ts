import { Field, InputType, Int } from 'type-graphql';
import { IsEmail, Matches, MaxLength, Min } from 'class-validator';
import { EmploymentStatus, Gender, NATIONAL_ID_NUMBER_PATTERN, PHONE_PATTERN } from '@peksos/types';

const NOT_BLANK = /\S/;

@InputType({ description: 'A new worker.' })
export class CreateWorkerInput {
  @Field({ description: 'The worker’s full name.' })
  @Matches(NOT_BLANK, { message: 'fullName must not be empty' })
  @MaxLength(200)
  fullName!: string;

  @Field(() => Gender, { description: 'The worker’s gender.' })
  gender!: Gender;

  @Field(() => EmploymentStatus, { description: 'How the worker is employed.' })
  employmentStatus!: EmploymentStatus;

  @Field(() => String, { nullable: true, description: 'NIK: sixteen digits. Stored, never shown in full.' })
  @Matches(NATIONAL_ID_NUMBER_PATTERN, { message: 'nationalIdNumber must be sixteen digits' })
  nationalIdNumber?: string | null;

  @Field(() => String, { nullable: true, description: '+62… or 08…, digits only.' })
  @Matches(PHONE_PATTERN, { message: 'phone must be 8 to 15 digits, optionally after a +' })
  phone?: string | null;

  @Field(() => String, { description: 'The worker’s e-mail address.', nullable: true })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Kemendagri code of the area where the worker lives.' })
  @MaxLength(20)
  homeAreaCode?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateWorkerInput {
  @Field(() => String, { description: 'A new full name.', nullable: true })
  @Matches(NOT_BLANK, { message: 'fullName must not be empty' })
  @MaxLength(200)
  fullName?: string;

  @Field(() => Gender, { description: 'A new gender.', nullable: true })
  gender?: Gender;

  @Field(() => EmploymentStatus, { description: 'A new employment status.', nullable: true })
  employmentStatus?: EmploymentStatus;

  @Field(() => String, { description: 'A new NIK (16 digits); null clears it.', nullable: true })
  @Matches(NATIONAL_ID_NUMBER_PATTERN, { message: 'nationalIdNumber must be sixteen digits' })
  nationalIdNumber?: string | null;

  @Field(() => String, { description: 'A new phone number; null clears it.', nullable: true })
  @Matches(PHONE_PATTERN, { message: 'phone must be 8 to 15 digits, optionally after a +' })
  phone?: string | null;

  @Field(() => String, { description: 'A new e-mail address; null clears it.', nullable: true })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { description: 'A new home area (Kemendagri code); null clears it.', nullable: true })
  @MaxLength(20)
  homeAreaCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you edited; a newer one on the server is a CONFLICT.' })
  @Min(1)
  expectedVersion?: number;
}
