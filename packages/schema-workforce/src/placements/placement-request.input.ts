import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '@peksos/schema-kit';

@InputType({ description: 'A placement asked of the coordinator of a worker from another area.' })
export class RequestPlacementInput {
  @Field(() => ID, { description: 'A worker of another area.' })
  workerId!: string;

  @Field(() => ID, { description: 'An organisation of your area.' })
  organisationId!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day of the placement; today by default.' })
  startsOn?: string | null;

  @Field({ defaultValue: false, description: "Whether it would be the worker's main placement." })
  isPrimary: boolean = false;

  @Field(() => String, { nullable: true, description: 'Why (at most 500 characters).' })
  note?: string | null;
}
