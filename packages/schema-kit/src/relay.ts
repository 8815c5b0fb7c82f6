import 'reflect-metadata';
import { Arg, Ctx, Field, ID, InterfaceType, Query, Resolver } from 'type-graphql';
import { Access, isAllowed, type AccessRule } from './access.js';
import type { RequestContext } from './context.js';
import { badInput, DomainError, ErrorCode } from './errors.js';
import { isUuid } from './ids.js';
import type { SchemaModule } from './module.js';

/**
 * Relay's global object identification. Every record's id is a UUID, unique across all the registry's tables, so the
 * ids partners already hold are global ids: `node(id:)` finds the record whatever its type.
 */
@InterfaceType({
  description:
    'A record that can be fetched again by its id alone with node(id:) or nodes(ids:). Its id is a UUID, unique ' +
    'across every type of the registry (a global id).',
})
export abstract class Node {
  @Field(() => ID, { description: 'The record’s id: a UUID, unique across the whole registry.' })
  id!: string;
}

/** A type a module offers to `node`: its table (keyed by a uuid `id`) and its own query, whose rules `node` keeps. */
export interface NodeType<T extends object = object> {
  /** The GraphQL type, which implements Node. */
  typeName: string;
  /** The table of its rows. */
  table: string;
  /** The query that reads one by id, e.g. `Query.worker`: a caller its access rule refuses gets null from `node`. */
  query: string;
  /**
   * What that query runs, with the same checks on the caller (a partner reads only its own organisations' records):
   * the query's resolver calls this too, so the two cannot drift. NOT_FOUND or FORBIDDEN make `node` answer null.
   */
  load(context: RequestContext, id: string): Promise<T>;
}

export const MAX_NODES = 100;

/**
 * The `node` and `nodes` queries over the node types of the modules given (their `nodeTypes`). One statement finds
 * the type of each id; then each record is read through its type's own query logic.
 */
export function relayModule(modules: SchemaModule[]): SchemaModule {
  const nodeTypes = modules.flatMap((module) => module.nodeTypes ?? []);
  const rules = new Map<string, AccessRule>(modules.flatMap((module) => Object.entries(module.access.operations)));
  for (const nodeType of nodeTypes) {
    if (!rules.has(nodeType.query)) throw new Error(`Node type ${nodeType.typeName}: ${nodeType.query} has no access rule`);
    if (!/^[a-z_]+$/.test(nodeType.table)) throw new Error(`Node type ${nodeType.typeName}: invalid table ${nodeType.table}`);
  }

  async function fetchNodes(context: RequestContext, ids: readonly string[]): Promise<(object | null)[]> {
    const uuids = ids.filter((id) => isUuid(id));
    if (uuids.length === 0 || nodeTypes.length === 0) return ids.map(() => null);
    const found = (await context.dataSource.query(
      nodeTypes.map((type, index) => `SELECT id::text AS id, ${index} AS type FROM ${type.table} WHERE id = ANY($1::uuid[])`).join(' UNION ALL '),
      [uuids],
    )) as { id: string; type: number }[];
    const typeOf = new Map(found.map((row) => [row.id, nodeTypes[Number(row.type)]!]));
    return Promise.all(
      ids.map(async (id) => {
        const type = typeOf.get(id.toLowerCase());
        if (!type || !isAllowed(rules.get(type.query)!, context.actor)) return null;
        try {
          return await type.load(context, id);
        } catch (error) {
          if (error instanceof DomainError && (error.code === ErrorCode.NOT_FOUND || error.code === ErrorCode.FORBIDDEN)) return null;
          throw error;
        }
      }),
    );
  }

  @Resolver()
  class NodeResolver {
    @Query(() => Node, {
      nullable: true,
      description:
        'Any record by its id, whatever its type (Relay). Null when no record has that id or the caller may not read ' +
        'it through its own query (worker, organisation, case, …): the same rules apply.',
    })
    async node(@Arg('id', () => ID, { description: 'The record’s id.' }) id: string, @Ctx() context: RequestContext): Promise<object | null> {
      return (await fetchNodes(context, [id]))[0]!;
    }

    @Query(() => [Node], {
      nullable: 'items',
      description: `Records by their ids, in the order given (at most ${MAX_NODES}); null for each id node(id:) would answer null for.`,
    })
    nodes(
      @Arg('ids', () => [ID], { description: `The records’ ids, at most ${MAX_NODES}.` }) ids: string[],
      @Ctx() context: RequestContext,
    ): Promise<(object | null)[]> {
      if (ids.length > MAX_NODES) throw badInput('ids', `At most ${MAX_NODES} ids at a time`);
      return fetchNodes(context, ids);
    }
  }

  return {
    name: 'relay',
    dependsOn: [],
    entities: [],
    resolvers: [NodeResolver],
    migrations: [],
    constraintMeanings: {},
    access: { operations: { 'Query.node': Access.signedIn, 'Query.nodes': Access.signedIn }, types: {} },
  };
}
