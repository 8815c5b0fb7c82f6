import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, LocalDateScalar, manyByKey, nestedConnection, PageArgs, type Connection, type RequestContext, type NodeType } from '@peksos/schema-kit';
import { Organisation } from '../organisations/organisation.entity.js';
import { loadOrganisation } from '../organisations/organisation.resolver.js';
import { Worker } from '../workers/worker.entity.js';
import { loadWorker } from '../workers/worker.resolver.js';
import { Assignment, isActiveOn } from './assignment.entity.js';
import { AssignmentFilter, AssignWorkerInput } from './assignment.input.js';
import { AssignmentService } from './assignment.service.js';

@ObjectType({ description: 'A page of assignments (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
export class AssignmentConnection extends ConnectionType(Assignment, 'Assignment') {}

function assignmentService(context: RequestContext): AssignmentService {
  return new AssignmentService(context.dataSource, context.today);
}

function assignmentsOfOrganisation(context: RequestContext, organisationId: string, activeOn: string | null) {
  return context.loaders
    .get<string, Assignment[]>(`organisation.assignments:${activeOn ?? 'all'}`, async (ids) =>
      manyByKey(ids, await assignmentService(context).byOrganisationIds(ids, activeOn), (row) => row.organisationId),
    )
    .load(organisationId);
}

function assignmentsOfWorker(context: RequestContext, workerId: string, activeOn: string | null) {
  return context.loaders
    .get<string, Assignment[]>(`worker.assignments:${activeOn ?? 'all'}`, async (ids) =>
      manyByKey(ids, await assignmentService(context).byWorkerIds(ids, activeOn), (row) => row.workerId),
    )
    .load(workerId);
}

/** Assignment as a Relay node: `node(id:)` reads it as `assignment(id:)` does. */
export const assignmentNode: NodeType<Assignment> = {
  typeName: 'Assignment',
  table: 'assignment',
  query: 'Query.assignment',
  load: (context, id) => assignmentService(context).get(id),
};

@Resolver(() => Assignment)
export class AssignmentResolver {
  @Query(() => Assignment, { description: 'One assignment (a placement of a worker at an organisation), by id.' })
  assignment(@Arg('id', () => ID, { description: 'The assignment’s id.' }) id: string, @Ctx() context: RequestContext): Promise<Assignment> {
    return assignmentNode.load(context, id);
  }

  @Query(() => AssignmentConnection, { description: 'Assignments, newest start first, a page at a time.' })
  assignments(
    @Arg('filter', () => AssignmentFilter, { description: 'Only the items matching every condition given; all of them when null.', nullable: true }) filter: AssignmentFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return assignmentService(context).list(filter, page);
  }

  @Mutation(() => Assignment, { description: 'Places a worker at an organisation from a date (today by default).' })
  assignWorker(@Arg('input', { description: 'The values to record.' }) input: AssignWorkerInput, @Ctx() context: RequestContext): Promise<Assignment> {
    return assignmentService(context).assign(input, context.actor);
  }

  @Mutation(() => Assignment, { description: 'Ends an assignment; endsOn is the first day no longer served.' })
  endAssignment(
    @Arg('id', () => ID, { description: 'The id of the assignment to end.' }) id: string,
    @Arg('endsOn', () => LocalDateScalar, { description: 'The first day the worker no longer serves there; after the start.' }) endsOn: string,
    @Arg('reason', () => String, { description: 'Why the placement ends (at most 500 characters).', nullable: true }) reason: string | null | undefined,
    @Ctx() context: RequestContext,
  ): Promise<Assignment> {
    return assignmentService(context).end(id, endsOn, reason, context.actor);
  }

  @FieldResolver(() => Worker, { description: 'The worker placed.' })
  async worker(@Root() assignment: Assignment, @Ctx() context: RequestContext): Promise<Worker> {
    return (await loadWorker(context, assignment.workerId))!;
  }

  @FieldResolver(() => Organisation, { description: 'The organisation the worker is placed at.' })
  async organisation(@Root() assignment: Assignment, @Ctx() context: RequestContext): Promise<Organisation> {
    return (await loadOrganisation(context, assignment.organisationId))!;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the assignment is active on asOf (today by default).' })
  isActive(
    @Root() assignment: Assignment,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day to check; today when null.', nullable: true }) asOf: string | undefined,
    @Ctx() context: RequestContext,
  ): boolean {
    return isActiveOn(assignment, asOf ?? context.today);
  }
}

@Resolver(() => Organisation)
export class OrganisationAssignmentsResolver {
  @FieldResolver(() => [Worker], { description: 'Workers with an assignment there active on asOf (today by default).' })
  async activeWorkers(
    @Root() organisation: Organisation,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day; today when null.', nullable: true }) asOf: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<Worker[]> {
    const assignments = await assignmentsOfOrganisation(context, organisation.id, asOf ?? context.today);
    const workers = await Promise.all([...new Set(assignments.map((a) => a.workerId))].map((id) => loadWorker(context, id)));
    return workers.filter((worker): worker is Worker => worker !== null);
  }

  @FieldResolver(() => AssignmentConnection, {
    description: 'Assignments active today, or all of them (history too) with includeEnded; newest first, a page at a time.',
  })
  assignments(
    @Root() organisation: Organisation,
    @Arg('includeEnded', { description: 'Include placements that have ended (history).', defaultValue: false }) includeEnded: boolean,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ): Promise<Connection<Assignment>> {
    const activeOn = includeEnded ? null : context.today;
    const list = assignmentService(context).organisationAssignments(activeOn);
    return nestedConnection(context, `organisation.assignments:${activeOn ?? 'all'}`, organisation.id, list, page);
  }
}

@Resolver(() => Worker)
export class WorkerAssignmentsResolver {
  @FieldResolver(() => [Assignment], { description: 'All assignments, past and present, newest first.' })
  assignments(
    @Root() worker: Worker,
    @Arg('includeEnded', { description: 'Include placements that have ended (history).', defaultValue: true }) includeEnded: boolean,
    @Ctx() context: RequestContext,
  ): Promise<Assignment[]> {
    return assignmentsOfWorker(context, worker.id, includeEnded ? null : context.today);
  }

  @FieldResolver(() => [Assignment], { description: 'Assignments active on asOf (today by default).' })
  activeAssignments(
    @Root() worker: Worker,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day; today when null.', nullable: true }) asOf: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<Assignment[]> {
    return assignmentsOfWorker(context, worker.id, asOf ?? context.today);
  }
}
