/**
 * What PostGraphile needs to answer the benchmark's questions: PostGraphile exposes tables, relations and SQL
 * functions, so the questions that are not plain table reads become STABLE SQL functions (root fields and computed
 * columns), written as one would for PostGraphile. The bench (re)creates them in the benchmark database only.
 */
const today = `(now() AT TIME ZONE 'Asia/Jakarta')::date`;
const active = (alias: string, date: string) => `${alias}.starts_on <= ${date} AND (${alias}.ends_on IS NULL OR ${alias}.ends_on > ${date})`;
const certified = (workerId: string, date: string) =>
  `EXISTS (SELECT 1 FROM certification c WHERE c.worker_id = ${workerId} AND c.kind = 'CERTIFICATE'
     AND c.issued_on <= ${date} AND (c.expires_on IS NULL OR c.expires_on >= ${date}))`;

// area_breakdown's parameters written where they are used (a `params` CTE, as workforce_summary has, keeps
// PostgreSQL from seeing them and the function took minutes for Indonesia).
const asOf = `coalesce($2, ${today})`;
const under = `coalesce($1 || '.%', '%')`;
const childLength = `(CASE length($1) WHEN 2 THEN 5 WHEN 5 THEN 8 WHEN 8 THEN 13 ELSE 2 END)`;

export const PEER_FUNCTIONS_SQL = [
  `DROP FUNCTION IF EXISTS organisations_lacking_worker(text, boolean, date)`,
  `DROP FUNCTION IF EXISTS workforce_summary(text, date)`,
  `DROP FUNCTION IF EXISTS organisation_active_workers(organisation, date)`,
  `DROP FUNCTION IF EXISTS worker_cases(worker, text)`,
  `DROP FUNCTION IF EXISTS active_organisations()`,
  `DROP TYPE IF EXISTS peer_workforce_summary`,
  `DROP FUNCTION IF EXISTS area_breakdown(text, date)`,
  `DROP TYPE IF EXISTS peer_area_breakdown_row`,
  `CREATE TYPE peer_area_breakdown_row AS (
     code text, area json, workers integer, certified_workers integer, population integer,
     workers_per_hundred_thousand numeric, certified_workers_per_hundred_thousand numeric,
     organisations_needing_worker integer, organisations_lacking_worker integer, organisations_lacking_certified_worker integer)`,
  // The children of a parent (the provinces when null), as the API's areaBreakdown: the area as a JSON column, since a
  // composite type has no relation PostGraphile could follow.
  `CREATE FUNCTION area_breakdown(parent_code text DEFAULT NULL, as_of date DEFAULT NULL)
   RETURNS SETOF peer_area_breakdown_row LANGUAGE sql STABLE AS $$
     WITH child AS (SELECT code, name, population FROM area WHERE area.parent_code = $1 OR ($1 IS NULL AND area.parent_code IS NULL)),
     placed AS (
       SELECT DISTINCT left(o.area_code, ${childLength}) AS child_code, a.worker_id
       FROM assignment a JOIN organisation o ON o.id = a.organisation_id
       WHERE o.archived_at IS NULL AND o.area_code LIKE ${under} AND length(o.area_code) >= ${childLength} AND ${active('a', asOf)}),
     unplaced AS (
       SELECT left(w.home_area_code, ${childLength}) AS child_code, w.id AS worker_id FROM worker w
       WHERE w.archived_at IS NULL AND w.home_area_code LIKE ${under} AND length(w.home_area_code) >= ${childLength}
         AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND ${active('a', asOf)})),
     counted AS (SELECT child_code, worker_id FROM placed UNION SELECT child_code, worker_id FROM unplaced),
     workforce AS MATERIALIZED (
       SELECT k.child_code, count(*)::int AS workers, count(*) FILTER (WHERE ${certified('k.worker_id', asOf)})::int AS certified
       FROM counted k GROUP BY k.child_code),
     gaps AS MATERIALIZED (
       SELECT left(o.area_code, ${childLength}) AS child_code, count(*)::int AS needing,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', asOf)}))::int AS lacking,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', asOf)}
                                                 AND ${certified('a.worker_id', asOf)}))::int AS lacking_certified
       FROM organisation o
       WHERE o.should_have_worker AND o.archived_at IS NULL AND o.area_code LIKE ${under} AND length(o.area_code) >= ${childLength}
       GROUP BY 1)
     SELECT c.code, json_build_object('code', c.code, 'name', c.name), coalesce(wf.workers, 0), coalesce(wf.certified, 0), c.population,
            CASE WHEN c.population > 0 THEN round(coalesce(wf.workers, 0) * 100000.0 / c.population, 2) END,
            CASE WHEN c.population > 0 THEN round(coalesce(wf.certified, 0) * 100000.0 / c.population, 2) END,
            coalesce(g.needing, 0), coalesce(g.lacking, 0), coalesce(g.lacking_certified, 0)
     FROM child c LEFT JOIN workforce wf ON wf.child_code = c.code LEFT JOIN gaps g ON g.child_code = c.code
     ORDER BY c.code
   $$`,
  `CREATE FUNCTION active_organisations() RETURNS SETOF organisation LANGUAGE sql STABLE AS $$
     SELECT o.* FROM organisation o WHERE o.archived_at IS NULL ORDER BY lower(o.name), o.id
   $$`,
  `CREATE FUNCTION organisations_lacking_worker(area_code text, certified_only boolean DEFAULT false, as_of date DEFAULT NULL)
   RETURNS SETOF organisation LANGUAGE sql STABLE AS $$
     SELECT o.* FROM organisation o
     WHERE o.should_have_worker AND o.archived_at IS NULL AND (o.area_code = $1 OR o.area_code LIKE $1 || '.%')
       AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', `coalesce($3, ${today})`)}
                       AND (NOT $2 OR ${certified('a.worker_id', `coalesce($3, ${today})`)}))
     ORDER BY lower(o.name), o.id
   $$`,
  `CREATE TYPE peer_workforce_summary AS (
     workers integer, certified_workers integer, uncertified_workers integer, unplaced_workers integer,
     organisations integer, organisations_needing_worker integer, organisations_lacking_worker integer,
     organisations_lacking_certified_worker integer, population integer, workers_per_hundred_thousand numeric,
     workers_by_placement_kind json)`,
  `CREATE FUNCTION workforce_summary(area_code text, as_of date DEFAULT NULL)
   RETURNS peer_workforce_summary LANGUAGE sql STABLE AS $$
     WITH params AS (SELECT $1 AS code, $1 || '.%' AS prefix, coalesce($2, ${today}) AS d),
     scope_organisation AS (
       SELECT o.id, o.kind, o.should_have_worker FROM organisation o, params p
       WHERE o.archived_at IS NULL AND (o.area_code = p.code OR o.area_code LIKE p.prefix)),
     placed AS (
       SELECT a.worker_id, a.is_primary, a.starts_on, a.organisation_id, o.kind FROM assignment a JOIN scope_organisation o ON o.id = a.organisation_id, params p
       WHERE ${active('a', 'p.d')}),
     unplaced AS (
       SELECT w.id FROM worker w, params p
       WHERE w.archived_at IS NULL AND (w.home_area_code = p.code OR w.home_area_code LIKE p.prefix)
         AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.worker_id = w.id AND ${active('a', 'p.d')})),
     counted AS (SELECT DISTINCT worker_id AS id FROM placed UNION SELECT id FROM unplaced),
     figures AS (
       SELECT
         (SELECT count(*) FROM counted)::int AS workers,
         (SELECT count(*) FROM counted w, params p WHERE ${certified('w.id', 'p.d')})::int AS certified,
         (SELECT count(*) FROM unplaced)::int AS unplaced,
         (SELECT coalesce(json_agg(json_build_object('kind', kind, 'workers', workers) ORDER BY array_position(ARRAY['SOCIAL_AFFAIRS_OFFICE',
            'VILLAGE_OFFICE','PKH_UNIT','LK3','SAKTI_PEKSOS_UNIT','SOCIAL_WELFARE_INSTITUTION','OTHER'], kind)), '[]'::json)
          FROM (SELECT kind, count(*) AS workers FROM (
              SELECT DISTINCT ON (worker_id) worker_id, kind FROM placed
              ORDER BY worker_id, is_primary DESC, starts_on, organisation_id) lead GROUP BY kind) k) AS by_kind,
         (SELECT count(*) FROM scope_organisation)::int AS organisations,
         (SELECT count(*) FROM scope_organisation o WHERE o.should_have_worker)::int AS needing,
         (SELECT count(*) FROM scope_organisation o, params p WHERE o.should_have_worker
            AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', 'p.d')}))::int AS lacking,
         (SELECT count(*) FROM scope_organisation o, params p WHERE o.should_have_worker
            AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', 'p.d')}
                            AND ${certified('a.worker_id', 'p.d')}))::int AS lacking_certified)
     SELECT f.workers, f.certified, f.workers - f.certified, f.unplaced, f.organisations, f.needing, f.lacking,
            f.lacking_certified, ar.population,
            CASE WHEN ar.population > 0 THEN round(f.workers * 100000.0 / ar.population, 2) END, f.by_kind
     FROM area ar CROSS JOIN figures f WHERE ar.code = $1
   $$`,
  `CREATE FUNCTION organisation_active_workers(o organisation, as_of date DEFAULT NULL)
   RETURNS SETOF worker LANGUAGE sql STABLE AS $$
     SELECT w.* FROM worker w
     WHERE w.id IN (SELECT a.worker_id FROM assignment a WHERE a.organisation_id = o.id AND ${active('a', `coalesce($2, ${today})`)})
   $$`,
  // `= ANY (ARRAY[…])` keeps PostgreSQL off the GiST exclusion index (worker_id is its second column), as the API's
  // and the floor's batched lookups are.
  `CREATE FUNCTION worker_cases(w worker, status text DEFAULT NULL)
   RETURNS SETOF social_case LANGUAGE sql STABLE AS $$
     SELECT c.* FROM social_case c
     WHERE ($2 IS NULL OR c.status = $2) AND c.id IN (SELECT i.case_id FROM case_involvement i WHERE i.worker_id = ANY (ARRAY[w.id]))
     ORDER BY c.opened_on DESC, c.id
   $$`,
];
