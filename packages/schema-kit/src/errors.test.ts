import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode, translateDatabaseError } from './errors.js';
import { manyByKey, oneByKey } from './loaders.js';

describe('database error translation', () => {
  const meanings = { assignment_no_overlap: { code: ErrorCode.CONFLICT, field: 'organisationId', message: 'overlap' } } as const;

  it('gives a named constraint the meaning its module declared', () => {
    const translated = translateDatabaseError({ driverError: { code: '23P01', constraint: 'assignment_no_overlap' } }, meanings);
    expect(translated).toBeInstanceOf(DomainError);
    expect((translated as DomainError).extensions).toEqual({ code: 'CONFLICT', field: 'organisationId' });
  });

  it('treats unknown unique and check violations as CONFLICT and BAD_USER_INPUT', () => {
    expect((translateDatabaseError({ code: '23505', constraint: 'x' }, meanings) as DomainError).code).toBe(ErrorCode.CONFLICT);
    expect((translateDatabaseError({ code: '23514', constraint: 'y' }, meanings) as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('turns a row refused by row-level security into FORBIDDEN', () => {
    const refused = translateDatabaseError({ driverError: { code: '42501', message: 'new row violates row-level security policy for table "worker"' } }, meanings);
    expect((refused as DomainError).code).toBe(ErrorCode.FORBIDDEN);
  });

  it('reports a lost database as SERVICE_UNAVAILABLE and leaves other errors alone', () => {
    expect((translateDatabaseError({ code: '57P01' }, meanings) as DomainError).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    const bug = new TypeError('bug');
    expect(translateDatabaseError(bug, meanings)).toBe(bug);
  });
});

describe('loader helpers', () => {
  it('orders rows by the keys asked for', () => {
    const rows = [{ id: 'b' }, { id: 'a' }];
    expect(oneByKey(['a', 'c', 'b'], rows, (row) => row.id)).toEqual([{ id: 'a' }, null, { id: 'b' }]);
    expect(manyByKey(['x', 'y'], [{ k: 'x', n: 1 }, { k: 'x', n: 2 }], (row) => row.k)).toEqual([
      [
        { k: 'x', n: 1 },
        { k: 'x', n: 2 },
      ],
      [],
    ]);
  });
});
