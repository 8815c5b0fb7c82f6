import type { RowAction, RowError, RowResult } from '@peksos/types';
import { message, type MessageKey } from '../messages.js';

// The report's shape (ImportReport, RowError, RowResult) is @peksos/types', shared with the console.

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
