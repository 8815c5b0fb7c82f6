import { startTestServer as startServerWith, type TestServer, type TestServerOptions } from '@peksos/server/testing';
import { workforceModule } from '@peksos/schema-workforce';
import { casesModule } from '../cases.module.js';

export * from '@peksos/server/testing';

/** The real server with the workforce and cases modules (and the platform's), on a fresh database: this package's rules over HTTP. */
export function startTestServer(options: Omit<TestServerOptions, 'modules'> = {}): Promise<TestServer> {
  return startServerWith({ ...options, modules: [workforceModule, casesModule] });
}
