import { describe, expect, it } from 'vitest';
import { candidateGroup, rankCandidates, type Candidate } from './rank-candidates.js';

const worker = (fullName: string, status: string, areaCodes: string[], home: string | null = null): Candidate => ({
  id: fullName,
  fullName,
  certificationStatus: status,
  homeAreaCode: home,
  activeAssignments: areaCodes.map((areaCode) => ({ isPrimary: true, organisation: { areaCode } })),
});

describe('rankCandidates', () => {
  const organisationArea = '32.77.03.1002'; // Cibabat, Cimahi Utara

  it('puts certified workers of the same kecamatan first, then certified, then same kecamatan, then the rest', () => {
    const ranked = rankCandidates(
      [
        worker('Zaenal', 'NOT_TESTED', ['32.77.01.1001']),
        worker('Yanti', 'SCHEDULED', ['32.77.03.1004']),
        worker('Asep', 'CERTIFIED', ['32.77']),
        worker('Budi', 'CERTIFIED', ['32.77.03.1001']),
      ],
      organisationArea,
    );
    expect(ranked.map((entry) => [entry.group, entry.candidates.map((c) => c.fullName)])).toEqual([
      ['recommended', ['Budi']],
      ['certified', ['Asep']],
      ['sameKecamatan', ['Yanti']],
      ['others', ['Zaenal']],
    ]);
  });

  it('uses the home area of an unplaced worker and lists unplaced workers first within a group', () => {
    const ranked = rankCandidates(
      [worker('Agus', 'NOT_TESTED', ['32.77.03.1003']), worker('Deni', 'NOT_TESTED', [], '32.77.03.1002')],
      organisationArea,
    );
    expect(ranked).toHaveLength(1);
    expect(ranked[0]!.candidates.map((c) => c.fullName)).toEqual(['Deni', 'Agus']);
  });

  it('has no same-kecamatan group for a city-level organisation', () => {
    expect(candidateGroup(worker('Asep', 'NOT_TESTED', ['32.77.03.1001']), '32.77')).toBe('others');
  });
});
