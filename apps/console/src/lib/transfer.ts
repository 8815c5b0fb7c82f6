import type { BilingualLabel, ExportList, FileFormat, ImportKind, ImportReport, Locale } from '@peksos/types';
import type { MessageKey, Values } from '../i18n/locale.js';
import { apiFetch } from './http.js';

/**
 * Every request the console makes to the file endpoints beside /graphql (docs/import-export.md): imports, templates,
 * exports. They all go through `apiFetch`, which sends the session cookie (same origin only) and the header the
 * server's CSRF check for cookie sessions looks for: a cross-site form cannot set a custom header. What the answers
 * hold (ImportReport, the kinds and lists) is @peksos/types', the very types the server writes them with.
 */

/** The server refuses uploads past this size (413); the console says so before sending the file. */
export const MAX_UPLOAD_MIB = 50;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MIB * 1024 * 1024;

/** Why a request to the file endpoints failed, in terms the console can explain. */
export type TransferProblem =
  | 'tooLarge'
  | 'unsupportedType'
  | 'empty'
  | 'badFile'
  | 'changed'
  | 'conflict'
  | 'notFound'
  | 'signedOut'
  | 'forbidden'
  | 'unavailable'
  | 'server'
  | 'network';

export class TransferError extends Error {
  constructor(
    readonly problem: TransferProblem,
    /** The HTTP status, or null when no answer came (or the file was refused before sending). */
    readonly status: number | null = null,
    /** The server's `{ error: { code, message } }`, when it sent one. */
    readonly code: string | null = null,
    readonly serverMessage: BilingualLabel | null = null,
  ) {
    super(serverMessage?.en ?? problem);
    this.name = 'TransferError';
  }
}


function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Sends the request; a failure to get any answer becomes a `network` TransferError (an abort stays an abort). */
async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await apiFetch(path, init);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new TransferError('network');
  }
}

function problemOf(status: number, field: string | undefined): TransferProblem {
  switch (status) {
    case 400:
      return 'badFile';
    case 401:
      return 'signedOut';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 409:
      return field === 'expectedSha256' ? 'changed' : 'conflict';
    case 413:
      return 'tooLarge';
    case 415:
      return 'unsupportedType';
    case 503:
      return 'unavailable';
    default:
      return 'server';
  }
}

/** The error a failed answer carries: `{ error: { code, field?, message: { id, en } } }`, or nothing readable. */
async function errorFrom(response: Response): Promise<TransferError> {
  let code: string | null = null;
  let field: string | undefined;
  let message: BilingualLabel | null = null;
  try {
    const body = (await response.json()) as { error?: { code?: unknown; field?: unknown; message?: unknown } };
    const error = body?.error;
    if (typeof error?.code === 'string') code = error.code;
    if (typeof error?.field === 'string') field = error.field;
    const text = error?.message as Partial<BilingualLabel> | undefined;
    if (typeof text?.id === 'string' && typeof text.en === 'string') message = { id: text.id, en: text.en };
  } catch {
    // A proxy's HTML error page, or no body: the status alone tells what happened.
  }
  return new TransferError(problemOf(response.status, field), response.status, code, message);
}

function isReport(value: unknown): value is ImportReport {
  const report = value as Partial<ImportReport> | null;
  return !!report && typeof report.summary === 'object' && Array.isArray(report.results) && Array.isArray(report.errors);
}

/** The format a file name says, or null: the server recognises the content, the console checks the name first. */
export function fileFormatOf(fileName: string): FileFormat | null {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'csv' || extension === 'xlsx' ? extension : null;
}

/** Refuses, without sending it, a file the server would refuse for its size or kind. */
export function checkUploadable(file: File): TransferError | null {
  if (!fileFormatOf(file.name)) return new TransferError('unsupportedType');
  if (file.size === 0) return new TransferError('empty');
  if (file.size > MAX_UPLOAD_BYTES) return new TransferError('tooLarge');
  return null;
}

/**
 * Uploads an import file. A dry run (the default) checks every row and writes nothing; `dryRun: false` applies the
 * whole file in one transaction, and with `expectedSha256` (the dry run's `sha256`) only if the file is the one
 * reviewed. Resolves with the report, also when rows were refused on applying (422: nothing was written).
 */
export async function uploadImport(
  kind: ImportKind,
  file: File,
  options: { dryRun?: boolean; expectedSha256?: string; signal?: AbortSignal } = {},
): Promise<ImportReport> {
  const refused = checkUploadable(file);
  if (refused) throw refused;
  const params = new URLSearchParams({ dryRun: String(options.dryRun ?? true) });
  if (options.expectedSha256) params.set('expectedSha256', options.expectedSha256);
  const response = await send(`/api/import/${kind}?${params}`, {
    method: 'POST',
    body: file,
    // The body is the file itself; a browser would label a .csv text/csv or application/vnd.ms-excel, and
    // the server reads the content whatever the label, so one neutral type for all.
    headers: { 'content-type': 'application/octet-stream' },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (response.ok || response.status === 422) {
    const body: unknown = await response.json().catch(() => null);
    if (isReport(body)) return body;
    throw new TransferError('server', response.status);
  }
  throw await errorFrom(response);
}

/** The file name a download's Content-Disposition gives, if any. */
export function attachmentName(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** Hands a file to the browser's downloads. */
export function saveFile(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a file from /api/* (with the CSRF header) and saves it; errors come back as JSON before any byte. */
export async function downloadFile(path: string, fallbackName: string): Promise<{ fileName: string; bytes: number }> {
  const response = await send(path, { method: 'GET' });
  if (!response.ok) throw await errorFrom(response);
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    // The server cuts a streamed export short when it fails midway: never save half a file.
    throw new TransferError('network', response.status);
  }
  const fileName = attachmentName(response.headers.get('content-disposition')) ?? fallbackName;
  saveFile(fileName, blob);
  return { fileName, bytes: blob.size };
}

export function templatePath(kind: ImportKind, format: FileFormat, locale: Locale): string {
  return `/api/templates/${kind}.${format}${locale === 'en' ? '?lang=en' : ''}`;
}

/** Filter values of an export, as the GraphQL filters have them; empty ones are left out. */
export type ExportFilters = Record<string, string | boolean | readonly string[] | null | undefined>;

export function exportPath(list: ExportList, format: FileFormat, filters: ExportFilters, locale: Locale): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value === null || value === undefined || value === '') continue;
    if (typeof value === 'boolean') params.set(name, String(value));
    else if (typeof value === 'string') params.set(name, value);
    else if (value.length > 0) params.set(name, value.join(','));
  }
  if (locale === 'en') params.set('lang', 'en');
  const query = params.toString();
  return `/api/export/${list}.${format}${query ? `?${query}` : ''}`;
}

/** The printable one-page summary (an HTML page opened in its own tab, not fetched). */
export function reportPath(areaCode: string, asOf?: string | null): string {
  const params = new URLSearchParams({ areaCode });
  if (asOf) params.set('asOf', asOf);
  return `/report/workforce-summary?${params}`;
}

const PROBLEM_MESSAGES: Record<TransferProblem, MessageKey> = {
  tooLarge: 'transfer.error.tooLarge',
  unsupportedType: 'transfer.error.unsupportedType',
  empty: 'transfer.error.empty',
  badFile: 'transfer.error.badFile',
  changed: 'transfer.error.changed',
  conflict: 'transfer.error.conflict',
  notFound: 'transfer.error.notFound',
  signedOut: 'transfer.error.signedOut',
  forbidden: 'transfer.error.forbidden',
  unavailable: 'transfer.error.unavailable',
  server: 'transfer.error.server',
  network: 'transfer.error.network',
};

/** Problems whose own sentence says everything; for the others the server's words follow (what it could not read). */
const SELF_EXPLANATORY: TransferProblem[] = ['tooLarge', 'unsupportedType', 'empty', 'changed', 'unavailable', 'network', 'signedOut'];

/** The longest server detail shown: an unreadable binary file can make the CSV reader quote a lot of it. */
const MAX_DETAIL = 300;

/** What to tell a person about a failed transfer: a sentence of the console, and the server's own words if useful. */
export function describeTransferError(error: unknown): { key: MessageKey; values: Values; detail: BilingualLabel | null } {
  if (!(error instanceof TransferError)) {
    return { key: 'error.unknown', values: { message: error instanceof Error ? error.message : String(error) }, detail: null };
  }
  const values: Values = { max: MAX_UPLOAD_MIB, status: error.status ?? '—' };
  const message = error.serverMessage;
  const detail =
    message && !SELF_EXPLANATORY.includes(error.problem)
      ? { id: shorten(message.id), en: shorten(message.en) }
      : null;
  return { key: PROBLEM_MESSAGES[error.problem], values, detail };
}

function shorten(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}
