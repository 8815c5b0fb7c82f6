import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessModule, recordHistoryModule } from '@peksos/access';
import { checkModules, needsActionModule, relayModule, type SchemaModule } from '@peksos/schema-kit';

/** apps/api/modules.json, seen from src/graphql or dist/graphql. */
const MODULES_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../modules.json');

/** The module packages listed in apps/api/modules.json: the one place that names every module the server loads. */
export function configuredModuleNames(): string[] {
  const parsed = JSON.parse(readFileSync(MODULES_FILE, 'utf8')) as { modules?: unknown };
  if (!Array.isArray(parsed.modules) || !parsed.modules.every((name) => typeof name === 'string')) {
    throw new Error(`${MODULES_FILE} must hold { "modules": ["package-name", ...] }`);
  }
  return parsed.modules;
}

/**
 * Imports each module package and takes its `schemaModule` export, then checks the list (dependencies listed first,
 * migrations ordered after theirs). A package must be a dependency of apps/api for the import to resolve.
 */
export async function loadSchemaModules(packageNames: string[]): Promise<SchemaModule[]> {
  const modules: SchemaModule[] = [];
  for (const packageName of packageNames) {
    let imported: { schemaModule?: SchemaModule };
    try {
      imported = (await import(packageName)) as { schemaModule?: SchemaModule };
    } catch (error) {
      throw new Error(`Cannot load schema module package ${packageName}: ${(error as Error).message}`);
    }
    if (!imported.schemaModule) throw new Error(`Package ${packageName} does not export schemaModule`);
    modules.push(imported.schemaModule);
  }
  checkModules(modules);
  return modules;
}

/**
 * What the server runs: the configured modules, then the access module (accounts, API keys, the audit log's API),
 * which every installation has, and what is built over all of them: Relay's `node`/`nodes` over the modules' node
 * types, the needs-action list over their contributions, and records' histories over their audited tables.
 */
export async function loadServerModules(packageNames: string[]): Promise<SchemaModule[]> {
  const modules = [...(await loadSchemaModules(packageNames)), accessModule];
  modules.push(relayModule(modules), needsActionModule(modules), recordHistoryModule(modules));
  checkModules(modules);
  return modules;
}
