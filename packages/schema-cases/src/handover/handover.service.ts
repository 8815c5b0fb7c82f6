import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, type Actor, type Queryable } from '@peksos/schema-kit';
import {
  AssignmentService,
  assertManagesWorker,
  CandidateRankingService,
  Nearness,
  WorkerService,
  WorkloadService,
  type RankedCandidate,
} from '@peksos/schema-workforce';
import { CaseInvolvementService } from '../involvements/case-involvement.service.js';
import { CaseWorkloadService, openCaseLimitExcess } from '../workload/case-workload.service.js';
import {
  HANDOVER_REASON_TEXT,
  type HandoverInvolvement,
  type HandoverPlacement,
  type HandoverPreview,
  type HandoverResult,
  type HandOverWorkerInput,
  type ReplacementCandidateType,
} from './handover.types.js';

const CANDIDATES = 5;

interface HeldPlacement {
  id: string;
  organisation_id: string;
  organisation_name: string;
  is_primary: boolean;
  others: number;
}

interface HeldInvolvement {
  id: string;
  case_id: string;
  reference: string;
  organisation_id: string;
  organisation_name: string;
  role_code: string;
  is_lead: boolean;
  others: number;
  /** Workers other than the one leaving in the same role in the case from the day on: they cannot take it over. */
  same_role: string[];
}

/** Who takes over a placement or an involvement, and the field naming the replacement in errors. */
interface Replacement {
  workerId: string;
  limitOverrideReason: string | null;
  field: string;
}

/**
 * The handover of a worker who resigns, moves or goes on leave (issue 17): every placement and case involvement they
 * hold on the day ends then, and each is taken over by a replacement or left uncovered. The preview shows what becomes
 * uncovered and proposes replacements by the planner's ranking (`CandidateRankingService` of the workforce module,
 * limited to the workers and organisations the caller manages), within the workload limits counted across the whole
 * handover: a worker proposed for k placements has room for k more placements, one proposed for k cases room for k
 * more open cases. The candidates of every organisation, and the open cases they hold, are read once
 * (`CandidateRankingService.candidatePools`): a constant number of statements, whatever the number of involvements;
 * each placement, then each involvement, is then ranked in turn, seeing the proposals made before it. Applying it is
 * one transaction through the owning modules' services (AssignmentService, CaseInvolvementService), whose rules (the
 * limits and their admin-only override included) hold as for single changes: the first refusal undoes everything,
 * naming a field of the handover's own input, never one of assignWorker's or involveWorker's:
 * `replacements.N.workerId` for the replacement (one the caller may not place or involve, archived, already placed at
 * the organisation or in the role in the case, beyond a workload limit), `replacements.N.assignmentId` /
 * `.involvementId` for what is the placement's or involvement's (an organisation or case out of the caller's reach, a
 * lead the case already has from the day), `.limitOverrideReason` for the override, `endsOn` for the day (before the
 * case opened), `workerId` for the worker, or for an involvement not taken over in a case out of their reach. An end
 * planned after the day comes forward to it.
 *
 * It lives in the cases module because it changes both placements (workforce) and involvements (cases): this module
 * already depends on the workforce module, not the other way round.
 */
export class HandoverService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly today: string,
  ) {}

  /** Placements active on the day (or starting before it and not ended before it), with how many others serve there. */
  private placementsHeld(db: Queryable, workerId: string, endsOn: string): Promise<HeldPlacement[]> {
    return db.query(
      `SELECT a.id::text, a.organisation_id::text, o.name AS organisation_name, a.is_primary,
              (SELECT count(*)::int FROM assignment b WHERE b.organisation_id = a.organisation_id AND b.worker_id <> a.worker_id
                 AND b.starts_on <= $2::date AND (b.ends_on IS NULL OR b.ends_on > $2::date)) AS others
       FROM assignment a JOIN organisation o ON o.id = a.organisation_id
       WHERE a.worker_id = $1::uuid AND a.starts_on < $2::date AND (a.ends_on IS NULL OR a.ends_on > $2::date)
       ORDER BY o.name, a.id`,
      [workerId, endsOn],
    ) as Promise<HeldPlacement[]>;
  }

  private involvementsHeld(db: Queryable, workerId: string, endsOn: string): Promise<HeldInvolvement[]> {
    return db.query(
      `SELECT i.id::text, i.case_id::text, c.reference, c.organisation_id::text, o.name AS organisation_name, i.role_code, i.is_lead,
              (SELECT count(*)::int FROM case_involvement j WHERE j.case_id = i.case_id AND j.worker_id <> i.worker_id
                 AND j.starts_on <= $2::date AND (j.ends_on IS NULL OR j.ends_on > $2::date)) AS others,
              array(SELECT k.worker_id::text FROM case_involvement k WHERE k.case_id = i.case_id AND k.worker_id <> i.worker_id
                 AND k.role_code = i.role_code AND (k.ends_on IS NULL OR k.ends_on > $2::date)) AS same_role
       FROM case_involvement i JOIN social_case c ON c.id = i.case_id JOIN organisation o ON o.id = c.organisation_id
       WHERE i.worker_id = $1::uuid AND c.status = 'OPEN' AND i.starts_on < $2::date AND (i.ends_on IS NULL OR i.ends_on > $2::date)
       ORDER BY c.reference, i.id`,
      [workerId, endsOn],
    ) as Promise<HeldInvolvement[]>;
  }

  private checkDay(endsOn: string): void {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endsOn)) throw badInput('endsOn', 'endsOn is a date (YYYY-MM-DD)');
  }

  /** What the handover would end and leave uncovered, with proposed replacements; changes nothing. */
  async preview(workerId: string, endsOn: string, actor: Actor): Promise<HandoverPreview> {
    this.checkDay(endsOn);
    await assertManagesWorker(this.dataSource, actor, workerId, 'workerId');
    const worker = await new WorkerService(this.dataSource, this.today).get(workerId, 'workerId');
    const ranking = new CandidateRankingService(this.dataSource);
    const caseWorkload = new CaseWorkloadService(this.dataSource);
    const { maxOpenCases } = await new WorkloadService(this.dataSource).limits();
    // Those becoming uncovered are proposed for first, so a replacement's last spare capacity goes to them.
    const uncoveredFirst = <T extends { others: number }>(items: T[]) => [...items.filter((item) => item.others === 0), ...items.filter((item) => item.others > 0)];

    const placementsHeld = uncoveredFirst(await this.placementsHeld(this.dataSource, worker.id, endsOn));
    const involvementsHeld = uncoveredFirst(await this.involvementsHeld(this.dataSource, worker.id, endsOn));
    // Every organisation's candidates in one statement (not a ranking per placement and involvement).
    const pools = await ranking.candidatePools(
      [
        ...placementsHeld.map((held) => ({ organisationId: held.organisation_id })),
        ...involvementsHeld.map((held) => ({ organisationId: held.organisation_id, purpose: 'case' as const })),
      ],
      endsOn,
      { managedBy: actor },
    );
    const placementPools = pools.slice(0, placementsHeld.length);
    const casePools = pools.slice(placementsHeld.length);

    const proposedPlacements = new Map<string, number>();
    const placements: HandoverPlacement[] = placementsHeld.map((held, index) => {
      const ranked = placementPools[index]!.rank({ excludeWorkerIds: [worker.id], proposedPlacements, first: CANDIDATES });
      const proposed = ranked[0]?.workerId ?? null;
      if (proposed) proposedPlacements.set(proposed, (proposedPlacements.get(proposed) ?? 0) + 1);
      return {
        assignmentId: held.id,
        organisationId: held.organisation_id,
        organisationName: held.organisation_name,
        isPrimary: held.is_primary,
        becomesUncovered: held.others === 0,
        proposedWorkerId: proposed,
        candidates: ranked.map(replacementCandidate),
      };
    });

    // The open cases of every worker of the case pools, read once.
    const cases =
      involvementsHeld.length > 0
        ? await caseWorkload.casesHeldFrom([...new Set(casePools.flatMap((pool) => pool.workerIds))], endsOn)
        : new Map<string, Set<string>>();
    const proposedCases = new Map<string, Set<string>>();
    const involvements: HandoverInvolvement[] = involvementsHeld.map((held, index) => {
      const candidates = casePools[index]!
        .rank({ excludeWorkerIds: [worker.id, ...held.same_role] })
        .filter((candidate) => {
          const holding = new Set([...(cases.get(candidate.workerId) ?? []), ...(proposedCases.get(candidate.workerId) ?? [])]);
          return openCaseLimitExcess(held.case_id, holding, maxOpenCases) === null;
        })
        .slice(0, CANDIDATES);
      const proposed = candidates[0]?.workerId ?? null;
      if (proposed) proposedCases.set(proposed, new Set([...(proposedCases.get(proposed) ?? []), held.case_id]));
      return {
        involvementId: held.id,
        caseId: held.case_id,
        caseReference: held.reference,
        organisationName: held.organisation_name,
        roleCode: held.role_code,
        isLead: held.is_lead,
        becomesUncovered: held.others === 0,
        proposedWorkerId: proposed,
        candidates: candidates.map(replacementCandidate),
      };
    });
    return { workerId: worker.id, workerName: worker.fullName, endsOn, placements, involvements };
  }

  /**
   * Ends everything the worker holds on `endsOn` and makes the replacements given, all in one transaction: a refusal
   * of any step (a rule of the owning module, a constraint) leaves nothing written. `manager` lets a caller include it
   * in a transaction of its own.
   */
  async apply(input: HandOverWorkerInput, actor: Actor, manager?: EntityManager): Promise<HandoverResult> {
    this.checkDay(input.endsOn);
    const run = async (manager: EntityManager): Promise<HandoverResult> => {
      await assertManagesWorker(manager, actor, input.workerId, 'workerId');
      const worker = await new WorkerService(this.dataSource, this.today).get(input.workerId, 'workerId', manager);
      const placements = await this.placementsHeld(manager, worker.id, input.endsOn);
      const involvements = await this.involvementsHeld(manager, worker.id, input.endsOn);
      if (placements.length === 0 && involvements.length === 0) {
        throw conflict(`The worker holds no placement or case involvement on ${input.endsOn}`, 'workerId');
      }
      // Who takes over each, and the field naming them in errors.
      const byAssignment = new Map<string, Replacement>();
      const byInvolvement = new Map<string, Replacement>();
      for (const [index, replacement] of (input.replacements ?? []).entries()) {
        const field = `replacements.${index}`;
        if (!!replacement.assignmentId === !!replacement.involvementId) throw badInput(field, 'Give an assignmentId or an involvementId, not both');
        if (replacement.workerId === worker.id) throw badInput(`${field}.workerId`, 'The worker leaving cannot take over from themselves');
        const taken = { workerId: replacement.workerId, limitOverrideReason: replacement.limitOverrideReason ?? null, field };
        if (replacement.assignmentId) {
          if (!placements.some((held) => held.id === replacement.assignmentId)) {
            throw badInput(`${field}.assignmentId`, 'Not a placement the worker holds on that day');
          }
          const earlier = byAssignment.get(replacement.assignmentId);
          if (earlier) throw badInput(`${field}.assignmentId`, `The placement is already taken over in ${earlier.field}: one replacement each`);
          byAssignment.set(replacement.assignmentId, taken);
        } else {
          if (!involvements.some((held) => held.id === replacement.involvementId)) {
            throw badInput(`${field}.involvementId`, 'Not a case involvement the worker holds on that day');
          }
          const earlier = byInvolvement.get(replacement.involvementId!);
          if (earlier) throw badInput(`${field}.involvementId`, `The involvement is already taken over in ${earlier.field}: one replacement each`);
          byInvolvement.set(replacement.involvementId!, taken);
        }
      }
      const assignments = new AssignmentService(this.dataSource, this.today);
      const caseInvolvements = new CaseInvolvementService(this.dataSource, this.today);
      const reason = [HANDOVER_REASON_TEXT[input.reason], input.note?.trim()].filter(Boolean).join(' — ');
      const result: HandoverResult = { assignmentsEnded: [], assignmentsMade: [], involvementsEnded: [], involvementsMade: [] };
      for (const held of placements) {
        const replacement = byAssignment.get(held.id);
        // An end planned after the day comes forward to it.
        result.assignmentsEnded.push(
          await assignments.end(held.id, input.endsOn, reason, actor, manager, { field: replacement ? `${replacement.field}.assignmentId` : 'workerId', bringForward: true }),
        );
        if (replacement) {
          const primary = await assignments.holdsPrimaryFrom(manager, replacement.workerId, input.endsOn);
          const { field } = replacement;
          // assignWorker's rules, each refusal naming the replacement's own fields: the worker, or the placement taken
          // over for its organisation.
          result.assignmentsMade.push(
            await assignments.assign(
              {
                workerId: replacement.workerId,
                organisationId: held.organisation_id,
                startsOn: input.endsOn,
                isPrimary: held.is_primary && !primary,
                limitOverrideReason: replacement.limitOverrideReason,
              },
              actor,
              manager,
              {
                worker: `${field}.workerId`,
                organisation: `${field}.assignmentId`,
                placedThere: `${field}.workerId`,
                isPrimary: `${field}.assignmentId`,
                limitOverrideReason: `${field}.limitOverrideReason`,
              },
            ),
          );
        }
      }
      for (const held of involvements) {
        const replacement = byInvolvement.get(held.id);
        // Ended by whoever manages its case (endInvolvement's rule), however the worker came to hold it: a worker lent
        // to another area may be in its cases. The refusal names the replacement taking it over, or the worker. An end
        // planned after the day comes forward to it.
        result.involvementsEnded.push(
          await caseInvolvements.end(held.id, input.endsOn, actor, manager, {
            field: replacement ? `${replacement.field}.involvementId` : 'workerId',
            message: `The worker is involved in case ${held.reference} of ${held.organisation_name}, outside your area: its coordinator (or an admin) ends that involvement (endInvolvement) before the handover`,
            bringForward: true,
          }),
        );
        if (replacement) {
          const { field } = replacement;
          // involveWorker's rules, each refusal naming the replacement's own fields: the worker (out of reach, archived,
          // already in that role in the case, beyond the limit of open cases), or the involvement taken over for what
          // is the involvement's (its case, role and lead), or the handover's day for the start.
          result.involvementsMade.push(
            await caseInvolvements.involve(
              {
                caseId: held.case_id,
                workerId: replacement.workerId,
                roleCode: held.role_code,
                startsOn: input.endsOn,
                isLead: held.is_lead,
                limitOverrideReason: replacement.limitOverrideReason,
              },
              actor,
              manager,
              {
                case: `${field}.involvementId`,
                worker: `${field}.workerId`,
                role: `${field}.involvementId`,
                alreadyInRole: `${field}.workerId`,
                isLead: `${field}.involvementId`,
                startsOn: 'endsOn',
                limitOverrideReason: `${field}.limitOverrideReason`,
              },
            ),
          );
        }
      }
      return result;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }
}

/** A ranked candidate as the handover shows it. */
function replacementCandidate(candidate: RankedCandidate): ReplacementCandidateType {
  return {
    workerId: candidate.workerId,
    fullName: candidate.fullName,
    certified: candidate.certified,
    sameKelurahan: candidate.nearness === Nearness.SAME_KELURAHAN,
    sameKecamatan: candidate.nearness !== Nearness.SAME_CITY,
    activePlacements: candidate.placementsHeld,
  };
}
