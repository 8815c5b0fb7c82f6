import type { DatabaseLocation } from '@peksos/db';
import { createTransferRouter } from '@peksos/transfer';
import {
  startTestServer as startServerWith,
  testConfig as serverTestConfig,
  type TestServer,
  type TestServerOptions,
} from '@peksos/server/testing';
import type { ApiConfig } from '../config.js';
import { configuredModuleNames, loadSchemaModules } from '../graphql/modules.js';

export * from '@peksos/server/testing';

/** The module packages this application's tests serve: PEKSOS_MODULES, or apps/api/modules.json. */
function testModuleNames(): string[] {
  return process.env.PEKSOS_MODULES?.split(',') ?? configuredModuleNames();
}

/** The test configuration of @peksos/server/testing, with this application's module packages. */
export function testConfig(database: DatabaseLocation, overrides: Partial<ApiConfig> = {}): ApiConfig {
  return { ...serverTestConfig(database, overrides), modules: testModuleNames(), ...overrides };
}

/**
 * The whole registry as apps/api composes it, for the tests of the composed server: the modules of PEKSOS_MODULES or
 * apps/api/modules.json (or those named), and the spreadsheet routes. A package tests its own rules with
 * @peksos/server/testing and the modules it needs (docs/extending.md).
 */
export async function startTestServer(
  options: Omit<TestServerOptions, 'modules' | 'routes'> & { modules?: string[] } = {},
): Promise<TestServer> {
  const { modules, ...rest } = options;
  return startServerWith({ ...rest, modules: await loadSchemaModules(modules ?? testModuleNames()), routes: [createTransferRouter] });
}
