import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ErrorCode } from '@peksos/schema-kit';

/**
 * Codes of refusals that happen before GraphQL or a file route runs: the HTTP request itself is wrong. Apollo Server
 * uses BAD_REQUEST for a request it cannot read, so the same name here.
 */
export const HttpErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_FOUND: ErrorCode.NOT_FOUND,
  INTERNAL_SERVER_ERROR: ErrorCode.INTERNAL_SERVER_ERROR,
} as const;
export type HttpErrorCode = (typeof HttpErrorCode)[keyof typeof HttpErrorCode];

interface Refusal {
  status: number;
  code: HttpErrorCode;
  message: { id: string; en: string };
}

/** Whether the path is one of the file routes, whose errors are `{ error: { code, message: { id, en } } }`. */
function isFileRoute(request: Request): boolean {
  return /^\/(api|report)(\/|$)/.test(request.path);
}

/**
 * Sends a refusal as JSON, in the shape of the route: GraphQL's `{ errors: [{ message, extensions: { code } }] }`
 * everywhere but the file routes, which have `{ error: { code, message: { id, en } } }` (docs/import-export.md).
 */
export function sendRefusal(request: Request, response: Response, refusal: Refusal): void {
  response.status(refusal.status);
  response.setHeader('Cache-Control', 'no-store');
  if (isFileRoute(request)) {
    response.json({ error: { code: refusal.code, message: refusal.message } });
  } else {
    response.json({ errors: [{ message: refusal.message.en, extensions: { code: refusal.code } }] });
  }
}

/** What a body-parser error (express.json) means to a client; null for anything else. */
function bodyRefusal(error: unknown, limit: string): Refusal | null {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return {
        status: 400,
        code: HttpErrorCode.BAD_REQUEST,
        message: { id: 'Badan permintaan bukan JSON yang sah', en: 'The request body is not valid JSON' },
      };
    case 'entity.too.large':
      return {
        status: 413,
        code: HttpErrorCode.PAYLOAD_TOO_LARGE,
        message: { id: `Badan permintaan terlalu besar: paling besar ${limit}`, en: `The request body is too large: at most ${limit}` },
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        status: 415,
        code: HttpErrorCode.UNSUPPORTED_MEDIA_TYPE,
        message: { id: 'Kirim JSON dalam UTF-8', en: 'Send JSON encoded as UTF-8' },
      };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return {
        status: 400,
        code: HttpErrorCode.BAD_REQUEST,
        message: { id: 'Badan permintaan tidak dapat dibaca', en: 'The request body could not be read' },
      };
    default:
      return null;
  }
}

/** Refusals of the JSON body parser in front of /graphql (malformed JSON 400, too large 413), as JSON with a code. */
export function bodyErrors(limit: string): ErrorRequestHandler {
  return (error, request, response, next) => {
    const refusal = bodyRefusal(error, limit);
    if (!refusal || response.headersSent) return next(error);
    sendRefusal(request, response, refusal);
  };
}

/** The last route: an address nothing serves, as JSON with NOT_FOUND (never express's HTML page). */
export function notFound(): RequestHandler {
  return (request, response) => {
    sendRefusal(request, response, {
      status: 404,
      code: HttpErrorCode.NOT_FOUND,
      message: { id: 'Alamat ini tidak ada', en: 'Nothing is served at this address' },
    });
  };
}

/**
 * The last error handler: whatever no route answered becomes JSON with a code, never express's HTML page with a
 * stack trace. The details go to the log only.
 */
export function lastErrorHandler(): ErrorRequestHandler {
  return (error, request, response, _next) => {
    if (response.headersSent) {
      response.destroy(error instanceof Error ? error : undefined);
      return;
    }
    const known = bodyRefusal(error, 'the limit');
    const status = (error as { status?: unknown } | null)?.status;
    if (known) return sendRefusal(request, response, known);
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendRefusal(request, response, {
        status,
        code: status === 404 ? HttpErrorCode.NOT_FOUND : HttpErrorCode.BAD_REQUEST,
        message: { id: 'Permintaan tidak dapat dilayani', en: 'The request cannot be served' },
      });
    }
    console.error('[http] unexpected error', error);
    sendRefusal(request, response, {
      status: 500,
      code: HttpErrorCode.INTERNAL_SERVER_ERROR,
      message: { id: 'Terjadi kesalahan di server', en: 'Something went wrong on the server' },
    });
  };
}
