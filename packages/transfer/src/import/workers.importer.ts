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
import type { RowError } from '@peksos/types';
import { certificateDatesProblem, WORKER_COLUMN_NAMES } from '@peksos/schema-workforce';
import { conflictsWith } from './import-snapshot.js';

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

const TEXT_MAX = { fullName: 200, issuer: 200, certificateNumber: 100 };

/**
 * Workers, matched on their national ID number (NIK), each row with at most one certificate and one scheduled
 * competency test, read and written through WorkerService and CertificationService in the import's transaction.
 * Their rules, checked for the whole batch before anything is written so that each refused row is reported with its
 * column: the importer may change only workers they manage, in areas they manage (FORBIDDEN); the NIK is unique, the
 * home area exists, a certificate number belongs to one worker, its dates are right (`certificateDatesProblem`), an
 * archived worker is not changed.
 */
export function workersImporter({ manager, actor, workforce, report, today, snapshot, rowError }: ImportContext): RowImporter<WorkerRow> {
  const seenNik = new Map<string, number>();
  const seenCertificate = new Map<string, number>();
  const areas = new AreaChecker(workforce.areas, actor);

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
        const datesProblem = issuedOn ? certificateDatesProblem(issuedOn, expiresOn ?? null, today) : null;
        if (datesProblem === 'issuedInFuture') reader.error('certificateIssuedOn', 'certificateInFuture');
        if (datesProblem === 'expiresBeforeIssued') reader.error('certificateExpiresOn', 'expiresBeforeIssued');
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
      await areas.load(rows.map((row) => row.values.homeAreaCode ?? null));

      // Lock what this batch may change, then read it: the newest committed values, held until the import commits.
      const stored = new Map(
        (await workforce.workers.lockByNationalIds(manager, rows.map((row) => row.nationalIdNumber))).map((worker) => [worker.nationalIdNumber, worker]),
      );
      const certificates = new Map(
        (await workforce.certifications.lockByNumbers(manager, rows.flatMap((row) => (row.certificate ? [row.certificate.number] : [])))).map(
          (certificate) => [certificate.number, certificate],
        ),
      );
      const storedIds = [...stored.values()].map((worker) => worker.id);
      const horizon = await snapshot.horizon(manager);
      const workersChanged = await snapshot.changesByOthers(manager, 'worker', [...stored.values()], horizon);
      const certificatesChanged = await snapshot.changesByOthers(manager, 'certification', [...certificates.values()], horizon);
      const scheduled = new Set<string>();
      if (rows.some((row) => row.test)) {
        for (const test of await workforce.certifications.scheduledTestsOf(manager, storedIds)) {
          scheduled.add(`${test.workerId}|${test.level}|${test.testDate}`);
        }
      }

      const inserts: (typeof rows)[number][] = [];
      const updates: { id: string; set: Partial<WorkerValues> }[] = [];
      const certificateInserts: { nik: string; certificate: CertificateValues }[] = [];
      const certificateUpdates: { id: string; workerId: string; certificate: CertificateValues; expiresOn: string | null }[] = [];
      const testInserts: { nik: string; level: string; testDate: string }[] = [];
      const outcomes: { row: number; key: string; action: 'create' | 'update' | 'unchanged'; changes: string[] }[] = [];

      for (const row of rows) {
        const errors: RowError[] = [];
        const current = stored.get(row.nationalIdNumber);
        if (row.values.homeAreaCode && !areas.exists(row.values.homeAreaCode)) {
          errors.push(rowError(row.row, 'homeAreaCode', 'unknownArea', { value: row.values.homeAreaCode }));
        }
        const workerChanges = current ? changedFields(current, row.values) : [];
        const changes = [...workerChanges];
        if (current && conflictsWith(workersChanged.get(current.id), workerChanges.map((field) => WORKER_COLUMN_NAMES[field as keyof WorkerValues]))) {
          errors.push(rowError(row.row, 'nationalIdNumber', 'changedDuringImport', { what: 'Peksos', whatEn: 'worker' }));
        }
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
              if (conflictsWith(certificatesChanged.get(existing.id), ['level', 'issuer', 'issued_on', 'expires_on'])) {
                errors.push(rowError(row.row, 'certificateNumber', 'changedDuringImport', { what: 'Sertifikat', whatEn: 'certificate' }));
              }
            }
          }
          if (certificateChange) changes.push('certificate');
        }
        const testIsNew = row.test && !(current && scheduled.has(`${current.id}|${row.test.level}|${row.test.testDate}`));
        if (testIsNew) changes.push('competencyTest');
        if (current?.archived && changes.length > 0) {
          errors.push(rowError(row.row, 'nationalIdNumber', 'archived', { what: 'Peksos', whatEn: 'worker' }));
        }
        // Who may: the worker's (their home area's coordinator, or an admin), and only into an area they manage.
        if (current && changes.length > 0 && !current.mayChange) {
          errors.push(rowError(row.row, 'nationalIdNumber', 'outOfReach', { value: maskNik(row.nationalIdNumber) }));
        } else if ((!current || workerChanges.includes('homeAreaCode')) && !areas.managed(row.values.homeAreaCode ?? null)) {
          errors.push(rowError(row.row, 'homeAreaCode', 'outOfReach', { value: row.values.homeAreaCode ?? '' }));
        }
        if (errors.length > 0) {
          report.failed(row.row, row.key, errors);
          continue;
        }
        if (!current) inserts.push(row);
        else if (workerChanges.length > 0) {
          // Only the columns that change: the file's other columns are as stored, and those it lacks are not touched.
          updates.push({ id: current.id, set: pick(row.values, workerChanges as (keyof WorkerValues)[]) });
        }
        if (certificateChange === 'insert') certificateInserts.push({ nik: row.nationalIdNumber, certificate: row.certificate! });
        else if (certificateChange) {
          certificateUpdates.push({ id: certificateChange.id, workerId: current!.id, certificate: row.certificate!, expiresOn: certificateChange.expiresOn });
        }
        if (testIsNew) testInserts.push({ nik: row.nationalIdNumber, level: row.test!.level, testDate: row.test!.testDate });
        outcomes.push({ row: row.row, key: row.key, action: !current ? 'create' : changes.length > 0 ? 'update' : 'unchanged', changes });
      }

      const idOf = new Map([...stored.values()].map((worker) => [worker.nationalIdNumber, worker.id]));
      for (const created of await workforce.workers.createMany(manager, inserts, actor)) idOf.set(created.nik, created.id);
      await workforce.workers.updateMany(manager, updates, actor);
      await workforce.certifications.recordMany(
        manager,
        certificateInserts.map((entry) => ({ workerId: idOf.get(entry.nik)!, certificate: { ...entry.certificate, expiresOn: entry.certificate.expiresOn ?? null } })),
        actor,
      );
      for (const update of certificateUpdates) {
        await workforce.certifications.correct(manager, update.id, update.workerId, { ...update.certificate, expiresOn: update.expiresOn }, actor);
      }
      await workforce.certifications.scheduleTests(
        manager,
        testInserts.map((entry) => ({ workerId: idOf.get(entry.nik)!, level: entry.level, testDate: entry.testDate })),
        actor,
      );
      for (const outcome of outcomes) report.done(outcome.row, outcome.key, outcome.action, outcome.changes);
    },

    async finish() {},
  };
}

function pick<T extends object, K extends keyof T>(values: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, values[key]])) as Pick<T, K>;
}
