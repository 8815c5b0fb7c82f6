import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '@peksos/schema-kit';

export enum PlacementRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(PlacementRequestStatus, {
  name: 'PlacementRequestStatus',
  valuesConfig: {
    PENDING: { description: 'Waiting for an answer.' },
    ACCEPTED: { description: 'Accepted: the assignment is made.' },
    DECLINED: { description: 'Declined, with a reason.' },
    WITHDRAWN: { description: 'Withdrawn by the side that asked, before an answer.' },
  },
  description:
    "PENDING until the worker's coordinator (or an admin) answers: ACCEPTED (the assignment is made) or DECLINED; or until " +
    'the side that asked withdraws it: WITHDRAWN.',
});

@ObjectType({
  description:
    "A coordinator's request to place a worker of another area at one of their organisations. The worker's home-area " +
    'coordinator, or an admin, accepts it (which makes the assignment) or declines it with a reason (docs/access.md).',
})
@Entity('placement_request')
export class PlacementRequest {
  @Field(() => ID, { description: "The placement request's id." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The worker asked for.' })
  @Column({ type: 'uuid' })
  workerId!: string;

  @Field(() => ID, { description: 'The organisation the worker would be placed at.' })
  @Column({ type: 'uuid' })
  organisationId!: string;

  @Field(() => LocalDateScalar, { description: 'First day of the placement asked for.' })
  @Column({ type: 'date' })
  startsOn!: string;

  @Field({ description: "Whether the placement would be the worker's main one." })
  @Column({ type: 'boolean', default: false })
  isPrimary!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the requester asks for this worker.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Field(() => PlacementRequestStatus, { description: 'Whether it is pending, accepted or declined.' })
  @Column({ type: 'text', default: PlacementRequestStatus.PENDING })
  status!: PlacementRequestStatus;

  @Field({ description: 'Who asked (the name of their account).' })
  @Column({ type: 'text' })
  requestedBy!: string;

  @Field(() => String, { nullable: true, description: 'Who answered, or who withdrew it.' })
  @Column({ type: 'text', nullable: true })
  decidedBy!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was answered or withdrawn; null while pending.' })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was declined.' })
  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  @Field(() => ID, { nullable: true, description: 'The assignment made when it was accepted.' })
  @Column({ type: 'uuid', nullable: true })
  assignmentId!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When it was asked.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'When it last changed.' })
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Its version, for optimistic concurrency.' })
  @VersionColumn()
  version!: number;
}
