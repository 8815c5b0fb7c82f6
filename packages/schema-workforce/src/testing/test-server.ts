import { startTestServer as startServerWith, type TestServer, type TestServerOptions } from '@peksos/server/testing';
import { workforceModule } from '../workforce.module.js';

export * from '@peksos/server/testing';

/** The real server with the workforce module alone (and the platform's), on a fresh database: this package's rules over HTTP. */
export function startTestServer(options: Omit<TestServerOptions, 'modules'> = {}): Promise<TestServer> {
  return startServerWith({ ...options, modules: [workforceModule] });
}
