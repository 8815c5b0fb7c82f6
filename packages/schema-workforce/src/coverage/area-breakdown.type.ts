import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '@peksos/schema-kit';
import { Area } from '../areas/area.entity.js';

@ObjectType({ description: 'The workforce figures of one area directly under the parent of an AreaBreakdown.' })
export class AreaBreakdownRow {
  @Field(() => Area, { description: 'The area (a province, regency or city, kecamatan or village).' })
  area!: Area;

  @Field(() => Int, { description: 'Workers of the area: placed at an organisation of the area, or placed nowhere and living there (as WorkforceSummary.workers).' })
  workers!: number;

  @Field(() => Int, { description: 'Of them, holding a valid certificate on asOf.' })
  certifiedWorkers!: number;

  @Field(() => Int, { description: 'The area’s population (see Area.populationSource); null when unknown.', nullable: true })
  population!: number | null;

  @Field(() => Float, { description: 'Workers per 100,000 inhabitants, two decimals; null when the population is unknown.', nullable: true })
  workersPer100k!: number | null;

  @Field(() => Float, { description: 'Certified workers per 100,000 inhabitants, two decimals; null when the population is unknown.', nullable: true })
  certifiedWorkersPer100k!: number | null;

  @Field(() => Int, { description: 'Organisations of the area (not archived) that should have a worker.' })
  organisationsNeedingWorker!: number;

  @Field(() => Int, { description: 'Of them, with no active assignment on asOf (the gap list: organisationsLackingWorker).' })
  organisationsLackingWorker!: number;

  @Field(() => Int, { description: 'Of them, with no active assignment of a worker certified on asOf.' })
  organisationsLackingCertifiedWorker!: number;
}

@ObjectType({
  description:
    'The workforce figures of each area directly under a parent (each province of Indonesia, each regency or city of ' +
    'a province, each kecamatan of a city, each village of a kecamatan), on a date, from one SQL statement. ' +
    'Organisations registered at the parent itself (a city office at the city) belong to no child row.',
})
export class AreaBreakdown {
  @Field(() => Area, { description: 'The parent area; null for Indonesia (the provinces).', nullable: true })
  parent!: Area | null;

  @Field(() => LocalDateScalar, { description: 'The day the figures are for.' })
  asOf!: string;

  @Field(() => [AreaBreakdownRow], { description: 'One row per child area, by code.' })
  rows!: AreaBreakdownRow[];
}
