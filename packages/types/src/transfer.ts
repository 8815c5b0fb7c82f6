import type { BilingualLabel } from './labels.js';

/**
 * What the server's file routes (imports, exports, the printable report; docs/import-export.md) and the console agree
 * on: written once here, used by @peksos/transfer to write its answers and by the console to read them.
 */

/** What an import file holds, in the order they should be imported: assignments name workers and organisations. */
export const IMPORT_KINDS = ['organisations', 'workers', 'assignments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: string | null | undefined): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value ?? '');
}

/** The file formats read and written. */
export type FileFormat = 'csv' | 'xlsx';

/** The lists the transfer module writes itself, at `/api/export/{list}.{csv|xlsx}`. */
export const EXPORT_LISTS = ['coverage-gaps', 'workers', 'organisations', 'assignments', 'workforce-summary'] as const;
/** The lists the core schema modules offer there too (`SchemaModule.exports`). */
export type ModuleExportList = 'cases' | 'professional-roles' | 'needs-action' | 'area-breakdown';
export type ExportList = (typeof EXPORT_LISTS)[number] | ModuleExportList;

/**
 * Cookie-authenticated requests that change something must carry this header with the value `1` (a cross-site form
 * cannot add it): the server's CSRF rule, which the console meets on every request.
 */
export const CSRF_HEADER = 'x-peksos-csrf';

/** What an import did, or would do, with one row. */
export type RowAction = 'create' | 'update' | 'unchanged' | 'error';

/** The code of a refused row: what the API would have answered for the same change. */
export type RowErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'WORKLOAD_LIMIT_EXCEEDED';

/**
 * A refused row. `row` is the row number as a spreadsheet shows it (the header is row 1); `column` is the header as
 * written in the file (or the expected header, when the column is missing); `field` is the column's name in the API.
 */
export interface RowError {
  row: number;
  column: string | null;
  field: string | null;
  code: RowErrorCode;
  /** A stable message key (a client may translate by it). */
  key: string;
  message: BilingualLabel;
  value?: string;
}

export interface RowResult {
  row: number;
  /** The row's stable key as a person reads it: the organisation code, the worker's masked NIK and name, … */
  key: string;
  action: RowAction;
  /** For `update`: the API names of the fields that change. */
  changes?: string[];
  errors?: RowError[];
}

export interface ImportReport {
  kind: ImportKind;
  format: FileFormat;
  dryRun: boolean;
  /** True when the changes were committed: not a dry run, and not one row refused. */
  applied: boolean;
  /** SHA-256 of the file; send it back as `expectedSha256` when confirming, to apply exactly the file reviewed. */
  sha256: string;
  summary: { rows: number; create: number; update: number; unchanged: number; error: number };
  /** Refused rows and header problems, in file order (at most `maxErrors`). */
  errors: RowError[];
  errorsTruncated: boolean;
  /** One entry per data row, in file order (at most `maxResults`). */
  results: RowResult[];
  resultsTruncated: boolean;
  /** Columns the import did not recognise, and so ignored. */
  ignoredColumns: string[];
  durationMs: number;
}
