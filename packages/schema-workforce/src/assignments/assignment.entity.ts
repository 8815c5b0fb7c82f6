import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '@peksos/schema-kit';

@ObjectType({
  description:
    'A worker placed at an organisation from startsOn until endsOn (exclusive: the first day no longer served). ' +
    'Ending an assignment sets endsOn; the row stays as history.',
})
@Entity('assignment')
export class Assignment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  workerId!: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organisationId!: string;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day the worker no longer serves there.' })
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Field({ description: "Whether this is the worker's main placement (one at a time)." })
  @Column({ type: 'boolean', default: true })
  isPrimary!: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Active on a date: started on or before it and not yet ended. */
export function isActiveOn(assignment: Pick<Assignment, 'startsOn' | 'endsOn'>, date: string): boolean {
  return assignment.startsOn <= date && (assignment.endsOn === null || assignment.endsOn > date);
}
