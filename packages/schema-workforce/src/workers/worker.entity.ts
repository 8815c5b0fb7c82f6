import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '@peksos/schema-kit';
import { EmploymentStatus, Gender } from '@peksos/types';
import '../enums.js';

@ObjectType({ implements: Node, description: 'A social worker (Pekerja Sosial, Peksos).' })
@Entity('worker')
export class Worker {
  @Field(() => ID, { description: 'The worker’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'The worker’s full name.' })
  @Column({ type: 'text' })
  fullName!: string;

  @Field(() => Gender, { description: 'The worker’s gender.' })
  @Column({ type: 'text' })
  gender!: Gender;

  @Field(() => EmploymentStatus, { description: 'How the worker is employed (civil servant, contract, volunteer, …).' })
  @Column({ type: 'text' })
  employmentStatus!: EmploymentStatus;

  /**
   * The national ID number (NIK) is personal data under UU 27/2022. It is deliberately NOT a GraphQL field: the API
   * exposes only `maskedNationalIdNumber` (see worker.resolver.ts).
   */
  @Column({ type: 'text', nullable: true })
  nationalIdNumber!: string | null;

  @Field(() => String, { description: 'The worker’s phone number (personal data: hidden from viewers and partners).', nullable: true })
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Field(() => String, { description: 'The worker’s e-mail address (personal data: hidden from viewers and partners).', nullable: true })
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Field(() => String, { description: 'The Kemendagri code of the area where the worker lives; null when unknown.', nullable: true })
  @Column({ type: 'text', nullable: true })
  homeAreaCode!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the worker was archived (UTC); null while active. Archived records stay as history.', nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Field(() => String, { description: 'Why the worker was archived; null while active.', nullable: true })
  @Column({ type: 'text', nullable: true })
  archiveReason!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the worker was recorded (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the worker last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Increases with every change; send it back as expectedVersion to avoid overwriting.' })
  @VersionColumn()
  version!: number;
}
