import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kind, parse, specifiedRules, validate, visit, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { configuredModuleNames, loadServerModules } from './graphql/modules.js';
import { buildApiSchema, DEFAULT_MAX_QUERY_COST, operationCost, queryLimits } from '@peksos/server';
import { MAX_PAGE_SIZE } from '@peksos/schema-kit';
import { REPO_ROOT } from './testing/processes.js';

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.parentPath.includes('generated'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Every operation the console sends is valid against the schema and within the limits the server applies in
 * production (depth, aliases, tokens, and the cost estimate, which multiplies nested pages by their page size), with
 * every `$first`/`$last` at the largest page size the console offers (100): a console page cannot be refused by the
 * server it was written for.
 */
describe("the console's operations", () => {
  it('are valid and within the query limits', async () => {
    const schema = await buildApiSchema(await loadServerModules(configuredModuleNames()));
    const rules = [...specifiedRules, ...(queryLimits().validationRules ?? [])];
    const refused: string[] = [];
    // Each graphql`…` literal, parsed; a fragment may be defined in one literal and spread in others (the client
    // preset sends an operation with the fragments it uses), so fragments are collected from every file first.
    const documents: { file: string; document: DocumentNode }[] = [];
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const file of await sourceFiles(resolve(REPO_ROOT, 'apps/console/src'))) {
      const source = await readFile(file, 'utf8');
      for (const match of source.matchAll(/graphql\(`([\s\S]*?)`\)/g)) {
        try {
          const document = parse(match[1]!);
          documents.push({ file: relative(REPO_ROOT, file), document });
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          }
        } catch (error) {
          refused.push(`${relative(REPO_ROOT, file)}: ${(error as Error).message}`);
        }
      }
    }
    let operations = 0;
    for (const { file, document } of documents) {
      // A literal holding fragments only is checked with the operations that spread them.
      if (!document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)) continue;
      operations += 1;
      const complete = withSpreadFragments(document, fragments);
      const errors = validate(schema, complete, rules);
      if (errors.length > 0) refused.push(`${file}: ${errors.map((error) => error.message).join('; ')}`);
      for (const operation of complete.definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
        const pageSizes = (operation.variableDefinitions ?? [])
          .filter((definition) => /^(first|last)$/.test(definition.variable.name.value))
          .map((definition) => [definition.variable.name.value, MAX_PAGE_SIZE]);
        const cost = operationCost(schema, complete, operation, Object.fromEntries(pageSizes));
        if (cost > DEFAULT_MAX_QUERY_COST) refused.push(`${file}: ${operation.name?.value} costs ${cost}`);
      }
    }
    expect(operations).toBeGreaterThan(20);
    expect(refused).toEqual([]);
  });
});

/** The document with the definitions of the fragments it spreads (and those they spread) that it does not hold itself. */
function withSpreadFragments(document: DocumentNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): DocumentNode {
  const held = new Set(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [definition.name.value] : [])));
  const added: FragmentDefinitionNode[] = [];
  const addSpreads = (node: DocumentNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (held.has(name) || !fragment) return;
        held.add(name);
        added.push(fragment);
        addSpreads(fragment);
      },
    });
  addSpreads(document);
  return { ...document, definitions: [...document.definitions, ...added] };
}
