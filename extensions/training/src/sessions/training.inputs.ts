import { Field, ID, InputType, Int } from 'type-graphql';
import { Matches, Max, MaxLength, Min } from 'class-validator';
import { CertificationLevel } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';
import { TrainingResult, TrainingSessionKind } from './training.entities.js';

const NOT_BLANK = /\S/;

@InputType({ description: 'A new training session.' })
export class ScheduleTrainingSessionInput {
  @Field({ description: 'The session’s title.' })
  @Matches(NOT_BLANK, { message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;

  @Field(() => TrainingSessionKind, { description: 'What kind of training it is.' })
  kind!: TrainingSessionKind;

  @Field(() => CertificationLevel, { nullable: true, description: 'Required for a competency test.' })
  certificationLevel?: CertificationLevel | null;

  @Field(() => LocalDateScalar, { description: 'The day it is held.' })
  heldOn!: string;

  @Field({ description: 'Where it is held.' })
  @Matches(NOT_BLANK, { message: 'place must not be empty' })
  @MaxLength(200)
  place!: string;

  @Field(() => ID, { description: 'The id of the organising organisation.' })
  organiserId!: string;

  @Field(() => Int, { description: 'How many workers may enrol; unlimited when null.', nullable: true })
  @Min(1)
  @Max(10_000)
  capacity?: number | null;
}

@InputType({ description: 'The result of a worker in a training session.' })
export class RecordTrainingResultInput {
  @Field(() => ID, { description: 'The id of the enrolment.' })
  enrolmentId!: string;

  @Field(() => TrainingResult, { description: 'The result.' })
  result!: TrainingResult;

  @Field(() => String, { nullable: true, description: 'Required when a competency test is PASSED.' })
  @Matches(NOT_BLANK, { message: 'certificateNumber must not be empty' })
  @MaxLength(100)
  certificateNumber?: string | null;
}

@InputType({ description: 'Conditions on training sessions; every condition given must hold.' })
export class TrainingSessionFilter {
  @Field(() => ID, { description: 'Only the sessions of this organisation.', nullable: true })
  organiserId?: string;

  @Field(() => TrainingSessionKind, { description: 'Only sessions of this kind.', nullable: true })
  kind?: TrainingSessionKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Held on or after this date.' })
  from?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Held on or before this date.' })
  to?: string;
}
