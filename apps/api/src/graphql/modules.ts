import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkModules, type SchemaModule } from '@peksos/schema-kit';
import { serverModules } from '@peksos/server';

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

/** The modules the server runs for these packages: theirs, then the platform's (@peksos/server's serverModules). */
export async function loadServerModules(packageNames: string[]): Promise<SchemaModule[]> {
  return serverModules(await loadSchemaModules(packageNames));
}
