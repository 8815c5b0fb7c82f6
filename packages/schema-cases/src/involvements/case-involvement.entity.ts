import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '@peksos/schema-kit';

@ObjectType({ description: 'A worker involved in a case in a professional role, from startsOn until endsOn (exclusive).' })
@Entity('case_involvement')
export class CaseInvolvement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  caseId!: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  workerId!: string;

  @Field()
  @Column({ type: 'text' })
  roleCode!: string;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Field({ description: 'The worker leading the case (one at a time).' })
  @Column({ type: 'boolean', default: false })
  isLead!: boolean;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
