import { Field, Float, Int, ObjectType } from 'type-graphql';
import { OrganisationKind } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';
import { Area } from '../areas/area.entity.js';

@ObjectType({ description: 'How many placed workers of an area have their leading placement at organisations of one kind.' })
export class PlacementKindCount {
  @Field(() => OrganisationKind, { description: 'The kind of organisation.' })
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
  @Field(() => Area, { description: 'The area summarised.' })
  area!: Area;

  @Field(() => LocalDateScalar, { description: 'The day the figures are for.' })
  asOf!: string;

  @Field(() => Int, { description: 'Workers of the area: placed at an organisation of the area, or placed nowhere and living there.' })
  workers!: number;

  @Field(() => Int, { description: 'Workers holding a valid certificate on asOf.' })
  certifiedWorkers!: number;

  @Field(() => Int, { description: 'Workers without a valid certificate on asOf (workers minus certifiedWorkers).' })
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

  @Field(() => Int, { description: 'Active organisations of the area that should have a worker (shouldHaveWorker).' })
  organisationsNeedingWorker!: number;

  @Field(() => Int, { description: 'Organisations needing a worker that have no active assignment on asOf.' })
  organisationsLackingWorker!: number;

  @Field(() => Int, { description: 'Organisations needing a worker that have no certified worker placed on asOf.' })
  organisationsLackingCertifiedWorker!: number;

  @Field(() => Int, { description: 'The area’s population (see Area.populationYear); null when unknown.', nullable: true })
  population!: number | null;

  @Field(() => Float, { nullable: true, description: 'Workers per 100,000 inhabitants, two decimals.' })
  workersPer100k!: number | null;

  @Field(() => Float, { description: 'Certified workers per 100,000 inhabitants, two decimals; null when the population is unknown.', nullable: true })
  certifiedWorkersPer100k!: number | null;
}
