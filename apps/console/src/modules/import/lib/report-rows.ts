import type { ImportReport, RowAction, RowError, RowResult } from '@peksos/types';

/** How the preview lists rows: refused rows first (what needs fixing), then what would change, then the rest. */
export const OUTCOME_ORDER: RowAction[] = ['error', 'create', 'update', 'unchanged'];

export type OutcomeFilter = RowAction | 'all';

/** The rows of a report to show for a filter, refused first and each group in file order. */
export function rowsFor(report: ImportReport, filter: OutcomeFilter): RowResult[] {
  const rank = (action: RowAction) => OUTCOME_ORDER.indexOf(action);
  return report.results
    .filter((result) => filter === 'all' || result.action === filter)
    .slice()
    .sort((a, b) => rank(a.action) - rank(b.action) || a.row - b.row);
}

/** Problems that belong to no data row: a required column missing from the header row, a column twice. */
export function headerProblems(report: ImportReport): RowError[] {
  return report.errors.filter((error) => error.row === 1);
}

/** Rows per outcome in the whole file (the summary counts every row, also beyond the detailed results). */
export function outcomeCounts(report: ImportReport): Record<OutcomeFilter, number> {
  const { rows, create, update, unchanged, error } = report.summary;
  return { all: rows, create, update, unchanged, error };
}

export type ApplyState = 'ready' | 'blocked' | 'nothing';

/**
 * Whether a dry run's file may be applied. The server applies all rows or none, so one refused row (or a header
 * problem) blocks it; a file that would change nothing has nothing to apply.
 */
export function applyState(report: ImportReport): ApplyState {
  if (report.summary.error > 0 || report.errors.length > 0) return 'blocked';
  if (report.summary.create + report.summary.update === 0) return 'nothing';
  return 'ready';
}

/** One page of rows. */
export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): { rows: T[]; from: number; to: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * pageSize;
  const slice = rows.slice(start, start + pageSize);
  return { rows: slice, from: slice.length ? start + 1 : 0, to: start + slice.length, pages };
}
