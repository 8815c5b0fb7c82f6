/**
 * SQL fragments the workforce queries share. Each takes the expressions to use and refers to named parameters
 * (`:asOf`, `:areaCode`, `:areaPrefix`) that the caller binds, so the same rule is written once.
 */

/** An assignment row (alias `a`) is active on `:asOf`. Periods are half-open: [starts_on, ends_on). */
export function assignmentActiveSql(alias = 'a', date = ':asOf'): string {
  return `${alias}.starts_on <= ${date} AND (${alias}.ends_on IS NULL OR ${alias}.ends_on > ${date})`;
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
 * certified worker when `certifiedOnly`. What "lacks a (certified) worker" means.
 */
export function lacksWorkerSql(organisation: string, options: { certifiedOnly?: boolean; date?: string } = {}): string {
  const date = options.date ?? ':asOf';
  return `NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = ${organisation}.id AND ${assignmentActiveSql('a', date)}
    ${options.certifiedOnly ? `AND ${certifiedOnSql('a.worker_id', date)}` : ''})`;
}

/** `column` lies in the area `:areaCode` or anywhere under it. */
export function inAreaSql(column: string): string {
  return `(${column} = :areaCode OR ${column} LIKE :areaPrefix)`;
}

export function areaParams(areaCode: string): { areaCode: string; areaPrefix: string } {
  return { areaCode, areaPrefix: `${areaCode}.%` };
}
