import 'reflect-metadata';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  COMMAND_SOCKET_NAME,
  serveCommands,
  loadDataSetIfEmpty,
  migrate,
  openDatabase,
  systemContext,
  withAuditContext,
  withReadRouting,
  withStatementCount,
  type CommandHandler,
  type Database,
  type ReadRouting,
  type StatementCount,
} from '@peksos/db';
import {
  accessRequest,
  authenticate,
  ensureDemoAccounts,
  requireRoles,
  rateLimitStore,
  SignInGuard,
  type AccessRequest,
  type AuthenticatedLocals,
} from '@peksos/access';
import type { DataSource } from 'typeorm';
import {
  createLogger,
  ErrorCode,
  LoaderRegistry,
  type Logger,
  type ModuleExport,
  type RequestContext,
  type SchemaModule,
} from '@peksos/schema-kit';
import { todayIn } from '@peksos/types';
import type { ServerConfig } from './config.js';
import { createErrorFormatter } from './graphql/error-formatting.js';
import { queryLimits } from './graphql/query-limits.js';
import { prefersLegacyJson, requestErrorStatus, unauthenticatedStatus, type NegotiatedContext } from './graphql/http-status.js';
import { boundListArguments } from './graphql/list-limits.js';
import { bodyErrors, lastErrorHandler, notFound } from './http/json-errors.js';
import { compressAnswers, securityHeaders, serveConsole, serveExplorer } from './http/web-surface.js';
import { checkAccessRules, collectAccessRules, enforceAccessRules, introspectionForStaffOnly } from './graphql/access-control.js';
import { serverModules } from './graphql/modules.js';
import { buildApiSchema } from './graphql/schema.js';

/** The largest GraphQL request body: a query and its variables; larger ones are refused with 413. */
const GRAPHQL_BODY_LIMIT = '1mb';

export interface ApiContext extends RequestContext, NegotiatedContext {
  statementCount: StatementCount;
  readRouting: ReadRouting;
  access: AccessRequest;
}

/**
 * What an HTTP router served beside GraphQL (such as @peksos/transfer's spreadsheet routes) is given: the database, the
 * registry's time zone, the lists the modules offer, the log, and the server's check of a route's access rule.
 */
export interface HttpRouteContext {
  dataSource: DataSource;
  timeZone: string;
  moduleExports: readonly ModuleExport[];
  logger: Logger;
  /** Refuses a caller the rule does not admit (401 without credentials, 403 with a role outside it). */
  authorize: typeof requireRoles;
}

/** What the server is composed of: the schema modules it serves, and what else the application plugs in. */
export interface ServerParts {
  /**
   * The schema modules, in dependency order (the access module and those built over all modules are added by the
   * server: graphql/modules.ts).
   */
  modules: readonly SchemaModule[];
  /** Routers served under /api and /report after authentication, each guarding its routes with `authorize`. */
  routes?: readonly ((context: HttpRouteContext) => RequestHandler)[];
  /** The operator's commands, served on the private command socket while the server owns the embedded database. */
  commands?: (database: Database) => CommandHandler;
  /** Where the server logs; the default writes JSON lines to standard output. */
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  graphqlUrl: string;
  database: Database;
  /** Whether this start created the demo accounts. */
  createdDemoAccounts: boolean;
  /** How many HTTP requests are being answered right now (what a stop would wait for). */
  requestsInFlight(): number;
  /**
   * Stops accepting requests, lets those in flight finish within the grace period (`shutdownGraceSeconds`), answers
   * the rest 503 SERVICE_UNAVAILABLE and rolls back their transactions, then closes the database.
   */
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
 * With a read replica: a query operation (which changes nothing) reads from the replica once it is known to be one;
 * a mutation stays on the primary throughout, so what it reads after its writes includes them.
 */
function readsFromReplica(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'query') contextValue.readRouting.replica = true;
        },
      };
    },
  };
}

/**
 * Opens the database, applies migrations, loads the configured data set into an empty database, and serves
 * GraphQL at /graphql, health at /healthz and /readyz, and the built console at /.
 */
export async function startServer(config: ServerConfig, parts: ServerParts): Promise<RunningServer> {
  // Structured lines, personal data redacted (docs/operating.md, "Logs").
  const logger = parts.logger ?? createLogger();
  const modules = serverModules(parts.modules);
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
    connectionTimeoutMs: config.databaseWaitSeconds * 1_000,
    logSql: config.logSql,
    embedded: {
      owner: { kind: 'server', description: 'the API server (starting)' },
      onWaitForOwner: (owner) =>
        console.log(`Waiting for the previous server (pid ${owner.pid}) to finish closing the embedded database …`),
    },
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
    // Lists first, so that the access check (added next) runs before it: who may ask comes before what they ask.
    boundListArguments(schema);
    enforceAccessRules(schema, accessRules);
    const constraintMeanings = Object.assign({}, ...modules.map((module) => module.constraintMeanings));
    const app = express();
    app.disable('x-powered-by');
    // The caller's address as proxy-addr finds it: the nearest entry of X-Forwarded-For not added by a trusted proxy.
    if (config.trustProxy !== false) app.set('trust proxy', config.trustProxy);
    httpServer = createHttpServer(app);
    // Every request is tracked until its response ends, so a stop can wait for them and answer those left over.
    const requests = new RequestTracker();
    app.use(requests.middleware());
    // Security headers and compression for every answer: console, API, report, downloads (docs/operating.md).
    app.use(securityHeaders(config.production));
    app.use(compressAnswers());

    const limits = queryLimits(config.maxQueryCost);
    const apollo = new ApolloServer<ApiContext>({
      schema,
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      formatError: createErrorFormatter(constraintMeanings, config.production, logger),
      includeStacktraceInErrorResponses: !config.production,
      introspection: true,
      // No "Did you mean …?" for anyone: suggestions would map the schema (docs/access.md). The error formatter
      // removes those of variable values too, which this option leaves.
      hideSchemaDetailsFromClientErrors: true,
      // main.ts owns shutdown: SIGTERM drains HTTP, stops Apollo, then closes the database, once.
      stopOnTerminationSignals: false,
      plugins: [
        // The cost limit, once the variables are known (query-limits.ts).
        ...limits.plugins,
        ApolloServerPluginLandingPageDisabled(),
        // Answers depend on who asks, so no HTTP cache hints; the default cache-control plugin would also wrap every
        // field's resolver to collect them (docs/benchmark.md).
        ApolloServerPluginCacheControlDisabled(),
        introspectionForStaffOnly(config.production),
        unauthenticatedStatus(),
        requestErrorStatus(),
        ...(config.exposeStatementCount ? [statementCountPlugin()] : []),
        ...(config.database.kind === 'postgres' && config.database.replicaUrl ? [readsFromReplica()] : []),
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

    // The GraphQL explorer for a browser's GET of /graphql, from the console's build (docs/api.md, "The explorer"). The
    // page itself is public, like the console's; what it runs goes through the rules below as any other request.
    const explorer = config.consoleDir ? serveExplorer(config.consoleDir) : null;
    if (explorer) app.get('/graphql', explorer);

    // Who is calling, rate limits and the CSRF rule, for everything but the console's files and health checks.
    const authentication = authenticate(database.dataSource, config.access, logger);
    // One guard on password checks: per address and per username and address (counted in the database, for every
    // process), and on hashing (this process's threads).
    const signIns = new SignInGuard(rateLimitStore(database.dataSource), config.access);
    app.use(['/graphql', '/api', '/report'], authentication);

    // The application's routers (apps/api: spreadsheet import and export, templates, the printable report,
    // docs/import-export.md): each route guarded by the rule its package declares for it (the lists modules offer carry
    // their own), enforced by requireRoles.
    const moduleExports = modules.flatMap((module) => module.exports ?? []);
    // Downloads and the printable report only read: from the replica when there is one.
    if (config.database.kind === 'postgres' && config.database.replicaUrl) {
      app.use(['/api/export', '/report'], (request, _response, next) =>
        request.method === 'GET' ? withReadRouting({ replica: true }, () => next()) : next(),
      );
    }
    for (const routes of parts.routes ?? []) {
      app.use(routes({ dataSource: database.dataSource, timeZone: config.timeZone, moduleExports, logger, authorize: requireRoles }));
    }

    app.use(
      '/graphql',
      (request, response, next) => {
        const statementCount: StatementCount = { statements: 0 };
        response.locals.statementCount = statementCount;
        // On the primary until the operation proves to be a query (readsFromReplica below).
        const readRouting: ReadRouting = { replica: false };
        response.locals.readRouting = readRouting;
        withReadRouting(readRouting, () => withStatementCount(statementCount, () => next()));
      },
      express.json({ limit: GRAPHQL_BODY_LIMIT }),
      expressMiddleware(apollo, {
        context: async ({ req, res }): Promise<ApiContext> => ({
          legacyJsonClient: prefersLegacyJson(req),
          dataSource: database.dataSource,
          loaders: new LoaderRegistry(),
          today: todayIn(config.timeZone),
          statementCount: res.locals.statementCount as StatementCount,
          readRouting: res.locals.readRouting as ReadRouting,
          actor: (res.locals as AuthenticatedLocals).actor,
          access: accessRequest(res, config.access, signIns),
        }),
      }),
    );

    // Malformed JSON (400) and bodies past the limit (413), as GraphQL errors with a code.
    app.use('/graphql', bodyErrors(GRAPHQL_BODY_LIMIT));

    if (config.consoleDir) serveConsole(app, config.consoleDir);
    // Whatever is left answers JSON with a code, never express's HTML error page (docs/api.md, "Errors").
    app.use(notFound());
    app.use(lastErrorHandler());

    await new Promise<void>((resolveListen, rejectListen) => {
      httpServer!.once('error', rejectListen);
      httpServer!.listen(config.port, config.host, () => resolveListen());
    });
    const address = httpServer.address() as AddressInfo;
    const host = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

    // While it owns the embedded database, the operator's commands run through the server (apps/api: operator/commands.ts).
    const embedded = database.embedded;
    const commands =
      embedded?.lease && parts.commands
        ? await serveCommands(join(embedded.socketDirectory, COMMAND_SOCKET_NAME), parts.commands(database))
        : null;
    await embedded?.lease?.update({
      state: 'serving',
      description: `the API server on ${url}`,
      commandSocket: commands ? join(embedded!.socketDirectory, COMMAND_SOCKET_NAME) : null,
    });

    const server = httpServer;
    let closing: Promise<void> | undefined;
    return {
      url,
      graphqlUrl: `${url}/graphql`,
      database,
      createdDemoAccounts,
      requestsInFlight: () => requests.size,
      close() {
        closing ??= (async () => {
          // A new start waits for a stopping owner instead of being refused (data-directory-owner.ts).
          await database.embedded?.lease?.update({ state: 'stopping' }).catch(() => {});
          const graceMs = config.shutdownGraceSeconds * 1_000;
          const [cutOff, commandsLeft] = await Promise.all([
            requests.stop(server, graceMs),
            commands ? commands.close(graceMs).then(() => commands.running()) : 0,
          ]);
          await apollo.stop();
          // Requests and commands cut off lose their transactions: closing the connections rolls them back.
          await database.close({ abortRunning: cutOff + commandsLeft > 0 });
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

/** The answer to a request the server cannot finish because it is stopping: 503 with a code, as JSON. */
function answerStopping(request: Request, response: Response, cutOff: boolean): void {
  const message = cutOff
    ? {
        id: 'Server berhenti sebelum permintaan ini selesai; perubahan yang belum tersimpan dibatalkan. Coba lagi sebentar lagi.',
        en: 'The server stopped before this request finished; anything it had not saved was rolled back. Try again shortly.',
      }
    : { id: 'Server sedang berhenti; coba lagi sebentar lagi.', en: 'The server is stopping; try again shortly.' };
  response.status(503).setHeader('Retry-After', '5');
  response.setHeader('Connection', 'close');
  // Each route's own error shape: GraphQL's errors list, or the file routes' { error } (docs/api.md, docs/import-export.md).
  if (/^\/(api|report)\//.test(request.path)) {
    response.json({ error: { code: ErrorCode.SERVICE_UNAVAILABLE, message } });
  } else {
    response.json({ errors: [{ message: message.en, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] });
  }
}

/**
 * The requests in flight, for a stop that neither waits forever nor cuts anyone off silently: after SIGTERM new
 * requests get 503 at once, those running have the grace period to finish, and those still running then get a 503
 * (or, if their answer had begun, a cut connection) before the server closes.
 */
class RequestTracker {
  private readonly running = new Map<Response, Request>();
  private stopping = false;
  private drained: (() => void) | null = null;

  get size(): number {
    return this.running.size;
  }

  middleware(): RequestHandler {
    return (request, response, next) => {
      if (this.stopping) return answerStopping(request, response, false);
      this.running.set(response, request);
      response.once('close', () => {
        this.running.delete(response);
        if (this.running.size === 0) this.drained?.();
      });
      next();
    };
  }

  /** Stops the server; returns how many requests were cut off after the grace period. */
  async stop(server: Server, graceMs: number): Promise<number> {
    this.stopping = true;
    const closed = new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
    server.closeIdleConnections();
    if (this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolveDrained) => (this.drained = resolveDrained)),
        new Promise<void>((resolveGrace) => (timer = setTimeout(resolveGrace, graceMs))),
      ]);
      clearTimeout(timer);
    }
    const cutOff = [...this.running];
    for (const [response, request] of cutOff) {
      if (response.headersSent) response.destroy();
      else answerStopping(request, response, true);
    }
    // The 503 answers carry Connection: close; give them a moment to leave, then close whatever connection is left.
    if (this.running.size > 0) {
      await Promise.race([
        new Promise<void>((resolveDrained) => (this.drained = resolveDrained)),
        new Promise<void>((resolveWait) => setTimeout(resolveWait, 1_000).unref()),
      ]);
    }
    server.closeAllConnections();
    await closed;
    return cutOff.length;
  }
}
