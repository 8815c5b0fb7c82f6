import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { rejectControlCharactersInArguments, type SchemaModule } from '@peksos/schema-kit';

/**
 * Builds the executable schema from the modules' resolvers; inputs are validated with class-validator, and text
 * arguments holding control characters are refused before any resolver runs.
 */
export async function buildApiSchema(modules: SchemaModule[]): Promise<GraphQLSchema> {
  const resolvers = modules.flatMap((module) => module.resolvers);
  const schema = await buildSchema({
    resolvers: resolvers as [Function, ...Function[]],
    validate: { forbidUnknownValues: false },
  });
  rejectControlCharactersInArguments(schema);
  return schema;
}
