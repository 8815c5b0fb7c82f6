import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CertificationLevel } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';

export enum TrainingSessionKind {
  TRAINING = 'TRAINING',
  COMPETENCY_TEST = 'COMPETENCY_TEST',
}
registerEnumType(TrainingSessionKind, { name: 'TrainingSessionKind' });

export enum TrainingResult {
  PENDING = 'PENDING',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  ABSENT = 'ABSENT',
}
registerEnumType(TrainingResult, { name: 'TrainingResult' });

@ObjectType({ description: 'A training or competency-test session (uji kompetensi) organised by an organisation.' })
@Entity('training_session')
export class TrainingSession {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'text' })
  title!: string;

  @Field(() => TrainingSessionKind)
  @Column({ type: 'text' })
  kind!: TrainingSessionKind;

  @Field(() => CertificationLevel, { nullable: true, description: 'For a competency test: the level it certifies.' })
  @Column({ type: 'text', nullable: true })
  certificationLevel!: CertificationLevel | null;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  heldOn!: string;

  @Field()
  @Column({ type: 'text' })
  place!: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organiserId!: string;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@ObjectType({ description: 'A worker enrolled in a session, and the result.' })
@Entity('training_enrolment')
export class TrainingEnrolment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  sessionId!: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  workerId!: string;

  @Field(() => TrainingResult)
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
