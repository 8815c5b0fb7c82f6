import { Field, Float, Int, ObjectType } from 'type-graphql';
import { OrganisationKind } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';
import { Area } from '../areas/area.entity.js';

@ObjectType()
export class PlacementKindCount {
  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Field(() => Int, {
    description:
      'Placed workers of the area whose leading placement in the area is at an organisation of this kind (see ' +
      'WorkforceSummary.workersByPlacementKind).',
  })
  workers!: number;
}

@ObjectType({
  description:
    'The workforce of an area on a date. A worker counts in an area when placed (any active assignment) at an ' +
    'organisation there, or, when placed nowhere, when living there.',
})
export class WorkforceSummary {
  @Field(() => Area)
  area!: Area;

  @Field(() => LocalDateScalar)
  asOf!: string;

  @Field(() => Int)
  workers!: number;

  @Field(() => Int, { description: 'Workers holding a valid certificate on asOf.' })
  certifiedWorkers!: number;

  @Field(() => Int)
  uncertifiedWorkers!: number;

  @Field(() => Int, { description: 'Workers living in the area with no active assignment anywhere.' })
  unplacedWorkers!: number;

  @Field(() => [PlacementKindCount], {
    description:
      'Placed workers by the kind of organisation of their leading placement in the area: the primary placement when ' +
      'it is in the area, otherwise the earliest-started secondary placement there. Each placed worker counts in ' +
      'exactly one kind, so these counts plus unplacedWorkers add up to workers. Kinds with no worker are left out.',
  })
  workersByPlacementKind!: PlacementKindCount[];

  @Field(() => Int, { description: 'Active (not archived) organisations in the area.' })
  organisations!: number;

  @Field(() => Int)
  organisationsNeedingWorker!: number;

  @Field(() => Int)
  organisationsLackingWorker!: number;

  @Field(() => Int)
  organisationsLackingCertifiedWorker!: number;

  @Field(() => Int, { nullable: true })
  population!: number | null;

  @Field(() => Float, { nullable: true, description: 'Workers per 100,000 inhabitants, two decimals.' })
  workersPer100k!: number | null;

  @Field(() => Float, { nullable: true })
  certifiedWorkersPer100k!: number | null;
}
