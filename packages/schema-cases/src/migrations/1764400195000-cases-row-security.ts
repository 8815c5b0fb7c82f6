import { RowSecurityMigration } from '@peksos/schema-kit';

/**
 * Who may change which rows of the cases tables (docs/access.md), built on the workforce module's rule functions:
 *
 * - A case is its organisation's: opened, changed, closed, and moved only between organisations the actor manages.
 * - Involving a worker needs the case and the worker: one the actor manages (their home area's), or one placed, on
 *   the involvement's first day, at an organisation the actor manages (a worker lent to the area through an
 *   accepted placement works its cases there).
 * - An involvement is ended by whoever manages its case; its case, worker, role and start stay what they are.
 */
export class CasesRowSecurity1764400195000 extends RowSecurityMigration {
  name = 'CasesRowSecurity1764400195000';

  functions = [
    `CREATE FUNCTION cases_manages_case(role text, area text, case_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
       SELECT coalesce(workforce_manages_organisation(role, area, c.organisation_id), false)
       FROM social_case c WHERE c.id = case_id
     $$`,
    `CREATE FUNCTION cases_manages_involvement(role text, area text, involvement_id uuid) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT coalesce(cases_manages_case(role, area, i.case_id), false) FROM case_involvement i WHERE i.id = involvement_id
     $$`,
    `CREATE FUNCTION cases_may_involve(role text, area text, worker_id uuid, starts_on date) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       -- Null (unknown) for a worker who does not exist: the service reports NOT_FOUND.
       SELECT workforce_manages_worker(role, area, worker_id) OR workforce_placed_with(role, area, worker_id, starts_on)
     $$`,
    `CREATE FUNCTION cases_involvement_unmoved(involvement_id uuid, case_id uuid, worker_id uuid, role_code text, starts_on date)
     RETURNS boolean LANGUAGE sql STABLE AS $$
       SELECT EXISTS (SELECT 1 FROM case_involvement i WHERE i.id = cases_involvement_unmoved.involvement_id
                      AND i.case_id = cases_involvement_unmoved.case_id AND i.worker_id = cases_involvement_unmoved.worker_id
                      AND i.role_code = cases_involvement_unmoved.role_code AND i.starts_on = cases_involvement_unmoved.starts_on)
     $$`,
  ];

  dropFunctions = [
    'cases_manages_case(text, text, uuid)',
    'cases_manages_involvement(text, text, uuid)',
    'cases_may_involve(text, text, uuid, date)',
    'cases_involvement_unmoved(uuid, uuid, uuid, text, date)',
  ];

  tables = [
    { table: 'pmks_category' },
    {
      table: 'social_case',
      insert: `workforce_manages_organisation(actor_role(), actor_area(), organisation_id)`,
      update: {
        using: `workforce_manages_organisation(actor_role(), actor_area(), organisation_id)`,
        check: `workforce_manages_organisation(actor_role(), actor_area(), organisation_id)`,
      },
    },
    {
      table: 'case_involvement',
      insert: `cases_manages_case(actor_role(), actor_area(), case_id)
               AND cases_may_involve(actor_role(), actor_area(), worker_id, starts_on)`,
      update: {
        using: `cases_manages_case(actor_role(), actor_area(), case_id)`,
        check: `cases_manages_case(actor_role(), actor_area(), case_id)
                AND cases_involvement_unmoved(id, case_id, worker_id, role_code, starts_on)`,
      },
    },
  ];
}
