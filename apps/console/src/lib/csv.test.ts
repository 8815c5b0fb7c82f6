import { describe, expect, it } from 'vitest';
import { csvCell, fetchAllNodes, toCsv } from './csv.js';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('Dinas Sosial, Kota Cimahi')).toBe('"Dinas Sosial, Kota Cimahi"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x\ny']])).toBe('a,b\r\n1,"x\ny"\r\n');
  });

  it('fetches every page of a connection', async () => {
    const pages: Record<string, { nodes: number[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = {
      start: { nodes: [1, 2], pageInfo: { hasNextPage: true, endCursor: 'a' } },
      a: { nodes: [3], pageInfo: { hasNextPage: false, endCursor: 'b' } },
    };
    await expect(fetchAllNodes(async (after) => pages[after ?? 'start']!)).resolves.toEqual([1, 2, 3]);
  });
});
