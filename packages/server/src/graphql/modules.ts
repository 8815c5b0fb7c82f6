import { accessModule, recordHistoryModule } from '@peksos/access';
import { checkModules, needsActionModule, relayModule, type SchemaModule } from '@peksos/schema-kit';

/**
 * What the server runs: the given modules (in dependency order), then the access module (accounts, API keys, the
 * audit log's API), which every installation has, and what is built over all of them: Relay's `node`/`nodes` over the
 * modules' node types, the needs-action list over their contributions, and records' histories over their audited
 * tables. Checks the list (dependencies listed first, migrations ordered after theirs).
 */
export function serverModules(configured: readonly SchemaModule[]): SchemaModule[] {
  checkModules([...configured]);
  const modules = [...configured, accessModule];
  modules.push(relayModule(modules), needsActionModule(modules), recordHistoryModule(modules));
  checkModules(modules);
  return modules;
}
