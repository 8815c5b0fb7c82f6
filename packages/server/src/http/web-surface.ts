import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import compression from 'compression';
import express, { type Express, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';

/**
 * The browser's rules for everything the server sends (console, API, printable report, downloads), with helmet:
 *
 * - Content-Security-Policy: scripts only from this origin (no inline script, no eval, no inline event handlers),
 *   styles from this origin and inline (Mantine writes its CSS variables in `<style>` and `style=""`), images from
 *   this origin and `data:` (the favicon), requests only to this origin, no plugins, no `<base>` elsewhere, forms
 *   only here, and no framing by any site (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for old browsers);
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, the cross-origin isolation headers;
 * - `Strict-Transport-Security` (one year, subdomains) in production only: it tells the browser to use HTTPS for
 *   this host from then on, which a development server on plain HTTP cannot honour.
 *
 * docs/operating.md, "Headers and caching", describes them for operators.
 */
export function securityHeaders(production: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
  });
}

/**
 * brotli (quality 4) or gzip for every compressible answer above 1 KiB that the client accepts compressed: the console's
 * JavaScript, GraphQL answers, CSV exports, the report. XLSX files are zip archives already and are left as they are.
 */
export function compressAnswers(): RequestHandler {
  return compression({ threshold: 1024 });
}

/** Vite writes the console's bundles under assets/ with a content hash in each name: a changed file gets a new name. */
const HASHED_ASSETS = /^\/assets\//;

/** `index.html` names the current bundles, so it must never be kept: a browser always fetches it afresh. */
function neverCache(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
}

/**
 * Serves the built console: hashed assets cached for a year as immutable, everything else revalidated, and
 * `index.html` (also for the console's own page addresses, which the browser routes) never cached.
 */
export function serveConsole(app: Express, consoleDir: string): void {
  app.use(
    express.static(consoleDir, {
      index: false,
      setHeaders(response, path) {
        const relative = path.slice(resolve(consoleDir).length).replaceAll('\\', '/');
        if (HASHED_ASSETS.test(relative)) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else if (relative === '/index.html') neverCache(response);
        else response.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  // The console routes in the browser: any other page address gets its index.html. A missing file under assets/ is
  // a 404, not the page (a stale page asking for an old bundle must not get HTML as JavaScript).
  app.get(/^\/(?!graphql|healthz|readyz|api\/|report\/|assets\/).*/, (_request, response) => {
    neverCache(response);
    response.sendFile(resolve(consoleDir, 'index.html'));
  });
}

/** The GraphQL explorer page of the console's build (apps/console/explorer.html: GraphiQL, bundled with its assets). */
const EXPLORER_PAGE = 'explorer.html';

/**
 * The GraphQL explorer (GraphiQL) at /graphql for a browser: a GET whose Accept prefers HTML to the GraphQL media
 * types, as a browser's address bar sends (`text/html,…,*\/*;q=0.8`). Every other request, GET or POST, goes on to
 * GraphQL over HTTP unchanged (a client sending `*\/*` or JSON types gets JSON). Its scripts and styles are files
 * under /assets/ like the console's, so the Content-Security-Policy above holds for it too.
 */
export function serveExplorer(consoleDir: string): RequestHandler | null {
  const page = resolve(consoleDir, EXPLORER_PAGE);
  if (!existsSync(page)) return null;
  return (request, response, next) => {
    const preferred = request.accepts(['application/graphql-response+json', 'application/json', 'text/html']);
    if (preferred !== 'text/html') return next();
    neverCache(response);
    response.vary('Accept');
    response.sendFile(page);
  };
}
