import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '@peksos/schema-kit';

@InputType({ description: 'A placement of a worker at an organisation.' })
export class AssignWorkerInput {
  @Field(() => ID, { description: 'The id of the worker to place.' })
  workerId!: string;

  @Field(() => ID, { description: 'The id of the organisation.' })
  organisationId!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day of the assignment; today by default.' })
  startsOn?: string | null;

  @Field({ defaultValue: true, description: "The worker's main placement; a worker has one at a time." })
  isPrimary: boolean = true;

  @Field(() => String, {
    nullable: true,
    description:
      'Admins only: why the worker may take this placement beyond the workload limit (1 to 500 characters). ' +
      'Without it such a placement is refused with WORKLOAD_LIMIT_EXCEEDED; with it the reason is kept on the assignment.',
  })
  limitOverrideReason?: string | null;
}

@InputType({ description: 'Conditions on assignments; every condition given must hold.' })
export class AssignmentFilter {
  @Field(() => ID, { description: 'Only the assignments of this worker.', nullable: true })
  workerId?: string;

  @Field(() => ID, { description: 'Only the assignments at this organisation.', nullable: true })
  organisationId?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only assignments active on this date.' })
  activeOn?: string;

  @Field({ defaultValue: true, description: 'Include ended assignments (ignored when activeOn is given).' })
  includeEnded: boolean = true;
}
