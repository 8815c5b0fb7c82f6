import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CORE_ROLE_CODES, CORE_ROLE_LABELS } from '@peksos/types';

/**
 * The workforce tables: areas, organisations, workers, certifications, professional roles and assignments.
 * Invariants live here as well as in the services: foreign keys, checks, unique indexes and exclusion constraints
 * on overlapping periods. Every constraint has a name; `constraint-meanings.ts` says what each means to a client.
 *
 * Periods are half-open: a row is active on day D when `starts_on <= D` and (`ends_on` is null or `D < ends_on`), so
 * `ends_on` is the first day the worker no longer serves.
 *
 * The seven professional roles of the Cimahi report are reference data, inserted here so every installation has them.
 */
export class WorkforceSchema1764400000000 implements MigrationInterface {
  name = 'WorkforceSchema1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await queryRunner.query(`
      CREATE TABLE area (
        code text PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL,
        parent_code text REFERENCES area (code),
        population integer,
        population_year integer,
        population_source text,
        CONSTRAINT area_code_format CHECK (code ~ '^[0-9]{2}([.][0-9]{2}([.][0-9]{2}([.][0-9]{4})?)?)?$'),
        CONSTRAINT area_name_not_blank CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        CONSTRAINT area_level_valid CHECK (level IN ('PROVINCE', 'REGENCY_OR_CITY', 'DISTRICT', 'VILLAGE')),
        CONSTRAINT area_level_matches_code CHECK (
          level = (ARRAY['PROVINCE', 'REGENCY_OR_CITY', 'DISTRICT', 'VILLAGE'])[array_length(string_to_array(code, '.'), 1)]
        ),
        CONSTRAINT area_parent_matches_code CHECK (
          parent_code IS NOT DISTINCT FROM NULLIF(regexp_replace(code, '[.]?[0-9]+$', ''), '')
        ),
        CONSTRAINT area_population_not_negative CHECK (population IS NULL OR population >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX area_parent_code_idx ON area (parent_code)`);
    await queryRunner.query(`CREATE INDEX area_code_prefix_idx ON area (code text_pattern_ops)`);

    await queryRunner.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text,
        name text NOT NULL,
        kind text NOT NULL,
        area_code text NOT NULL REFERENCES area (code),
        parent_id uuid REFERENCES organisation (id),
        should_have_worker boolean NOT NULL DEFAULT true,
        accreditation_grade text,
        accreditation_expires_on date,
        address text,
        archived_at timestamptz,
        archive_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT organisation_code_unique UNIQUE (code),
        CONSTRAINT organisation_code_format CHECK (code IS NULL OR code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
        CONSTRAINT organisation_name_not_blank CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        CONSTRAINT organisation_kind_valid CHECK (kind IN (
          'SOCIAL_AFFAIRS_OFFICE', 'VILLAGE_OFFICE', 'PKH_UNIT', 'LK3', 'SAKTI_PEKSOS_UNIT',
          'SOCIAL_WELFARE_INSTITUTION', 'OTHER')),
        CONSTRAINT organisation_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id),
        CONSTRAINT organisation_accreditation_grade_valid CHECK (accreditation_grade IS NULL OR accreditation_grade IN ('A', 'B', 'C')),
        CONSTRAINT organisation_accreditation_complete CHECK ((accreditation_grade IS NULL) = (accreditation_expires_on IS NULL)),
        CONSTRAINT organisation_archive_reason_given CHECK (
          (archived_at IS NULL AND archive_reason IS NULL)
          OR (archived_at IS NOT NULL AND length(btrim(archive_reason)) BETWEEN 1 AND 500))
      )`);
    await queryRunner.query(`CREATE INDEX organisation_area_code_idx ON organisation (area_code text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX organisation_parent_id_idx ON organisation (parent_id)`);
    await queryRunner.query(`CREATE INDEX organisation_kind_idx ON organisation (kind)`);
    await queryRunner.query(
      `CREATE INDEX organisation_needing_worker_idx ON organisation (area_code text_pattern_ops, name)
       WHERE should_have_worker AND archived_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE worker (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name text NOT NULL,
        gender text NOT NULL,
        employment_status text NOT NULL,
        national_id_number text,
        phone text,
        email text,
        home_area_code text REFERENCES area (code),
        archived_at timestamptz,
        archive_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT worker_national_id_number_unique UNIQUE (national_id_number),
        CONSTRAINT worker_full_name_not_blank CHECK (length(btrim(full_name)) BETWEEN 1 AND 200),
        CONSTRAINT worker_gender_valid CHECK (gender IN ('FEMALE', 'MALE')),
        CONSTRAINT worker_employment_status_valid CHECK (employment_status IN (
          'CIVIL_SERVANT', 'GOVERNMENT_CONTRACT', 'PROGRAMME_CONTRACT', 'VOLUNTEER')),
        CONSTRAINT worker_national_id_number_format CHECK (national_id_number IS NULL OR national_id_number ~ '^[0-9]{16}$'),
        CONSTRAINT worker_phone_format CHECK (phone IS NULL OR phone ~ '^[+]?[0-9]{8,15}$'),
        CONSTRAINT worker_email_format CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+[.][^@[:space:]]+$')),
        CONSTRAINT worker_archive_reason_given CHECK (
          (archived_at IS NULL AND archive_reason IS NULL)
          OR (archived_at IS NOT NULL AND length(btrim(archive_reason)) BETWEEN 1 AND 500))
      )`);
    await queryRunner.query(`CREATE INDEX worker_home_area_code_idx ON worker (home_area_code text_pattern_ops)`);
    await queryRunner.query(`CREATE INDEX worker_full_name_idx ON worker (lower(full_name))`);

    await queryRunner.query(`
      CREATE TABLE certification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        worker_id uuid NOT NULL REFERENCES worker (id),
        kind text NOT NULL,
        level text NOT NULL,
        test_date date,
        certificate_number text,
        issuer text,
        issued_on date,
        expires_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certification_certificate_number_unique UNIQUE (certificate_number),
        CONSTRAINT certification_kind_valid CHECK (kind IN ('SCHEDULED_TEST', 'CERTIFICATE')),
        CONSTRAINT certification_level_valid CHECK (level IN ('ASSISTANT', 'GENERALIST', 'SPECIALIST')),
        CONSTRAINT certification_fields_match_kind CHECK (
          (kind = 'SCHEDULED_TEST' AND test_date IS NOT NULL AND certificate_number IS NULL AND issued_on IS NULL AND expires_on IS NULL)
          OR (kind = 'CERTIFICATE' AND certificate_number IS NOT NULL AND issuer IS NOT NULL AND issued_on IS NOT NULL)),
        CONSTRAINT certification_expires_after_issue CHECK (expires_on IS NULL OR expires_on > issued_on)
      )`);
    await queryRunner.query(`CREATE INDEX certification_worker_id_idx ON certification (worker_id, kind)`);

    await queryRunner.query(`
      CREATE TABLE professional_role (
        code text PRIMARY KEY,
        label_id text NOT NULL,
        label_en text NOT NULL,
        description_id text,
        description_en text,
        sort_order integer NOT NULL DEFAULT 100,
        CONSTRAINT professional_role_code_format CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        CONSTRAINT professional_role_labels_not_blank CHECK (
          length(btrim(label_id)) BETWEEN 1 AND 100 AND length(btrim(label_en)) BETWEEN 1 AND 100)
      )`);

    await queryRunner.query(`
      CREATE TABLE assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        worker_id uuid NOT NULL REFERENCES worker (id),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        starts_on date NOT NULL,
        ends_on date,
        is_primary boolean NOT NULL DEFAULT true,
        end_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT assignment_ends_after_start CHECK (ends_on IS NULL OR ends_on > starts_on),
        CONSTRAINT assignment_end_reason_only_when_ended CHECK (ends_on IS NOT NULL OR end_reason IS NULL),
        CONSTRAINT assignment_no_overlap EXCLUDE USING gist (
          worker_id WITH =, organisation_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&),
        CONSTRAINT assignment_one_primary_at_a_time EXCLUDE USING gist (
          worker_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&) WHERE (is_primary)
      )`);
    await queryRunner.query(`CREATE INDEX assignment_organisation_id_idx ON assignment (organisation_id, starts_on, ends_on)`);
    await queryRunner.query(`CREATE INDEX assignment_worker_id_idx ON assignment (worker_id, starts_on)`);
    await queryRunner.query(
      `CREATE INDEX assignment_open_by_organisation_idx ON assignment (organisation_id, worker_id) WHERE ends_on IS NULL`,
    );

    for (const [index, code] of CORE_ROLE_CODES.entries()) {
      const label = CORE_ROLE_LABELS[code];
      await queryRunner.query(
        `INSERT INTO professional_role (code, label_id, label_en, sort_order) VALUES ($1, $2, $3, $4)`,
        [code, label.id, label.en, (index + 1) * 10],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['assignment', 'professional_role', 'certification', 'worker', 'organisation', 'area']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
