import { RowSecurityMigration } from '@peksos/schema-kit';

/**
 * Who may change which rows of the workforce tables (docs/access.md), enforced by the database for every path:
 * GraphQL, imports, commands, an extension's own SQL. Each rule is one SQL function of this module, taking the
 * actor's role and area first: the policies pass the transaction's actor, the services pass their caller to explain a
 * refusal (FORBIDDEN naming the field) before the database would make it, and `viewerCanManage` passes the reader.
 *
 * - An organisation is its area's: `actor_manages_area` on its area.
 * - A worker, their personal data and certificates are their home area's. Not where they are placed: placing a
 *   worker must not hand them over. A worker without a home area is the admins'.
 * - Placing a worker needs both the organisation and the worker. `workforce_placed_with` says whether a worker is
 *   placed, on a day, at an organisation the actor manages (the cases module lets such a worker into its cases).
 * - An assignment may be changed (ended) by whoever manages its organisation or its worker; its worker, organisation
 *   and start stay what they are.
 * - An organisation's parent must be one the actor manages too, unless it is left as it was.
 */
export class WorkforceRowSecurity1764400095000 extends RowSecurityMigration {
  name = 'WorkforceRowSecurity1764400095000';

  // Parameters are written qualified (function.parameter) where a column of the same name is in scope, which would win.
  functions = [
    `CREATE FUNCTION workforce_manages_organisation(role text, area text, organisation_id uuid) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT actor_manages_area(role, area, o.area_code) FROM organisation o WHERE o.id = organisation_id
     $$`,
    `CREATE FUNCTION workforce_manages_worker(role text, area text, worker_id uuid) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT actor_manages_area(role, area, w.home_area_code) FROM worker w WHERE w.id = worker_id
     $$`,
    `CREATE FUNCTION workforce_may_place(role text, area text, worker_id uuid, organisation_id uuid) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT coalesce(workforce_manages_organisation(role, area, organisation_id), false)
              AND coalesce(workforce_manages_worker(role, area, worker_id), false)
     $$`,
    `CREATE FUNCTION workforce_manages_assignment(role text, area text, assignment_id uuid) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT coalesce(workforce_manages_organisation(role, area, a.organisation_id), false)
              OR coalesce(workforce_manages_worker(role, area, a.worker_id), false)
       FROM assignment a WHERE a.id = assignment_id
     $$`,
    // The worker is placed, on that day, at an organisation the actor manages (whoever's worker they are).
    `CREATE FUNCTION workforce_placed_with(role text, area text, worker_id uuid, on_date date) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT EXISTS (SELECT 1 FROM assignment a JOIN organisation o ON o.id = a.organisation_id
                      WHERE a.worker_id = workforce_placed_with.worker_id AND a.starts_on <= on_date
                        AND (a.ends_on IS NULL OR a.ends_on > on_date) AND actor_manages_area(role, area, o.area_code))
     $$`,
    // Within a change of an organisation, a parent it already had may stay (another's change made that link).
    `CREATE FUNCTION workforce_may_link_parent(role text, area text, organisation_id uuid, parent_id uuid) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT parent_id IS NULL
              OR coalesce(workforce_manages_organisation(role, area, parent_id), false)
              OR EXISTS (SELECT 1 FROM organisation o WHERE o.id = workforce_may_link_parent.organisation_id
                         AND o.parent_id = workforce_may_link_parent.parent_id)
     $$`,
    // An update keeps an assignment's worker, organisation and start (what a placement is): checked on the new row
    // against the row as it was.
    `CREATE FUNCTION workforce_assignment_unmoved(assignment_id uuid, worker_id uuid, organisation_id uuid, starts_on date)
     RETURNS boolean LANGUAGE sql STABLE AS $$
       SELECT EXISTS (SELECT 1 FROM assignment a WHERE a.id = workforce_assignment_unmoved.assignment_id
                      AND a.worker_id = workforce_assignment_unmoved.worker_id
                      AND a.organisation_id = workforce_assignment_unmoved.organisation_id
                      AND a.starts_on = workforce_assignment_unmoved.starts_on)
     $$`,
  ];

  dropFunctions = [
    'workforce_manages_organisation(text, text, uuid)',
    'workforce_manages_worker(text, text, uuid)',
    'workforce_may_place(text, text, uuid, uuid)',
    'workforce_manages_assignment(text, text, uuid)',
    'workforce_placed_with(text, text, uuid, date)',
    'workforce_may_link_parent(text, text, uuid, uuid)',
    'workforce_assignment_unmoved(uuid, uuid, uuid, date)',
  ];

  tables = [
    // Reference data: admins (and the system) only.
    { table: 'area' },
    { table: 'professional_role' },
    {
      table: 'organisation',
      insert: `actor_manages_area(actor_role(), actor_area(), area_code)
               AND workforce_may_link_parent(actor_role(), actor_area(), id, parent_id)`,
      update: {
        using: `actor_manages_area(actor_role(), actor_area(), area_code)`,
        check: `actor_manages_area(actor_role(), actor_area(), area_code)
                AND workforce_may_link_parent(actor_role(), actor_area(), id, parent_id)`,
      },
    },
    {
      table: 'worker',
      insert: `actor_manages_area(actor_role(), actor_area(), home_area_code)`,
      update: {
        using: `actor_manages_area(actor_role(), actor_area(), home_area_code)`,
        check: `actor_manages_area(actor_role(), actor_area(), home_area_code)`,
      },
    },
    {
      table: 'certification',
      insert: `workforce_manages_worker(actor_role(), actor_area(), worker_id)`,
      update: {
        using: `workforce_manages_worker(actor_role(), actor_area(), worker_id)`,
        check: `workforce_manages_worker(actor_role(), actor_area(), worker_id)`,
      },
    },
    {
      table: 'assignment',
      insert: `workforce_may_place(actor_role(), actor_area(), worker_id, organisation_id)`,
      update: {
        using: `workforce_manages_assignment(actor_role(), actor_area(), id)`,
        check: `workforce_manages_assignment(actor_role(), actor_area(), id)
                AND workforce_assignment_unmoved(id, worker_id, organisation_id, starts_on)`,
      },
    },
  ];
}
