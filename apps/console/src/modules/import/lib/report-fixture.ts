import type { ImportReport, RowResult } from '@peksos/types';

/** For tests: a dry-run report of workers holding `results`, with the summary and errors they imply. */
export function reportOf(results: RowResult[], extra: Partial<ImportReport> = {}): ImportReport {
  const count = (action: RowResult['action']) => results.filter((result) => result.action === action).length;
  return {
    kind: 'workers',
    format: 'csv',
    dryRun: true,
    applied: false,
    sha256: '5'.repeat(64),
    summary: { rows: results.length, create: count('create'), update: count('update'), unchanged: count('unchanged'), error: count('error') },
    errors: results.flatMap((result) => result.errors ?? []),
    errorsTruncated: false,
    results,
    resultsTruncated: false,
    ignoredColumns: [],
    durationMs: 1,
    ...extra,
  };
}
