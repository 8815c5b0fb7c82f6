import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseStatus } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';

registerEnumType(CaseStatus, { name: 'CaseStatus' });

/** A social-welfare case. The registry tracks who works on it, not the case file: no client data beyond the category. */
@ObjectType('Case', { description: 'A social-welfare case: its PMKS category, handling organisation and status.' })
@Entity('social_case')
export class SocialCase {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field()
  @Column({ type: 'text' })
  reference!: string;

  @Field()
  @Column({ type: 'text' })
  pmksCategoryCode!: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organisationId!: string;

  @Field(() => CaseStatus)
  @Column({ type: 'text' })
  status!: CaseStatus;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  openedOn!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  closingNote!: string | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int)
  @VersionColumn()
  version!: number;
}
