import { Field, ID, InputType, Int } from 'type-graphql';
import { Matches, Max, MaxLength, Min } from 'class-validator';
import { CertificationLevel } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';
import { TrainingResult, TrainingSessionKind } from './training.entities.js';

const NOT_BLANK = /\S/;

@InputType()
export class ScheduleTrainingSessionInput {
  @Field()
  @Matches(NOT_BLANK, { message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;

  @Field(() => TrainingSessionKind)
  kind!: TrainingSessionKind;

  @Field(() => CertificationLevel, { nullable: true, description: 'Required for a competency test.' })
  certificationLevel?: CertificationLevel | null;

  @Field(() => LocalDateScalar)
  heldOn!: string;

  @Field()
  @Matches(NOT_BLANK, { message: 'place must not be empty' })
  @MaxLength(200)
  place!: string;

  @Field(() => ID)
  organiserId!: string;

  @Field(() => Int, { nullable: true })
  @Min(1)
  @Max(10_000)
  capacity?: number | null;
}

@InputType()
export class RecordTrainingResultInput {
  @Field(() => ID)
  enrolmentId!: string;

  @Field(() => TrainingResult)
  result!: TrainingResult;

  @Field(() => String, { nullable: true, description: 'Required when a competency test is PASSED.' })
  @Matches(NOT_BLANK, { message: 'certificateNumber must not be empty' })
  @MaxLength(100)
  certificateNumber?: string | null;
}

@InputType()
export class TrainingSessionFilter {
  @Field(() => ID, { nullable: true })
  organiserId?: string;

  @Field(() => TrainingSessionKind, { nullable: true })
  kind?: TrainingSessionKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Held on or after this date.' })
  from?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Held on or before this date.' })
  to?: string;
}
