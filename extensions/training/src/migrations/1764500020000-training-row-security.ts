import { RowSecurityMigration } from '@peksos/schema-kit';

/**
 * Who may change which rows of the training tables (docs/access.md, docs/extending.md): an extension's tables get
 * policies like the core's, built on the workforce module's rule functions, so even this module's own SQL cannot
 * change a row its caller may not.
 *
 * - A session is its organiser's area's.
 * - Enrolling a worker needs the session and the worker (their home area's coordinator): a passed competency test
 *   becomes the worker's certificate, which only the worker's coordinator may record.
 * - An enrolment's result is recorded by whoever manages the session; its session and worker stay what they are.
 */
export class TrainingRowSecurity1764500020000 extends RowSecurityMigration {
  name = 'TrainingRowSecurity1764500020000';

  functions = [
    `CREATE FUNCTION training_manages_session(role text, area text, session_id uuid) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT coalesce(workforce_manages_organisation(role, area, s.organiser_id), false)
       FROM training_session s WHERE s.id = session_id
     $$`,
    `CREATE FUNCTION training_manages_enrolment(role text, area text, enrolment_id uuid) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT coalesce(training_manages_session(role, area, e.session_id), false)
       FROM training_enrolment e WHERE e.id = enrolment_id
     $$`,
    `CREATE FUNCTION training_enrolment_unmoved(enrolment_id uuid, session_id uuid, worker_id uuid) RETURNS boolean
     LANGUAGE sql STABLE AS $$
       SELECT EXISTS (SELECT 1 FROM training_enrolment e WHERE e.id = training_enrolment_unmoved.enrolment_id
                      AND e.session_id = training_enrolment_unmoved.session_id
                      AND e.worker_id = training_enrolment_unmoved.worker_id)
     $$`,
  ];

  dropFunctions = [
    'training_manages_session(text, text, uuid)',
    'training_manages_enrolment(text, text, uuid)',
    'training_enrolment_unmoved(uuid, uuid, uuid)',
  ];

  tables = [
    {
      table: 'training_session',
      insert: `workforce_manages_organisation(actor_role(), actor_area(), organiser_id)`,
      update: {
        using: `workforce_manages_organisation(actor_role(), actor_area(), organiser_id)`,
        check: `workforce_manages_organisation(actor_role(), actor_area(), organiser_id)`,
      },
    },
    {
      table: 'training_enrolment',
      insert: `training_manages_session(actor_role(), actor_area(), session_id)
               AND workforce_manages_worker(actor_role(), actor_area(), worker_id)`,
      update: {
        using: `training_manages_session(actor_role(), actor_area(), session_id)`,
        check: `training_manages_session(actor_role(), actor_area(), session_id)
                AND training_enrolment_unmoved(id, session_id, worker_id)`,
      },
    },
  ];
}
