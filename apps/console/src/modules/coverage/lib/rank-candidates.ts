import { kecamatanOf } from '../../../lib/areas.js';

export interface Candidate {
  id: string;
  fullName: string;
  certificationStatus: string;
  homeAreaCode: string | null;
  activeAssignments: ReadonlyArray<{ isPrimary: boolean; organisation: { areaCode: string } }>;
}

export type CandidateGroup = 'recommended' | 'certified' | 'sameKecamatan' | 'others';

export const CANDIDATE_GROUPS: readonly CandidateGroup[] = ['recommended', 'certified', 'sameKecamatan', 'others'];

/** The kecamatan a worker works in (placements) or, when unplaced, lives in. */
export function workerKecamatans(candidate: Candidate): Set<string> {
  const placed = candidate.activeAssignments.map((a) => kecamatanOf(a.organisation.areaCode)).filter((k): k is string => !!k);
  if (placed.length > 0) return new Set(placed);
  const home = kecamatanOf(candidate.homeAreaCode);
  return new Set(home ? [home] : []);
}

export function candidateGroup(candidate: Candidate, organisationAreaCode: string): CandidateGroup {
  const certified = candidate.certificationStatus === 'CERTIFIED';
  const kecamatan = kecamatanOf(organisationAreaCode);
  const same = kecamatan !== null && workerKecamatans(candidate).has(kecamatan);
  if (certified && same) return 'recommended';
  if (certified) return 'certified';
  if (same) return 'sameKecamatan';
  return 'others';
}

/**
 * Workers to offer for an organisation: certified ones and those in the organisation's kecamatan first
 * (certified and same kecamatan, then certified, then same kecamatan, then the rest); unplaced workers before
 * placed ones within a group, then by name.
 */
export function rankCandidates<T extends Candidate>(
  candidates: readonly T[],
  organisationAreaCode: string,
  locale = 'id',
): { group: CandidateGroup; candidates: T[] }[] {
  const collator = new Intl.Collator(locale);
  const byGroup = new Map<CandidateGroup, T[]>(CANDIDATE_GROUPS.map((group) => [group, []]));
  for (const candidate of candidates) byGroup.get(candidateGroup(candidate, organisationAreaCode))!.push(candidate);
  return CANDIDATE_GROUPS.map((group) => ({
    group,
    candidates: byGroup
      .get(group)!
      .sort(
        (a, b) =>
          Number(a.activeAssignments.length > 0) - Number(b.activeAssignments.length > 0) ||
          collator.compare(a.fullName, b.fullName),
      ),
  })).filter((entry) => entry.candidates.length > 0);
}
