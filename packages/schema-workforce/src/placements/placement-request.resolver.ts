import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@peksos/schema-kit';
import { Assignment } from '../assignments/assignment.entity.js';
import { AssignmentService } from '../assignments/assignment.service.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { loadOrganisation } from '../organisations/organisation.resolver.js';
import { Worker } from '../workers/worker.entity.js';
import { loadWorker } from '../workers/worker.resolver.js';
import { PlacementRequest, PlacementRequestStatus } from './placement-request.entity.js';
import { RequestPlacementInput } from './placement-request.input.js';
import { PlacementRequestService } from './placement-request.service.js';

function placementRequestService(context: RequestContext): PlacementRequestService {
  return new PlacementRequestService(context.dataSource, context.today);
}

@Resolver(() => PlacementRequest)
export class PlacementRequestResolver {
  @Query(() => [PlacementRequest], {
    description:
      'Placement requests, newest first (at most 500): areaCode, those of workers whose home area lies there (the ones ' +
      "that area's coordinator answers); organisationAreaCode, those asked for organisations there.",
  })
  placementRequests(
    @Arg('status', () => PlacementRequestStatus, { nullable: true, description: 'Only requests in this state.' }) status: PlacementRequestStatus | null | undefined,
    @Arg('areaCode', () => String, { nullable: true, description: "Only requests for workers whose home area is in this area." }) areaCode: string | null | undefined,
    @Arg('organisationAreaCode', () => String, { nullable: true, description: 'Only requests for organisations in this area.' }) organisationAreaCode: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<PlacementRequest[]> {
    return placementRequestService(context).list({ status, areaCode, organisationAreaCode });
  }

  @Mutation(() => PlacementRequest, {
    description:
      "Asks to place a worker of another area at an organisation of yours; the worker's coordinator (or an admin) accepts or declines.",
  })
  requestPlacement(@Arg('input', { description: 'The worker, the organisation and the placement asked for.' }) input: RequestPlacementInput, @Ctx() context: RequestContext): Promise<PlacementRequest> {
    return placementRequestService(context).request(input, context.actor);
  }

  @Mutation(() => PlacementRequest, { description: 'Accepts a pending placement request of your worker: the assignment is made.' })
  acceptPlacementRequest(@Arg('id', () => ID, { description: 'The request to accept.' }) id: string, @Ctx() context: RequestContext): Promise<PlacementRequest> {
    return placementRequestService(context).accept(id, context.actor);
  }

  @Mutation(() => PlacementRequest, { description: 'Declines a pending placement request of your worker, with the reason.' })
  declinePlacementRequest(
    @Arg('id', () => ID, { description: 'The request to decline.' }) id: string,
    @Arg('reason', { description: 'Why (at most 500 characters); the requester sees it.' }) reason: string,
    @Ctx() context: RequestContext,
  ): Promise<PlacementRequest> {
    return placementRequestService(context).decline(id, reason, context.actor);
  }

  @Mutation(() => PlacementRequest, {
    description: 'Withdraws a pending placement request for an organisation of yours (you asked it): it places nobody.',
  })
  withdrawPlacementRequest(@Arg('id', () => ID, { description: 'The request to withdraw.' }) id: string, @Ctx() context: RequestContext): Promise<PlacementRequest> {
    return placementRequestService(context).withdraw(id, context.actor);
  }

  @FieldResolver(() => Worker, { description: 'The worker asked for.' })
  async worker(@Root() request: PlacementRequest, @Ctx() context: RequestContext): Promise<Worker> {
    return (await loadWorker(context, request.workerId))!;
  }

  @FieldResolver(() => Organisation, { description: 'The organisation the worker would be placed at.' })
  async organisation(@Root() request: PlacementRequest, @Ctx() context: RequestContext): Promise<Organisation> {
    return (await loadOrganisation(context, request.organisationId))!;
  }

  @FieldResolver(() => Assignment, { nullable: true, description: 'The assignment made when it was accepted.' })
  assignment(@Root() request: PlacementRequest, @Ctx() context: RequestContext): Promise<Assignment> | null {
    return request.assignmentId ? new AssignmentService(context.dataSource, context.today).get(request.assignmentId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may answer it (the worker is yours to manage) while it is pending.' })
  async viewerCanAnswer(@Root() request: PlacementRequest, @Ctx() context: RequestContext): Promise<boolean> {
    if (request.status !== PlacementRequestStatus.PENDING) return false;
    return context.loaders
      .get<string, boolean>('placementRequest.viewerCanAnswer', (ids) => placementRequestService(context).canAnswer(ids, context.actor))
      .load(request.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may withdraw it (the organisation is yours to manage) while it is pending.' })
  async viewerCanWithdraw(@Root() request: PlacementRequest, @Ctx() context: RequestContext): Promise<boolean> {
    if (request.status !== PlacementRequestStatus.PENDING) return false;
    return context.loaders
      .get<string, boolean>('placementRequest.viewerCanWithdraw', (ids) => placementRequestService(context).canWithdraw(ids, context.actor))
      .load(request.id);
  }
}
