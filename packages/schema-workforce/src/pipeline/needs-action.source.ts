import type { NeedsActionSource } from '@peksos/schema-kit';
import { certifiedOnSql } from '../sql.js';

/** The organisations a worker (`w`) is placed at today ($1): what a partner's key sees of the worker's items. */
const PLACED_AT = `ARRAY(SELECT a.organisation_id FROM assignment a WHERE a.worker_id = w.id
  AND a.starts_on <= $1::date AND (a.ends_on IS NULL OR a.ends_on > $1::date))`;

/**
 * The workforce module's part of the needs-action list: certificates expiring within the horizon (unless renewed by
 * a certificate valid after them), accreditations expiring within it, and the competency tests of the workforce's own
 * records (`scheduleCompetencyTest`): those still ahead, and those past whose worker holds no valid certificate.
 * Archived workers and organisations need no action. A test's key is its worker and day, the same as the training
 * extension's for a session that day, so a test recorded in both is one item.
 */
export const workforceNeedsAction: NeedsActionSource = {
  kinds: [
    { code: 'CERTIFICATE_EXPIRING', label: { id: 'Sertifikat segera berakhir', en: 'Certificate expiring' } },
    { code: 'ACCREDITATION_EXPIRING', label: { id: 'Akreditasi segera berakhir', en: 'Accreditation expiring' } },
    { code: 'TEST_SCHEDULED', label: { id: 'Uji kompetensi terjadwal', en: 'Competency test scheduled' } },
    { code: 'UNCERTIFIED_AFTER_TEST', label: { id: 'Belum bersertifikat setelah uji', en: 'Still uncertified after a test' } },
  ],
  sql: `
    SELECT 'CERTIFICATE_EXPIRING'::text AS kind, c.expires_on AS due_on, coalesce(w.home_area_code, '') AS area_code,
           w.id AS worker_id, NULL::uuid AS organisation_id, w.full_name AS subject_name, c.certificate_number AS detail,
           ${PLACED_AT} AS organisation_ids, 'certificate:' || c.id AS item_key
    FROM certification c JOIN worker w ON w.id = c.worker_id
    WHERE c.kind = 'CERTIFICATE' AND c.expires_on BETWEEN $1::date AND $2::date AND w.archived_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM certification r WHERE r.worker_id = c.worker_id AND r.kind = 'CERTIFICATE'
                      AND r.id <> c.id AND (r.expires_on IS NULL OR r.expires_on > c.expires_on))
    UNION ALL
    SELECT 'ACCREDITATION_EXPIRING', o.accreditation_expires_on, o.area_code, NULL::uuid, o.id, o.name,
           o.accreditation_grade, ARRAY[o.id], 'accreditation:' || o.id
    FROM organisation o
    WHERE o.accreditation_expires_on BETWEEN $1::date AND $2::date AND o.archived_at IS NULL
    UNION ALL
    SELECT CASE WHEN c.test_date >= $1::date THEN 'TEST_SCHEDULED' ELSE 'UNCERTIFIED_AFTER_TEST' END, c.test_date,
           coalesce(w.home_area_code, ''), w.id, NULL::uuid, w.full_name, c.level, ${PLACED_AT}, 'test:' || w.id || ':' || c.test_date
    FROM certification c JOIN worker w ON w.id = c.worker_id
    WHERE c.kind = 'SCHEDULED_TEST' AND w.archived_at IS NULL
      AND (c.test_date >= $1::date
           OR (NOT ${certifiedOnSql('w.id', '$1::date')}
               AND NOT EXISTS (SELECT 1 FROM certification r WHERE r.worker_id = c.worker_id AND r.kind = 'CERTIFICATE'
                               AND r.issued_on >= c.test_date)))`,
};
