import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar, Node } from '@peksos/schema-kit';

@ObjectType({ implements: Node,
  description:
    'A worker placed at an organisation from startsOn until endsOn (exclusive: the first day no longer served). ' +
    'Ending an assignment sets endsOn; the row stays as history.',
})
@Entity('assignment')
export class Assignment {
  @Field(() => ID, { description: 'The assignment’s id (a UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The id of the worker placed.' })
  @Column({ type: 'uuid' })
  workerId!: string;

  @Field(() => ID, { description: 'The id of the organisation the worker is placed at.' })
  @Column({ type: 'uuid' })
  organisationId!: string;

  @Field(() => LocalDateScalar, { description: 'The first day of the placement.' })
  @Column({ type: 'date' })
  startsOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day the worker no longer serves there.' })
  @Column({ type: 'date', nullable: true })
  endsOn!: string | null;

  @Field({ description: "Whether this is the worker's main placement (one at a time)." })
  @Column({ type: 'boolean', default: true })
  isPrimary!: boolean;

  @Field(() => String, { description: 'Why the placement ended; null while it runs or when no reason was given.', nullable: true })
  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When the assignment was recorded (UTC).' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When the assignment last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

type Period = Pick<Assignment, 'startsOn' | 'endsOn'>;

/** Two periods overlap; periods are half-open [startsOn, endsOn), a null end is open (the exclusion constraints' rule). */
export function periodsOverlap(a: Period, b: Period): boolean {
  return (b.endsOn === null || a.startsOn < b.endsOn) && (a.endsOn === null || b.startsOn < a.endsOn);
}

/**
 * Why a placement cannot stand beside a worker's other assignments, if it cannot: another period at the same
 * organisation overlaps it, or, for a primary placement, another primary one does. The rule of `assign` and of the
 * assignments import (the database's exclusion constraints hold it too).
 */
export function placementConflict(
  next: Period & Pick<Assignment, 'organisationId' | 'isPrimary'>,
  others: readonly (Period & Pick<Assignment, 'organisationId' | 'isPrimary'>)[],
): 'assignmentOverlap' | 'primaryOverlap' | null {
  const overlapping = others.filter((other) => periodsOverlap(other, next));
  if (overlapping.some((other) => other.organisationId === next.organisationId)) return 'assignmentOverlap';
  if (next.isPrimary && overlapping.some((other) => other.isPrimary)) return 'primaryOverlap';
  return null;
}

/** Active on a date: started on or before it and not yet ended. */
export function isActiveOn(assignment: Pick<Assignment, 'startsOn' | 'endsOn'>, date: string): boolean {
  return assignment.startsOn <= date && (assignment.endsOn === null || assignment.endsOn > date);
}
