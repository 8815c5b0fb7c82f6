import { startTestServer as startServerWith, type TestServer, type TestServerOptions } from '@peksos/server/testing';
import { workforceModule } from '@peksos/schema-workforce';
import { createTransferRouter } from '../transfer.router.js';

export * from '@peksos/server/testing';

/**
 * The real server with the workforce module and this package's routes (imports, exports, templates, the printable
 * report), behind the server's authentication and access rules, on a fresh database.
 */
export function startTestServer(options: Omit<TestServerOptions, 'modules' | 'routes'> = {}): Promise<TestServer> {
  return startServerWith({ ...options, modules: [workforceModule], routes: [createTransferRouter] });
}
