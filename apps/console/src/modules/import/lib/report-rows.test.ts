import { describe, expect, it } from 'vitest';
import { reportOf } from './report-fixture.js';
import { applyState, headerProblems, outcomeCounts, pageOf, rowsFor } from './report-rows.js';

const problem = (row: number, column: string) => ({
  row,
  column,
  field: null,
  code: 'BAD_USER_INPUT' as const,
  key: 'required',
  message: { id: `${column} wajib diisi`, en: `${column} is required` },
});

// As the server sends them: not always in file order (workers are reported after their batch is checked).
const mixed = reportOf([
  { row: 6, key: 'E', action: 'unchanged' },
  { row: 4, key: 'C', action: 'error', errors: [problem(4, 'Nama lengkap')] },
  { row: 2, key: 'A', action: 'create' },
  { row: 5, key: 'D', action: 'update', changes: ['phone'] },
  { row: 3, key: 'B', action: 'error', errors: [problem(3, 'NIK')] },
  { row: 7, key: 'F', action: 'create' },
]);

describe('the rows of an import report', () => {
  it('lists refused rows first, then new, updated and unchanged ones, each in file order', () => {
    expect(rowsFor(mixed, 'all').map((result) => result.row)).toEqual([3, 4, 2, 7, 5, 6]);
  });

  it('filters by outcome', () => {
    expect(rowsFor(mixed, 'error').map((result) => result.key)).toEqual(['B', 'C']);
    expect(rowsFor(mixed, 'create').map((result) => result.key)).toEqual(['A', 'F']);
    expect(rowsFor(mixed, 'unchanged').map((result) => result.key)).toEqual(['E']);
    expect(outcomeCounts(mixed)).toEqual({ all: 6, create: 2, update: 1, unchanged: 1, error: 2 });
  });

  it('counts from the summary, which covers rows beyond the detailed results', () => {
    const truncated = reportOf([{ row: 2, key: 'A', action: 'create' }], {
      summary: { rows: 20_000, create: 20_000, update: 0, unchanged: 0, error: 0 },
      resultsTruncated: true,
    });
    expect(outcomeCounts(truncated).all).toBe(20_000);
  });

  it('may be applied only without a refused row or header problem, and when something changes', () => {
    expect(applyState(mixed)).toBe('blocked');
    expect(applyState(reportOf([{ row: 2, key: 'A', action: 'create' }, { row: 3, key: 'B', action: 'update', changes: ['phone'] }]))).toBe('ready');
    expect(applyState(reportOf([{ row: 2, key: 'A', action: 'unchanged' }]))).toBe('nothing');
    const missingColumn = reportOf([], { errors: [problem(1, 'Status kepegawaian')] });
    expect(applyState(missingColumn)).toBe('blocked');
    expect(headerProblems(missingColumn).map((error) => error.column)).toEqual(['Status kepegawaian']);
    expect(headerProblems(mixed)).toEqual([]);
  });

  it('pages through many rows', () => {
    const rows = Array.from({ length: 120 }, (_, index) => index);
    expect(pageOf(rows, 1, 50)).toMatchObject({ from: 1, to: 50, pages: 3 });
    expect(pageOf(rows, 3, 50)).toMatchObject({ from: 101, to: 120, pages: 3, rows: rows.slice(100) });
    // A page past the end (after filtering to fewer rows) shows the last one.
    expect(pageOf(rows.slice(0, 10), 3, 50)).toMatchObject({ from: 1, to: 10, pages: 1 });
    expect(pageOf([], 1, 50)).toMatchObject({ from: 0, to: 0, pages: 1 });
  });
});
