import type { AccreditationGrade, OrganisationKind } from '@peksos/types';
import { ACCREDITATION_GRADES, ORGANISATION_KINDS } from '../columns.js';
import type { ImportContext, RowImporter, RowReader } from './engine.js';
import { AreaChecker, changedFields, ORGANISATION_CODE_PATTERN, readAreaCode, readBoolean, readChoice, readDate, readOrganisationCode } from './fields.js';
import type { RowError } from './report.js';

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

interface StoredOrganisation extends OrganisationValues {
  id: string;
  code: string;
  parentId: string | null;
  archived: boolean;
}

interface ParentLink {
  row: number;
  id: string;
  code: string;
  parentCode: string | null;
  currentParentId: string | null;
}

/**
 * Organisations, matched on their `code`. The rules of OrganisationService: the area exists, the parent exists, is
 * not archived and not the organisation itself or one of its sub-organisations, an accreditation has both a grade
 * and an expiry date, an archived organisation is not changed. Parents are linked once the whole file is read, so a
 * parent may come after its sub-organisations in the file.
 */
export function organisationsImporter({ manager, report, rowError }: ImportContext): RowImporter<OrganisationRow> {
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
      const stored = new Map<string, StoredOrganisation>();
      for (const organisation of (await manager.query(
        `SELECT id, code, name, kind, area_code AS "areaCode", parent_id AS "parentId", should_have_worker AS "shouldHaveWorker",
                accreditation_grade AS "accreditationGrade", accreditation_expires_on AS "accreditationExpiresOn", address,
                archived_at IS NOT NULL AS archived
         FROM organisation WHERE code = ANY($1::text[])`,
        [rows.map((row) => row.code)],
      )) as StoredOrganisation[]) {
        stored.set(organisation.code, organisation);
      }

      const inserts: { row: (typeof rows)[number]; values: OrganisationValues }[] = [];
      const outcomes: { row: number; code: string; action: 'create' | 'update' | 'unchanged'; changes: string[] }[] = [];
      for (const row of rows) {
        const errors: RowError[] = [];
        const current = stored.get(row.code);
        const merged: OrganisationValues = {
          name: row.values.name!,
          kind: row.values.kind!,
          areaCode: row.values.areaCode!,
          shouldHaveWorker: row.values.shouldHaveWorker ?? current?.shouldHaveWorker ?? true,
          accreditationGrade: row.values.accreditationGrade === undefined ? (current?.accreditationGrade ?? null) : row.values.accreditationGrade,
          accreditationExpiresOn:
            row.values.accreditationExpiresOn === undefined ? (current?.accreditationExpiresOn ?? null) : row.values.accreditationExpiresOn,
          address: row.values.address === undefined ? (current?.address ?? null) : row.values.address,
        };
        if (!areas.exists(merged.areaCode)) errors.push(rowError(row.row, 'areaCode', 'unknownArea', { value: merged.areaCode }));
        if ((merged.accreditationGrade === null) !== (merged.accreditationExpiresOn === null)) {
          errors.push(rowError(row.row, merged.accreditationGrade === null ? 'accreditationGrade' : 'accreditationExpiresOn', 'accreditationIncomplete'));
        }
        const changes = current ? changedFields(current, merged) : [];
        if (current?.archived && changes.length > 0) {
          errors.push(rowError(row.row, 'code', 'archived', { what: 'Organisasi', whatEn: 'organisation' }));
        }
        if (errors.length > 0) {
          report.failed(row.row, row.code, errors);
          continue;
        }
        if (!current) inserts.push({ row, values: merged });
        else if (changes.length > 0) {
          await manager.query(
            `UPDATE organisation SET name = $2, kind = $3, area_code = $4, should_have_worker = $5, accreditation_grade = $6,
                    accreditation_expires_on = $7, address = $8, version = version + 1, updated_at = now()
             WHERE id = $1`,
            [current.id, merged.name, merged.kind, merged.areaCode, merged.shouldHaveWorker, merged.accreditationGrade, merged.accreditationExpiresOn, merged.address],
          );
        }
        if (current && row.parentCode !== undefined) {
          links.push({ row: row.row, id: current.id, code: row.code, parentCode: row.parentCode, currentParentId: current.parentId });
        }
        outcomes.push({ row: row.row, code: row.code, action: current ? (changes.length > 0 ? 'update' : 'unchanged') : 'create', changes });
      }

      if (inserts.length > 0) {
        const column = <K extends keyof OrganisationValues>(key: K) => inserts.map((entry) => entry.values[key]);
        const created = (await manager.query(
          `INSERT INTO organisation (code, name, kind, area_code, should_have_worker, accreditation_grade, accreditation_expires_on, address)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::date[], $8::text[])
           RETURNING id, code`,
          [
            inserts.map((entry) => entry.row.code),
            column('name'),
            column('kind'),
            column('areaCode'),
            column('shouldHaveWorker'),
            column('accreditationGrade'),
            column('accreditationExpiresOn'),
            column('address'),
          ],
        )) as { id: string; code: string }[];
        const idOf = new Map(created.map((row) => [row.code, row.id]));
        for (const { row } of inserts) {
          if (row.parentCode) links.push({ row: row.row, id: idOf.get(row.code)!, code: row.code, parentCode: row.parentCode, currentParentId: null });
        }
      }
      for (const outcome of outcomes) report.done(outcome.row, outcome.code, outcome.action, outcome.changes);
    },

    /** Links parents now that every organisation of the file exists; then refuses any cycle this made. */
    async finish() {
      const parentCodes = [...new Set(links.flatMap((link) => (link.parentCode ? [link.parentCode] : [])))];
      const parents = new Map<string, { id: string; archived: boolean }>();
      if (parentCodes.length > 0) {
        for (const parent of (await manager.query(
          `SELECT id, code, archived_at IS NOT NULL AS archived FROM organisation WHERE code = ANY($1::text[])`,
          [parentCodes],
        )) as { id: string; code: string; archived: boolean }[]) {
          parents.set(parent.code, parent);
        }
      }
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
        await manager.query(`UPDATE organisation SET parent_id = $2 WHERE id = $1`, [link.id, parentId]);
        changed.push(link);
        if (link.currentParentId !== null || report.actionFor(link.row) !== 'create') {
          await manager.query(`UPDATE organisation SET version = version + 1, updated_at = now() WHERE id = $1`, [link.id]);
          if (report.actionFor(link.row) === 'unchanged') report.revise(link.row, link.code, 'update', ['parentCode']);
        }
      }
      if (changed.length === 0) return;
      const inCycle = (await manager.query(
        `WITH RECURSIVE chain (start_id, id, depth) AS (
           SELECT o.id, o.parent_id, 1 FROM organisation o WHERE o.id = ANY($1::uuid[]) AND o.parent_id IS NOT NULL
           UNION ALL
           SELECT chain.start_id, o.parent_id, chain.depth + 1 FROM chain JOIN organisation o ON o.id = chain.id
           WHERE o.parent_id IS NOT NULL AND chain.id <> chain.start_id AND chain.depth < 1000)
         SELECT DISTINCT start_id AS id FROM chain WHERE id = start_id`,
        [changed.map((link) => link.id)],
      )) as { id: string }[];
      const cycleIds = new Set(inCycle.map((row) => row.id));
      for (const link of changed) {
        if (cycleIds.has(link.id)) report.revise(link.row, link.code, 'error', undefined, [rowError(link.row, 'parentCode', 'parentCycle', { value: link.parentCode ?? '' })]);
      }
    },
  };
}
