import type { EntityManager } from 'typeorm';
import { CIMAHI_AREAS } from './areas.js';
import { CIMAHI_ORGANISATIONS } from './organisations.js';
import { CERTIFICATE_ISSUER, CIMAHI_WORKERS, demoNationalIdNumber, demoPhone, SCHEDULED_TEST_DATE } from './workers.js';


/**
 * The workforce of Kota Cimahi (docs/sources.md): areas, organisations, workers, certifications and
 * assignments, inserted with plain SQL inside the caller's transaction.
 */
export async function loadCimahiWorkforce(manager: EntityManager): Promise<void> {
  for (const area of CIMAHI_AREAS) {
    await manager.query(
      `INSERT INTO area (code, name, level, parent_code, population, population_year, population_source)
       VALUES ($1, $2, $3, NULLIF(regexp_replace($1, '[.]?[0-9]+$', ''), ''), $4, $5, $6)`,
      [area.code, area.name, area.level, area.population, area.populationYear, area.populationSource],
    );
  }

  const organisationIds = new Map<string, string>();
  for (const organisation of CIMAHI_ORGANISATIONS) {
    const [row] = (await manager.query(
      `INSERT INTO organisation (code, name, kind, area_code, parent_id, accreditation_grade, accreditation_expires_on,
                                 address, archived_at, archive_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        organisation.code,
        organisation.name,
        organisation.kind,
        organisation.areaCode,
        organisation.parentCode ? organisationIds.get(organisation.parentCode) : null,
        organisation.accreditation?.grade ?? null,
        organisation.accreditation?.expiresOn ?? null,
        organisation.address ?? null,
        organisation.archived?.at ?? null,
        organisation.archived?.reason ?? null,
      ],
    )) as { id: string }[];
    organisationIds.set(organisation.code, row!.id);
  }
  const organisationId = (code: string): string => {
    const id = organisationIds.get(code);
    if (!id) throw new Error(`Cimahi data set: unknown organisation code ${code}`);
    return id;
  };

  for (const [index, worker] of CIMAHI_WORKERS.entries()) {
    const [row] = (await manager.query(
      `INSERT INTO worker (full_name, gender, employment_status, national_id_number, phone, home_area_code)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        worker.fullName,
        worker.gender,
        worker.employmentStatus,
        demoNationalIdNumber(index, worker.gender),
        demoPhone(index),
        worker.homeAreaCode,
      ],
    )) as { id: string }[];
    const workerId = row!.id;

    if (worker.certificate) {
      await manager.query(
        `INSERT INTO certification (worker_id, kind, level, certificate_number, issuer, issued_on)
         VALUES ($1, 'CERTIFICATE', $2, $3, $4, $5)`,
        [workerId, worker.certificate.level, worker.certificate.number, CERTIFICATE_ISSUER, worker.certificate.issuedOn],
      );
    } else {
      await manager.query(
        `INSERT INTO certification (worker_id, kind, level, test_date) VALUES ($1, 'SCHEDULED_TEST', 'GENERALIST', $2)`,
        [workerId, SCHEDULED_TEST_DATE],
      );
    }

    const assignments: { code: string; startsOn: string; endsOn: string | null; isPrimary: boolean; reason: string | null }[] = [];
    if (worker.earlier) {
      const { code, startsOn, endsOn, reason } = worker.earlier;
      assignments.push({ code, startsOn, endsOn, isPrimary: true, reason });
    }
    if (worker.placementCode) {
      assignments.push({ code: worker.placementCode, startsOn: worker.placedOn, endsOn: null, isPrimary: true, reason: null });
    }
    for (const extra of worker.alsoServes ?? []) {
      assignments.push({ code: extra.code, startsOn: extra.startsOn, endsOn: null, isPrimary: false, reason: null });
    }
    for (const assignment of assignments) {
      await manager.query(
        `INSERT INTO assignment (worker_id, organisation_id, starts_on, ends_on, is_primary, end_reason)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [workerId, organisationId(assignment.code), assignment.startsOn, assignment.endsOn, assignment.isPrimary, assignment.reason],
      );
    }
  }
}
