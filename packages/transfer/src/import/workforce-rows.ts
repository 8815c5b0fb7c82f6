import type { EntityManager } from 'typeorm';

/**
 * Every statement the importers send to the workforce module's tables, in one place, each taking the import's
 * transaction: reads that lock the rows about to change (`FOR UPDATE`, with `xmin` so that the import can tell a row
 * changed since it began), and writes that set only the columns given. These are meant to move into the workforce
 * module's services (a later task), which the importers will then call instead.
 */

export interface WorkerColumns {
  fullName: string;
  gender: string;
  employmentStatus: string;
  phone: string | null;
  email: string | null;
  homeAreaCode: string | null;
}

export interface LockedWorker extends WorkerColumns {
  id: string;
  nationalIdNumber: string;
  archived: boolean;
  /** The transaction that wrote this version of the row. */
  xmin: string;
}

export const WORKER_COLUMN_NAMES: Record<keyof WorkerColumns, string> = {
  fullName: 'full_name',
  gender: 'gender',
  employmentStatus: 'employment_status',
  phone: 'phone',
  email: 'email',
  homeAreaCode: 'home_area_code',
};

export async function lockWorkersByNik(manager: EntityManager, niks: string[]): Promise<LockedWorker[]> {
  return (await manager.query(
    `SELECT id, national_id_number AS "nationalIdNumber", full_name AS "fullName", gender,
            employment_status AS "employmentStatus", phone, email, home_area_code AS "homeAreaCode",
            archived_at IS NOT NULL AS archived, xmin::text AS xmin
     FROM worker WHERE national_id_number = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [niks],
  )) as LockedWorker[];
}

export async function insertWorkers(
  manager: EntityManager,
  rows: { nationalIdNumber: string; values: Partial<WorkerColumns> }[],
): Promise<{ id: string; nik: string }[]> {
  const column = <K extends keyof WorkerColumns>(key: K) => rows.map((row) => row.values[key] ?? null);
  return (await manager.query(
    `INSERT INTO worker (national_id_number, full_name, gender, employment_status, phone, email, home_area_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     RETURNING id, national_id_number AS nik`,
    [
      rows.map((row) => row.nationalIdNumber),
      column('fullName'),
      column('gender'),
      column('employmentStatus'),
      column('phone'),
      column('email'),
      column('homeAreaCode'),
    ],
  )) as { id: string; nik: string }[];
}

/**
 * Sets, on each worker, exactly the columns its entry names (in one statement for the batch): a column an entry leaves
 * out keeps its stored value, whatever it is by the time the row is written.
 */
export async function updateWorkerColumns(manager: EntityManager, updates: { id: string; set: Partial<WorkerColumns> }[]): Promise<void> {
  if (updates.length === 0) return;
  const keys = Object.keys(WORKER_COLUMN_NAMES) as (keyof WorkerColumns)[];
  const params: unknown[] = [updates.map((update) => update.id)];
  const columns = keys.map((key) => {
    params.push(updates.map((update) => key in update.set));
    params.push(updates.map((update) => update.set[key] ?? null));
    return { column: WORKER_COLUMN_NAMES[key], flag: `$${params.length - 1}`, value: `$${params.length}` };
  });
  await manager.query(
    `UPDATE worker w SET
       ${columns.map(({ column }) => `${column} = CASE WHEN u.set_${column} THEN u.${column} ELSE w.${column} END`).join(',\n       ')},
       version = w.version + 1, updated_at = now()
     FROM unnest($1::uuid[], ${columns.map(({ flag, value }) => `${flag}::boolean[], ${value}::text[]`).join(', ')})
       AS u(id, ${columns.map(({ column }) => `set_${column}, ${column}`).join(', ')})
     WHERE w.id = u.id`,
    params,
  );
}

export interface LockedCertificate {
  id: string;
  workerId: string;
  number: string;
  level: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
  xmin: string;
}

export async function lockCertificatesByNumber(manager: EntityManager, numbers: string[]): Promise<LockedCertificate[]> {
  if (numbers.length === 0) return [];
  return (await manager.query(
    `SELECT id, worker_id AS "workerId", level, issuer, issued_on AS "issuedOn", expires_on AS "expiresOn",
            certificate_number AS number, xmin::text AS xmin
     FROM certification WHERE certificate_number = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [numbers],
  )) as LockedCertificate[];
}

export interface CertificateColumns {
  level: string;
  number: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
}

export async function insertCertificates(manager: EntityManager, rows: { workerId: string; certificate: CertificateColumns }[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO certification (worker_id, kind, level, certificate_number, issuer, issued_on, expires_on)
     SELECT w, 'CERTIFICATE', l, n, i, d, e
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[]) AS t(w, l, n, i, d, e)`,
    [
      rows.map((row) => row.workerId),
      rows.map((row) => row.certificate.level),
      rows.map((row) => row.certificate.number),
      rows.map((row) => row.certificate.issuer),
      rows.map((row) => row.certificate.issuedOn),
      rows.map((row) => row.certificate.expiresOn),
    ],
  );
}

export async function updateCertificate(manager: EntityManager, id: string, certificate: Omit<CertificateColumns, 'number'>): Promise<void> {
  await manager.query(`UPDATE certification SET level = $2, issuer = $3, issued_on = $4, expires_on = $5 WHERE id = $1`, [
    id,
    certificate.level,
    certificate.issuer,
    certificate.issuedOn,
    certificate.expiresOn,
  ]);
}

export async function scheduledTestsOf(manager: EntityManager, workerIds: string[]): Promise<{ workerId: string; level: string; testDate: string }[]> {
  if (workerIds.length === 0) return [];
  return (await manager.query(
    `SELECT worker_id AS "workerId", level, test_date AS "testDate" FROM certification
     WHERE kind = 'SCHEDULED_TEST' AND worker_id = ANY($1::uuid[])`,
    [workerIds],
  )) as { workerId: string; level: string; testDate: string }[];
}

export async function insertScheduledTests(manager: EntityManager, rows: { workerId: string; level: string; testDate: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO certification (worker_id, kind, level, test_date)
     SELECT w, 'SCHEDULED_TEST', l, d FROM unnest($1::uuid[], $2::text[], $3::date[]) AS t(w, l, d)`,
    [rows.map((row) => row.workerId), rows.map((row) => row.level), rows.map((row) => row.testDate)],
  );
}

export interface OrganisationColumns {
  name: string;
  kind: string;
  areaCode: string;
  shouldHaveWorker: boolean;
  accreditationGrade: string | null;
  accreditationExpiresOn: string | null;
  address: string | null;
}

export interface LockedOrganisation extends OrganisationColumns {
  id: string;
  code: string;
  parentId: string | null;
  archived: boolean;
  xmin: string;
}

export const ORGANISATION_COLUMN_NAMES: Record<keyof OrganisationColumns, string> = {
  name: 'name',
  kind: 'kind',
  areaCode: 'area_code',
  shouldHaveWorker: 'should_have_worker',
  accreditationGrade: 'accreditation_grade',
  accreditationExpiresOn: 'accreditation_expires_on',
  address: 'address',
};

export async function lockOrganisationsByCode(manager: EntityManager, codes: string[]): Promise<LockedOrganisation[]> {
  return (await manager.query(
    `SELECT id, code, name, kind, area_code AS "areaCode", parent_id AS "parentId", should_have_worker AS "shouldHaveWorker",
            accreditation_grade AS "accreditationGrade", accreditation_expires_on AS "accreditationExpiresOn", address,
            archived_at IS NOT NULL AS archived, xmin::text AS xmin
     FROM organisation WHERE code = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [codes],
  )) as LockedOrganisation[];
}

export async function insertOrganisations(manager: EntityManager, rows: { code: string; values: OrganisationColumns }[]): Promise<{ id: string; code: string }[]> {
  const column = <K extends keyof OrganisationColumns>(key: K) => rows.map((row) => row.values[key]);
  return (await manager.query(
    `INSERT INTO organisation (code, name, kind, area_code, should_have_worker, accreditation_grade, accreditation_expires_on, address)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::date[], $8::text[])
     RETURNING id, code`,
    [
      rows.map((row) => row.code),
      column('name'),
      column('kind'),
      column('areaCode'),
      column('shouldHaveWorker'),
      column('accreditationGrade'),
      column('accreditationExpiresOn'),
      column('address'),
    ],
  )) as { id: string; code: string }[];
}

/** Sets exactly the columns given on one organisation; the others keep their stored values. */
export async function updateOrganisationColumns(manager: EntityManager, id: string, set: Partial<OrganisationColumns>): Promise<void> {
  const keys = (Object.keys(set) as (keyof OrganisationColumns)[]).filter((key) => key in ORGANISATION_COLUMN_NAMES);
  if (keys.length === 0) return;
  await manager.query(
    `UPDATE organisation SET ${keys.map((key, index) => `${ORGANISATION_COLUMN_NAMES[key]} = $${index + 2}`).join(', ')},
            version = version + 1, updated_at = now()
     WHERE id = $1`,
    [id, ...keys.map((key) => set[key])],
  );
}

/** The parents a file names, locked against archiving (FOR SHARE) until the import commits. */
export async function lockParentsByCode(manager: EntityManager, codes: string[]): Promise<{ id: string; code: string; archived: boolean }[]> {
  if (codes.length === 0) return [];
  return (await manager.query(
    `SELECT id, code, archived_at IS NOT NULL AS archived FROM organisation WHERE code = ANY($1::text[]) ORDER BY id FOR SHARE`,
    [codes],
  )) as { id: string; code: string; archived: boolean }[];
}

export async function setOrganisationParent(manager: EntityManager, id: string, parentId: string | null, newVersion: boolean): Promise<void> {
  await manager.query(
    newVersion
      ? `UPDATE organisation SET parent_id = $2, version = version + 1, updated_at = now() WHERE id = $1`
      : `UPDATE organisation SET parent_id = $2 WHERE id = $1`,
    [id, parentId],
  );
}

/** The organisations among `ids` whose chain of parents now loops back to them. */
export async function organisationsInParentCycle(manager: EntityManager, ids: string[]): Promise<string[]> {
  const rows = (await manager.query(
    `WITH RECURSIVE chain (start_id, id, depth) AS (
       SELECT o.id, o.parent_id, 1 FROM organisation o WHERE o.id = ANY($1::uuid[]) AND o.parent_id IS NOT NULL
       UNION ALL
       SELECT chain.start_id, o.parent_id, chain.depth + 1 FROM chain JOIN organisation o ON o.id = chain.id
       WHERE o.parent_id IS NOT NULL AND chain.id <> chain.start_id AND chain.depth < 1000)
     SELECT DISTINCT start_id AS id FROM chain WHERE id = start_id`,
    [ids],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

/**
 * The workers an assignments file names, locked as AssignmentService locks a worker before placing them (FOR UPDATE),
 * so an assignment made meanwhile waits for the import, or the import sees it.
 */
export async function lockWorkersForAssignments(manager: EntityManager, niks: string[]): Promise<{ id: string; nik: string; archived: boolean }[]> {
  return (await manager.query(
    `SELECT id, national_id_number AS nik, archived_at IS NOT NULL AS archived FROM worker
     WHERE national_id_number = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [niks],
  )) as { id: string; nik: string; archived: boolean }[];
}

/** The organisations an assignments file names, kept from being archived (FOR SHARE) until the import commits. */
export async function lockOrganisationsForAssignments(manager: EntityManager, codes: string[]): Promise<{ id: string; code: string; archived: boolean }[]> {
  return (await manager.query(
    `SELECT id, code, archived_at IS NOT NULL AS archived FROM organisation WHERE code = ANY($1::text[]) ORDER BY id FOR SHARE`,
    [codes],
  )) as { id: string; code: string; archived: boolean }[];
}

export interface AssignmentColumns {
  endsOn: string | null;
  isPrimary: boolean;
  endReason: string | null;
}

export interface LockedAssignment extends AssignmentColumns {
  id: string;
  workerId: string;
  organisationId: string;
  startsOn: string;
  xmin: string;
}

export async function lockAssignmentsOfWorkers(manager: EntityManager, workerIds: string[]): Promise<LockedAssignment[]> {
  return (await manager.query(
    `SELECT id, worker_id AS "workerId", organisation_id AS "organisationId", starts_on AS "startsOn", ends_on AS "endsOn",
            is_primary AS "isPrimary", end_reason AS "endReason", xmin::text AS xmin
     FROM assignment WHERE worker_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [workerIds],
  )) as LockedAssignment[];
}

export const ASSIGNMENT_COLUMN_NAMES: Record<keyof AssignmentColumns, string> = { endsOn: 'ends_on', isPrimary: 'is_primary', endReason: 'end_reason' };

/** Sets exactly the columns given on one assignment. */
export async function updateAssignmentColumns(manager: EntityManager, id: string, set: Partial<AssignmentColumns>): Promise<void> {
  const keys = (Object.keys(set) as (keyof AssignmentColumns)[]).filter((key) => key in ASSIGNMENT_COLUMN_NAMES);
  if (keys.length === 0) return;
  await manager.query(
    `UPDATE assignment SET ${keys.map((key, index) => `${ASSIGNMENT_COLUMN_NAMES[key]} = $${index + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
    [id, ...keys.map((key) => set[key])],
  );
}

export async function insertAssignment(
  manager: EntityManager,
  row: { workerId: string; organisationId: string; startsOn: string } & AssignmentColumns,
): Promise<string> {
  const [created] = (await manager.query(
    `INSERT INTO assignment (worker_id, organisation_id, starts_on, ends_on, is_primary, end_reason)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [row.workerId, row.organisationId, row.startsOn, row.endsOn, row.isPrimary, row.endReason],
  )) as { id: string }[];
  return created!.id;
}
