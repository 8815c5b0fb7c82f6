import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { LocalDateScalar } from '@peksos/schema-kit';
import { Assignment } from '@peksos/schema-workforce';
import { CaseInvolvement } from '../involvements/case-involvement.entity.js';

export enum HandoverReason {
  RESIGNED = 'RESIGNED',
  MOVED = 'MOVED',
  ON_LEAVE = 'ON_LEAVE',
}
registerEnumType(HandoverReason, {
  name: 'HandoverReason',
  description: 'Why a worker hands over their placements and cases.',
  valuesConfig: {
    RESIGNED: { description: 'The worker resigns.' },
    MOVED: { description: 'The worker moves elsewhere.' },
    ON_LEAVE: { description: 'The worker goes on leave.' },
  },
});

/** What people read as an assignment's end reason, in the office's language. */
export const HANDOVER_REASON_TEXT: Record<HandoverReason, string> = {
  RESIGNED: 'Serah terima: mengundurkan diri',
  MOVED: 'Serah terima: pindah',
  ON_LEAVE: 'Serah terima: cuti',
};

@ObjectType('ReplacementCandidate', {
  description:
    'A worker who could take over, and why they rank where they do: the ranking of assignmentCandidates (certified, then nearer, then more spare capacity).',
})
export class ReplacementCandidateType {
  @Field(() => ID, { description: 'The worker’s id.' })
  workerId!: string;

  @Field({ description: 'The worker’s full name.' })
  fullName!: string;

  @Field({ description: 'Holds a certificate valid on the handover day.' })
  certified!: boolean;

  @Field({ description: 'Is in the organisation’s kelurahan (lives there; else their placement is there).' })
  sameKelurahan!: boolean;

  @Field({ description: 'Is in the organisation’s kecamatan (lives there; else their placement is there).' })
  sameKecamatan!: boolean;

  @Field(() => Int, {
    description:
      'Placements held on the handover day or later, counting for a placement those this preview proposes to them before it (what the workload limit counts).',
  })
  activePlacements!: number;
}

@ObjectType({ description: 'A placement the handover ends, and who could take it over.' })
export class HandoverPlacement {
  @Field(() => ID, { description: 'The assignment ended.' })
  assignmentId!: string;

  @Field(() => ID, { description: 'The organisation.' })
  organisationId!: string;

  @Field({ description: 'The organisation’s name.' })
  organisationName!: string;

  @Field({ description: 'Whether it was the worker’s primary placement.' })
  isPrimary!: boolean;

  @Field({ description: 'The organisation has no other worker from the handover day: it becomes uncovered unless replaced.' })
  becomesUncovered!: boolean;

  @Field(() => ID, { nullable: true, description: 'The proposed replacement (the best-ranked candidate); null when there is none.' })
  proposedWorkerId!: string | null;

  @Field(() => [ReplacementCandidateType], { description: 'Candidates, best first (at most five).' })
  candidates!: ReplacementCandidateType[];
}

@ObjectType({ description: 'A case involvement the handover ends, and who could take it over.' })
export class HandoverInvolvement {
  @Field(() => ID, { description: 'The involvement ended.' })
  involvementId!: string;

  @Field(() => ID, { description: 'The case.' })
  caseId!: string;

  @Field({ description: 'The case’s reference.' })
  caseReference!: string;

  @Field({ description: 'The case’s handling organisation’s name.' })
  organisationName!: string;

  @Field({ description: 'The worker’s professional role in the case (its code).' })
  roleCode!: string;

  @Field({ description: 'Whether the worker led the case.' })
  isLead!: boolean;

  @Field({ description: 'No other worker is involved in the case from the handover day: it becomes uncovered unless replaced.' })
  becomesUncovered!: boolean;

  @Field(() => ID, { nullable: true, description: 'The proposed replacement; null when there is none.' })
  proposedWorkerId!: string | null;

  @Field(() => [ReplacementCandidateType], { description: 'Candidates, best first (at most five).' })
  candidates!: ReplacementCandidateType[];
}

@ObjectType({ description: 'What a handover would do: the placements and involvements it ends, which become uncovered, and proposed replacements.' })
export class HandoverPreview {
  @Field(() => ID, { description: 'The worker leaving.' })
  workerId!: string;

  @Field({ description: 'The worker’s full name.' })
  workerName!: string;

  @Field(() => LocalDateScalar, { description: 'The first day the worker no longer serves.' })
  endsOn!: string;

  @Field(() => [HandoverPlacement], { description: 'The placements ended, those becoming uncovered first.' })
  placements!: HandoverPlacement[];

  @Field(() => [HandoverInvolvement], { description: 'The case involvements ended, those becoming uncovered first.' })
  involvements!: HandoverInvolvement[];
}

@InputType({ description: 'Who takes over one placement or one case involvement (give exactly one of the two ids).' })
export class HandoverReplacementInput {
  @Field(() => ID, { nullable: true, description: 'The assignment taken over.' })
  assignmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The case involvement taken over.' })
  involvementId?: string | null;

  @Field(() => ID, { description: 'The worker taking over.' })
  workerId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Admins only, as in assignWorker and involveWorker: why the worker taking over may go beyond the workload limit ' +
      '(1 to 500 characters). Without it such a replacement is refused with WORKLOAD_LIMIT_EXCEEDED; with it the reason ' +
      'is kept on the placement or involvement made.',
  })
  limitOverrideReason?: string | null;
}

@InputType({ description: 'A worker handing over everything they hold on a day.' })
export class HandOverWorkerInput {
  @Field(() => ID, { description: 'The worker leaving.' })
  workerId!: string;

  @Field(() => LocalDateScalar, { description: 'The first day the worker no longer serves (their placements and involvements end then).' })
  endsOn!: string;

  @Field(() => HandoverReason, { description: 'Why.' })
  reason!: HandoverReason;

  @Field(() => String, { nullable: true, description: 'A note, kept as the placements’ end reason.' })
  @MaxLength(300)
  note?: string | null;

  @Field(() => [HandoverReplacementInput], { nullable: true, description: 'The replacements; a placement or involvement not listed is left uncovered.' })
  replacements?: HandoverReplacementInput[] | null;
}

@ObjectType({ description: 'What a handover did, in one transaction.' })
export class HandoverResult {
  @Field(() => [Assignment], { description: 'The placements ended.' })
  assignmentsEnded!: Assignment[];

  @Field(() => [Assignment], { description: 'The placements of the replacements.' })
  assignmentsMade!: Assignment[];

  @Field(() => [CaseInvolvement], { description: 'The involvements ended.' })
  involvementsEnded!: CaseInvolvement[];

  @Field(() => [CaseInvolvement], { description: 'The involvements of the replacements.' })
  involvementsMade!: CaseInvolvement[];
}
