import type { NeedsActionSource } from '@peksos/schema-kit';

/**
 * The training extension's part of the needs-action list: workers enrolled in a competency test still ahead, and
 * workers who sat one (or were enrolled and have no result, failed or were absent) and hold no certificate valid today
 * nor issued since. Keyed by worker and day like the workforce module's own scheduled tests, so a test recorded in
 * both is listed once (with the session's title).
 */
export const trainingNeedsAction: NeedsActionSource = {
  kinds: [
    { code: 'TEST_SCHEDULED', label: { id: 'Uji kompetensi terjadwal', en: 'Competency test scheduled' } },
    { code: 'UNCERTIFIED_AFTER_TEST', label: { id: 'Belum bersertifikat setelah uji', en: 'Still uncertified after a test' } },
  ],
  sql: `
    SELECT CASE WHEN s.held_on >= $1::date THEN 'TEST_SCHEDULED' ELSE 'UNCERTIFIED_AFTER_TEST' END AS kind,
           s.held_on AS due_on, coalesce(w.home_area_code, '') AS area_code, w.id AS worker_id,
           NULL::uuid AS organisation_id, w.full_name AS subject_name, s.title AS detail,
           ARRAY(SELECT a.organisation_id FROM assignment a WHERE a.worker_id = w.id
                 AND a.starts_on <= $1::date AND (a.ends_on IS NULL OR a.ends_on > $1::date)) AS organisation_ids,
           'test:' || w.id || ':' || s.held_on AS item_key
    FROM training_enrolment e
    JOIN training_session s ON s.id = e.session_id AND s.kind = 'COMPETENCY_TEST'
    JOIN worker w ON w.id = e.worker_id
    WHERE w.archived_at IS NULL AND e.result <> 'PASSED'
      AND (s.held_on >= $1::date
           OR NOT EXISTS (SELECT 1 FROM certification c WHERE c.worker_id = w.id AND c.kind = 'CERTIFICATE'
                          AND (c.issued_on >= s.held_on
                               OR (c.issued_on <= $1::date AND (c.expires_on IS NULL OR c.expires_on >= $1::date)))))`,
};
