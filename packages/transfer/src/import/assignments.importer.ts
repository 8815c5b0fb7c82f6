import type { ImportContext, RowImporter, RowReader } from './engine.js';
import { maskNik } from './engine.js';
import { readBoolean, readDate, readNationalId, readOrganisationCode } from './fields.js';
import type { RowError } from '@peksos/types';
import { ASSIGNMENT_COLUMN_NAMES, placementConflict, placementLimitExcess, WorkloadService, type LockedAssignment } from '@peksos/schema-workforce';
import { conflictsWith } from './import-snapshot.js';

interface AssignmentRow {
  nationalIdNumber: string;
  organisationCode: string;
  startsOn: string;
  /** undefined: the file has no such column (the stored value stays). */
  endsOn: string | null | undefined;
  isPrimary: boolean | undefined;
  endReason: string | null | undefined;
  key: string;
}

type StoredAssignment = LockedAssignment;

/**
 * Assignments, matched on (worker NIK, organisation code, start date), read and written through AssignmentService in
 * the import's transaction. Its rules and the exclusion constraints, checked before each row is written so that a
 * refused row is reported with its column: a new placement needs both the worker and the organisation to be the
 * importer's, a change of one either (FORBIDDEN); the worker and organisation exist, a current placement is refused at
 * an archived one, no two periods of one worker at one organisation overlap, one primary placement at a time, the end
 * after the start, and a placement running today or later (new, or a stored one whose end moves later) within the
 * office's maximum of placements at once (the workforce module's `placementLimitExcess`; code WORKLOAD_LIMIT_EXCEEDED
 * on the NIK column; an import gives no admin override: such a placement is made with `assignWorker`).
 */
export function assignmentsImporter({ manager, actor, workforce, report, today, snapshot, rowError }: ImportContext): RowImporter<AssignmentRow> {
  const seen = new Map<string, number>();

  return {
    parse(reader: RowReader): AssignmentRow | null {
      const nationalIdNumber = readNationalId(reader);
      const organisationCode = readOrganisationCode(reader, 'organisationCode');
      const startsOn = readDate(reader, 'startsOn', true);
      const endsOn = reader.has('endsOn') ? readDate(reader, 'endsOn') : undefined;
      const isPrimary = reader.has('isPrimary') ? readBoolean(reader, 'isPrimary', true) : undefined;
      const endReason = reader.has('endReason') ? reader.optionalText('endReason', 500) : undefined;
      if (startsOn && endsOn && endsOn <= startsOn) reader.error('endsOn', 'endsBeforeStart');
      if (endReason && !endsOn) reader.error('endReason', 'endReasonWithoutEnd');
      if (nationalIdNumber && organisationCode && startsOn) {
        const key = `${nationalIdNumber}|${organisationCode}|${startsOn}`;
        const firstRow = seen.get(key);
        if (firstRow !== undefined) reader.error('startsOn', 'duplicateInFile', { what: 'Penempatan', whatEn: 'assignment', firstRow });
        else seen.set(key, reader.row);
      }
      if (reader.errors.length > 0 || !nationalIdNumber || !organisationCode || !startsOn) return null;
      return {
        nationalIdNumber,
        organisationCode,
        startsOn,
        endsOn,
        isPrimary,
        endReason,
        key: `${maskNik(nationalIdNumber)} → ${organisationCode} (${startsOn})`,
      };
    },

    async apply(batch) {
      const rows = batch.map((entry) => ({ row: entry.row, ...entry.value }));
      // Lock what this batch may change, as AssignmentService does (the worker, then its assignments), then read it.
      const workers = new Map(
        (await workforce.workers.lockByNationalIds(manager, [...new Set(rows.map((row) => row.nationalIdNumber))])).map((worker) => [worker.nationalIdNumber, worker]),
      );
      const organisations = new Map(
        (await workforce.organisations.shareLockByCodes(manager, [...new Set(rows.map((row) => row.organisationCode))])).map((organisation) => [
          organisation.code,
          organisation,
        ]),
      );
      const workerIds = [...workers.values()].map((worker) => worker.id);
      const byWorker = new Map<string, StoredAssignment[]>();
      for (const assignment of await workforce.assignments.lockOfWorkers(manager, workerIds)) {
        const list = byWorker.get(assignment.workerId) ?? [];
        list.push(assignment);
        byWorker.set(assignment.workerId, list);
      }
      const { maxPlacements } = await new WorkloadService(manager).limits();
      const horizon = await snapshot.horizon(manager);
      const assignmentsChanged = await snapshot.changesByOthers(manager, 'assignment', [...byWorker.values()].flat(), horizon);

      for (const row of rows) {
        const errors: RowError[] = [];
        const worker = workers.get(row.nationalIdNumber);
        const organisation = organisations.get(row.organisationCode);
        if (!worker) errors.push(rowError(row.row, 'nationalIdNumber', 'unknownWorker', { value: maskNik(row.nationalIdNumber) }));
        if (!organisation) errors.push(rowError(row.row, 'organisationCode', 'unknownOrganisation', { value: row.organisationCode }));
        if (!worker || !organisation) {
          report.failed(row.row, row.key, errors);
          continue;
        }
        const list = byWorker.get(worker.id) ?? [];
        byWorker.set(worker.id, list);
        const current = list.find((a) => a.organisationId === organisation.id && a.startsOn === row.startsOn);
        const next: StoredAssignment = {
          id: current?.id ?? '',
          workerId: worker.id,
          organisationId: organisation.id,
          startsOn: row.startsOn,
          endsOn: row.endsOn === undefined ? (current?.endsOn ?? null) : row.endsOn,
          isPrimary: row.isPrimary ?? current?.isPrimary ?? true,
          endReason: row.endReason === undefined ? (current?.endReason ?? null) : row.endReason,
          xmin: current?.xmin ?? '',
          mayChange: true,
        };
        if (next.endReason && !next.endsOn) errors.push(rowError(row.row, 'endReason', 'endReasonWithoutEnd'));
        const changes = current
          ? (['endsOn', 'isPrimary', 'endReason'] as const).filter((field) => current[field] !== next[field])
          : [];
        if (current && changes.length === 0) {
          report.done(row.row, row.key, 'unchanged');
          continue;
        }
        if (current && conflictsWith(assignmentsChanged.get(current.id), changes.map((field) => ASSIGNMENT_COLUMN_NAMES[field]))) {
          errors.push(rowError(row.row, 'startsOn', 'changedDuringImport', { what: 'Penempatan', whatEn: 'assignment' }));
        }
        // Who may: a new placement needs both sides to be the importer's; a change of one, either (as `endAssignment`).
        if (current ? !current.mayChange : !organisation.mayChange) {
          errors.push(rowError(row.row, 'organisationCode', 'outOfReach', { value: row.organisationCode }));
        } else if (!current && !worker.mayChange) {
          errors.push(rowError(row.row, 'nationalIdNumber', 'outOfReach', { value: maskNik(row.nationalIdNumber) }));
        }
        const currentOrFuture = next.endsOn === null || next.endsOn > today;
        if (currentOrFuture && worker.archived) errors.push(rowError(row.row, 'nationalIdNumber', 'archived', { what: 'Peksos', whatEn: 'worker' }));
        if (currentOrFuture && organisation.archived) {
          errors.push(rowError(row.row, 'organisationCode', 'archived', { what: 'Organisasi', whatEn: 'organisation' }));
        }
        const placement = placementConflict(next, list.filter((a) => a !== current));
        if (placement === 'assignmentOverlap') errors.push(rowError(row.row, 'startsOn', 'assignmentOverlap'));
        else if (placement === 'primaryOverlap') errors.push(rowError(row.row, 'isPrimary', 'primaryOverlap'));
        const others = list.filter((a) => a !== current);
        const runsLonger = !current || (current.endsOn !== null && (next.endsOn === null || next.endsOn > current.endsOn));
        if (currentOrFuture && runsLonger) {
          const held = placementLimitExcess(next, others, maxPlacements);
          if (held !== null) errors.push(rowError(row.row, 'nationalIdNumber', 'workloadLimitExceeded', { value: maskNik(row.nationalIdNumber), held, maximum: maxPlacements }));
        }
        if (errors.length > 0) {
          report.failed(row.row, row.key, errors);
          continue;
        }
        if (current) {
          // Only the columns that change.
          await workforce.assignments.updateColumns(manager, current.id, Object.fromEntries(changes.map((field) => [field, next[field]])), actor);
          Object.assign(current, next);
          report.done(row.row, row.key, 'update', changes);
        } else {
          const id = await workforce.assignments.insert(manager, next, actor, others);
          list.push({ ...next, id });
          report.done(row.row, row.key, 'create');
        }
      }
    },

    async finish() {},
  };
}
