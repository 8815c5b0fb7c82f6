import { describe, expect, it } from 'vitest';
import { candidateGroup, rankCandidates, type RankedEntry } from './rank-candidates.js';

const worker = (fullName: string) => ({ id: fullName, fullName });
const ranked = (workerId: string, certified: boolean, nearness: RankedEntry['nearness']): RankedEntry => ({ workerId, certified, nearness });

describe('rankCandidates', () => {
  it('groups the server’s ranking: certified and near, certified, near, the rest, then the workers it did not rank', () => {
    const ranking = [
      ranked('Budi', true, 'SAME_KELURAHAN'),
      ranked('Asep', true, 'SAME_CITY'),
      ranked('Yanti', false, 'SAME_KECAMATAN'),
      ranked('Zaenal', false, 'SAME_CITY'),
    ];
    const groups = rankCandidates([worker('Zaenal'), worker('Penuh'), worker('Yanti'), worker('Asep'), worker('Budi')], ranking);
    expect(groups.map((entry) => [entry.group, entry.candidates.map((c) => c.fullName)])).toEqual([
      ['recommended', ['Budi']],
      ['certified', ['Asep']],
      ['sameKecamatan', ['Yanti']],
      ['others', ['Zaenal']],
      ['full', ['Penuh']],
    ]);
  });

  it('keeps the server’s order within a group (nearer, then more spare capacity), not the names', () => {
    const ranking = [ranked('Zulfa', true, 'SAME_KELURAHAN'), ranked('Ani', true, 'SAME_KECAMATAN')];
    expect(rankCandidates([worker('Ani'), worker('Zulfa')], ranking)[0]!.candidates.map((c) => c.fullName)).toEqual(['Zulfa', 'Ani']);
  });

  it('puts an unranked worker among those without spare capacity', () => {
    expect(candidateGroup(undefined)).toBe('full');
  });
});
