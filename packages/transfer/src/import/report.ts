import type { BilingualLabel } from '@peksos/types';
import type { ImportKind } from '../columns.js';
import { message, type MessageKey, type RowErrorCode } from '../messages.js';
import type { FileFormat } from '../reading.js';

/** What an import did, or would do, with one row. */
export type RowAction = 'create' | 'update' | 'unchanged' | 'error';

/**
 * A refused row. `row` is the row number as a spreadsheet shows it (the header is row 1); `column` is the header as
 * written in the file (or the expected header, when the column is missing); `field` is the column's name in the API.
 */
export interface RowError {
  row: number;
  column: string | null;
  field: string | null;
  code: RowErrorCode;
  key: MessageKey;
  message: BilingualLabel;
  value?: string;
}

export interface RowResult {
  row: number;
  /** The row's stable key as a person reads it: the organisation code, the worker's masked NIK and name, … */
  key: string;
  action: RowAction;
  /** For `update`: the fields that change. */
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

/** Collects the outcome of each row, keeping at most a bounded number of entries so a large file stays cheap. */
export class ReportBuilder {
  readonly summary = { rows: 0, create: 0, update: 0, unchanged: 0, error: 0 };
  readonly errors: RowError[] = [];
  readonly results: RowResult[] = [];
  private readonly resultIndex = new Map<number, number>();
  private readonly actionOf = new Map<number, RowAction>();
  errorsTruncated = false;
  resultsTruncated = false;
  ignoredColumns: string[] = [];

  constructor(
    private readonly maxErrors: number,
    private readonly maxResults: number,
  ) {}

  private headerErrors = 0;

  /** Refused rows plus problems with the header row: any of them and nothing is written. */
  get errorCount(): number {
    return this.summary.error + this.headerErrors;
  }

  headerError(column: string, key: MessageKey, params: Record<string, string | number> = {}): void {
    this.headerErrors += 1;
    this.pushError({ row: 1, column, field: null, ...message(key, { column, ...params }), key });
  }

  done(row: number, key: string, action: Exclude<RowAction, 'error'>, changes?: string[]): void {
    this.record(row, { row, key, action, ...(changes?.length ? { changes } : {}) });
  }

  failed(row: number, key: string, errors: RowError[]): void {
    for (const error of errors) this.pushError(error);
    this.record(row, { row, key, action: 'error', errors });
  }

  /** Changes the outcome of a row already recorded (parents resolved at the end of an organisation file). */
  revise(row: number, key: string, action: RowAction, changes?: string[], errors?: RowError[]): void {
    const previous = this.actionOf.get(row);
    if (previous) this.summary[previous] -= 1;
    this.actionOf.delete(row);
    this.summary.rows -= 1;
    for (const error of errors ?? []) this.pushError(error);
    const result: RowResult = { row, key, action, ...(changes?.length ? { changes } : {}), ...(errors ? { errors } : {}) };
    const index = this.resultIndex.get(row);
    if (index !== undefined) {
      this.results[index] = result;
      this.actionOf.set(row, action);
      this.summary[action] += 1;
      this.summary.rows += 1;
    } else {
      this.record(row, result);
    }
  }

  actionFor(row: number): RowAction | undefined {
    return this.actionOf.get(row);
  }

  private record(row: number, result: RowResult): void {
    this.summary.rows += 1;
    this.summary[result.action] += 1;
    this.actionOf.set(row, result.action);
    if (this.results.length < this.maxResults) {
      this.resultIndex.set(row, this.results.length);
      this.results.push(result);
    } else {
      this.resultsTruncated = true;
    }
  }

  private pushError(error: RowError): void {
    if (this.errors.length < this.maxErrors) this.errors.push(error);
    else this.errorsTruncated = true;
  }
}
