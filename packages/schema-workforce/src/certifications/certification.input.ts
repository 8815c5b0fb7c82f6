import { Field, ID, InputType } from 'type-graphql';
import { Matches, MaxLength } from 'class-validator';
import { CertificationLevel, CertificationRecordKind } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';

const NOT_BLANK = /\S/;

@InputType({ description: 'A certificate a worker holds.' })
export class RecordCertificationInput {
  @Field(() => ID, { description: 'The id of the worker.' })
  workerId!: string;

  @Field(() => CertificationLevel, { description: 'The certificate’s level.' })
  level!: CertificationLevel;

  @Field({ description: 'The certificate’s number, unique.' })
  @Matches(NOT_BLANK, { message: 'certificateNumber must not be empty' })
  @MaxLength(100)
  certificateNumber!: string;

  @Field({ description: 'Who issued it (the certification body).' })
  @Matches(NOT_BLANK, { message: 'issuer must not be empty' })
  @MaxLength(200)
  issuer!: string;

  @Field(() => LocalDateScalar, { description: 'The day it was issued; not in the future.' })
  issuedOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day the certificate is valid.' })
  expiresOn?: string | null;
}

@InputType({ description: 'A competency test a worker is to take.' })
export class ScheduleCompetencyTestInput {
  @Field(() => ID, { description: 'The id of the worker.' })
  workerId!: string;

  @Field(() => CertificationLevel, { description: 'The level tested.' })
  level!: CertificationLevel;

  @Field(() => LocalDateScalar, { description: 'The day of the test.' })
  testDate!: string;
}

@InputType({ description: 'Conditions on certifications; every condition given must hold.' })
export class CertificationFilter {
  @Field(() => ID, { description: 'Only the records of this worker.', nullable: true })
  workerId?: string;

  @Field(() => CertificationRecordKind, { description: 'Only certificates or only scheduled tests.', nullable: true })
  kind?: CertificationRecordKind;

  @Field(() => CertificationLevel, { description: 'Only records of this level.', nullable: true })
  level?: CertificationLevel;
}
