/**
 * The floor: each benchmark question answered by one hand-written SQL statement that builds the whole JSON response
 * in PostgreSQL. Parameters: $1 area code, $2 `code.%`, $3 date, $4 page size (as each statement needs).
 */

const active = (alias: string, date: string) => `${alias}.starts_on <= ${date} AND (${alias}.ends_on IS NULL OR ${alias}.ends_on > ${date})`;
const certified = (workerId: string, date: string) =>
  `EXISTS (SELECT 1 FROM certification c WHERE c.worker_id = ${workerId} AND c.kind = 'CERTIFICATE'
     AND c.issued_on <= ${date} AND (c.expires_on IS NULL OR c.expires_on >= ${date}))`;

export function lackingSql(certifiedOnly: boolean): string {
  return `
    WITH lacking AS (
      SELECT o.id, o.name, o.kind, o.area_code FROM organisation o
      WHERE o.should_have_worker AND o.archived_at IS NULL AND (o.area_code = $1 OR o.area_code LIKE $2)
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', '$3::date')}
                        ${certifiedOnly ? `AND ${certified('a.worker_id', '$3::date')}` : ''}))
    SELECT json_build_object('data', json_build_object('organisationsLackingWorker', json_build_object(
      'totalCount', (SELECT count(*) FROM lacking),
      'nodes', coalesce((
        SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'kind', p.kind,
                                          'area', json_build_object('code', ar.code, 'name', ar.name)) ORDER BY lower(p.name), p.id)
        FROM (SELECT * FROM lacking ORDER BY lower(name), id LIMIT $4) p JOIN area ar ON ar.code = p.area_code), '[]'::json)
    )))::text AS body`;
}

export const SUMMARY_SQL = `
  WITH scope_organisation AS (
    SELECT o.id, o.kind, o.should_have_worker FROM organisation o
    WHERE o.archived_at IS NULL AND (o.area_code = $1 OR o.area_code LIKE $2)),
  placed AS (
    SELECT a.worker_id, a.is_primary, a.starts_on, a.organisation_id, o.kind FROM assignment a JOIN scope_organisation o ON o.id = a.organisation_id
    WHERE ${active('a', '$3::date')}),
  unplaced AS (
    SELECT w.id FROM worker w
    WHERE w.archived_at IS NULL AND (w.home_area_code = $1 OR w.home_area_code LIKE $2)
      AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND ${active('a', '$3::date')})),
  counted AS (SELECT DISTINCT worker_id AS id FROM placed UNION SELECT id FROM unplaced),
  figures AS (
    SELECT
      (SELECT count(*) FROM counted) AS workers,
      (SELECT count(*) FROM counted w WHERE ${certified('w.id', '$3::date')}) AS certified,
      (SELECT count(*) FROM unplaced) AS unplaced,
      (SELECT coalesce(json_agg(json_build_object('kind', kind, 'workers', workers) ORDER BY array_position(
          ARRAY['SOCIAL_AFFAIRS_OFFICE','VILLAGE_OFFICE','PKH_UNIT','LK3','SAKTI_PEKSOS_UNIT','SOCIAL_WELFARE_INSTITUTION','OTHER'], kind)), '[]'::json)
       FROM (SELECT kind, count(*) AS workers FROM (
              SELECT DISTINCT ON (worker_id) worker_id, kind FROM placed
              ORDER BY worker_id, is_primary DESC, starts_on, organisation_id) lead GROUP BY kind) k) AS by_kind,
      (SELECT count(*) FROM scope_organisation) AS organisations,
      (SELECT count(*) FROM scope_organisation o WHERE o.should_have_worker) AS needing,
      (SELECT count(*) FROM scope_organisation o WHERE o.should_have_worker
         AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', '$3::date')})) AS lacking,
      (SELECT count(*) FROM scope_organisation o WHERE o.should_have_worker
         AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', '$3::date')}
                         AND ${certified('a.worker_id', '$3::date')})) AS lacking_certified)
  SELECT json_build_object('data', json_build_object('workforceSummary', json_build_object(
    'workers', f.workers, 'certifiedWorkers', f.certified, 'uncertifiedWorkers', f.workers - f.certified,
    'unplacedWorkers', f.unplaced, 'organisations', f.organisations, 'organisationsNeedingWorker', f.needing,
    'organisationsLackingWorker', f.lacking, 'organisationsLackingCertifiedWorker', f.lacking_certified,
    'population', ar.population,
    'workersPer100k', CASE WHEN ar.population > 0 THEN round(f.workers * 100000.0 / ar.population, 2) END,
    'workersByPlacementKind', f.by_kind)))::text AS body
  FROM area ar CROSS JOIN figures f WHERE ar.code = $1`;

/**
 * Set-based: the page, its active workers, their open cases (looked up with one `= ANY(array)` so PostgreSQL uses the
 * btree on case_involvement.worker_id, not the GiST exclusion index where worker_id is the second column).
 */
export const NESTED_SQL = `
  WITH page AS (SELECT id, name FROM organisation WHERE archived_at IS NULL ORDER BY lower(name), id LIMIT $1),
  aw AS MATERIALIZED (
    SELECT DISTINCT a.organisation_id, a.worker_id FROM assignment a JOIN page p ON p.id = a.organisation_id
    WHERE ${active('a', '$2::date')}),
  wc AS MATERIALIZED (
    SELECT i.worker_id, json_agg(json_build_object('id', c.id, 'reference', c.reference) ORDER BY c.opened_on DESC, c.id) AS cases
    FROM (SELECT DISTINCT worker_id, case_id FROM case_involvement WHERE worker_id = ANY (ARRAY(SELECT worker_id FROM aw))) i
    JOIN social_case c ON c.id = i.case_id AND c.status = 'OPEN'
    GROUP BY i.worker_id),
  workers AS (
    SELECT aw.organisation_id,
           json_agg(json_build_object('id', w.id, 'fullName', w.full_name, 'cases', coalesce(wc.cases, '[]'::json))) AS workers
    FROM aw JOIN worker w ON w.id = aw.worker_id LEFT JOIN wc ON wc.worker_id = w.id
    GROUP BY aw.organisation_id)
  SELECT json_build_object('data', json_build_object('organisations', json_build_object('nodes', coalesce(json_agg(
    json_build_object('id', p.id, 'name', p.name, 'activeWorkers', coalesce(ws.workers, '[]'::json)) ORDER BY lower(p.name), p.id), '[]'::json))))::text AS body
  FROM page p LEFT JOIN workers ws ON ws.organisation_id = p.id`;

/**
 * The workforce figures of each child area of a parent (Indonesia when $1 is null): $1 parent code, $2 the pattern
 * of every code under it, $3 date, $4 the length of a child's code. One statement, the JSON built in PostgreSQL.
 */
export const BREAKDOWN_SQL = `
  WITH child AS (SELECT code, name, population FROM area WHERE parent_code = $1::text OR ($1::text IS NULL AND parent_code IS NULL)),
  placed AS (
    SELECT DISTINCT left(o.area_code, $4) AS child_code, a.worker_id
    FROM assignment a JOIN organisation o ON o.id = a.organisation_id
    WHERE o.archived_at IS NULL AND o.area_code LIKE $2 AND length(o.area_code) >= $4 AND ${active('a', '$3::date')}),
  unplaced AS (
    SELECT left(w.home_area_code, $4) AS child_code, w.id AS worker_id FROM worker w
    WHERE w.archived_at IS NULL AND w.home_area_code LIKE $2 AND length(w.home_area_code) >= $4
      AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND ${active('a', '$3::date')})),
  counted AS (SELECT child_code, worker_id FROM placed UNION SELECT child_code, worker_id FROM unplaced),
  workforce AS MATERIALIZED (
    SELECT k.child_code, count(*) AS workers, count(*) FILTER (WHERE ${certified('k.worker_id', '$3::date')}) AS certified
    FROM counted k GROUP BY k.child_code),
  gaps AS MATERIALIZED (
    SELECT left(o.area_code, $4) AS child_code, count(*) AS needing,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', '$3::date')})) AS lacking,
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', '$3::date')}
                                              AND ${certified('a.worker_id', '$3::date')})) AS lacking_certified
    FROM organisation o
    WHERE o.should_have_worker AND o.archived_at IS NULL AND o.area_code LIKE $2 AND length(o.area_code) >= $4
    GROUP BY 1)
  SELECT json_build_object('data', json_build_object('areaBreakdown', json_build_object('rows', coalesce(json_agg(json_build_object(
    'area', json_build_object('code', c.code, 'name', c.name),
    'workers', coalesce(wf.workers, 0), 'certifiedWorkers', coalesce(wf.certified, 0), 'population', c.population,
    'workersPer100k', CASE WHEN c.population > 0 THEN round(coalesce(wf.workers, 0) * 100000.0 / c.population, 2) END,
    'certifiedWorkersPer100k', CASE WHEN c.population > 0 THEN round(coalesce(wf.certified, 0) * 100000.0 / c.population, 2) END,
    'organisationsNeedingWorker', coalesce(g.needing, 0), 'organisationsLackingWorker', coalesce(g.lacking, 0),
    'organisationsLackingCertifiedWorker', coalesce(g.lacking_certified, 0)) ORDER BY c.code), '[]'::json))))::text AS body
  FROM child c LEFT JOIN workforce wf ON wf.child_code = c.code LEFT JOIN gaps g ON g.child_code = c.code`;

/** The length of the codes directly under `parentCode` (Kemendagri: 32, 32.77, 32.77.01, 32.77.01.1001). */
export function childCodeLength(parentCode: string | null): number {
  const lengths = [2, 5, 8, 13];
  return parentCode === null ? 2 : lengths[lengths.indexOf(parentCode.length) + 1] ?? 13;
}
