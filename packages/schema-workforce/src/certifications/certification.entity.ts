import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { CertificationLevel, CertificationRecordKind } from '@peksos/types';
import { LocalDateScalar, Node } from '@peksos/schema-kit';
import '../enums.js';

@ObjectType({ implements: Node, description: 'A competency certificate a worker holds, or a competency test scheduled for them.' })
@Entity('certification')
export class Certification {
  @Field(() => ID, { description: 'The certification’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The id of the worker.' })
  @Column({ type: 'uuid' })
  workerId!: string;

  @Field(() => CertificationRecordKind, { description: 'A certificate held, or a competency test scheduled.' })
  @Column({ type: 'text' })
  kind!: CertificationRecordKind;

  @Field(() => CertificationLevel, { description: 'The level of the certificate or test.' })
  @Column({ type: 'text' })
  level!: CertificationLevel;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the scheduled competency test.' })
  @Column({ type: 'date', nullable: true })
  testDate!: string | null;

  @Field(() => String, { description: 'The certificate’s number; null for a scheduled test.', nullable: true })
  @Column({ type: 'text', nullable: true })
  certificateNumber!: string | null;

  @Field(() => String, { description: 'Who issued the certificate (the certification body); null for a scheduled test.', nullable: true })
  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Field(() => LocalDateScalar, { description: 'The day the certificate was issued; null for a scheduled test.', nullable: true })
  @Column({ type: 'date', nullable: true })
  issuedOn!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day the certificate is valid; none if it does not expire.' })
  @Column({ type: 'date', nullable: true })
  expiresOn!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the record was made (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
