import { Field, ID, InputType } from 'type-graphql';
import { Matches, MaxLength } from 'class-validator';
import { CertificationLevel, CertificationRecordKind } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';

const NOT_BLANK = /\S/;

@InputType()
export class RecordCertificationInput {
  @Field(() => ID)
  workerId!: string;

  @Field(() => CertificationLevel)
  level!: CertificationLevel;

  @Field()
  @Matches(NOT_BLANK, { message: 'certificateNumber must not be empty' })
  @MaxLength(100)
  certificateNumber!: string;

  @Field()
  @Matches(NOT_BLANK, { message: 'issuer must not be empty' })
  @MaxLength(200)
  issuer!: string;

  @Field(() => LocalDateScalar)
  issuedOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day the certificate is valid.' })
  expiresOn?: string | null;
}

@InputType()
export class ScheduleCompetencyTestInput {
  @Field(() => ID)
  workerId!: string;

  @Field(() => CertificationLevel)
  level!: CertificationLevel;

  @Field(() => LocalDateScalar)
  testDate!: string;
}

@InputType()
export class CertificationFilter {
  @Field(() => ID, { nullable: true })
  workerId?: string;

  @Field(() => CertificationRecordKind, { nullable: true })
  kind?: CertificationRecordKind;

  @Field(() => CertificationLevel, { nullable: true })
  level?: CertificationLevel;
}
