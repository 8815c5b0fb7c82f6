import { createTestDatabaseLocation } from '@peksos/db/testing';
import { systemContext, withAuditContext, type DatabaseLocation } from '@peksos/db';
import {
  AccessRole,
  AccountService,
  ApiKeyService,
  CSRF_HEADER,
  DEFAULT_ACCESS_SETTINGS,
  type AccessSettings,
} from '@peksos/access';
import type { DataSource } from 'typeorm';
import { createLogger, type SchemaModule } from '@peksos/schema-kit';
import { DEFAULT_MAX_QUERY_COST, type ServerConfig } from '../config.js';
import { startServer, type RunningServer, type ServerParts } from '../server.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
  extensions?: { sqlStatements?: number };
}

/** How a test client proves who it is: a session cookie (with the CSRF header), or a partner's API key. */
export type Credentials = { cookie: string } | { bearer: string } | { anonymous: true };

export interface GraphQLClient {
  /** Sends one GraphQL operation over real HTTP. */
  graphql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like graphql, but fails the test on any error and returns the data. */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** A plain HTTP request with these credentials (for /api and /report routes). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  credentials: Credentials;
}

export interface TestServer extends RunningServer, GraphQLClient {
  /** The username of the admin account the server's own client is signed in as. */
  username: string;
  /** A client with other credentials. */
  as(credentials: Credentials): GraphQLClient;
  anonymous: GraphQLClient;
  /** Creates an account with this role (and area, for a coordinator), signs it in, and returns its client. */
  signedInAs(role: AccessRole, areaCode?: string): Promise<GraphQLClient & { accountId: string; username: string }>;
  /** Creates a partner API key for these organisations and returns its client. */
  partner(organisationIds: string[]): Promise<GraphQLClient & { apiKeyId: string; key: string }>;
  /** Signs in over HTTP; returns the session cookie, or the refusal. */
  signIn(username: string, password: string): Promise<{ cookie: string | null; body: GraphQLResponse }>;
  /**
   * Runs one SQL statement in a transaction as the system (an admin's rights), for setup the API has no mutation for:
   * the database's row-level security refuses writes without an actor.
   */
  systemSql<T = any>(sql: string, parameters?: unknown[]): Promise<T>;
  /** The server's log lines so far (JSON, as in production); also printed to standard error with PEKSOS_TEST_LOG=1. */
  logLines: string[];
}

export const TEST_PASSWORD = 'test-password-for-tests';

/** Fast password hashing and no rate limits, unless a test asks for them. */
export const TEST_ACCESS_SETTINGS: AccessSettings = {
  ...DEFAULT_ACCESS_SETTINGS,
  passwordCostLog2: 10,
  requestsPerMinutePerAddress: 0,
  requestsPerMinutePerKey: 0,
  signInsPerMinutePerAddress: 0,
};

export function testConfig(database: DatabaseLocation, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    database,
    dataSet: 'cimahi',
    timeZone: 'Asia/Jakarta',
    consoleDir: null,
    production: false,
    exposeStatementCount: true,
    databasePoolSize: 5,
    databaseWaitSeconds: 5,
    shutdownGraceSeconds: 10,
    logSql: false,
    access: TEST_ACCESS_SETTINGS,
    demoAccounts: false,
    trustProxy: false,
    maxQueryCost: DEFAULT_MAX_QUERY_COST,
    ...overrides,
  };
}

let accountCounter = 0;

/** Creates an account directly in the database (as the system), as the first-admin command does. */
export async function createTestAccount(dataSource: DataSource, role: AccessRole, areaCode?: string) {
  accountCounter += 1;
  const username = `test-${role}-${process.pid}-${accountCounter}`;
  const account = await withAuditContext(
    systemContext('createTestAccount', 'test setup'),
    () =>
      new AccountService(dataSource, TEST_ACCESS_SETTINGS).create({
        username,
        displayName: `Test ${role}`,
        role,
        areaCode: areaCode ?? null,
        password: TEST_PASSWORD,
      }),
  );
  return account;
}

export async function createTestApiKey(dataSource: DataSource, organisationIds: string[]) {
  return withAuditContext(systemContext('createApiKey', 'test setup'), () =>
    new ApiKeyService(dataSource).create('Test partner', organisationIds, null),
  );
}

export function clientFor(baseUrl: string, credentials: Credentials): GraphQLClient {
  const headers = (): Record<string, string> => {
    if ('cookie' in credentials) return { cookie: credentials.cookie, [CSRF_HEADER]: '1' };
    if ('bearer' in credentials) return { authorization: `Bearer ${credentials.bearer}` };
    return {};
  };
  const graphql = async <T,>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers() },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  return {
    credentials,
    graphql,
    async query<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const result = await graphql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    fetch(path, init = {}) {
      return fetch(`${baseUrl}${path}`, { ...init, headers: { ...headers(), ...(init.headers as Record<string, string>) } });
    },
  };
}

/** Creates an admin account on a running server and signs it in over HTTP; returns its session cookie. */
export async function createTestSession(server: Pick<RunningServer, 'database' | 'graphqlUrl'>, role = AccessRole.ADMIN) {
  const account = await createTestAccount(server.database.dataSource, role);
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($username: String!, $password: String!) { signIn(username: $username, password: $password) { expiresAt } }',
      variables: { username: account.username, password: TEST_PASSWORD },
    }),
  });
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error(`Test sign-in failed: ${await response.text()}`);
  return { cookie, accountId: account.id };
}

/** The session cookie a response sets, as a Cookie header value. */
export function sessionCookieOf(response: Response): string | null {
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('peksos_session='));
  const value = setCookie?.split(';')[0];
  return value && value !== 'peksos_session=' ? value : null;
}

export interface TestServerOptions {
  /** The schema modules to serve, in dependency order (the platform's are added, as in production). */
  modules: readonly SchemaModule[];
  /** Routers served beside GraphQL (such as @peksos/transfer's createTransferRouter). */
  routes?: ServerParts['routes'];
  dataSet?: string;
  production?: boolean;
  access?: Partial<AccessSettings>;
  /** A directory with a built console (index.html, assets/) to serve at /. */
  consoleDir?: string;
  trustProxy?: ServerConfig['trustProxy'];
}

/**
 * Starts the real server with these modules on a free port, on a fresh database: in-memory PGlite, or a new database
 * on the PostgreSQL server in DATABASE_URL. Its own client is signed in as an admin. Call close() in afterAll.
 */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const testDatabase = await createTestDatabaseLocation();
  const config = testConfig(testDatabase.location, {
    dataSet: options.dataSet ?? 'cimahi',
    ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
    production: options.production ?? false,
    access: { ...TEST_ACCESS_SETTINGS, ...options.access },
    trustProxy: options.trustProxy ?? false,
  });
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: {
      write(line: string) {
        logLines.push(line);
        if (process.env.PEKSOS_TEST_LOG === '1') process.stderr.write(line);
      },
    },
  });
  const server = await startServer(config, { modules: options.modules, routes: options.routes, logger });
  const { dataSource } = server.database;

  const signIn = async (username: string, password: string) => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($username: String!, $password: String!) { signIn(username: $username, password: $password) { expiresAt } }',
        variables: { username, password },
      }),
    });
    return { cookie: sessionCookieOf(response), body: (await response.json()) as GraphQLResponse };
  };

  const signedInAs = async (role: AccessRole, areaCode?: string) => {
    const account = await createTestAccount(dataSource, role, areaCode);
    const { cookie, body } = await signIn(account.username, TEST_PASSWORD);
    if (!cookie) throw new Error(`Test sign-in failed: ${JSON.stringify(body)}`);
    return { ...clientFor(server.url, { cookie }), accountId: account.id, username: account.username };
  };

  const admin = await signedInAs(AccessRole.ADMIN);
  return {
    ...server,
    ...admin,
    as: (credentials) => clientFor(server.url, credentials),
    anonymous: clientFor(server.url, { anonymous: true }),
    signedInAs,
    async partner(organisationIds) {
      const created = await createTestApiKey(dataSource, organisationIds);
      return { ...clientFor(server.url, { bearer: created.secret }), apiKeyId: created.apiKey.id, key: created.secret };
    },
    signIn,
    logLines,
    systemSql: (sql, parameters) =>
      withAuditContext(systemContext('test setup', 'test setup'), () =>
        dataSource.transaction((manager) => manager.query(sql, parameters)),
      ),
    async close() {
      await server.close();
      await testDatabase.dispose();
    },
  };
}
