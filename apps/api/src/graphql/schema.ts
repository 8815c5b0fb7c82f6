import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { rejectControlCharacters, type SchemaModule } from '@peksos/schema-kit';

/** Builds the executable schema from the modules' resolvers; inputs are validated with class-validator. */
export function buildApiSchema(modules: SchemaModule[]): Promise<GraphQLSchema> {
  const resolvers = modules.flatMap((module) => module.resolvers);
  return buildSchema({
    resolvers: resolvers as [Function, ...Function[]],
    validate: { forbidUnknownValues: false },
    globalMiddlewares: [rejectControlCharacters],
  });
}
