import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { decodeCursor, encodeCursor, pageWindow, toConnection, type SortKey } from './pagination.js';

const BY_NAME: SortKey[] = [['lower(w.full_name)', 'ASC'], ['w.id', 'ASC']];
const BY_DATE: SortKey[] = [['w.created_at', 'DESC'], ['w.id', 'DESC']];

describe('pagination', () => {
  it('round-trips keyset cursors and reads the window a page asks for', () => {
    const cursor = encodeCursor(BY_NAME, ['siti', '0b7c']);
    expect(decodeCursor(cursor, BY_NAME, 'after')).toEqual(['siti', '0b7c']);
    expect(pageWindow({ first: 10, after: cursor })).toEqual({ fromEnd: false, limit: 10, after: cursor, before: null });
    expect(pageWindow({})).toEqual({ fromEnd: false, limit: 20, after: null, before: null });
    expect(pageWindow({ last: 5, before: cursor })).toEqual({ fromEnd: true, limit: 5, after: null, before: cursor });
  });

  it('refuses forged cursors, cursors of another order, and page sizes out of range, naming the argument', () => {
    for (const forged of ['garbage', Buffer.from('offset:9').toString('base64url'), Buffer.from('["x",1]').toString('base64url')]) {
      expect(() => decodeCursor(forged, BY_NAME, 'after')).toThrowError(DomainError);
    }
    try {
      decodeCursor(encodeCursor(BY_DATE, ['2018-06-01', 'a']), BY_NAME, 'before');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ field: 'before' });
    }
    for (const [field, size] of [['first', 0], ['first', 101], ['first', 2.5], ['last', 0], ['last', 101]] as const) {
      expect(() => pageWindow({ [field]: size })).toThrowError(expect.objectContaining({ field }));
    }
    expect(() => pageWindow({ first: 2, last: 2 })).toThrowError(expect.objectContaining({ field: 'last' }));
  });

  it('builds page info and cursors from the rows of a page', async () => {
    const rows = [{ node: 'c', keys: ['c', '3'] }, { node: 'd', keys: ['d', '4'] }];
    const connection = toConnection(rows, BY_NAME, { hasNextPage: true, hasPreviousPage: true }, 5);
    expect(connection.nodes).toEqual(['c', 'd']);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: encodeCursor(BY_NAME, ['c', '3']),
      endCursor: encodeCursor(BY_NAME, ['d', '4']),
    });
    expect(await connection.totalCount()).toBe(5);
    expect(toConnection([], BY_NAME, { hasNextPage: false, hasPreviousPage: false }, 0).pageInfo.endCursor).toBeNull();
  });

  it('counts only when totalCount is asked for, and once however often it is asked', async () => {
    let counts = 0;
    const connection = toConnection([{ node: 'a', keys: ['a', '1'] }], BY_NAME, { hasNextPage: false, hasPreviousPage: false }, async () => ++counts);
    expect(counts).toBe(0);
    expect(await Promise.all([connection.totalCount(), connection.totalCount()])).toEqual([1, 1]);
    expect(counts).toBe(1);
  });
});
