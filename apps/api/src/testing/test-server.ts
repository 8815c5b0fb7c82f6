import { createTestDatabaseLocation } from '@peksos/db/testing';
import type { ApiConfig } from '../config.js';
import { configuredModuleNames } from '../graphql/modules.js';
import { startServer, type RunningServer } from '../server.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string } }[];
  extensions?: { sqlStatements?: number };
}

export interface TestServer extends RunningServer {
  /** Sends one GraphQL operation over real HTTP. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like graphql, but fails the test on any error and returns the data. */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/**
 * Starts the real server on a free port, on a fresh database: in-memory PGlite, or a new database on the
 * PostgreSQL server in DATABASE_URL. Call close() in afterAll.
 */
export async function startTestServer(options: { dataSet?: string; modules?: string[] } = {}): Promise<TestServer> {
  const testDatabase = await createTestDatabaseLocation();
  const config: ApiConfig = {
    host: '127.0.0.1',
    port: 0,
    database: testDatabase.location,
    dataSet: options.dataSet ?? 'cimahi',
    modules: options.modules ?? process.env.PEKSOS_MODULES?.split(',') ?? configuredModuleNames(),
    timeZone: 'Asia/Jakarta',
    consoleDir: null,
    production: false,
    exposeStatementCount: true,
    databasePoolSize: 5,
    logSql: false,
  };
  const server = await startServer(config);

  const graphql = async <T,>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };

  return {
    ...server,
    graphql,
    async query<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const result = await graphql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async close() {
      await server.close();
      await testDatabase.dispose();
    },
  };
}
