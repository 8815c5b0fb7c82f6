import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training and competency-test sessions and who enrols in them. The timestamp is later than every migration of the
 * workforce module, whose tables (organisation, worker) these reference: the module loader checks that.
 */
export class TrainingSchema1764500000000 implements MigrationInterface {
  name = 'TrainingSchema1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE training_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        kind text NOT NULL,
        certification_level text,
        held_on date NOT NULL,
        place text NOT NULL,
        organiser_id uuid NOT NULL REFERENCES organisation (id),
        capacity integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_session_title_not_blank CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        CONSTRAINT training_session_place_not_blank CHECK (length(btrim(place)) BETWEEN 1 AND 200),
        CONSTRAINT training_session_kind_valid CHECK (kind IN ('TRAINING', 'COMPETENCY_TEST')),
        CONSTRAINT training_session_level_for_tests CHECK (
          (kind = 'COMPETENCY_TEST') = (certification_level IS NOT NULL)
          AND (certification_level IS NULL OR certification_level IN ('ASSISTANT', 'GENERALIST', 'SPECIALIST'))),
        CONSTRAINT training_session_capacity_positive CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000)
      )`);
    await queryRunner.query(`CREATE INDEX training_session_held_on_idx ON training_session (held_on)`);
    await queryRunner.query(`CREATE INDEX training_session_organiser_id_idx ON training_session (organiser_id)`);
    await queryRunner.query(`
      CREATE TABLE training_enrolment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES training_session (id),
        worker_id uuid NOT NULL REFERENCES worker (id),
        result text NOT NULL DEFAULT 'PENDING',
        certification_id uuid REFERENCES certification (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_enrolment_once UNIQUE (session_id, worker_id),
        CONSTRAINT training_enrolment_result_valid CHECK (result IN ('PENDING', 'PASSED', 'FAILED', 'ABSENT'))
      )`);
    await queryRunner.query(`CREATE INDEX training_enrolment_worker_id_idx ON training_enrolment (worker_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE training_enrolment`);
    await queryRunner.query(`DROP TABLE training_session`);
  }
}
