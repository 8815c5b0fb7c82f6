import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { decodeCursor, encodeCursor, pageWindow, toConnection } from './pagination.js';

describe('pagination', () => {
  it('round-trips cursors and pages forward from one', () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41);
    expect(pageWindow({ first: 10, after: encodeCursor(9) })).toEqual({ offset: 10, limit: 10 });
    expect(pageWindow({ first: 5 })).toEqual({ offset: 0, limit: 5 });
  });

  it('refuses forged cursors and page sizes out of range, naming the argument', () => {
    expect(() => decodeCursor('garbage')).toThrowError(DomainError);
    for (const first of [0, 101, 2.5]) {
      try {
        pageWindow({ first });
        expect.unreachable();
      } catch (error) {
        expect((error as DomainError).field).toBe('first');
      }
    }
  });

  it('builds page info from a page read with one row more, and drops that row', async () => {
    const connection = toConnection(['c', 'd', 'e'], { offset: 2, limit: 2 }, 5);
    expect(connection.nodes).toEqual(['c', 'd']);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: encodeCursor(2),
      endCursor: encodeCursor(3),
    });
    expect(await connection.totalCount()).toBe(5);
    const last = toConnection(['e'], { offset: 4, limit: 2 }, 5);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], { offset: 0, limit: 20 }, 0).pageInfo.hasNextPage).toBe(false);
  });

  it('counts only when totalCount is asked for, and once however often it is asked', async () => {
    let counts = 0;
    const connection = toConnection(['a'], { offset: 0, limit: 20 }, async () => ++counts);
    expect(counts).toBe(0);
    expect(await Promise.all([connection.totalCount(), connection.totalCount()])).toEqual([1, 1]);
    expect(counts).toBe(1);
  });
});
