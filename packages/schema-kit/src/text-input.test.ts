import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { rejectControlCharactersInArguments } from './text-input.js';

function schemaWithEcho(): GraphQLSchema {
  const query = new GraphQLObjectType({
    name: 'Query',
    fields: {
      echo: { type: GraphQLString, args: { text: { type: GraphQLString } }, resolve: (_source, args: { text: string }) => args.text },
      plain: { type: GraphQLString, resolve: () => 'unchanged' },
    },
  });
  return new GraphQLSchema({ query });
}

describe('rejectControlCharactersInArguments', () => {
  it('refuses a text argument holding a NUL byte, naming the argument', async () => {
    const schema = schemaWithEcho();
    rejectControlCharactersInArguments(schema);
    const result = await graphql({ schema, source: 'query ($text: String) { echo(text: $text) }', variableValues: { text: 'a\u0000b' } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
  });

  it('lets ordinary text through and leaves fields without arguments unwrapped', async () => {
    const schema = schemaWithEcho();
    const plainBefore = schema.getQueryType()!.getFields().plain!.resolve;
    rejectControlCharactersInArguments(schema);
    const result = await graphql({ schema, source: '{ echo(text: "Sêñör 💥") plain }' });
    expect(result).toEqual({ data: { echo: 'Sêñör 💥', plain: 'unchanged' } });
    expect(schema.getQueryType()!.getFields().plain!.resolve).toBe(plainBefore);
  });
});
