import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The fields a request selects on the nodes of a connection (under `nodes` and `edges { node }`), by name, through
 * fragments; `@skip`/`@include` are not read, so a field they leave out still counts (more, never fewer). For a list
 * that reads fewer columns when fewer fields are asked (`CaseService.workerCases`).
 */
export function selectedNodeFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const fields = new Set<string>();
  const collect = (set: SelectionSetNode | undefined, level: 'connection' | 'edge' | 'node', seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'InlineFragment') collect(selection.selectionSet, level, seen);
      else if (selection.kind === 'FragmentSpread') {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        collect(info.fragments[name]?.selectionSet, level, new Set(seen).add(name));
      } else if (level === 'node') fields.add(selection.name.value);
      else if (level === 'connection' && selection.name.value === 'nodes') collect(selection.selectionSet, 'node', seen);
      else if (level === 'connection' && selection.name.value === 'edges') collect(selection.selectionSet, 'edge', seen);
      else if (level === 'edge' && selection.name.value === 'node') collect(selection.selectionSet, 'node', seen);
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet, 'connection', new Set());
  return fields;
}
