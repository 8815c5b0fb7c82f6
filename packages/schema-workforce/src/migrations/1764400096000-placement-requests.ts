import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql, dropAuditTableSql, dropRowSecuritySql, rowSecuritySql, type TableRowSecurity } from '@peksos/schema-kit';

/**
 * Placement requests (docs/access.md): a coordinator who wants a worker of another area at one of their organisations
 * asks; the worker's home-area coordinator (or an admin) accepts, which makes the assignment, or declines with a
 * reason. Audited like every table, and under row-level security like the others:
 *
 * - a request is made by whoever manages the organisation, and starts PENDING;
 * - it is answered (changed) only by whoever manages the worker, and what was asked (worker, organisation, start,
 *   primary) stays what it was;
 * - the assignment an acceptance makes passes the assignment table's policy by `workforce_placement_requested`: the
 *   actor manages the worker and the organisation's side asked for exactly this placement (it is still pending while
 *   the assignment is inserted, in the same transaction).
 */
const PLACEMENT_REQUEST: TableRowSecurity = {
  table: 'placement_request',
  insert: `workforce_manages_organisation(actor_role(), actor_area(), organisation_id) AND status = 'PENDING'`,
  update: {
    using: `workforce_manages_worker(actor_role(), actor_area(), worker_id)`,
    check: `workforce_manages_worker(actor_role(), actor_area(), worker_id)
            AND workforce_placement_request_unmoved(id, worker_id, organisation_id, starts_on, is_primary)`,
  },
};

const ASSIGNMENT_INSERT = `actor_role() = 'admin' OR (workforce_may_place(actor_role(), actor_area(), worker_id, organisation_id))`;
const ASSIGNMENT_INSERT_WITH_REQUESTS = `actor_role() = 'admin' OR (workforce_may_place(actor_role(), actor_area(), worker_id, organisation_id)
  OR workforce_placement_requested(actor_role(), actor_area(), worker_id, organisation_id, starts_on, is_primary))`;

export class PlacementRequests1764400096000 implements MigrationInterface {
  name = 'PlacementRequests1764400096000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE placement_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        worker_id uuid NOT NULL REFERENCES worker (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        starts_on date NOT NULL,
        is_primary boolean NOT NULL DEFAULT false,
        note text,
        status text NOT NULL DEFAULT 'PENDING',
        requested_by text NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decline_reason text,
        assignment_id uuid REFERENCES assignment (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT placement_request_status_valid CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
        CONSTRAINT placement_request_note_length CHECK (note IS NULL OR length(note) <= 500),
        CONSTRAINT placement_request_answered CHECK ((status = 'PENDING') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL)),
        CONSTRAINT placement_request_declined_with_reason CHECK (
          (status = 'DECLINED') = (decline_reason IS NOT NULL) AND (decline_reason IS NULL OR length(btrim(decline_reason)) BETWEEN 1 AND 500)),
        CONSTRAINT placement_request_accepted_with_assignment CHECK ((status = 'ACCEPTED') = (assignment_id IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX placement_request_one_pending ON placement_request (worker_id, organisation_id) WHERE status = 'PENDING'`,
    );
    await queryRunner.query(`CREATE INDEX placement_request_organisation_id_idx ON placement_request (organisation_id, status)`);
    await queryRunner.query(auditTableSql('placement_request'));

    await queryRunner.query(`
      CREATE FUNCTION workforce_placement_request_unmoved(request_id uuid, worker_id uuid, organisation_id uuid, starts_on date, is_primary boolean)
      RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM placement_request r WHERE r.id = request_id
                       AND r.worker_id = workforce_placement_request_unmoved.worker_id
                       AND r.organisation_id = workforce_placement_request_unmoved.organisation_id
                       AND r.starts_on = workforce_placement_request_unmoved.starts_on
                       AND r.is_primary = workforce_placement_request_unmoved.is_primary)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION workforce_placement_requested(role text, area text, worker_id uuid, organisation_id uuid, starts_on date, is_primary boolean)
      RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT coalesce(workforce_manages_worker(role, area, worker_id), false)
               AND EXISTS (SELECT 1 FROM placement_request r WHERE r.status = 'PENDING'
                           AND r.worker_id = workforce_placement_requested.worker_id
                           AND r.organisation_id = workforce_placement_requested.organisation_id
                           AND r.starts_on = workforce_placement_requested.starts_on
                           AND r.is_primary = workforce_placement_requested.is_primary)
      $$`);
    // Who answers a request: whoever manages its worker.
    await queryRunner.query(`
      CREATE FUNCTION workforce_answers_placement_request(role text, area text, request_id uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT workforce_manages_worker(role, area, r.worker_id) FROM placement_request r WHERE r.id = request_id
      $$`);
    for (const sql of rowSecuritySql(PLACEMENT_REQUEST)) await queryRunner.query(sql);
    await queryRunner.query(`ALTER POLICY assignment_insert ON assignment WITH CHECK (${ASSIGNMENT_INSERT_WITH_REQUESTS})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER POLICY assignment_insert ON assignment WITH CHECK (${ASSIGNMENT_INSERT})`);
    for (const sql of dropRowSecuritySql(PLACEMENT_REQUEST)) await queryRunner.query(sql);
    await queryRunner.query(`DROP FUNCTION workforce_answers_placement_request(text, text, uuid)`);
    await queryRunner.query(`DROP FUNCTION workforce_placement_requested(text, text, uuid, uuid, date, boolean)`);
    await queryRunner.query(`DROP FUNCTION workforce_placement_request_unmoved(uuid, uuid, uuid, date, boolean)`);
    await queryRunner.query(dropAuditTableSql('placement_request'));
    await queryRunner.query(`DROP TABLE placement_request`);
  }
}
