import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { badInput } from './errors.js';

/** C0 control characters other than tab, line feed and carriage return, DEL, and unpaired UTF-16 surrogates. */
// Matching control characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function findForbidden(value: unknown, field: string, seen: Set<unknown>): string | null {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? field : null;
  if (value === null || typeof value !== 'object' || seen.has(value)) return null;
  seen.add(value);
  for (const [key, nested] of Object.entries(value)) {
    const found = findForbidden(nested, Array.isArray(value) ? field : key, seen);
    if (found) return found;
  }
  return null;
}

/** Throws BAD_USER_INPUT naming the first argument (or input field) holding control characters or broken Unicode. */
export function assertNoControlCharacters(args: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(args)) {
    const field = findForbidden(value, name, new Set());
    if (field) throw badInput(field, `${field} contains control characters or invalid Unicode`);
  }
}

/**
 * Refuses text arguments holding control characters or broken Unicode, in every operation, naming the field:
 * PostgreSQL cannot store a NUL byte, and no name, code or note of this registry needs the others.
 *
 * Only fields that take arguments are wrapped. A type-graphql global middleware would wrap every field of every
 * object, which turned each scalar of a large answer into a promise (docs/benchmark.md).
 */
export function rejectControlCharactersInArguments(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        assertNoControlCharacters(args);
        return resolve(source, args, context, info);
      };
    }
  }
}
