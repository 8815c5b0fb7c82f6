import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DataSource } from 'typeorm';
import { withAuditContext } from '@peksos/db';
import { ANONYMOUS, actorContext, ErrorCode, isDatabaseUnavailable, type Actor, type Logger } from '@peksos/schema-kit';
import { ApiKeyService } from '../api-keys/api-key.service.js';
import { SessionService } from '../sessions/session.service.js';
import { CSRF_HEADER, SESSION_COOKIE, type AccessRequest, type AccessSettings } from '../settings.js';
import type { SignInGuard } from '../sessions/sign-in-guard.js';
import { RateLimiter, rateLimitStore } from './rate-limiter.js';

/** What the authentication middleware leaves in `response.locals` for the routes after it. */
export interface AuthenticatedLocals {
  actor: Actor;
  sessionId: string | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The challenge of every 401 (RFC 6750): partners authenticate with `Authorization: Bearer <key>` (docs/api.md). */
export const WWW_AUTHENTICATE = 'Bearer realm="peksos"';

function refuse(response: Response, status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  if (status === 401) response.setHeader('WWW-Authenticate', WWW_AUTHENTICATE);
  response.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/**
 * Finds who is calling (a partner's API key in `Authorization: Bearer`, or a console session cookie; otherwise
 * anonymous), applies the rate limits and the CSRF rule, and runs the rest of the request on their behalf: each
 * transaction it opens names them in the audit log.
 *
 * - A key that is malformed, unknown or revoked is refused with 401; a session cookie that is unknown, expired or
 *   revoked is cleared and the request goes on as anonymous (it may still sign in).
 * - Cookie-authenticated requests that can change something must carry the `x-peksos-csrf` header, which a page of
 *   another site cannot add without the browser's permission (and SameSite=Strict keeps the cookie off those anyway).
 * - A database that cannot answer the lookup gives 503 SERVICE_UNAVAILABLE, and a line in `logger` saying why.
 */
export function authenticate(dataSource: DataSource, settings: AccessSettings, logger: Logger): RequestHandler {
  const sessions = new SessionService(dataSource, settings);
  const keys = new ApiKeyService(dataSource);
  // Counted in the database, so the limits hold across every server process (rate-limiter.ts).
  const store = rateLimitStore(dataSource);
  const perAddress = new RateLimiter(store, { name: 'requests-address', points: settings.requestsPerMinutePerAddress, seconds: 60, sweeps: true });
  const perKey = new RateLimiter(store, { name: 'requests-key', points: settings.requestsPerMinutePerKey, seconds: 60 });

  return async (request: Request, response: Response, next: NextFunction) => {
    let actor: Actor = ANONYMOUS;
    let sessionId: string | null = null;
    try {
      const authorization = request.get('authorization');
      if (authorization) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization);
        const partner = match ? await keys.authenticate(match[1]!) : null;
        if (!partner) {
          const retryAfter = await perAddress.take(`address:${request.ip}`);
          if (retryAfter) return tooMany(response, retryAfter);
          return refuse(response, 401, ErrorCode.UNAUTHENTICATED, 'The API key is malformed, unknown or revoked');
        }
        actor = partner;
      } else {
        const token = readCookie(request, SESSION_COOKIE);
        if (token) {
          const session = await sessions.authenticate(token);
          if (session) {
            actor = session.actor;
            sessionId = session.sessionId;
          } else {
            // The same attributes as when it was set: a browser keeps a cleared cookie's attributes too.
            response.clearCookie(SESSION_COOKIE, sessionCookieAttributes(settings));
          }
        }
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        // The caller is told to try again; the operator needs to know why the database could not answer.
        logger.warn({ err: error, path: request.path }, 'authentication: database unavailable');
        return refuse(response, 503, ErrorCode.SERVICE_UNAVAILABLE, 'The database is not available; try again shortly');
      }
      return next(error);
    }

    let retryAfter: number;
    try {
      retryAfter =
        actor.kind === 'api_key' ? await perKey.take(`key:${actor.id}`) : await perAddress.take(`address:${request.ip}`);
    } catch (error) {
      return next(error);
    }
    if (retryAfter) return tooMany(response, retryAfter);

    if (sessionId && !SAFE_METHODS.has(request.method) && request.get(CSRF_HEADER) !== '1') {
      return refuse(response, 403, ErrorCode.FORBIDDEN, `Requests that change data must carry the header ${CSRF_HEADER}: 1`);
    }

    const locals: AuthenticatedLocals = { actor, sessionId };
    Object.assign(response.locals, locals);
    // Who, for the audit log, and with which rights: the database holds every statement of the request to them.
    withAuditContext(actorContext(actor), () => next());
  };
}

function tooMany(response: Response, retryAfterSeconds: number) {
  response.setHeader('Retry-After', String(retryAfterSeconds));
  refuse(response, 429, ErrorCode.TOO_MANY_REQUESTS, `Too many requests: try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'second' : 'seconds'}`, {
    retryAfterSeconds,
  });
}

/**
 * The session cookie's attributes, whenever it is set or cleared: HttpOnly (no script reads it), SameSite=Strict
 * (no other site's page sends it), Secure where the server is reached over HTTPS (production), the whole site.
 */
export function sessionCookieAttributes(settings: AccessSettings) {
  return { httpOnly: true, sameSite: 'strict', secure: settings.secureCookies, path: '/' } as const;
}

/** The access part of the GraphQL context for one request: the session and the cookie controls. */
export function accessRequest(response: Response, settings: AccessSettings, signIns: SignInGuard): AccessRequest {
  const locals = response.locals as AuthenticatedLocals;
  return {
    settings,
    sessionId: locals.sessionId,
    address: response.req.ip ?? response.req.socket.remoteAddress ?? 'unknown',
    signIns,
    setSessionCookie(token, expiresAt) {
      response.cookie(SESSION_COOKIE, token, { ...sessionCookieAttributes(settings), expires: expiresAt });
    },
    clearSessionCookie() {
      response.clearCookie(SESSION_COOKIE, sessionCookieAttributes(settings));
    },
  };
}

/** Refuses a plain HTTP route (imports, exports, reports) to callers whose role is not listed. */
export function requireRoles(roles: readonly NonNullable<Actor['role']>[]): RequestHandler {
  return (_request, response, next) => {
    const { actor } = response.locals as AuthenticatedLocals;
    if (!actor || actor.role === null) {
      return refuse(response, 401, ErrorCode.UNAUTHENTICATED, 'Sign in, or send an API key as Authorization: Bearer …');
    }
    if (!roles.includes(actor.role)) {
      return refuse(response, 403, ErrorCode.FORBIDDEN, `Your role (${actor.role}) may not use this`);
    }
    next();
  };
}
