import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PMKS_CATEGORIES } from '@peksos/types';

/**
 * The cases tables: PMKS categories (reference data from Permensos 8/2012, inserted here), cases and the workers
 * involved in them. Runs after the workforce schema, whose tables it references.
 */
export class CasesSchema1764400100000 implements MigrationInterface {
  name = 'CasesSchema1764400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
      CREATE TABLE pmks_category (
        code text PRIMARY KEY,
        label_id text NOT NULL,
        label_en text NOT NULL,
        sort_order integer NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE social_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL,
        pmks_category_code text NOT NULL REFERENCES pmks_category (code),
        organisation_id uuid NOT NULL REFERENCES organisation (id),
        status text NOT NULL DEFAULT 'OPEN',
        opened_on date NOT NULL,
        closed_on date,
        summary text,
        closing_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT social_case_reference_unique UNIQUE (reference),
        CONSTRAINT social_case_reference_format CHECK (reference ~ '^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$'),
        CONSTRAINT social_case_status_valid CHECK (status IN ('OPEN', 'CLOSED')),
        CONSTRAINT social_case_closed_has_date CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL)),
        CONSTRAINT social_case_closes_after_opening CHECK (closed_on IS NULL OR closed_on >= opened_on),
        CONSTRAINT social_case_summary_length CHECK (summary IS NULL OR length(summary) <= 2000),
        CONSTRAINT social_case_closing_note_length CHECK (closing_note IS NULL OR length(closing_note) <= 2000)
      )`);
    await queryRunner.query(`CREATE INDEX social_case_organisation_id_idx ON social_case (organisation_id, status)`);
    await queryRunner.query(`CREATE INDEX social_case_pmks_category_code_idx ON social_case (pmks_category_code)`);

    await queryRunner.query(`
      CREATE TABLE case_involvement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES social_case (id),
        worker_id uuid NOT NULL REFERENCES worker (id),
        role_code text NOT NULL REFERENCES professional_role (code),
        starts_on date NOT NULL,
        ends_on date,
        is_lead boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_involvement_ends_after_start CHECK (ends_on IS NULL OR ends_on > starts_on),
        CONSTRAINT case_involvement_no_overlap EXCLUDE USING gist (
          case_id WITH =, worker_id WITH =, role_code WITH =, daterange(starts_on, ends_on, '[)') WITH &&),
        CONSTRAINT case_involvement_one_lead_at_a_time EXCLUDE USING gist (
          case_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&) WHERE (is_lead)
      )`);
    await queryRunner.query(`CREATE INDEX case_involvement_case_id_idx ON case_involvement (case_id)`);
    await queryRunner.query(`CREATE INDEX case_involvement_worker_id_idx ON case_involvement (worker_id, starts_on)`);

    for (const [index, category] of PMKS_CATEGORIES.entries()) {
      await queryRunner.query(
        `INSERT INTO pmks_category (code, label_id, label_en, sort_order) VALUES ($1, $2, $3, $4)`,
        [category.code, category.label.id, category.label.en, index + 1],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['case_involvement', 'social_case', 'pmks_category']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
