import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { currentAuditContextOrNull } from '@peksos/db';
import { isImportKind, isValidLocalDate, todayIn, type BilingualLabel, type FileFormat, type Locale } from '@peksos/types';
import { createLogger, DomainError, ErrorCode, isDatabaseUnavailable, translateDatabaseError, type Actor, type Logger, type ModuleExport } from '@peksos/schema-kit';
import { workforceModule } from '@peksos/schema-workforce';
import { ExportInputError, isExportList, prepareExport } from './export/export.service.js';
import { CONTENT_TYPES, writeTable } from './export/writers.js';
import { ImportRefusedError } from './import/engine.js';
import { importFile } from './import/import.service.js';
import { UnreadableFileError } from './reading.js';
import { REPORT_PRINT_SCRIPT, renderWorkforceReport } from './report/workforce-report.js';
import { buildTemplate } from './templates.js';
import { exportAccessRule, TRANSFER_ACCESS, type RouteRule } from './transfer.access.js';

export interface TransferRouterOptions {
  dataSource: DataSource;
  /** The registry's time zone: what "today" means. */
  timeZone: string;
  /** Largest upload accepted, in bytes (default 50 MiB: about 250,000 worker rows as CSV). */
  maxUploadBytes?: number;
  /**
   * Whether `includeNationalIdNumbers=true` may export national ID numbers in full (default false: they are masked,
   * as everywhere in the API). The API server leaves it off: its routes admit coordinators to worker exports, and only
   * admins may see a NIK in full (`revealNationalIdNumber`, one worker at a time, audited). Turn it on only behind
   * rules that admit nobody else.
   */
  allowFullNationalIdNumbers?: boolean;
  /**
   * The lists the loaded schema modules offer (`SchemaModule.exports`), served at `/api/export/{name}.{csv|xlsx}` for
   * the caller in `response.locals.actor` (set by the server's authentication).
   */
  moduleExports?: readonly ModuleExport[];
  /** Where unexpected failures are logged (personal data redacted); the default writes JSON lines to standard output. */
  logger?: Logger;
  /**
   * Refuses a caller a route's rule does not admit (the server's `requireRoles`): each route is guarded with the rule
   * transfer.access.ts declares for it, or a module's list with its own.
   */
  authorize(rule: RouteRule): RequestHandler;
}

type HttpErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'SERVICE_UNAVAILABLE' | 'INTERNAL_SERVER_ERROR';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    readonly messageText: BilingualLabel,
    readonly field?: string,
  ) {
    super(messageText.en);
  }
}

function locale(request: Request): Locale {
  return request.query.lang === 'en' ? 'en' : 'id';
}

function queryString(request: Request, name: string): string | undefined {
  const value = request.query[name];
  return typeof value === 'string' ? value : undefined;
}

function formatParam(value: string | undefined): FileFormat {
  if (value === 'csv' || value === 'xlsx') return value;
  throw new HttpError(404, 'NOT_FOUND', { id: 'Format berkas: csv atau xlsx', en: 'File format must be csv or xlsx' }, 'format');
}

/** Copies the request body to a temporary file, refusing it past `limit` bytes. */
async function spoolUpload(request: Request, limit: number): Promise<{ path: string; dispose(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'peksos-import-'));
  const path = join(directory, 'upload');
  const dispose = () => rm(directory, { recursive: true, force: true });
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) {
        callback(new HttpError(413, 'PAYLOAD_TOO_LARGE', {
          id: `Berkas terlalu besar: paling besar ${Math.floor(limit / 1024 / 1024)} MiB`,
          en: `The file is too large: at most ${Math.floor(limit / 1024 / 1024)} MiB`,
        }));
      } else {
        callback(null, chunk);
      }
    },
  });
  try {
    await pipeline(request, limiter, createWriteStream(path));
  } catch (error) {
    await dispose();
    throw error;
  }
  if (bytes === 0) {
    await dispose();
    throw new HttpError(400, 'BAD_USER_INPUT', {
      id: 'Tidak ada berkas: kirim isi berkas CSV atau XLSX sebagai badan permintaan',
      en: 'No file: send the CSV or XLSX file as the request body',
    });
  }
  return { path, dispose };
}

/**
 * The HTTP side of imports, exports, templates and the printable report (see docs/import-export.md):
 *
 * - `POST /api/import/{organisations|workers|assignments}?dryRun=true|false[&expectedSha256=…]`, the file as the raw
 *   request body (CSV or XLSX, recognised by its content);
 * - `GET /api/export/{coverage-gaps|workers|organisations|assignments|workforce-summary}.{csv|xlsx}?areaCode=…`;
 * - `GET /api/templates/{organisations|workers|assignments}.{csv|xlsx}`;
 * - `GET /report/workforce-summary?areaCode=32.77[&asOf=YYYY-MM-DD]`, an HTML page to print.
 */
export function createTransferRouter(options: TransferRouterOptions): Router {
  const { dataSource, timeZone } = options;
  const maxUploadBytes = options.maxUploadBytes ?? 50 * 1024 * 1024;
  const logger = options.logger ?? createLogger();
  const router = express.Router();
  const { authorize } = options;

  router.post('/api/import/:kind', authorize(TRANSFER_ACCESS.import), async (request: Request, response: Response, next: NextFunction) => {
    try {
      const kind = String(request.params.kind);
      if (!isImportKind(kind)) {
        throw new HttpError(404, 'NOT_FOUND', {
          id: 'Jenis impor: organisations, workers atau assignments',
          en: 'Import kind must be organisations, workers or assignments',
        }, 'kind');
      }
      if (request.is('multipart/form-data') || request.is('application/x-www-form-urlencoded')) {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', {
          id: 'Kirim isi berkas langsung sebagai badan permintaan (bukan formulir multipart)',
          en: 'Send the file itself as the request body (not a multipart form)',
        });
      }
      const actor = (response.locals as { actor?: Actor }).actor;
      if (!actor) throw new HttpError(401, 'UNAUTHENTICATED', { id: 'Masuk terlebih dahulu', en: 'Sign in first' });
      const dryRunParam = queryString(request, 'dryRun');
      if (dryRunParam !== undefined && dryRunParam !== 'true' && dryRunParam !== 'false') {
        throw new HttpError(400, 'BAD_USER_INPUT', { id: 'dryRun harus true atau false', en: 'dryRun must be true or false' }, 'dryRun');
      }
      const formatParamValue = queryString(request, 'format');
      const format = formatParamValue === undefined ? undefined : formatParam(formatParamValue);
      const audit = currentAuditContextOrNull();
      if (audit) audit.operation = `import ${kind}`;
      const upload = await spoolUpload(request, maxUploadBytes);
      try {
        const report = await importFile(dataSource, {
          kind,
          actor,
          path: upload.path,
          ...(format ? { format } : {}),
          dryRun: dryRunParam !== 'false',
          today: todayIn(timeZone),
          ...(queryString(request, 'expectedSha256') ? { expectedSha256: queryString(request, 'expectedSha256')! } : {}),
        });
        response.status(!report.dryRun && !report.applied ? 422 : 200).json(report);
      } finally {
        await upload.dispose();
      }
    } catch (error) {
      next(error);
    }
  });

  router.get(
    '/api/export/:file',
    (request: Request, response: Response, next: NextFunction) =>
      authorize(exportAccessRule(String(request.params.file), options.moduleExports))(request, response, next),
    async (request: Request, response: Response, next: NextFunction) => {
      try {
        const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(String(request.params.file));
        const moduleExport = match ? options.moduleExports?.find((candidate) => candidate.name === match[1]) : undefined;
        if (match && moduleExport) {
          const actor = (response.locals as { actor?: Actor }).actor;
          if (!actor) throw new HttpError(401, 'UNAUTHENTICATED', { id: 'Masuk terlebih dahulu', en: 'Sign in first' });
          const format = match[2] as FileFormat;
          const query = Object.fromEntries(Object.entries(request.query).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
          const today = todayIn(timeZone);
          // The filters are checked here, before any byte is sent; the rows are read as they are written.
          const rows = await moduleExport.rows({ dataSource, actor, today, locale: locale(request) }, query);
          response.setHeader('Content-Type', CONTENT_TYPES[format]);
          response.setHeader('Content-Disposition', `attachment; filename="peksos-${moduleExport.name}-${today}.${format}"`);
          response.setHeader('Cache-Control', 'no-store');
          await writeTable({ title: moduleExport.title, columns: moduleExport.columns, rows }, format, locale(request), response);
          return;
        }
        if (!match || !isExportList(match[1]!)) {
          throw new HttpError(404, 'NOT_FOUND', {
            id: 'Ekspor: coverage-gaps, workers, organisations, assignments atau workforce-summary, .csv atau .xlsx',
            en: 'Export coverage-gaps, workers, organisations, assignments or workforce-summary as .csv or .xlsx',
          });
        }
        const includeNationalIdNumbers = queryString(request, 'includeNationalIdNumbers') === 'true';
        if (includeNationalIdNumbers && !options.allowFullNationalIdNumbers) {
          throw new HttpError(403, 'FORBIDDEN', {
            id: 'NIK lengkap tidak boleh diekspor dari server ini',
            en: 'This server does not export full national ID numbers',
          }, 'includeNationalIdNumbers');
        }
        const format = match[2] as FileFormat;
        const query = Object.fromEntries(Object.entries(request.query).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
        const prepared = await prepareExport(dataSource, match[1] as Parameters<typeof prepareExport>[1], query, {
          format,
          locale: locale(request),
          today: todayIn(timeZone),
          includeNationalIdNumbers,
        });
        response.setHeader('Content-Type', CONTENT_TYPES[format]);
        response.setHeader('Content-Disposition', `attachment; filename="${prepared.fileName}"`);
        response.setHeader('Cache-Control', 'no-store');
        await prepared.write(response);
      } catch (error) {
        next(error);
      }
    },
  );

  router.get('/api/templates/:file', authorize(TRANSFER_ACCESS.templates), async (request: Request, response: Response, next: NextFunction) => {
    try {
      const match = /^([a-z]+)\.(csv|xlsx)$/.exec(String(request.params.file));
      if (!match || !isImportKind(match[1]!)) {
        throw new HttpError(404, 'NOT_FOUND', {
          id: 'Templat: organisations, workers atau assignments, .csv atau .xlsx',
          en: 'Templates: organisations, workers or assignments, as .csv or .xlsx',
        });
      }
      const format = match[2] as FileFormat;
      const body = await buildTemplate(match[1] as Parameters<typeof buildTemplate>[0], format, locale(request));
      response.setHeader('Content-Type', CONTENT_TYPES[format]);
      response.setHeader('Content-Disposition', `attachment; filename="templat-${match[1]}.${format}"`);
      response.send(body);
    } catch (error) {
      next(error);
    }
  });

  router.get('/report/print.js', authorize(TRANSFER_ACCESS.report), (_request: Request, response: Response) => {
    response.type('text/javascript').setHeader('Cache-Control', 'no-cache');
    response.send(REPORT_PRINT_SCRIPT);
  });

  router.get('/report/workforce-summary', authorize(TRANSFER_ACCESS.report), async (request: Request, response: Response, next: NextFunction) => {
    try {
      const areaCode = queryString(request, 'areaCode') ?? '32.77';
      const today = todayIn(timeZone);
      const asOf = queryString(request, 'asOf') ?? today;
      if (!isValidLocalDate(asOf)) {
        throw new HttpError(400, 'BAD_USER_INPUT', { id: 'asOf ditulis YYYY-MM-DD', en: 'asOf must be a date written YYYY-MM-DD' }, 'asOf');
      }
      const html = await renderWorkforceReport(dataSource, areaCode, asOf, today);
      if (html === null) {
        throw new HttpError(404, 'NOT_FOUND', { id: `Wilayah ${areaCode} tidak ada`, en: `Area ${areaCode} does not exist` }, 'areaCode');
      }
      response.setHeader('Cache-Control', 'no-store');
      response.type('html').send(html);
    } catch (error) {
      next(error);
    }
  });

  // Errors of these routes, as JSON: { error: { code, field?, message: { id, en } } }.
  router.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    if (response.headersSent) {
      // A streamed export failed midway: the download is cut short rather than silently incomplete.
      // The path only: query strings can carry filters on people.
      logger.error({ err: error, path: request.path }, 'transfer: response failed after it started');
      response.destroy(error as Error);
      return;
    }
    let known = toHttpError(error);
    if (known?.code === 'SERVICE_UNAVAILABLE') {
      logger.warn({ err: error, method: request.method, path: request.path }, 'transfer: database unavailable');
    }
    if (!known) {
      logger.error({ err: error, method: request.method, path: request.path }, 'transfer: request failed');
      known = new HttpError(500, 'INTERNAL_SERVER_ERROR', { id: 'Terjadi kesalahan di server', en: 'Something went wrong on the server' });
    }
    response.status(known.status).json({ error: { code: known.code, ...(known.field ? { field: known.field } : {}), message: known.messageText } });
  });

  return router;
}

function toHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof UnreadableFileError) return new HttpError(400, 'BAD_USER_INPUT', error.messageText);
  if (error instanceof ImportRefusedError) return new HttpError(error.code === 'CONFLICT' ? 409 : 400, error.code, error.messageText, 'expectedSha256');
  if (error instanceof ExportInputError) return new HttpError(error.code === 'NOT_FOUND' ? 404 : 400, error.code, error.messageText, error.field);
  const translated = translateDatabaseError(error, workforceModule.constraintMeanings);
  if (translated instanceof DomainError && translated.code !== ErrorCode.SERVICE_UNAVAILABLE) {
    // A database constraint the import's own checks did not foresee (such as a concurrent change): nothing was written.
    const status =
      translated.code === ErrorCode.NOT_FOUND ? 404
      : translated.code === ErrorCode.CONFLICT ? 409
      : translated.code === ErrorCode.FORBIDDEN ? 403
      : 400;
    return new HttpError(status, translated.code as HttpErrorCode, { id: `Perubahan ditolak basis data: ${translated.message}`, en: translated.message }, translated.field);
  }
  if (isDatabaseUnavailable(error)) {
    return new HttpError(503, 'SERVICE_UNAVAILABLE', {
      id: 'Basis data tidak tersedia; coba lagi sebentar lagi',
      en: 'The database is not available; try again shortly',
    });
  }
  return null;
}
