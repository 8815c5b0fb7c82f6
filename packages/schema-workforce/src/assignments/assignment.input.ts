import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '@peksos/schema-kit';

@InputType()
export class AssignWorkerInput {
  @Field(() => ID)
  workerId!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day of the assignment; today by default.' })
  startsOn?: string | null;

  @Field({ defaultValue: true, description: "The worker's main placement; a worker has one at a time." })
  isPrimary: boolean = true;
}

@InputType()
export class AssignmentFilter {
  @Field(() => ID, { nullable: true })
  workerId?: string;

  @Field(() => ID, { nullable: true })
  organisationId?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only assignments active on this date.' })
  activeOn?: string;

  @Field({ defaultValue: true, description: 'Include ended assignments (ignored when activeOn is given).' })
  includeEnded: boolean = true;
}
