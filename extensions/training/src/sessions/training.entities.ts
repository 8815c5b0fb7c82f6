import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CertificationLevel } from '@peksos/types';
import { LocalDateScalar, Node } from '@peksos/schema-kit';

export enum TrainingSessionKind {
  TRAINING = 'TRAINING',
  COMPETENCY_TEST = 'COMPETENCY_TEST',
}
registerEnumType(TrainingSessionKind, {
  name: 'TrainingSessionKind',
  description: 'What a training session is.',
  valuesConfig: {
    TRAINING: { description: 'A training course.' },
    COMPETENCY_TEST: { description: 'A competency test towards a certificate.' },
  },
});

export enum TrainingResult {
  PENDING = 'PENDING',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  ABSENT = 'ABSENT',
}
registerEnumType(TrainingResult, {
  name: 'TrainingResult',
  description: 'A worker’s result in a training session.',
  valuesConfig: {
    PENDING: { description: 'Not recorded yet.' },
    PASSED: { description: 'Passed.' },
    FAILED: { description: 'Did not pass.' },
    ABSENT: { description: 'Did not attend.' },
  },
});

@ObjectType({ implements: Node, description: 'A training or competency-test session (uji kompetensi) organised by an organisation.' })
@Entity('training_session')
export class TrainingSession {
  @Field(() => ID, { description: 'The training session’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'The session’s title.' })
  @Column({ type: 'text' })
  title!: string;

  @Field(() => TrainingSessionKind, { description: 'What kind of training it is.' })
  @Column({ type: 'text' })
  kind!: TrainingSessionKind;

  @Field(() => CertificationLevel, { nullable: true, description: 'For a competency test: the level it certifies.' })
  @Column({ type: 'text', nullable: true })
  certificationLevel!: CertificationLevel | null;

  @Field(() => LocalDateScalar, { description: 'The day the session is held.' })
  @Column({ type: 'date' })
  heldOn!: string;

  @Field({ description: 'Where the session is held.' })
  @Column({ type: 'text' })
  place!: string;

  @Field(() => ID, { description: 'The id of the organisation organising the session.' })
  @Column({ type: 'uuid' })
  organiserId!: string;

  @Field(() => Int, { description: 'How many workers may enrol; null when unlimited.', nullable: true })
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@ObjectType({ description: 'A worker enrolled in a session, and the result.' })
@Entity('training_enrolment')
export class TrainingEnrolment {
  @Field(() => ID, { description: 'The enrolment’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The id of the training session.' })
  @Column({ type: 'uuid' })
  sessionId!: string;

  @Field(() => ID, { description: 'The id of the worker enrolled.' })
  @Column({ type: 'uuid' })
  workerId!: string;

  @Field(() => TrainingResult, { description: 'The worker’s result; PENDING until recorded.' })
  @Column({ type: 'text', default: TrainingResult.PENDING })
  result!: TrainingResult;

  @Field(() => ID, { nullable: true, description: 'The certificate recorded when a competency test was passed.' })
  @Column({ type: 'uuid', nullable: true })
  certificationId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
