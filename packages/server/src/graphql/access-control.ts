import {
  GraphQLError,
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { currentAuditContextOrNull } from '@peksos/db';
import { Access, assertAllowed, ErrorCode, forbidden, type AccessRule, type Actor, type SchemaModule } from '@peksos/schema-kit';

/** The access rules of all loaded modules, by `Query.x` / `Mutation.x`, object type, and `Type.field`. */
export interface AccessRules {
  operations: Map<string, AccessRule>;
  types: Map<string, AccessRule>;
  fields: Map<string, AccessRule>;
}

const ROOT_TYPES = new Set(['Query', 'Mutation']);

/** Types every module gets from @peksos/schema-kit's paging: they carry other types, whose own rules apply. */
function isPagingType(name: string): boolean {
  return name === 'PageInfo' || name.endsWith('Connection') || name.endsWith('Edge');
}

export function collectAccessRules(modules: SchemaModule[]): AccessRules {
  const rules: AccessRules = { operations: new Map(), types: new Map(), fields: new Map() };
  const problems: string[] = [];
  const merge = (target: Map<string, AccessRule>, entries: Record<string, AccessRule> | undefined, module: string) => {
    for (const [key, rule] of Object.entries(entries ?? {})) {
      if (target.has(key)) problems.push(`${key} has an access rule in two modules (again in ${module})`);
      target.set(key, rule);
    }
  };
  for (const module of modules) {
    merge(rules.operations, module.access.operations, module.name);
    merge(rules.types, module.access.types, module.name);
    merge(rules.fields, module.access.fields, module.name);
  }
  if (problems.length > 0) throw new Error(`Invalid access rules:\n  - ${problems.join('\n  - ')}`);
  return rules;
}

/**
 * Every query and mutation, and every object type, must have a rule; and every rule must name something that exists.
 * The server refuses to start otherwise, so an operation cannot go out unguarded by being forgotten.
 */
export function checkAccessRules(schema: GraphQLSchema, rules: AccessRules): void {
  const problems: string[] = [];
  const seenOperations = new Set<string>();
  const seenFields = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.keys(type.getFields())) {
      const key = `${type.name}.${field}`;
      if (ROOT_TYPES.has(type.name)) {
        seenOperations.add(key);
        if (!rules.operations.has(key)) problems.push(`${key} has no access rule (add it to its module's access.operations)`);
      } else {
        seenFields.add(key);
      }
    }
    if (!ROOT_TYPES.has(type.name) && !isPagingType(type.name) && !rules.types.has(type.name)) {
      problems.push(`type ${type.name} has no access rule (add it to its module's access.types)`);
    }
  }
  for (const key of rules.operations.keys()) {
    if (!seenOperations.has(key)) problems.push(`access rule for ${key}, which is not in the schema`);
  }
  for (const key of rules.fields.keys()) {
    if (!seenFields.has(key)) problems.push(`access rule for field ${key}, which is not in the schema`);
  }
  for (const name of rules.types.keys()) {
    if (!isObjectType(schema.getType(name))) problems.push(`access rule for type ${name}, which is not in the schema`);
  }
  if (problems.length > 0) throw new Error(`Incomplete access rules:\n  - ${problems.join('\n  - ')}`);
}

/** The rule that governs reading one field of an object type. */
export function fieldRule(rules: AccessRules, typeName: string, fieldName: string): AccessRule {
  return rules.fields.get(`${typeName}.${fieldName}`) ?? rules.types.get(typeName) ?? Access.signedIn;
}

/** Object types an anonymous caller can reach through the operations open to anyone. */
function typesReachableByAnyone(schema: GraphQLSchema, rules: AccessRules): Set<string> {
  const reached = new Set<string>();
  const queue: string[] = [];
  for (const [key, rule] of rules.operations) {
    if (rule !== 'anyone') continue;
    const [root, field] = key.split('.') as [string, string];
    const rootType = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
    const returned = getNamedType(rootType?.getFields()[field]?.type);
    if (returned) queue.push(returned.name);
  }
  while (queue.length > 0) {
    const name = queue.pop()!;
    const type = schema.getType(name);
    if (reached.has(name) || !isObjectType(type)) continue;
    reached.add(name);
    for (const field of Object.values(type.getFields())) queue.push(getNamedType(field.type).name);
  }
  return reached;
}

interface ContextWithActor {
  actor: Actor;
}

function guard(field: GraphQLField<unknown, ContextWithActor>, check: (actor: Actor) => void, before?: () => void) {
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    check(context.actor);
    before?.();
    return resolve(source, args, context, info);
  };
}

/**
 * Puts the rules into the schema: each query and mutation checks the caller's role before it runs, and each field
 * whose rule is narrower than "signed in" (personal data, links out of a partner's scope) checks it as it resolves.
 * Fields every signed-in role may read are left as they are (no cost), except where anonymous callers can reach
 * them. A mutation also names itself in the audit context, so the audit log says which operation made a change.
 */
export function enforceAccessRules(schema: GraphQLSchema, rules: AccessRules): void {
  const reachableByAnyone = typesReachableByAnyone(schema, rules);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, ContextWithActor>[]) {
      const key = `${type.name}.${field.name}`;
      if (ROOT_TYPES.has(type.name)) {
        const rule = rules.operations.get(key)!;
        const nameInAudit =
          type.name === 'Mutation'
            ? () => {
                const audit = currentAuditContextOrNull();
                if (audit) audit.operation = field.name;
              }
            : undefined;
        guard(field, (actor) => assertAllowed(rule, actor, key), nameInAudit);
        continue;
      }
      const rule = fieldRule(rules, type.name, field.name);
      if (rule === 'anyone') continue;
      if (rule === Access.signedIn && !reachableByAnyone.has(type.name)) continue;
      guard(field, (actor) => {
        if (actor.role === null) throw forbidden(`Sign in to read ${key}`);
        assertAllowed(rule, actor, key);
      });
    }
  }
}

function selectsIntrospection(document: import('graphql').DocumentNode): boolean {
  let found = false;
  const visit = (selections: readonly import('graphql').SelectionNode[] | undefined) => {
    for (const selection of selections ?? []) {
      if (found) return;
      if (selection.kind === 'Field') {
        if (selection.name.value === '__schema' || selection.name.value === '__type') found = true;
        visit(selection.selectionSet?.selections);
      } else if (selection.kind === 'InlineFragment') {
        visit(selection.selectionSet.selections);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition' || definition.kind === 'FragmentDefinition') {
      visit(definition.selectionSet.selections);
    }
  }
  return found;
}

/** In production, only staff may ask for the schema; partners and anonymous callers have the published docs. */
export function introspectionForStaffOnly(production: boolean): ApolloServerPlugin<ContextWithActor> {
  if (!production) return {};
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          const role = contextValue.actor.role;
          if ((role === null || role === 'partner') && selectsIntrospection(document)) {
            // A refusal of access, answered 403 (not the 500 Apollo gives an error thrown by a plugin).
            throw new GraphQLError('Introspection is not available to partners and anonymous callers; see docs/api.md', {
              extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
