import type { CertificationLevel, EmploymentStatus, Gender } from '@peksos/types';
import { CERTIFICATION_LEVELS, EMPLOYMENT_STATUSES, GENDERS } from '../columns.js';
import { maskNik, type ImportContext, type RowImporter, type RowReader } from './engine.js';
import {
  AreaChecker,
  changedFields,
  readAreaCode,
  readChoice,
  readDate,
  readEmail,
  readNationalId,
  readPhone,
} from './fields.js';
import type { RowError } from './report.js';

interface WorkerValues {
  fullName: string;
  gender: Gender;
  employmentStatus: EmploymentStatus;
  phone: string | null;
  email: string | null;
  homeAreaCode: string | null;
}

interface CertificateValues {
  level: CertificationLevel;
  number: string;
  issuer: string;
  issuedOn: string;
  /** undefined: the file has no expiry column, so a stored expiry stays. */
  expiresOn: string | null | undefined;
}

interface WorkerRow {
  nationalIdNumber: string;
  /** Only the columns the file has: an absent column leaves the stored value alone. */
  values: Partial<WorkerValues>;
  certificate: CertificateValues | null;
  test: { level: CertificationLevel; testDate: string } | null;
  key: string;
}

interface StoredWorker extends WorkerValues {
  id: string;
  nationalIdNumber: string;
  archived: boolean;
}

const TEXT_MAX = { fullName: 200, issuer: 200, certificateNumber: 100 };

/**
 * Workers, matched on their national ID number (NIK), each row with at most one certificate and one scheduled
 * competency test. The rules are those of WorkerService and CertificationService, checked without leaving the
 * import's transaction: the NIK is unique, the home area exists, a certificate number belongs to one worker, a
 * certificate is not issued in the future and expires after its issue, an archived worker is not changed.
 */
export function workersImporter({ manager, report, today, rowError }: ImportContext): RowImporter<WorkerRow> {
  const seenNik = new Map<string, number>();
  const seenCertificate = new Map<string, number>();
  const areas = new AreaChecker(manager);

  return {
    parse(reader: RowReader): WorkerRow | null {
      const nationalIdNumber = readNationalId(reader);
      const values: Partial<WorkerValues> = {};
      const fullName = reader.requiredText('fullName', TEXT_MAX.fullName);
      if (fullName) values.fullName = fullName;
      const gender = readChoice(reader, 'gender', GENDERS, true);
      if (gender) values.gender = gender;
      const employmentStatus = readChoice(reader, 'employmentStatus', EMPLOYMENT_STATUSES, true);
      if (employmentStatus) values.employmentStatus = employmentStatus;
      if (reader.has('phone')) {
        const phone = readPhone(reader, 'phone');
        if (phone !== undefined) values.phone = phone;
      }
      if (reader.has('email')) {
        const email = readEmail(reader, 'email');
        if (email !== undefined) values.email = email;
      }
      if (reader.has('homeAreaCode')) {
        const homeAreaCode = readAreaCode(reader, 'homeAreaCode', false);
        if (homeAreaCode !== undefined) values.homeAreaCode = homeAreaCode;
      }

      const level = readChoice(reader, 'certificationLevel', CERTIFICATION_LEVELS, false);
      const number = reader.optionalText('certificateNumber', TEXT_MAX.certificateNumber);
      const issuer = reader.optionalText('certificateIssuer', TEXT_MAX.issuer);
      const issuedOn = readDate(reader, 'certificateIssuedOn');
      const expiresOn = reader.has('certificateExpiresOn') ? readDate(reader, 'certificateExpiresOn') : undefined;
      const testDate = readDate(reader, 'testDate');

      let certificate: CertificateValues | null = null;
      if (number || issuer || issuedOn || expiresOn) {
        const missing = [
          ['certificateNumber', number, 'nomor sertifikat', 'a certificate number'],
          ['certificateIssuer', issuer, 'penerbit sertifikat', 'an issuer'],
          ['certificateIssuedOn', issuedOn, 'tanggal terbit', 'an issue date'],
          ['certificationLevel', level, 'jenjang sertifikasi', 'a certification level'],
        ] as const;
        for (const [field, value, id, en] of missing) {
          // A value that was given but invalid already has its own error.
          if (value === null) reader.error(field, 'certificateFieldsMissing', { column: id, columnEn: en });
        }
        if (issuedOn && issuedOn > today) reader.error('certificateIssuedOn', 'certificateInFuture');
        if (issuedOn && expiresOn && expiresOn <= issuedOn) reader.error('certificateExpiresOn', 'expiresBeforeIssued');
        if (number && level && issuer && issuedOn) certificate = { level, number, issuer, issuedOn, expiresOn };
      }
      let test: WorkerRow['test'] = null;
      if (testDate) {
        if (level === null) reader.error('certificationLevel', 'certificateFieldsMissing', { column: 'jenjang sertifikasi', columnEn: 'a certification level' });
        if (level) test = { level, testDate };
      }

      if (nationalIdNumber) {
        const firstRow = seenNik.get(nationalIdNumber);
        if (firstRow !== undefined) {
          reader.error('nationalIdNumber', 'duplicateInFile', { what: 'NIK Peksos', whatEn: 'worker (NIK)', firstRow });
        } else {
          seenNik.set(nationalIdNumber, reader.row);
        }
      }
      if (certificate) {
        const firstRow = seenCertificate.get(certificate.number);
        if (firstRow !== undefined) {
          reader.error('certificateNumber', 'duplicateInFile', { what: 'Nomor sertifikat', whatEn: 'certificate number', firstRow });
        } else {
          seenCertificate.set(certificate.number, reader.row);
        }
      }
      if (reader.errors.length > 0 || !nationalIdNumber) return null;
      return { nationalIdNumber, values, certificate, test, key: `${maskNik(nationalIdNumber)} ${fullName ?? ''}`.trim() };
    },

    async apply(batch) {
      const rows = batch.map((entry) => ({ row: entry.row, ...entry.value }));
      await areas.load(rows.flatMap((row) => (row.values.homeAreaCode ? [row.values.homeAreaCode] : [])));

      const stored = new Map<string, StoredWorker>();
      for (const worker of (await manager.query(
        `SELECT id, national_id_number AS "nationalIdNumber", full_name AS "fullName", gender,
                employment_status AS "employmentStatus", phone, email, home_area_code AS "homeAreaCode",
                archived_at IS NOT NULL AS archived
         FROM worker WHERE national_id_number = ANY($1::text[])`,
        [rows.map((row) => row.nationalIdNumber)],
      )) as StoredWorker[]) {
        stored.set(worker.nationalIdNumber, worker);
      }
      const certificates = new Map<string, { id: string; workerId: string; level: string; issuer: string; issuedOn: string; expiresOn: string | null }>();
      const numbers = rows.flatMap((row) => (row.certificate ? [row.certificate.number] : []));
      if (numbers.length > 0) {
        for (const certificate of (await manager.query(
          `SELECT id, worker_id AS "workerId", level, issuer, issued_on AS "issuedOn", expires_on AS "expiresOn", certificate_number AS number
           FROM certification WHERE certificate_number = ANY($1::text[])`,
          [numbers],
        )) as { id: string; workerId: string; level: string; issuer: string; issuedOn: string; expiresOn: string | null; number: string }[]) {
          certificates.set(certificate.number, certificate);
        }
      }
      const scheduled = new Set<string>();
      const storedIds = [...stored.values()].map((worker) => worker.id);
      if (storedIds.length > 0 && rows.some((row) => row.test)) {
        for (const test of (await manager.query(
          `SELECT worker_id AS "workerId", level, test_date AS "testDate" FROM certification
           WHERE kind = 'SCHEDULED_TEST' AND worker_id = ANY($1::uuid[])`,
          [storedIds],
        )) as { workerId: string; level: string; testDate: string }[]) {
          scheduled.add(`${test.workerId}|${test.level}|${test.testDate}`);
        }
      }

      const inserts: (typeof rows)[number][] = [];
      const updates: { id: string; values: WorkerValues }[] = [];
      const certificateInserts: { nik: string; certificate: CertificateValues }[] = [];
      const certificateUpdates: { id: string; certificate: CertificateValues; expiresOn: string | null }[] = [];
      const testInserts: { nik: string; level: string; testDate: string }[] = [];
      const outcomes: { row: number; key: string; action: 'create' | 'update' | 'unchanged'; changes: string[] }[] = [];

      for (const row of rows) {
        const errors: RowError[] = [];
        const current = stored.get(row.nationalIdNumber);
        if (row.values.homeAreaCode && !areas.exists(row.values.homeAreaCode)) {
          errors.push(rowError(row.row, 'homeAreaCode', 'unknownArea', { value: row.values.homeAreaCode }));
        }
        const changes = current ? changedFields(current, row.values) : [];
        let certificateChange: 'insert' | { id: string; expiresOn: string | null } | null = null;
        if (row.certificate) {
          const existing = certificates.get(row.certificate.number);
          if (existing && existing.workerId !== current?.id) {
            errors.push(rowError(row.row, 'certificateNumber', 'certificateTaken', { value: row.certificate.number }));
          } else if (!existing) {
            certificateChange = 'insert';
          } else {
            const expiresOn = row.certificate.expiresOn === undefined ? existing.expiresOn : row.certificate.expiresOn;
            if (
              existing.level !== row.certificate.level ||
              existing.issuer !== row.certificate.issuer ||
              existing.issuedOn !== row.certificate.issuedOn ||
              existing.expiresOn !== expiresOn
            ) {
              certificateChange = { id: existing.id, expiresOn };
            }
          }
          if (certificateChange) changes.push('certificate');
        }
        const testIsNew = row.test && !(current && scheduled.has(`${current.id}|${row.test.level}|${row.test.testDate}`));
        if (testIsNew) changes.push('competencyTest');
        if (current?.archived && changes.length > 0) {
          errors.push(rowError(row.row, 'nationalIdNumber', 'archived', { what: 'Peksos', whatEn: 'worker' }));
        }
        if (errors.length > 0) {
          report.failed(row.row, row.key, errors);
          continue;
        }
        if (!current) inserts.push(row);
        else if (changes.some((change) => change !== 'certificate' && change !== 'competencyTest')) {
          updates.push({ id: current.id, values: { ...pickValues(current), ...definedValues(row.values) } });
        }
        if (certificateChange === 'insert') certificateInserts.push({ nik: row.nationalIdNumber, certificate: row.certificate! });
        else if (certificateChange) certificateUpdates.push({ id: certificateChange.id, certificate: row.certificate!, expiresOn: certificateChange.expiresOn });
        if (testIsNew) testInserts.push({ nik: row.nationalIdNumber, level: row.test!.level, testDate: row.test!.testDate });
        outcomes.push({ row: row.row, key: row.key, action: !current ? 'create' : changes.length > 0 ? 'update' : 'unchanged', changes });
      }

      const idOf = new Map([...stored.values()].map((worker) => [worker.nationalIdNumber, worker.id]));
      if (inserts.length > 0) {
        const column = <K extends keyof WorkerValues>(key: K) => inserts.map((row) => row.values[key] ?? null);
        const created = (await manager.query(
          `INSERT INTO worker (national_id_number, full_name, gender, employment_status, phone, email, home_area_code)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           RETURNING id, national_id_number AS nik`,
          [
            inserts.map((row) => row.nationalIdNumber),
            column('fullName'),
            column('gender'),
            column('employmentStatus'),
            column('phone'),
            column('email'),
            column('homeAreaCode'),
          ],
        )) as { id: string; nik: string }[];
        for (const row of created) idOf.set(row.nik, row.id);
      }
      for (const update of updates) {
        const v = update.values;
        await manager.query(
          `UPDATE worker SET full_name = $2, gender = $3, employment_status = $4, phone = $5, email = $6, home_area_code = $7,
                  version = version + 1, updated_at = now()
           WHERE id = $1`,
          [update.id, v.fullName, v.gender, v.employmentStatus, v.phone, v.email, v.homeAreaCode],
        );
      }
      if (certificateInserts.length > 0) {
        await manager.query(
          `INSERT INTO certification (worker_id, kind, level, certificate_number, issuer, issued_on, expires_on)
           SELECT w, 'CERTIFICATE', l, n, i, d, e
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[]) AS t(w, l, n, i, d, e)`,
          [
            certificateInserts.map((entry) => idOf.get(entry.nik)),
            certificateInserts.map((entry) => entry.certificate.level),
            certificateInserts.map((entry) => entry.certificate.number),
            certificateInserts.map((entry) => entry.certificate.issuer),
            certificateInserts.map((entry) => entry.certificate.issuedOn),
            certificateInserts.map((entry) => entry.certificate.expiresOn ?? null),
          ],
        );
      }
      for (const update of certificateUpdates) {
        await manager.query(`UPDATE certification SET level = $2, issuer = $3, issued_on = $4, expires_on = $5 WHERE id = $1`, [
          update.id,
          update.certificate.level,
          update.certificate.issuer,
          update.certificate.issuedOn,
          update.expiresOn,
        ]);
      }
      if (testInserts.length > 0) {
        await manager.query(
          `INSERT INTO certification (worker_id, kind, level, test_date)
           SELECT w, 'SCHEDULED_TEST', l, d FROM unnest($1::uuid[], $2::text[], $3::date[]) AS t(w, l, d)`,
          [testInserts.map((entry) => idOf.get(entry.nik)), testInserts.map((entry) => entry.level), testInserts.map((entry) => entry.testDate)],
        );
      }
      for (const outcome of outcomes) report.done(outcome.row, outcome.key, outcome.action, outcome.changes);
    },

    async finish() {},
  };
}

function pickValues(worker: StoredWorker): WorkerValues {
  const { fullName, gender, employmentStatus, phone, email, homeAreaCode } = worker;
  return { fullName, gender, employmentStatus, phone, email, homeAreaCode };
}

function definedValues(values: Partial<WorkerValues>): Partial<WorkerValues> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<WorkerValues>;
}

