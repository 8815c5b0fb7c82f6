import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { EmploymentStatus, Gender } from '@peksos/types';
import '../enums.js';

@ObjectType({ description: 'A social worker (Pekerja Sosial, Peksos).' })
@Entity('worker')
export class Worker {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'text' })
  fullName!: string;

  @Field(() => Gender)
  @Column({ type: 'text' })
  gender!: Gender;

  @Field(() => EmploymentStatus)
  @Column({ type: 'text' })
  employmentStatus!: EmploymentStatus;

  /**
   * The national ID number (NIK) is personal data under UU 27/2022. It is deliberately NOT a GraphQL field: the API
   * exposes only `maskedNationalIdNumber` (see worker.resolver.ts).
   */
  @Column({ type: 'text', nullable: true })
  nationalIdNumber!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  homeAreaCode!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  archiveReason!: string | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Increases with every change; send it back as expectedVersion to avoid overwriting.' })
  @VersionColumn()
  version!: number;
}
