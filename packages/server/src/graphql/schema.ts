import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { rejectControlCharactersInArguments, validateArguments, type SchemaModule } from '@peksos/schema-kit';

/**
 * Builds the executable schema from the modules' resolvers; inputs are validated with class-validator, page
 * arguments by `pageWindow` (`validateArguments`), and text arguments holding control characters are refused before
 * any resolver runs.
 */
export async function buildApiSchema(modules: SchemaModule[]): Promise<GraphQLSchema> {
  const resolvers = modules.flatMap((module) => module.resolvers);
  const schema = await buildSchema({
    resolvers: resolvers as [Function, ...Function[]],
    validateFn: validateArguments,
  });
  rejectControlCharactersInArguments(schema);
  // The root types are made by type-graphql, which takes no description for them.
  const query = schema.getQueryType();
  if (query) query.description = 'What can be read: every list is a page (a Relay connection); one record by its id.';
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description =
      'What can be changed. Each mutation is one transaction: it happens whole or not at all, and a refusal comes ' +
      'with a code (BAD_USER_INPUT, CONFLICT, NOT_FOUND, FORBIDDEN, …) and the field at fault.';
  }
  return schema;
}
