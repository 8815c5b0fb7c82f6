import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, specifiedRules, validate } from 'graphql';
import { configuredModuleNames, loadServerModules } from './graphql/modules.js';
import { queryLimits } from '@peksos/server';
import { buildApiSchema } from '@peksos/server';
import { REPO_ROOT } from './testing/processes.js';

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.parentPath.includes('generated'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Every operation the console sends is valid against the schema and within the limits the server applies in
 * production (depth, aliases, tokens, and the cost estimate, which multiplies nested pages by their `first`): a
 * console page cannot be refused by the server it was written for.
 */
describe("the console's operations", () => {
  it('are valid and within the query limits', async () => {
    const schema = await buildApiSchema(await loadServerModules(configuredModuleNames()));
    const rules = [...specifiedRules, ...(queryLimits().validationRules ?? [])];
    const refused: string[] = [];
    let operations = 0;
    for (const file of await sourceFiles(resolve(REPO_ROOT, 'apps/console/src'))) {
      const source = await readFile(file, 'utf8');
      for (const match of source.matchAll(/graphql\(`([\s\S]*?)`\)/g)) {
        operations += 1;
        try {
          const errors = validate(schema, parse(match[1]!), rules);
          if (errors.length > 0) refused.push(`${relative(REPO_ROOT, file)}: ${errors.map((error) => error.message).join('; ')}`);
        } catch (error) {
          refused.push(`${relative(REPO_ROOT, file)}: ${(error as Error).message}`);
        }
      }
    }
    expect(operations).toBeGreaterThan(20);
    expect(refused).toEqual([]);
  });
});
