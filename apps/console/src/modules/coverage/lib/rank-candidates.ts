/** A worker the dialog may offer. */
export interface Candidate {
  id: string;
  fullName: string;
}

/** The server's ranking of one worker for the organisation (assignmentCandidates: certified, nearer, spare capacity). */
export interface RankedEntry {
  workerId: string;
  certified: boolean;
  nearness: 'SAME_KELURAHAN' | 'SAME_KECAMATAN' | 'SAME_CITY';
}

export type CandidateGroup = 'recommended' | 'certified' | 'sameKecamatan' | 'others' | 'full';

export const CANDIDATE_GROUPS: readonly CandidateGroup[] = ['recommended', 'certified', 'sameKecamatan', 'others', 'full'];

/** The group of a ranked worker: certified and near, certified, near, or the rest; `full` when not ranked at all. */
export function candidateGroup(entry: RankedEntry | undefined): CandidateGroup {
  if (!entry) return 'full';
  const near = entry.nearness !== 'SAME_CITY';
  if (entry.certified && near) return 'recommended';
  if (entry.certified) return 'certified';
  if (near) return 'sameKecamatan';
  return 'others';
}

/**
 * Workers to offer for an organisation, in the server's ranking order (CandidateRankingService: certified first, then
 * same kelurahan, same kecamatan, then more spare capacity), grouped for reading. Workers the server did not rank (no
 * spare capacity under the office's limit, another kota, already placed there) come last, by name: an admin may still
 * place them with an override.
 */
export function rankCandidates<T extends Candidate>(
  candidates: readonly T[],
  ranking: readonly RankedEntry[],
  locale = 'id',
): { group: CandidateGroup; candidates: T[] }[] {
  const collator = new Intl.Collator(locale);
  const position = new Map(ranking.map((entry, index) => [entry.workerId, index]));
  const byId = new Map(ranking.map((entry) => [entry.workerId, entry]));
  const byGroup = new Map<CandidateGroup, T[]>(CANDIDATE_GROUPS.map((group) => [group, []]));
  for (const candidate of candidates) byGroup.get(candidateGroup(byId.get(candidate.id)))!.push(candidate);
  return CANDIDATE_GROUPS.map((group) => ({
    group,
    candidates: byGroup
      .get(group)!
      .sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || collator.compare(a.fullName, b.fullName)),
  })).filter((entry) => entry.candidates.length > 0);
}
