import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar, Node } from '@peksos/schema-kit';

@ObjectType({ implements: Node, description: 'A worker involved in a case in a professional role, from startsOn until endsOn (exclusive).' })
@Entity('case_involvement')
export class CaseInvolvement {
  @Field(() => ID, { description: 'The involvement’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The id of the case.' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @Field(() => ID, { description: 'The id of the worker.' })
  @Column({ type: 'uuid' })
  workerId!: string;

  @Field({ description: 'The code of the professional role the worker plays in the case.' })
  @Column({ type: 'text' })
  roleCode!: string;

  @Field(() => LocalDateScalar, { description: 'The first day of the involvement.' })
  @Column({ type: 'date' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { description: 'The first day the worker is no longer involved; null while involved.', nullable: true })
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Field({ description: 'The worker leading the case (one at a time).' })
  @Column({ type: 'boolean', default: false })
  isLead!: boolean;

  @Field(() => String, {
    description: 'Why an admin allowed this involvement beyond the workload limit (maxOpenCases); null when it was within it.',
    nullable: true,
  })
  @Column({ type: 'text', nullable: true })
  limitOverrideReason!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the involvement was recorded (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the involvement last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
