import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '@peksos/schema-kit';

/**
 * A worker's workload on a date. The workforce module counts placements; the cases module adds the open cases the
 * worker is involved in (fields of its own on this type).
 */
@ObjectType({ description: "A worker's workload on a date, against the office's limits." })
export class Workload {
  /** Whose workload (for the fields other modules add). */
  workerId!: string;

  @Field(() => LocalDateScalar, { description: 'The day counted.' })
  asOf!: string;

  @Field(() => Int, { description: 'Placements active on that day.' })
  activePlacements!: number;

  @Field(() => Int, { description: 'Placements a worker may hold at most (the office’s limit).' })
  maxPlacements!: number;

  @Field(() => Int, { description: 'Placements the worker may still take: maxPlacements less activePlacements, never below 0.' })
  sparePlacements!: number;
}
