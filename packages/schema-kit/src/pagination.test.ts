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

  it('builds page info from the window and the total', () => {
    const connection = toConnection(['c', 'd'], 5, { offset: 2, limit: 2 });
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: encodeCursor(2),
      endCursor: encodeCursor(3),
    });
    expect(toConnection([], 0, { offset: 0, limit: 20 }).pageInfo.hasNextPage).toBe(false);
  });
});
