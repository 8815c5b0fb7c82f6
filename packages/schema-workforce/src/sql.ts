/**
 * SQL fragments the workforce queries share. Each takes the expressions to use and refers to named parameters
 * (`:asOf`, `:areaCode`, `:areaPrefix`) that the caller binds, so the same rule is written once.
 */

/** An assignment row (alias `a`) is active on `:asOf`. Periods are half-open: [starts_on, ends_on). */
export function assignmentActiveSql(alias = 'a', date = ':asOf'): string {
  return `${alias}.starts_on <= ${date} AND (${alias}.ends_on IS NULL OR ${alias}.ends_on > ${date})`;
}

/** An assignment row (alias) has not ended by `date`: current, or to begin later. What archiving waits for. */
export function assignmentNotEndedSql(alias = 'a', date = ':asOf'): string {
  return `(${alias}.ends_on IS NULL OR ${alias}.ends_on > ${date})`;
}

/** The worker identified by `workerId` holds a certificate valid on `date` (expires_on is the last valid day). */
export function certifiedOnSql(workerId: string, date = ':asOf'): string {
  return `EXISTS (SELECT 1 FROM certification c WHERE c.worker_id = ${workerId} AND c.kind = 'CERTIFICATE'
    AND c.issued_on <= ${date} AND (c.expires_on IS NULL OR c.expires_on >= ${date}))`;
}

/** The derived certification status of `workerId` on `date`. */
export function certificationStatusSql(workerId: string, date = ':asOf'): string {
  return `CASE
    WHEN ${certifiedOnSql(workerId, date)} THEN 'CERTIFIED'
    WHEN EXISTS (SELECT 1 FROM certification c WHERE c.worker_id = ${workerId} AND c.kind = 'CERTIFICATE'
                 AND c.issued_on <= ${date}) THEN 'EXPIRED'
    WHEN EXISTS (SELECT 1 FROM certification c WHERE c.worker_id = ${workerId} AND c.kind = 'SCHEDULED_TEST') THEN 'SCHEDULED'
    ELSE 'NOT_TESTED' END`;
}

/**
 * The headline predicate: the organisation `organisation` (an alias) has no active assignment on `date`, of a
 * certified worker when `certifiedOnly`. What `organisationsLackingWorker`, the workforce summary's counts, the gap
 * export and the printable report all mean by "lacks a (certified) worker".
 */
export function lacksWorkerSql(organisation: string, options: { certifiedOnly?: boolean; date?: string } = {}): string {
  const date = options.date ?? ':asOf';
  return `NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = ${organisation}.id AND ${assignmentActiveSql('a', date)}
    ${options.certifiedOnly ? `AND ${certifiedOnSql('a.worker_id', date)}` : ''})`;
}

/** A coverage gap: an organisation (alias) that should have a worker, is not archived, and lacks one (`lacksWorkerSql`). */
export function coverageGapSql(organisation: string, options: { certifiedOnly?: boolean; date?: string } = {}): string {
  return `${organisation}.should_have_worker AND ${organisation}.archived_at IS NULL AND ${lacksWorkerSql(organisation, options)}`;
}

/**
 * The worker `worker` (an alias) counts in the area `:areaCode` on `:asOf`: placed there (an active assignment at an
 * organisation of the area) or, with `homeAreas`, placed nowhere and living there. The `workers` query's area filter
 * and the workers export's.
 */
export function workerInAreaSql(worker: string, homeAreas: boolean): string {
  const placedInArea = `EXISTS (SELECT 1 FROM assignment a JOIN organisation o ON o.id = a.organisation_id
    WHERE a.worker_id = ${worker}.id AND ${assignmentActiveSql('a')} AND ${inAreaSql('o.area_code')})`;
  return homeAreas ? `(${placedInArea} OR (NOT ${placedSql(worker)} AND ${inAreaSql(`${worker}.home_area_code`)}))` : placedInArea;
}

/** The worker `worker` (an alias) has an active assignment anywhere on `:asOf`. */
export function placedSql(worker: string): string {
  return `EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = ${worker}.id AND ${assignmentActiveSql('a')})`;
}

/**
 * `column` lies in the area `:areaCode` or anywhere under it (`areaParams` binds both); `parameters` names other
 * placeholders for them, such as positional ones.
 */
export function inAreaSql(column: string, parameters: readonly [code: string, prefix: string] = [':areaCode', ':areaPrefix']): string {
  return `(${column} = ${parameters[0]} OR ${column} LIKE ${parameters[1]})`;
}

/** The parameters of `inAreaSql`: the code, and the prefix every code under it starts with. */
export function areaParams(areaCode: string): { areaCode: string; areaPrefix: string } {
  return { areaCode, areaPrefix: `${areaCode}.%` };
}

/**
 * `column` (an area code) lies in a kecamatan or kelurahan whose name contains the text `:search` (a `likeContains`
 * pattern): "Cibabat" finds what lies in Kelurahan Cibabat, "Cimahi Utara" what lies anywhere in that kecamatan.
 */
export function inAreaNamedSql(column: string, search = ':search'): string {
  return `EXISTS (SELECT 1 FROM area sa WHERE sa.level IN ('DISTRICT', 'VILLAGE') AND sa.name ILIKE ${search}
    AND (${column} = sa.code OR ${column} LIKE sa.code || '.%'))`;
}

/**
 * What a search text finds of an organisation (alias given): its name, its code, or the name of its kecamatan or
 * kelurahan. One definition for the organisations list, the workers placed there and the cases it handles.
 */
export function organisationMatchesTextSql(alias: string, search = ':search'): string {
  return `(${alias}.name ILIKE ${search} OR ${alias}.code ILIKE ${search} OR ${inAreaNamedSql(`${alias}.area_code`, search)})`;
}

/** The organisation `organisationId` (an expression) is found by the search text: `organisationMatchesTextSql`. */
export function organisationFoundByTextSql(organisationId: string, search = ':search'): string {
  return `EXISTS (SELECT 1 FROM organisation so WHERE so.id = ${organisationId} AND ${organisationMatchesTextSql('so', search)})`;
}

/**
 * What a search text finds of a worker (alias given): the name; where the worker works on `:asOf` (the organisation's
 * name, code, kecamatan or kelurahan); and, with `homeAreas` (for callers who may read them), the kecamatan or
 * kelurahan where the worker lives. One definition for the workers list and its download.
 */
export function workerFoundByTextSql(alias: string, options: { homeAreas: boolean }, search = ':search'): string {
  const placedAtFound = `EXISTS (SELECT 1 FROM assignment sa_a WHERE sa_a.worker_id = ${alias}.id AND ${assignmentActiveSql('sa_a')}
    AND ${organisationFoundByTextSql('sa_a.organisation_id', search)})`;
  const livesInFound = options.homeAreas ? ` OR ${inAreaNamedSql(`${alias}.home_area_code`, search)}` : '';
  return `(${alias}.full_name ILIKE ${search} OR ${placedAtFound}${livesInFound})`;
}
