import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, LocalDateScalar, MAX_PAGE_SIZE, type RequestContext } from '@peksos/schema-kit';
import { Assignment } from '../assignments/assignment.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { loadOrganisation } from '../organisations/organisation.resolver.js';
import { Worker } from '../workers/worker.entity.js';
import { loadWorker } from '../workers/worker.resolver.js';
import { CandidateRankingService } from '../workload/candidate-ranking.service.js';
import { CoveragePlanService } from './coverage-plan.service.js';
import {
  AcceptCoveragePlanInput,
  AssignmentCandidateType,
  CertificationCandidateType,
  CoveragePlanLimitsInput,
  CoveragePlanRowType,
  CoveragePlanType,
} from './coverage-plan.type.js';

async function existing<T>(load: Promise<T | null>): Promise<T> {
  return (await load)!;
}

@Resolver(() => CoveragePlanType)
export class CoveragePlanResolver {
  @Query(() => CoveragePlanType, {
    description:
      'Proposes placements of an area’s available workers at its organisations lacking a worker (a certified one with ' +
      'certifiedOnly), and says per kecamatan what no placement can fix (docs/coverage-planner.md).',
  })
  coveragePlan(
    @Arg('areaCode', { description: 'The area (Kemendagri code), such as 32.77.' }) areaCode: string,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day to plan for; today when null.', nullable: true }) asOf: string | undefined,
    @Arg('certifiedOnly', { description: 'Cover organisations lacking a certified worker, with certified workers only.', defaultValue: false }) certifiedOnly: boolean,
    @Arg('limits', () => CoveragePlanLimitsInput, { description: 'Limits tighter than the office’s; the office’s when null.', nullable: true }) limits: CoveragePlanLimitsInput | undefined,
    @Ctx() context: RequestContext,
  ): Promise<CoveragePlanType> {
    return new CoveragePlanService(context.dataSource, context.today).plan(areaCode, asOf, certifiedOnly, limits);
  }

  @Mutation(() => [Assignment], {
    description:
      'Accepts rows of a coverage plan: makes each placement as assignWorker would (same rules: who may place whom, ' +
      'workload limits), all in one transaction, or none of them.',
  })
  acceptCoveragePlan(@Arg('input', { description: 'The rows to accept.' }) input: AcceptCoveragePlanInput, @Ctx() context: RequestContext): Promise<Assignment[]> {
    return new CoveragePlanService(context.dataSource, context.today).accept(context.dataSource, input.rows, input.startsOn, context.actor);
  }

  @Query(() => [AssignmentCandidateType], {
    description:
      'The workers who could be placed at an organisation, ranked: certified first, then nearer, then more spare capacity. ' +
      'Workers of other areas are listed too: a coordinator asks for them with requestPlacement.',
  })
  assignmentCandidates(
    @Arg('organisationId', () => ID, { description: 'The organisation.' }) organisationId: string,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day; today when null.', nullable: true }) asOf: string | undefined,
    @Arg('certifiedOnly', { description: 'Certified workers only.', defaultValue: false }) certifiedOnly: boolean,
    @Arg('first', () => Int, { description: 'How many, best first (at most 100).', defaultValue: 20 }) first: number,
    @Ctx() context: RequestContext,
  ): Promise<AssignmentCandidateType[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
    return new CandidateRankingService(context.dataSource).rankForOrganisation(organisationId, asOf ?? context.today, { certifiedOnly, first });
  }
}

@Resolver(() => CoveragePlanRowType)
export class CoveragePlanRowResolver {
  @FieldResolver(() => Organisation, { description: 'The organisation lacking a worker.' })
  organisation(@Root() row: CoveragePlanRowType, @Ctx() context: RequestContext): Promise<Organisation> {
    return existing(loadOrganisation(context, row.organisationId));
  }

  @FieldResolver(() => Worker, { description: 'The worker proposed.' })
  worker(@Root() row: CoveragePlanRowType, @Ctx() context: RequestContext): Promise<Worker> {
    return existing(loadWorker(context, row.workerId));
  }
}

@Resolver(() => CertificationCandidateType)
export class CertificationCandidateResolver {
  @FieldResolver(() => Worker, { description: 'The uncertified worker.' })
  worker(@Root() candidate: CertificationCandidateType, @Ctx() context: RequestContext): Promise<Worker> {
    return existing(loadWorker(context, candidate.workerId));
  }

  @FieldResolver(() => [Organisation], { description: 'The organisations that would have a certified worker.' })
  organisations(@Root() candidate: CertificationCandidateType, @Ctx() context: RequestContext): Promise<Organisation[]> {
    return Promise.all(candidate.organisationIds.map((id) => existing(loadOrganisation(context, id))));
  }
}

@Resolver(() => AssignmentCandidateType)
export class AssignmentCandidateResolver {
  @FieldResolver(() => Worker, { description: 'The worker.' })
  worker(@Root() candidate: AssignmentCandidateType, @Ctx() context: RequestContext): Promise<Worker> {
    return existing(loadWorker(context, candidate.workerId));
  }
}
