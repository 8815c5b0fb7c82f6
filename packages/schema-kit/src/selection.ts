import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected directly under the field being resolved, through fragments and inline fragments
 * (whatever their type conditions). For loaders that read only the columns a query needs.
 */
export function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') names.add(selection.name.value);
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}

/**
 * The columns to read for the selected fields: each field's columns from `columnsOfField`, plus `always`. A field
 * the map does not know (one an extension adds, say) may read anything, so it gets every column (`all`).
 */
export function columnsForSelection(
  selected: Iterable<string>,
  columnsOfField: Readonly<Record<string, readonly string[]>>,
  always: readonly string[],
  all: readonly string[],
): string[] {
  const columns = new Set(always);
  for (const field of selected) {
    if (field === '__typename') continue;
    const needed = Object.hasOwn(columnsOfField, field) ? columnsOfField[field]! : undefined;
    if (!needed) return [...all];
    for (const column of needed) columns.add(column);
  }
  // The order of `all`, so that equal selections give equal lists (they name the loader).
  return all.filter((column) => columns.has(column));
}
