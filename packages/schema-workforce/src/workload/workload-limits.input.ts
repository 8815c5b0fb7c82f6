import { Field, InputType, Int } from 'type-graphql';
import { Max, Min } from 'class-validator';

@InputType({ description: 'New workload limits; a value left out stays as it is.' })
export class UpdateWorkloadLimitsInput {
  @Field(() => Int, { nullable: true, description: 'Open cases per worker recommended (1 to 500, at most maxOpenCases).' })
  @Min(1)
  @Max(500)
  recommendedOpenCases?: number | null;

  @Field(() => Int, { nullable: true, description: 'Open cases per worker at most (1 to 500).' })
  @Min(1)
  @Max(500)
  maxOpenCases?: number | null;

  @Field(() => Int, { nullable: true, description: 'Placements per worker at one time at most (1 to 20).' })
  @Min(1)
  @Max(20)
  maxPlacements?: number | null;
}
