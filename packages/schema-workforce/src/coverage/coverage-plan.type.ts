import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import { CertificationStatus } from '@peksos/types';
import { LocalDateScalar } from '@peksos/schema-kit';
import { Nearness } from './coverage-plan.solver.js';
import type { CertificationCandidate, CoveragePlan, CoveragePlanRow, KecamatanNeed } from './coverage-plan.service.js';

registerEnumType(Nearness, {
  name: 'Nearness',
  description: 'How near a worker is to an organisation (the worker’s home area, else their placement’s area).',
  valuesConfig: {
    SAME_KELURAHAN: { description: 'In the same kelurahan/desa.' },
    SAME_KECAMATAN: { description: 'In the same kecamatan, another kelurahan.' },
    SAME_CITY: { description: 'In the same kota/kabupaten, another kecamatan (or a city-wide organisation).' },
  },
});

@ObjectType('CoveragePlanRow', { description: 'One proposed placement of a coverage plan, with why it was chosen.' })
export class CoveragePlanRowType implements CoveragePlanRow {
  @Field(() => ID, { description: 'The organisation lacking a worker.' })
  organisationId!: string;

  @Field(() => ID, { description: 'The worker proposed.' })
  workerId!: string;

  @Field(() => Nearness, { description: 'How near the worker is to the organisation.' })
  nearness!: Nearness;

  @Field({ description: 'Whether the worker is certified on the plan’s day.' })
  certified!: boolean;

  @Field(() => Int, { description: 'Placements the worker holds before the plan.' })
  placementsBefore!: number;

  @Field({ description: 'Whether the placement would be the worker’s primary one (they hold none).' })
  isPrimary!: boolean;
}

@ObjectType('CertificationCandidate', {
  description: 'An uncertified worker at (or proposed for) organisations lacking a certified worker: certifying them closes those gaps.',
})
export class CertificationCandidateType implements CertificationCandidate {
  @Field(() => ID, { description: 'The worker.' })
  workerId!: string;

  @Field(() => CertificationStatus, { description: 'Their certification status on the plan’s day.' })
  certificationStatus!: CertificationStatus;

  @Field(() => [ID], { description: 'The organisations that would have a certified worker.' })
  organisationIds!: string[];
}

@ObjectType('KecamatanNeed', {
  description: 'What a kecamatan (or, for city-wide units, the city) still needs once the plan is made.',
})
export class KecamatanNeedType implements KecamatanNeed {
  @Field({ description: 'The kecamatan’s code (or the city’s, for organisations serving the whole city).' })
  areaCode!: string;

  @Field({ description: 'Its name.' })
  areaName!: string;

  @Field(() => Int, { description: 'Organisations there lacking a worker on the plan’s day.' })
  organisationsLackingWorker!: number;

  @Field(() => Int, { description: 'Of them, those the plan covers.' })
  coveredByPlan!: number;

  @Field(() => Int, { description: 'Those still lacking a worker after the plan.' })
  stillLackingWorker!: number;

  @Field(() => Int, { description: 'More workers needed to cover them all (each may take maxPlacements placements).' })
  additionalWorkersNeeded!: number;

  @Field(() => Int, { description: 'Organisations there lacking a certified worker on the plan’s day.' })
  organisationsLackingCertifiedWorker!: number;

  @Field(() => Int, { description: 'Those still lacking a certified worker after the plan.' })
  certifiedGapAfterPlan!: number;

  @Field(() => Int, { description: 'More certified workers needed to close that gap (each may take maxPlacements placements).' })
  additionalCertifiedWorkersNeeded!: number;

  @Field(() => [CertificationCandidateType], { description: 'Uncertified workers whose certification would close part of that gap, those closing most first.' })
  certificationCandidates!: CertificationCandidateType[];
}

@ObjectType('CoveragePlan', {
  description:
    'Proposed placements of an area’s available workers at its organisations lacking a (certified) worker, covering the ' +
    'most organisations, then preferring the same kelurahan, the same kecamatan and balanced workloads; solved exactly.',
})
export class CoveragePlanType implements CoveragePlan {
  @Field({ description: 'The area planned.' })
  areaCode!: string;

  @Field(() => LocalDateScalar, { description: 'The day planned for.' })
  asOf!: string;

  @Field({ description: 'Whether the plan covers organisations lacking a certified worker with certified workers only.' })
  certifiedOnly!: boolean;

  @Field(() => Int, { description: 'The placements a worker may hold at most in this plan.' })
  maxPlacements!: number;

  @Field(() => Int, { description: 'Organisations lacking a (certified) worker: those the plan tries to cover.' })
  organisationsLacking!: number;

  @Field(() => Int, { description: 'Workers of the area with spare capacity (certified ones with certifiedOnly).' })
  availableWorkers!: number;

  @Field(() => [CoveragePlanRowType], { description: 'The proposed placements, one per organisation covered.' })
  rows!: CoveragePlanRowType[];

  @Field(() => [KecamatanNeedType], { description: 'Per kecamatan, what the plan cannot fix.' })
  needs!: KecamatanNeedType[];

  @Field(() => Int, { description: 'How long the solver took, in milliseconds.' })
  solveMilliseconds!: number;
}

@InputType({ description: 'Limits for a coverage plan, tighter than the office’s.' })
export class CoveragePlanLimitsInput {
  @Field(() => Int, { nullable: true, description: 'Placements per worker at most, from 1 to the office’s maxPlacements.' })
  @Min(1)
  @Max(20)
  maxPlacements?: number | null;
}

@InputType({ description: 'One row of a coverage plan to accept.' })
export class CoveragePlanRowInput {
  @Field(() => ID, { description: 'The organisation.' })
  organisationId!: string;

  @Field(() => ID, { description: 'The worker to place there.' })
  workerId!: string;
}

@InputType({ description: 'The rows of a coverage plan to accept (all, or those ticked), made in one transaction.' })
export class AcceptCoveragePlanInput {
  @Field(() => [CoveragePlanRowInput], { description: 'The placements to make; one refused refuses them all.' })
  rows!: CoveragePlanRowInput[];

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day of the placements; today by default.' })
  startsOn?: string | null;
}

@ObjectType('AssignmentCandidate', { description: 'A worker who could be placed at an organisation, ranked: certified first, then nearer, then more spare capacity.' })
export class AssignmentCandidateType {
  @Field(() => ID, { description: 'The worker.' })
  workerId!: string;

  @Field({ description: 'Whether the worker is certified on the day.' })
  certified!: boolean;

  @Field(() => Nearness, { description: 'How near the worker is to the organisation.' })
  nearness!: Nearness;

  @Field(() => Int, { description: 'Placements the worker holds on the day or later.' })
  placementsHeld!: number;

  @Field(() => Int, { description: 'Placements the worker may still take under the office’s maximum.' })
  sparePlacements!: number;
}
