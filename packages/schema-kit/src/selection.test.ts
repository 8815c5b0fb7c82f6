import { graphql, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { columnsForSelection, selectedFieldNames } from './selection.js';

describe('selectedFieldNames', () => {
  it('collects the fields under the current one, through fragments and inline fragments, not deeper', async () => {
    let seen: Set<string> | undefined;
    const item: GraphQLObjectType = new GraphQLObjectType({
      name: 'Item',
      fields: () => ({ id: { type: GraphQLString }, name: { type: GraphQLString }, child: { type: item } }),
    });
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          items: {
            type: new GraphQLList(item),
            resolve: (_source, _args, _context, info: GraphQLResolveInfo) => {
              seen = selectedFieldNames(info);
              return [];
            },
          },
        },
      }),
    });
    await graphql({ schema, source: '{ items { id ... on Item { name } ...more } } fragment more on Item { child { id } }' });
    expect([...seen!].sort()).toEqual(['child', 'id', 'name']);
  });
});

describe('columnsForSelection', () => {
  const map = { id: ['id'], reference: ['reference'], organisation: ['organisation_id'] };
  const all = ['id', 'reference', 'organisation_id', 'summary'];

  it('reads the columns of the selected fields and those always needed, in a stable order', () => {
    expect(columnsForSelection(['reference', 'id', '__typename'], map, ['id'], all)).toEqual(['id', 'reference']);
    expect(columnsForSelection(['organisation'], map, ['id'], all)).toEqual(['id', 'organisation_id']);
  });

  it('reads every column for a field it does not know', () => {
    expect(columnsForSelection(['id', 'addedByAnExtension'], map, ['id'], all)).toEqual(all);
  });
});
