import type { AccreditationGrade, OrganisationKind } from '@peksos/types';
import { ACCREDITATION_GRADES, ORGANISATION_KINDS } from '../columns.js';
import type { ImportContext, RowImporter, RowReader } from './engine.js';
import { AreaChecker, changedFields, ORGANISATION_CODE_PATTERN, readAreaCode, readBoolean, readChoice, readDate, readOrganisationCode } from './fields.js';
import type { RowError } from '@peksos/types';
import { incompleteAccreditationField, ORGANISATION_COLUMN_NAMES } from '@peksos/schema-workforce';
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
  /** Whether the importer may change the organisation. */
  mayChange: boolean;
}

/**
 * Organisations, matched on their `code`, read and written through OrganisationService in the import's transaction.
 * Its rules, checked for each batch before anything is written so that each refused row is reported with its column:
 * the importer may change only organisations they manage, in areas they manage, linked to parents they manage
 * (FORBIDDEN); the area exists, the parent exists, is not archived and not the organisation itself or one of its
 * sub-organisations, an accreditation has both a grade and an expiry date, an archived organisation is not changed.
 * Parents are linked once the whole file is read, so a parent may come after its sub-organisations in the file.
 */
export function organisationsImporter({ manager, actor, workforce, report, snapshot, rowError }: ImportContext): RowImporter<OrganisationRow> {
  const seenCode = new Map<string, number>();
  const areas = new AreaChecker(workforce.areas, actor);
  const organisations = workforce.organisations;
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
      const stored = new Map((await organisations.lockByCodes(manager, rows.map((row) => row.code))).map((organisation) => [organisation.code, organisation]));
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
        const incomplete = incompleteAccreditationField(merged.accreditationGrade, merged.accreditationExpiresOn);
        if (incomplete) errors.push(rowError(row.row, incomplete, 'accreditationIncomplete'));
        const changes = current ? changedFields(current, merged) : [];
        const touched = current ? changedByOthersOf.get(current.id) : undefined;
        // Who may: the organisation's area's coordinator (or an admin), and only into an area they manage.
        if (current && changes.length > 0 && !current.mayChange) {
          errors.push(rowError(row.row, 'code', 'outOfReach', { value: row.code }));
        } else if ((!current || changes.includes('areaCode')) && areas.exists(merged.areaCode) && !areas.managed(merged.areaCode)) {
          errors.push(rowError(row.row, 'areaCode', 'outOfReach', { value: merged.areaCode }));
        }
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
        else if (changes.length > 0) await organisations.updateColumns(manager, current.id, pick(merged, changes as (keyof OrganisationValues)[]), actor);
        if (current && row.parentCode !== undefined) {
          links.push({
            row: row.row,
            id: current.id,
            code: row.code,
            parentCode: row.parentCode,
            currentParentId: current.parentId,
            parentChangedByOthers: conflictsWith(touched, ['parent_id']),
            mayChange: current.mayChange,
          });
        }
        outcomes.push({ row: row.row, code: row.code, action: current ? (changes.length > 0 ? 'update' : 'unchanged') : 'create', changes });
      }

      if (inserts.length > 0) {
        const created = await organisations.createMany(manager, inserts.map((entry) => ({ code: entry.row.code, values: entry.values })), actor);
        const idOf = new Map(created.map((row) => [row.code, row.id]));
        for (const { row } of inserts) {
          if (row.parentCode) {
            links.push({
              row: row.row,
              id: idOf.get(row.code)!,
              code: row.code,
              parentCode: row.parentCode,
              currentParentId: null,
              parentChangedByOthers: false,
              mayChange: true,
            });
          }
        }
      }
      for (const outcome of outcomes) report.done(outcome.row, outcome.code, outcome.action, outcome.changes);
    },

    /** Links parents now that every organisation of the file exists; then refuses any cycle this made. */
    async finish() {
      const parentCodes = [...new Set(links.flatMap((link) => (link.parentCode ? [link.parentCode] : [])))];
      const parents = new Map((await organisations.shareLockByCodes(manager, parentCodes)).map((parent) => [parent.code, parent]));
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
        // Who may link: the organisation's manager, to a parent they manage too (it links the organisation into
        // another's hierarchy).
        if (!link.mayChange) {
          fail(rowError(link.row, 'code', 'outOfReach', { value: link.code }));
          continue;
        }
        if (parent && !parent.mayChange) {
          fail(rowError(link.row, 'parentCode', 'outOfReach', { value: link.parentCode! }));
          continue;
        }
        await organisations.setParent(manager, link.id, parentId, link.currentParentId !== null || report.actionFor(link.row) !== 'create', actor);
        changed.push(link);
        if (report.actionFor(link.row) === 'unchanged') report.revise(link.row, link.code, 'update', ['parentCode']);
      }
      if (changed.length === 0) return;
      const cycleIds = new Set(await organisations.inParentCycle(manager, changed.map((link) => link.id)));
      for (const link of changed) {
        if (cycleIds.has(link.id)) report.revise(link.row, link.code, 'error', undefined, [rowError(link.row, 'parentCode', 'parentCycle', { value: link.parentCode ?? '' })]);
      }
    },
  };
}

function pick<T extends object, K extends keyof T>(values: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, values[key]])) as Pick<T, K>;
}
