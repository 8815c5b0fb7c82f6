import { startTestServer as startServerWith, type TestServer, type TestServerOptions } from '@peksos/server/testing';
import { workforceModule } from '@peksos/schema-workforce';
import { trainingModule } from '../training.module.js';

export * from '@peksos/server/testing';

/** The real server with the workforce module and this extension (and the platform's), on a fresh database. */
export function startTestServer(options: Omit<TestServerOptions, 'modules'> = {}): Promise<TestServer> {
  return startServerWith({ ...options, modules: [workforceModule, trainingModule] });
}
