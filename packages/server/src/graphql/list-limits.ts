import {
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '@peksos/schema-kit';

/**
 * The most items any list argument may hold (ids of organisations for a key, organisation kinds in a filter, …).
 * No screen or partner needs more in one request, and PostgreSQL takes at most 65,535 parameters per statement: a
 * longer list would fail there, after the work of reading it.
 */
export const MAX_LIST_ITEMS = 1_000;

/** Whether a value of this input type can hold a list, directly or in a field of an input object. */
function holdsList(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const inner = getNullableType(type);
  if (isListType(inner)) return true;
  if (isInputObjectType(inner)) {
    if (seen.has(inner.name)) return false;
    seen.add(inner.name);
    return Object.values(inner.getFields()).some((field) => holdsList(field.type, seen));
  }
  return false;
}

/** The first list longer than the limit in a coerced argument value, as a dotted path (`filter.kinds`), or null. */
function tooLong(type: GraphQLInputType, value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    if (!Array.isArray(value)) return null;
    if (value.length > MAX_LIST_ITEMS) return path;
    for (const item of value) {
      const found = tooLong(inner.ofType as GraphQLInputType, item, path);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(inner) && typeof value === 'object') {
    for (const field of Object.values(inner.getFields())) {
      const found = tooLong(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Bounds every list argument of the schema: a field with a list among its arguments (or in their input objects)
 * checks their lengths before its resolver runs, and refuses a longer one with BAD_USER_INPUT naming the argument
 * (`field: "organisationIds"`, `"filter.kinds"`). Fields without list arguments are left as they are (no cost).
 * docs/access.md, "What is limited".
 */
export function boundListArguments(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const listArguments: readonly GraphQLArgument[] = field.args.filter((argument) => holdsList(argument.type));
      if (listArguments.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        for (const argument of listArguments) {
          const path = tooLong(argument.type, args[argument.name], argument.name);
          if (path) throw badInput(path, `At most ${MAX_LIST_ITEMS} items in ${path}`);
        }
        return resolve(source, args, context, info);
      };
    }
  }
}
