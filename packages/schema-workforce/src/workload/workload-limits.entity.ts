import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/**
 * The office's workload limits: one row (migrations/1764400097000-workload-limits.ts). A worker's placements and open
 * cases beyond the maxima are refused unless an admin overrides them with a reason.
 */
@ObjectType({ description: 'The workload limits the office sets for every worker; admins change them.' })
@Entity('workload_limits')
export class WorkloadLimits {
  @PrimaryColumn({ type: 'boolean', default: true })
  id!: boolean;

  @Field(() => Int, { description: 'Open cases per worker the office recommends (about 25).' })
  @Column({ type: 'integer' })
  recommendedOpenCases!: number;

  @Field(() => Int, { description: 'Open cases a worker may be involved in at most (about 40).' })
  @Column({ type: 'integer' })
  maxOpenCases!: number;

  @Field(() => Int, { description: 'Placements a worker may hold at one time at most.' })
  @Column({ type: 'integer' })
  maxPlacements!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the limits last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
