import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@peksos/schema-kit';

/** The most tokens a query document may have; the parser stops there (GraphQL's own `maxTokens` parse option). */
export const MAX_TOKENS = 3_000;

/** The estimate's weights: each object in the answer 2, each scalar 1 (graphql-armor's cost-limit defaults). */
const OBJECT_COST = 2;
const SCALAR_COST = 1;

/**
 * The page size a field's `first`/`last` will have when the operation runs: a literal as written, a variable's value
 * from the request (or the variable's default), an omitted argument its schema default, or, with neither `first` nor
 * `last` given, the server's default page size (20, `pageWindow` in @peksos/schema-kit). A value that is not a whole
 * number (it will be refused when the variables are coerced), or a larger one than the largest page (refused by the
 * page's own check, or by the coercion if beyond an Int), counts as the largest page (100).
 */
function pageSize(
  node: FieldNode,
  definition: GraphQLField<unknown, unknown> | undefined,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  const names = ['first', 'last'] as const;
  const declared = names.filter((name) => definition?.args.some((arg) => arg.name === name) ?? false);
  const written = names.filter((name) => node.arguments?.some((arg) => arg.name.value === name) ?? false);
  if (declared.length === 0 && written.length === 0) return 1;
  const sizes: number[] = [];
  for (const name of names) {
    const value = argumentValue(node, definition?.args.find((arg) => arg.name === name), name, operation, variables);
    if (value === undefined || value === null) continue;
    sizes.push(typeof value === 'number' && Number.isInteger(value) ? Math.min(value, MAX_PAGE_SIZE) : MAX_PAGE_SIZE);
  }
  return Math.max(1, ...(sizes.length > 0 ? sizes : [DEFAULT_PAGE_SIZE]));
}

/** An argument's value as the operation will run with it; undefined when it is not given and has no default. */
function argumentValue(
  node: FieldNode,
  argument: GraphQLArgument | undefined,
  name: string,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): unknown {
  const written = node.arguments?.find((arg) => arg.name.value === name)?.value;
  const schemaDefault = argument?.defaultValue;
  if (!written) return schemaDefault;
  if (written.kind === Kind.VARIABLE) {
    const variable = written.name.value;
    if (Object.prototype.hasOwnProperty.call(variables, variable)) return variables[variable];
    const declared = operation.variableDefinitions?.find((definition) => definition.variable.name.value === variable)?.defaultValue;
    return declared ? valueFromASTUntyped(declared) : schemaDefault;
  }
  if (written.kind === Kind.INT) return parseInt(written.value, 10);
  return valueFromASTUntyped(written, variables);
}

/**
 * The estimated cost of the operation that will run: about how many values its answer may hold, each object 2 and
 * each scalar 1, a page's items counted as many times as its page size, with the sizes the request will actually use
 * (pageSize). graphql-armor's rule, which this replaces, counted `first: $n` and an omitted `first` as one item, so
 * nested pages passed far over the bound; it also multiplied each level by 1.5 (so a console page of 100 audit
 * records, with its history fragment, would cost over 20,000), and a page's `totalCount` and `pageInfo` by its size.
 * A fragment adds its selections where it is spread. Introspection's `__schema` costs nothing, as there.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();
  const fieldOf = (parent: GraphQLNamedType | undefined, name: string) =>
    parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  const typeNamed = (name: string | undefined): GraphQLNamedType | undefined => (name ? schema.getType(name) : undefined) ?? undefined;
  const isList = (type: GraphQLOutputType | undefined) => type === undefined || isListType(getNullableType(type));

  const selectionsCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): number =>
    selectionSet.selections.reduce((sum, child) => sum + selectionCost(child, parent), 0);

  const selectionCost = (node: SelectionNode, parent: GraphQLNamedType | undefined): number => {
    if (node.kind === Kind.FIELD) {
      if (node.name.value === '__schema') return 0;
      if (!node.selectionSet) return SCALAR_COST;
      const definition = fieldOf(parent, node.name.value);
      const type = definition ? getNamedType(definition.type) : undefined;
      const size = pageSize(node, definition, operation, variables);
      if (isList(definition?.type)) return (OBJECT_COST + selectionsCost(node.selectionSet, type)) * size;
      // A page (a connection): what it repeats, its lists (`nodes`, `edges`) and fragments, times the page size; its
      // own fields that are not lists (`totalCount`, `pageInfo`) once.
      return node.selectionSet.selections.reduce((sum, child) => {
        const once = child.kind === Kind.FIELD && !isList(fieldOf(type, child.name.value)?.type);
        return sum + selectionCost(child, type) * (once ? 1 : size);
      }, OBJECT_COST);
    }
    if (node.kind === Kind.INLINE_FRAGMENT) return selectionsCost(node.selectionSet, typeNamed(node.typeCondition?.name.value) ?? parent);
    const name = node.name.value;
    const fragment = fragments.get(name);
    // A cycle of fragments is refused by validation before this runs. Each fragment is costed once (the same wherever
    // it is spread), so that fragments spreading each other twice over cannot make this exponential.
    if (!fragment || visiting.has(name)) return 0;
    let cost = fragmentCosts.get(name);
    if (cost === undefined) {
      visiting.add(name);
      cost = selectionsCost(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value));
      visiting.delete(name);
      fragmentCosts.set(name, cost);
    }
    return cost;
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  return selectionsCost(operation.selectionSet, root);
}

/**
 * Refuses an operation whose estimated cost (operationCost) is over `maxCost`, once its variables are known and before
 * anything runs: 400 GRAPHQL_VALIDATION_FAILED, like graphql-armor's refusal was (and 200 for legacy `application/json`
 * clients, http-status.ts). Also for a document Apollo found already validated in its cache.
 */
export function costLimit(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables ?? {});
          if (cost <= maxCost) return;
          throw new GraphQLError(`Query Cost limit of ${maxCost} exceeded, found ${cost}.`, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400, headers: new HeaderMap() } },
          });
        },
      };
    },
  };
}

/**
 * Limits every operation must respect, before any resolver runs: depth, aliases and directives (graphql-armor's
 * validation rules), a cost estimate with the page sizes the request will use (costLimit, a plugin, because a
 * validation rule does not see the variables), and tokens (the parser's own limit, so that a document past it is a
 * parse error, 400 GRAPHQL_PARSE_FAILED, like any other syntax error; graphql-armor's token plugin made every syntax
 * error a 500). The console's deepest query (organisations → workers → cases → category) is depth 6; these bounds
 * leave room for the console's queries (console-operations.test.ts) and refuse query bombs; the cost bound is
 * `PEKSOS_MAX_QUERY_COST` (`maxCost`). Field suggestions ("did you mean …") are removed from every error by the error
 * formatter, for everyone (error-formatting.ts). docs/access.md, "What is limited".
 */
export function queryLimits(maxCost = 10_000) {
  const armor = new ApolloArmor({
    maxDepth: { n: 10 },
    maxAliases: { n: 20 },
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { validationRules: armor.validationRules, plugins: [costLimit(maxCost)], parseOptions: { maxTokens: MAX_TOKENS } };
}
