import { parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedNodeFields } from './selection.js';

/** The connection field `cases` of a document's first operation, as a resolver's info would hold it. */
function infoOf(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const worker = operation.selectionSet.selections[0] as FieldNode;
  const fieldNodes = worker.selectionSet!.selections.filter((s): s is FieldNode => s.kind === 'Field' && s.name.value === 'cases');
  const fragments = Object.fromEntries(
    parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]),
  );
  return { fieldNodes, fragments };
}

describe('selectedNodeFields', () => {
  it('names the fields selected on the nodes, under nodes and edges, through fragments', () => {
    expect(selectedNodeFields(infoOf(`{ worker { cases { totalCount pageInfo { endCursor } nodes { id reference } } } }`))).toEqual(
      new Set(['id', 'reference']),
    );
    expect(
      selectedNodeFields(
        infoOf(`{ worker { cases { edges { cursor node { id ... on Case { status } ...More } } ...Page } } }
          fragment More on Case { createdAt organisation { name } }
          fragment Page on CaseConnection { nodes { summary } }`),
      ),
    ).toEqual(new Set(['id', 'status', 'createdAt', 'organisation', 'summary']));
  });

  it('joins the selections of a field asked twice, and names aliased fields by their name', () => {
    expect(selectedNodeFields(infoOf(`{ worker { cases { nodes { id } } cases { nodes { ref: reference } } } }`))).toEqual(new Set(['id', 'reference']));
  });
});
