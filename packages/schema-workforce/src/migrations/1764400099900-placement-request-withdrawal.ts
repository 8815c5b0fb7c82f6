import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pending placement request may be withdrawn by the side that asked (whoever manages its organisation), as it may be
 * answered by the worker's side: until now a request asked by mistake stayed pending until the other area answered,
 * and kept its organisation on the gap list as requested. Withdrawn, like answered, is final; who did it and when are
 * `decided_by` and `decided_at`. Row-level security says the same: the organisation's side may change a request only from
 * PENDING into WITHDRAWN, the worker's side only into anything else; what was asked stays what it was.
 */
const UPDATE_USING_BEFORE = `actor_role() = 'admin' OR (workforce_manages_worker(actor_role(), actor_area(), worker_id))`;
const UPDATE_CHECK_BEFORE = `actor_role() = 'admin' OR (workforce_manages_worker(actor_role(), actor_area(), worker_id)
            AND workforce_placement_request_unmoved(id, worker_id, organisation_id, starts_on, is_primary))`;

const UPDATE_USING = `actor_role() = 'admin' OR (workforce_manages_worker(actor_role(), actor_area(), worker_id)
  OR workforce_manages_organisation(actor_role(), actor_area(), organisation_id))`;
const UPDATE_CHECK = `actor_role() = 'admin' OR (workforce_placement_request_unmoved(id, worker_id, organisation_id, starts_on, is_primary)
  AND ((status <> 'WITHDRAWN' AND workforce_manages_worker(actor_role(), actor_area(), worker_id))
    OR (status = 'WITHDRAWN' AND workforce_placement_request_was_pending(id)
        AND workforce_manages_organisation(actor_role(), actor_area(), organisation_id))))`;

export class PlacementRequestWithdrawal1764400099900 implements MigrationInterface {
  name = 'PlacementRequestWithdrawal1764400099900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE placement_request DROP CONSTRAINT placement_request_status_valid,
        ADD CONSTRAINT placement_request_status_valid CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'))`);
    // The row as it was before this statement (the policy's own check sees the new one): only a pending request is withdrawn.
    await queryRunner.query(`
      CREATE FUNCTION workforce_placement_request_was_pending(request_id uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM placement_request r WHERE r.id = request_id AND r.status = 'PENDING')
      $$`);
    await queryRunner.query(`ALTER POLICY placement_request_update ON placement_request USING (${UPDATE_USING}) WITH CHECK (${UPDATE_CHECK})`);
    // Who may withdraw a request: whoever manages its organisation (the side that asked).
    await queryRunner.query(`
      CREATE FUNCTION workforce_withdraws_placement_request(role text, area text, request_id uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT workforce_manages_organisation(role, area, r.organisation_id) FROM placement_request r WHERE r.id = request_id
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION workforce_withdraws_placement_request(text, text, uuid)`);
    await queryRunner.query(
      `ALTER POLICY placement_request_update ON placement_request USING (${UPDATE_USING_BEFORE}) WITH CHECK (${UPDATE_CHECK_BEFORE})`,
    );
    await queryRunner.query(`DROP FUNCTION workforce_placement_request_was_pending(uuid)`);
    await queryRunner.query(`DELETE FROM placement_request WHERE status = 'WITHDRAWN'`);
    await queryRunner.query(`
      ALTER TABLE placement_request DROP CONSTRAINT placement_request_status_valid,
        ADD CONSTRAINT placement_request_status_valid CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED'))`);
  }
}
