import type { AccreditationGrade, OrganisationKind } from '@peksos/types';
import { ACCREDITATION_GRADES, ORGANISATION_KINDS } from '../columns.js';
import type { ImportContext, RowImporter, RowReader } from './engine.js';
import { AreaChecker, changedFields, ORGANISATION_CODE_PATTERN, readAreaCode, readBoolean, readChoice, readDate, readOrganisationCode } from './fields.js';
import type { RowError } from './report.js';
import {
  insertOrganisations,
  lockOrganisationsByCode,
  lockParentsByCode,
  organisationsInParentCycle,
  setOrganisationParent,
  updateOrganisationColumns,
  ORGANISATION_COLUMN_NAMES,
} from './workforce-rows.js';
import { conflictsWith } from './import-snapshot.js';

interface OrganisationValues {
  name: string;
  kind: OrganisationKind;
  areaCode: string;
  shouldHaveWorker: boolean;
  accreditationGrade: AccreditationGrade | null;
  accreditationExpiresOn: string | null;
  address: string | null;
}

interface OrganisationRow {
  code: string;
  values: Partial<OrganisationValues>;
  /** undefined: no parent column in the file (the stored parent stays); null: no parent. */
  parentCode: string | null | undefined;
}

interface ParentLink {
  row: number;
  id: string;
  code: string;
  parentCode: string | null;
  currentParentId: string | null;
  /** Someone else changed the organisation's parent while the import ran. */
  parentChangedByOthers: boolean;
}

/**
 * Organisations, matched on their `code`. The rules of OrganisationService: the area exists, the parent exists, is
 * not archived and not the organisation itself or one of its sub-organisations, an accreditation has both a grade
 * and an expiry date, an archived organisation is not changed. Parents are linked once the whole file is read, so a
 * parent may come after its sub-organisations in the file.
 */
export function organisationsImporter({ manager, report, snapshot, rowError }: ImportContext): RowImporter<OrganisationRow> {
  const seenCode = new Map<string, number>();
  const areas = new AreaChecker(manager);
  const links: ParentLink[] = [];

  return {
    parse(reader: RowReader): OrganisationRow | null {
      const code = readOrganisationCode(reader, 'code');
      const values: Partial<OrganisationValues> = {};
      const name = reader.requiredText('name', 200);
      if (name) values.name = name;
      const kind = readChoice(reader, 'kind', ORGANISATION_KINDS, true);
      if (kind) values.kind = kind;
      const areaCode = readAreaCode(reader, 'areaCode', true);
      if (areaCode) values.areaCode = areaCode;
      if (reader.has('shouldHaveWorker')) {
        const shouldHaveWorker = readBoolean(reader, 'shouldHaveWorker', true);
        if (shouldHaveWorker !== undefined) values.shouldHaveWorker = shouldHaveWorker;
      }
      if (reader.has('accreditationGrade')) {
        const grade = readChoice(reader, 'accreditationGrade', ACCREDITATION_GRADES, false);
        if (grade !== undefined) values.accreditationGrade = grade;
      }
      if (reader.has('accreditationExpiresOn')) {
        const expiresOn = readDate(reader, 'accreditationExpiresOn');
        if (expiresOn !== undefined) values.accreditationExpiresOn = expiresOn;
      }
      if (reader.has('address')) {
        const address = reader.optionalText('address', 500);
        if (address !== null || reader.text('address') === null) values.address = address;
      }
      let parentCode: string | null | undefined;
      if (reader.has('parentCode')) {
        parentCode = reader.text('parentCode');
        if (parentCode !== null && !ORGANISATION_CODE_PATTERN.test(parentCode)) reader.error('parentCode', 'badOrganisationCode');
        if (parentCode !== null && parentCode === code) reader.error('parentCode', 'ownParent');
      }
      if (code) {
        const firstRow = seenCode.get(code);
        if (firstRow !== undefined) reader.error('code', 'duplicateInFile', { what: 'Kode organisasi', whatEn: 'organisation code', firstRow });
        else seenCode.set(code, reader.row);
      }
      if (reader.errors.length > 0 || !code) return null;
      return { code, values, parentCode };
    },

    async apply(batch) {
      const rows = batch.map((entry) => ({ row: entry.row, ...entry.value }));
      await areas.load(rows.flatMap((row) => (row.values.areaCode ? [row.values.areaCode] : [])));
      // Lock what this batch may change, then read it: the newest committed values, held until the import commits.
      const stored = new Map((await lockOrganisationsByCode(manager, rows.map((row) => row.code))).map((organisation) => [organisation.code, organisation]));
      const horizon = await snapshot.horizon(manager);
      const changedByOthersOf = await snapshot.changesByOthers(manager, 'organisation', [...stored.values()], horizon);

      const inserts: { row: (typeof rows)[number]; values: OrganisationValues }[] = [];
      const outcomes: { row: number; code: string; action: 'create' | 'update' | 'unchanged'; changes: string[] }[] = [];
      for (const row of rows) {
        const errors: RowError[] = [];
        const current = stored.get(row.code);
        const merged: OrganisationValues = {
          name: row.values.name!,
          kind: row.values.kind!,
          areaCode: row.values.areaCode!,
          shouldHaveWorker: row.values.shouldHaveWorker ?? (current?.shouldHaveWorker as boolean | undefined) ?? true,
          accreditationGrade:
            row.values.accreditationGrade === undefined ? ((current?.accreditationGrade ?? null) as AccreditationGrade | null) : row.values.accreditationGrade,
          accreditationExpiresOn:
            row.values.accreditationExpiresOn === undefined ? (current?.accreditationExpiresOn ?? null) : row.values.accreditationExpiresOn,
          address: row.values.address === undefined ? (current?.address ?? null) : row.values.address,
        };
        if (!areas.exists(merged.areaCode)) errors.push(rowError(row.row, 'areaCode', 'unknownArea', { value: merged.areaCode }));
        if ((merged.accreditationGrade === null) !== (merged.accreditationExpiresOn === null)) {
          errors.push(rowError(row.row, merged.accreditationGrade === null ? 'accreditationGrade' : 'accreditationExpiresOn', 'accreditationIncomplete'));
        }
        const changes = current ? changedFields(current, merged) : [];
        const touched = current ? changedByOthersOf.get(current.id) : undefined;
        if (current?.archived && changes.length > 0) {
          errors.push(rowError(row.row, 'code', 'archived', { what: 'Organisasi', whatEn: 'organisation' }));
        } else if (conflictsWith(touched, changes.map((field) => ORGANISATION_COLUMN_NAMES[field as keyof OrganisationValues]))) {
          errors.push(rowError(row.row, 'code', 'changedDuringImport', { what: 'Organisasi', whatEn: 'organisation' }));
        }
        if (errors.length > 0) {
          report.failed(row.row, row.code, errors);
          continue;
        }
        if (!current) inserts.push({ row, values: merged });
        // Only the columns that change: the file's other columns are as stored, and those it lacks are not touched.
        else if (changes.length > 0) await updateOrganisationColumns(manager, current.id, pick(merged, changes as (keyof OrganisationValues)[]));
        if (current && row.parentCode !== undefined) {
          links.push({
            row: row.row,
            id: current.id,
            code: row.code,
            parentCode: row.parentCode,
            currentParentId: current.parentId,
            parentChangedByOthers: conflictsWith(touched, ['parent_id']),
          });
        }
        outcomes.push({ row: row.row, code: row.code, action: current ? (changes.length > 0 ? 'update' : 'unchanged') : 'create', changes });
      }

      if (inserts.length > 0) {
        const created = await insertOrganisations(manager, inserts.map((entry) => ({ code: entry.row.code, values: entry.values })));
        const idOf = new Map(created.map((row) => [row.code, row.id]));
        for (const { row } of inserts) {
          if (row.parentCode) {
            links.push({ row: row.row, id: idOf.get(row.code)!, code: row.code, parentCode: row.parentCode, currentParentId: null, parentChangedByOthers: false });
          }
        }
      }
      for (const outcome of outcomes) report.done(outcome.row, outcome.code, outcome.action, outcome.changes);
    },

    /** Links parents now that every organisation of the file exists; then refuses any cycle this made. */
    async finish() {
      const parentCodes = [...new Set(links.flatMap((link) => (link.parentCode ? [link.parentCode] : [])))];
      const parents = new Map((await lockParentsByCode(manager, parentCodes)).map((parent) => [parent.code, parent]));
      const changed: ParentLink[] = [];
      for (const link of links) {
        const parent = link.parentCode ? parents.get(link.parentCode) : null;
        const fail = (error: RowError) => report.revise(link.row, link.code, 'error', undefined, [error]);
        if (parent === undefined) {
          fail(rowError(link.row, 'parentCode', 'unknownOrganisation', { value: link.parentCode! }));
          continue;
        }
        if (parent?.archived && parent.id !== link.currentParentId) {
          fail(rowError(link.row, 'parentCode', 'parentArchived', { value: link.parentCode! }));
          continue;
        }
        const parentId = parent?.id ?? null;
        if (parentId === link.currentParentId) continue;
        if (link.parentChangedByOthers) {
          fail(rowError(link.row, 'code', 'changedDuringImport', { what: 'Organisasi', whatEn: 'organisation' }));
          continue;
        }
        await setOrganisationParent(manager, link.id, parentId, link.currentParentId !== null || report.actionFor(link.row) !== 'create');
        changed.push(link);
        if (report.actionFor(link.row) === 'unchanged') report.revise(link.row, link.code, 'update', ['parentCode']);
      }
      if (changed.length === 0) return;
      const cycleIds = new Set(await organisationsInParentCycle(manager, changed.map((link) => link.id)));
      for (const link of changed) {
        if (cycleIds.has(link.id)) report.revise(link.row, link.code, 'error', undefined, [rowError(link.row, 'parentCode', 'parentCycle', { value: link.parentCode ?? '' })]);
      }
    },
  };
}

function pick<T extends object, K extends keyof T>(values: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, values[key]])) as Pick<T, K>;
}
