import 'reflect-metadata';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  currentAuditContextOrNull,
  loadDataSetIfEmpty,
  migrate,
  openDatabase,
  systemContext,
  withAuditContext,
  withStatementCount,
  type Database,
  type StatementCount,
} from '@peksos/db';
import {
  accessRequest,
  authenticate,
  ensureDemoAccounts,
  requireRoles,
  type AccessRequest,
  type AuthenticatedLocals,
} from '@peksos/access';
import { Access, LoaderRegistry, type RequestContext } from '@peksos/schema-kit';
import { createTransferRouter } from '@peksos/transfer';
import { todayIn } from '@peksos/types';
import type { ApiConfig } from './config.js';
import { createErrorFormatter } from './graphql/error-formatting.js';
import { queryLimits } from './graphql/query-limits.js';
import { checkAccessRules, collectAccessRules, enforceAccessRules, introspectionForStaffOnly } from './graphql/access-control.js';
import { loadServerModules } from './graphql/modules.js';
import { buildApiSchema } from './graphql/schema.js';

export interface ApiContext extends RequestContext {
  statementCount: StatementCount;
  access: AccessRequest;
}

export interface RunningServer {
  url: string;
  graphqlUrl: string;
  database: Database;
  /** Whether this start created the demo accounts. */
  createdDemoAccounts: boolean;
  /** Stops accepting requests, finishes those in flight, closes the database. */
  close(): Promise<void>;
}

/** Reports how many SQL statements a request sent, when the configuration asks for it. */
function statementCountPlugin(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: contextValue.statementCount.statements,
            };
          }
        },
      };
    },
  };
}

/**
 * Opens the database, applies migrations, loads the configured data set into an empty database, and serves
 * GraphQL at /graphql, health at /healthz and /readyz, and the built console at /.
 */
export async function startServer(config: ApiConfig): Promise<RunningServer> {
  const modules = await loadServerModules(config.modules);
  const dataSetLoaders =
    config.dataSet === 'none' ? [] : modules.flatMap((module) => module.dataSets?.[config.dataSet] ?? []);
  if (config.dataSet !== 'none' && dataSetLoaders.length === 0) {
    throw new Error(`No loaded module provides the data set ${config.dataSet}`);
  }
  const database = await openDatabase({
    location: config.database,
    entities: modules.flatMap((module) => module.entities),
    migrations: modules.flatMap((module) => module.migrations),
    poolSize: config.databasePoolSize,
    logSql: config.logSql,
  });
  let httpServer: Server | undefined;
  try {
    await migrate(database.dataSource);
    await withAuditContext(systemContext(`load data set ${config.dataSet}`), () =>
      loadDataSetIfEmpty(database.dataSource.manager, dataSetLoaders),
    );
    const createdDemoAccounts = config.demoAccounts
      ? await withAuditContext(systemContext('create demo accounts'), () => ensureDemoAccounts(database.dataSource, config.access))
      : false;

    const schema = await buildApiSchema(modules);
    // Every operation and type must have an access rule, or the server does not start (docs/access.md).
    const accessRules = collectAccessRules(modules);
    checkAccessRules(schema, accessRules);
    enforceAccessRules(schema, accessRules);
    const constraintMeanings = Object.assign({}, ...modules.map((module) => module.constraintMeanings));
    const app = express();
    app.disable('x-powered-by');
    if (config.trustProxy) app.set('trust proxy', true);
    httpServer = createHttpServer(app);

    const limits = queryLimits(config.production);
    const apollo = new ApolloServer<ApiContext>({
      schema,
      validationRules: limits.validationRules,
      formatError: createErrorFormatter(constraintMeanings, config.production),
      includeStacktraceInErrorResponses: !config.production,
      introspection: true,
      // No "Did you mean …?" in production: field suggestions would map the schema for anyone (docs/access.md).
      hideSchemaDetailsFromClientErrors: config.production,
      // main.ts owns shutdown: SIGTERM drains HTTP, stops Apollo, then closes the database, once.
      stopOnTerminationSignals: false,
      plugins: [
        // graphql-armor's typings point at Apollo's CommonJS build; the plugins are the same at run time.
        ...(limits.plugins as unknown as ApolloServerPlugin<ApiContext>[]),
        ApolloServerPluginDrainHttpServer({ httpServer }),
        ApolloServerPluginLandingPageDisabled(),
        // Answers depend on who asks, so no HTTP cache hints; the default cache-control plugin would also wrap every
        // field's resolver to collect them (docs/benchmark.md).
        ApolloServerPluginCacheControlDisabled(),
        introspectionForStaffOnly(config.production),
        ...(config.exposeStatementCount ? [statementCountPlugin()] : []),
      ],
    });
    await apollo.start();

    app.get('/healthz', (_request, response) => {
      response.json({ status: 'ok' });
    });
    app.get('/readyz', async (_request, response) => {
      try {
        await database.dataSource.query('SELECT 1');
        response.json({ status: 'ready', database: 'up' });
      } catch {
        response.status(503).json({ status: 'not ready', database: 'down' });
      }
    });

    // Who is calling, rate limits and the CSRF rule, for everything but the console's files and health checks.
    const authentication = authenticate(database.dataSource, config.access);
    app.use(['/graphql', '/api', '/report'], authentication);

    // Spreadsheet import and export, templates, the printable report (docs/import-export.md). Imports write across
    // areas, so they are for admins; worker lists carry contact details, so they are for those who may see them.
    app.post('/api/import/:kind', requireRoles(Access.admins), (request, _response, next) => {
      const audit = currentAuditContextOrNull();
      if (audit) audit.operation = `import ${String(request.params.kind)}`;
      next();
    });
    app.get('/api/export/:file', (request, response, next) =>
      requireRoles(/^(workers|assignments)\./.test(String(request.params.file)) ? Access.managers : Access.staff)(
        request,
        response,
        next,
      ),
    );
    app.use(['/api/templates', '/report'], requireRoles(Access.staff));
    app.use(createTransferRouter({ dataSource: database.dataSource, timeZone: config.timeZone }));

    app.use(
      '/graphql',
      (request, response, next) => {
        const statementCount: StatementCount = { statements: 0 };
        response.locals.statementCount = statementCount;
        withStatementCount(statementCount, () => next());
      },
      express.json({ limit: '1mb' }),
      expressMiddleware(apollo, {
        context: async ({ res }): Promise<ApiContext> => ({
          dataSource: database.dataSource,
          loaders: new LoaderRegistry(),
          today: todayIn(config.timeZone),
          statementCount: res.locals.statementCount as StatementCount,
          actor: (res.locals as AuthenticatedLocals).actor,
          access: accessRequest(res, config.access),
        }),
      }),
    );

    if (config.consoleDir) {
      const consoleDir = config.consoleDir;
      app.use(express.static(consoleDir, { index: 'index.html', maxAge: '1h' }));
      // The console routes in the browser: any other page address gets its index.html.
      app.get(/^\/(?!graphql|healthz|readyz|api\/|report\/).*/, (_request, response) => {
        response.sendFile(resolve(consoleDir, 'index.html'));
      });
    }

    await new Promise<void>((resolveListen, rejectListen) => {
      httpServer!.once('error', rejectListen);
      httpServer!.listen(config.port, config.host, () => resolveListen());
    });
    const address = httpServer.address() as AddressInfo;
    const host = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

    let closing: Promise<void> | undefined;
    return {
      url,
      graphqlUrl: `${url}/graphql`,
      database,
      createdDemoAccounts,
      close() {
        closing ??= (async () => {
          await apollo.stop();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    httpServer?.close();
    await database.close();
    throw error;
  }
}
