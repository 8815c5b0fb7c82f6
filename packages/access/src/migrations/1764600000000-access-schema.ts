import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTableSql } from '@peksos/schema-kit';

/**
 * Accounts of the office's staff, their sign-in sessions, and partner organisations' API keys. Secrets are stored
 * only as hashes. Runs after the workforce module's migrations: a coordinator's area and a key's organisations are
 * workforce rows.
 */
export class AccessSchema1764600000000 implements MigrationInterface {
  name = 'AccessSchema1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE account (
        id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT account_pkey PRIMARY KEY,
        username text NOT NULL CONSTRAINT account_username_key UNIQUE
          CONSTRAINT account_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
        display_name text NOT NULL CONSTRAINT account_display_name_not_blank CHECK (btrim(display_name) <> ''),
        role text NOT NULL CONSTRAINT account_role_check CHECK (role IN ('admin', 'coordinator', 'viewer')),
        area_code text CONSTRAINT account_area_fkey REFERENCES area (code),
        password_hash text NOT NULL,
        failed_sign_ins integer NOT NULL DEFAULT 0 CONSTRAINT account_failed_sign_ins_check CHECK (failed_sign_ins >= 0),
        sign_in_blocked_until timestamptz,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT account_coordinator_area CHECK ((role = 'coordinator') = (area_code IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE session (
        id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT session_pkey PRIMARY KEY,
        account_id uuid NOT NULL CONSTRAINT session_account_fkey REFERENCES account (id),
        token_hash text NOT NULL CONSTRAINT session_token_hash_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT session_expires_after_creation CHECK (expires_at > created_at)
      )`);
    await queryRunner.query(`CREATE INDEX session_account_idx ON session (account_id) WHERE revoked_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT api_key_pkey PRIMARY KEY,
        name text NOT NULL CONSTRAINT api_key_name_not_blank CHECK (btrim(name) <> ''),
        prefix text NOT NULL CONSTRAINT api_key_prefix_key UNIQUE,
        secret_hash text NOT NULL,
        created_by_id uuid CONSTRAINT api_key_created_by_fkey REFERENCES account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE api_key_organisation (
        api_key_id uuid NOT NULL CONSTRAINT api_key_organisation_key_fkey REFERENCES api_key (id),
        organisation_id uuid NOT NULL CONSTRAINT api_key_organisation_organisation_fkey REFERENCES organisation (id),
        CONSTRAINT api_key_organisation_pkey PRIMARY KEY (api_key_id, organisation_id)
      )`);
    for (const table of ['account', 'session', 'api_key', 'api_key_organisation']) {
      await queryRunner.query(auditTableSql(table));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_key_organisation`);
    await queryRunner.query(`DROP TABLE api_key`);
    await queryRunner.query(`DROP TABLE session`);
    await queryRunner.query(`DROP TABLE account`);
  }
}
