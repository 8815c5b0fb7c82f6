import type { Writable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AREA_CODE_PATTERN,
  CERTIFICATION_LEVEL_LABELS,
  CERTIFICATION_STATUS_LABELS,
  CertificationStatus,
  EMPLOYMENT_STATUS_LABELS,
  GENDER_LABELS,
  ORGANISATION_KIND_LABELS,
  OrganisationKind,
  EXPORT_LISTS,
  isValidLocalDate,
  type FileFormat,
  type ImportKind,
  type BilingualLabel,
  type Locale,
} from '@peksos/types';
import { likeContains } from '@peksos/schema-kit';
import {
  areaParams,
  assignmentActiveSql,
  certificationStatusSql,
  certifiedOnSql,
  coverageGapSql,
  inAreaSql,
  organisationMatchesTextSql,
  placedSql,
  workerFoundByTextSql,
  workerInAreaSql,
} from '@peksos/schema-workforce';
import { ASSIGNMENT_COLUMNS, INFORMATIONAL_HEADERS, ORGANISATION_COLUMNS, WORKER_COLUMNS, type ColumnSpec } from '../columns.js';
import { maskNik } from '../import/engine.js';
import { parseBoolean } from '../values.js';
import { childAreas, findArea, summarise } from './summary.js';
import { writeTable, type ColumnType, type OutputCell, type OutputColumn, type OutputTable } from './writers.js';

/** The lists this module writes (the modules' own lists are served beside them). */
type ExportList = (typeof EXPORT_LISTS)[number];

export function isExportList(value: string): value is ExportList {
  return (EXPORT_LISTS as readonly string[]).includes(value);
}

/** The filters of the GraphQL queries, as query-string values (`kinds` comma-separated). */
export type ExportQuery = Record<string, string | undefined>;

export interface ExportOptions {
  format: FileFormat;
  locale: Locale;
  today: string;
  /**
   * Write national ID numbers in full (needed to re-import workers and assignments). Off by default: the API never
   * shows a full NIK, and an export should not either unless whoever runs it may see them.
   */
  includeNationalIdNumbers: boolean;
}

export class ExportInputError extends Error {
  constructor(
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND',
    readonly field: string,
    readonly messageText: BilingualLabel,
  ) {
    super(messageText.en);
    this.name = 'ExportInputError';
  }
}

export interface PreparedExport {
  /** A file name such as `peksos-workers-2018-01-02.xlsx`. */
  fileName: string;
  /** Streams the file to `output`, reading the rows inside one read-only snapshot. */
  write(output: Writable): Promise<void>;
}

interface Filters {
  areaCode?: string;
  kinds?: OrganisationKind[];
  asOf: string;
  certifiedOnly: boolean;
  search?: string;
  certificationStatus?: CertificationStatus;
  placed?: boolean;
  includeArchived: boolean;
  shouldHaveWorker?: boolean;
}

/** Checks the filters (so a bad one is an error before any byte is sent) and prepares the export. */
export async function prepareExport(dataSource: DataSource, list: ExportList, query: ExportQuery, options: ExportOptions): Promise<PreparedExport> {
  const filters = await parseFilters(dataSource, list, query, options.today);
  const suffix = [filters.areaCode, filters.asOf].filter(Boolean).join('-');
  return {
    fileName: `peksos-${list}-${suffix}.${options.format}`,
    async write(output) {
      await dataSource.transaction('REPEATABLE READ', async (manager) => {
        const table = await buildTable(manager, list, filters, options);
        await writeTable(table, options.format, options.locale, output);
      });
    },
  };
}

async function parseFilters(dataSource: DataSource, list: ExportList, query: ExportQuery, today: string): Promise<Filters> {
  const bool = (field: string): boolean | undefined => {
    const raw = query[field];
    if (raw === undefined || raw === '') return undefined;
    const value = parseBoolean(raw);
    if (value === undefined) {
      throw new ExportInputError('BAD_USER_INPUT', field, { id: `${field} harus true atau false`, en: `${field} must be true or false` });
    }
    return value;
  };
  const filters: Filters = { asOf: today, certifiedOnly: bool('certifiedOnly') ?? false, includeArchived: bool('includeArchived') ?? false };
  const placed = bool('placed');
  if (placed !== undefined) filters.placed = placed;
  const shouldHaveWorker = bool('shouldHaveWorker');
  if (shouldHaveWorker !== undefined) filters.shouldHaveWorker = shouldHaveWorker;
  if (query.asOf) {
    if (!isValidLocalDate(query.asOf)) {
      throw new ExportInputError('BAD_USER_INPUT', 'asOf', { id: 'asOf ditulis YYYY-MM-DD', en: 'asOf must be a date written YYYY-MM-DD' });
    }
    filters.asOf = query.asOf;
  }
  if (query.areaCode) {
    if (!AREA_CODE_PATTERN.test(query.areaCode)) {
      throw new ExportInputError('BAD_USER_INPUT', 'areaCode', {
        id: 'Kode wilayah adalah kode Kemendagri seperti 32.77 atau 32.77.01.1001',
        en: 'An area code is a Kemendagri code such as 32.77 or 32.77.01.1001',
      });
    }
    if (!(await findArea(dataSource, query.areaCode))) {
      throw new ExportInputError('NOT_FOUND', 'areaCode', { id: `Wilayah ${query.areaCode} tidak ada`, en: `Area ${query.areaCode} does not exist` });
    }
    filters.areaCode = query.areaCode;
  } else if (list === 'workforce-summary') {
    throw new ExportInputError('BAD_USER_INPUT', 'areaCode', { id: 'areaCode wajib diisi', en: 'areaCode is required' });
  }
  if (query.kinds) {
    const kinds = query.kinds.split(',').map((kind) => kind.trim()).filter(Boolean);
    const unknown = kinds.filter((kind) => !(Object.values(OrganisationKind) as string[]).includes(kind));
    if (unknown.length > 0) {
      throw new ExportInputError('BAD_USER_INPUT', 'kinds', {
        id: `Jenis organisasi tidak dikenal: ${unknown.join(', ')}`,
        en: `Unknown organisation kinds: ${unknown.join(', ')}; use ${Object.values(OrganisationKind).join(', ')}`,
      });
    }
    filters.kinds = kinds as OrganisationKind[];
  }
  if (query.certificationStatus) {
    if (!(Object.values(CertificationStatus) as string[]).includes(query.certificationStatus)) {
      throw new ExportInputError('BAD_USER_INPUT', 'certificationStatus', {
        id: 'Status sertifikasi tidak dikenal',
        en: `certificationStatus must be one of ${Object.values(CertificationStatus).join(', ')}`,
      });
    }
    filters.certificationStatus = query.certificationStatus as CertificationStatus;
  }
  if (query.search) filters.search = query.search.slice(0, 100);
  return filters;
}

/** Reads a query's rows through a server-side cursor, a thousand at a time: memory stays flat however long the list. */
async function* cursorRows<T>(manager: EntityManager, sql: string, parameters: Record<string, unknown>): AsyncGenerator<T> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  await manager.query(`DECLARE transfer_export NO SCROLL CURSOR FOR ${text}`, values);
  for (;;) {
    const rows = (await manager.query(`FETCH 1000 FROM transfer_export`)) as T[];
    if (rows.length === 0) break;
    yield* rows;
  }
  await manager.query(`CLOSE transfer_export`);
}

async function* mapRows<T>(rows: AsyncIterable<T>, map: (row: T) => OutputCell[]): AsyncGenerator<OutputCell[]> {
  for await (const row of rows) yield map(row);
}

const typeOf: Record<string, ColumnType> = {
  shouldHaveWorker: 'boolean',
  isPrimary: 'boolean',
  accreditationExpiresOn: 'date',
  certificateIssuedOn: 'date',
  certificateExpiresOn: 'date',
  testDate: 'date',
  startsOn: 'date',
  endsOn: 'date',
};

/** The import columns (so an exported file imports again), then the informational ones. */
function columnsOf(kind: ImportKind, specs: ColumnSpec[], infoTypes: ColumnType[]): OutputColumn[] {
  return [
    ...specs.map((spec) => ({ header: spec.header, type: typeOf[spec.field] ?? 'text', width: spec.field === 'name' || spec.field === 'fullName' ? 36 : undefined })),
    ...INFORMATIONAL_HEADERS[kind].map((header, index) => ({ header, type: infoTypes[index] ?? 'text' })),
  ];
}

function label(labels: Record<string, BilingualLabel>, value: string | null, locale: Locale): string | null {
  if (value === null) return null;
  const found = labels[value];
  return found ? (locale === 'en' ? found.en : found.id) : value;
}

async function buildTable(manager: EntityManager, list: ExportList, filters: Filters, options: ExportOptions): Promise<OutputTable> {
  switch (list) {
    case 'organisations':
    case 'coverage-gaps':
      return organisationTable(manager, list, filters, options);
    case 'workers':
      return workerTable(manager, filters, options);
    case 'assignments':
      return assignmentTable(manager, filters, options);
    case 'workforce-summary':
      return summaryTable(manager, filters, options);
  }
}

/** The filters on the organisation `o` that the organisations, gap and assignment lists share: area and kinds. */
function whereOrganisationIn(filters: Filters, where: string[], parameters: Record<string, unknown>): void {
  if (filters.areaCode) {
    where.push(inAreaSql('o.area_code'));
    Object.assign(parameters, areaParams(filters.areaCode));
  }
  if (filters.kinds?.length) {
    where.push('o.kind IN (:...kinds)');
    parameters.kinds = filters.kinds;
  }
}

function organisationTable(manager: EntityManager, list: 'organisations' | 'coverage-gaps', filters: Filters, options: ExportOptions): OutputTable {
  const where: string[] = [];
  const parameters: Record<string, unknown> = { asOf: filters.asOf };
  if (list === 'coverage-gaps') {
    // The workforce module's definition, as organisationsLackingWorker has it.
    where.push(coverageGapSql('o', { certifiedOnly: filters.certifiedOnly ?? false }));
  } else {
    if (!filters.includeArchived) where.push('o.archived_at IS NULL');
    if (filters.search) {
      // The organisations list's search (OrganisationService.list): name, code, kecamatan or kelurahan.
      where.push(organisationMatchesTextSql('o'));
      parameters.search = likeContains(filters.search.trim());
    }
    if (filters.shouldHaveWorker !== undefined) {
      where.push('o.should_have_worker = :shouldHaveWorker');
      parameters.shouldHaveWorker = filters.shouldHaveWorker;
    }
  }
  whereOrganisationIn(filters, where, parameters);
  const sql = `
    SELECT o.code, o.name, o.kind, o.area_code, p.code AS parent_code, o.should_have_worker, o.accreditation_grade,
           o.accreditation_expires_on, o.address, ar.name AS area_name,
           (SELECT count(DISTINCT a.worker_id) FROM assignment a WHERE a.organisation_id = o.id AND ${assignmentActiveSql('a')}) AS active_workers,
           (SELECT count(DISTINCT a.worker_id) FROM assignment a WHERE a.organisation_id = o.id AND ${assignmentActiveSql('a')}
              AND ${certifiedOnSql('a.worker_id')}) AS certified_workers
    FROM organisation o JOIN area ar ON ar.code = o.area_code LEFT JOIN organisation p ON p.id = o.parent_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY lower(o.name), o.id`;
  type Row = {
    code: string | null; name: string; kind: string; area_code: string; parent_code: string | null; should_have_worker: boolean;
    accreditation_grade: string | null; accreditation_expires_on: string | null; address: string | null; area_name: string;
    active_workers: number; certified_workers: number;
  };
  return {
    title: list === 'coverage-gaps' ? (options.locale === 'en' ? 'Coverage gaps' : 'Organisasi tanpa Peksos') : options.locale === 'en' ? 'Organisations' : 'Organisasi',
    columns: columnsOf('organisations', ORGANISATION_COLUMNS, ['text', 'number', 'number']),
    rows: mapRows(cursorRows<Row>(manager, sql, parameters), (row) => [
      row.code,
      row.name,
      label(ORGANISATION_KIND_LABELS, row.kind, options.locale),
      row.area_code,
      row.parent_code,
      row.should_have_worker,
      row.accreditation_grade,
      row.accreditation_expires_on,
      row.address,
      row.area_name,
      row.active_workers,
      row.certified_workers,
    ]),
  };
}

function workerTable(manager: EntityManager, filters: Filters, options: ExportOptions): OutputTable {
  // The filters of the `workers` query (WorkerService.list), on today.
  const where: string[] = [];
  const parameters: Record<string, unknown> = { asOf: options.today };
  if (!filters.includeArchived) where.push('w.archived_at IS NULL');
  if (filters.search) {
    // The workers list's search for those who may read home areas (the only ones this list is offered to).
    where.push(workerFoundByTextSql('w', { homeAreas: true }));
    parameters.search = likeContains(filters.search.trim());
  }
  if (filters.areaCode) {
    // The export is for those who may read home areas (transfer.access.ts), as the `workers` query's filter for them.
    where.push(workerInAreaSql('w', true));
    Object.assign(parameters, areaParams(filters.areaCode));
  }
  if (filters.placed === true) where.push(placedSql('w'));
  if (filters.placed === false) where.push(`NOT ${placedSql('w')}`);
  if (filters.certificationStatus) {
    where.push(`${certificationStatusSql('w.id')} = :status`);
    parameters.status = filters.certificationStatus;
  }
  const sql = `
    SELECT w.national_id_number, w.full_name, w.gender, w.employment_status, w.phone, w.email, w.home_area_code,
           cert.level AS certificate_level, cert.certificate_number, cert.issuer, cert.issued_on, cert.expires_on,
           test.level AS test_level, test.test_date, home.name AS home_area_name,
           ${certificationStatusSql('w.id')} AS status, placement.code AS placement_code, placement.name AS placement_name
    FROM worker w
    LEFT JOIN area home ON home.code = w.home_area_code
    LEFT JOIN LATERAL (SELECT c.level, c.certificate_number, c.issuer, c.issued_on, c.expires_on FROM certification c
                       WHERE c.worker_id = w.id AND c.kind = 'CERTIFICATE' ORDER BY c.issued_on DESC, c.id LIMIT 1) cert ON true
    LEFT JOIN LATERAL (SELECT c.level, c.test_date FROM certification c
                       WHERE c.worker_id = w.id AND c.kind = 'SCHEDULED_TEST' ORDER BY c.test_date DESC, c.id LIMIT 1) test ON true
    LEFT JOIN LATERAL (SELECT o.code, o.name FROM assignment a JOIN organisation o ON o.id = a.organisation_id
                       WHERE a.worker_id = w.id AND a.is_primary AND ${assignmentActiveSql('a')} LIMIT 1) placement ON true
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY lower(w.full_name), w.id`;
  type Row = {
    national_id_number: string | null; full_name: string; gender: string; employment_status: string; phone: string | null;
    email: string | null; home_area_code: string | null; certificate_level: string | null; certificate_number: string | null;
    issuer: string | null; issued_on: string | null; expires_on: string | null; test_level: string | null; test_date: string | null;
    home_area_name: string | null; status: string; placement_code: string | null; placement_name: string | null;
  };
  const locale = options.locale;
  return {
    title: locale === 'en' ? 'Workers' : 'Peksos',
    columns: columnsOf('workers', WORKER_COLUMNS, ['text', 'text', 'text', 'text']),
    rows: mapRows(cursorRows<Row>(manager, sql, parameters), (row) => {
      // One row per worker: the latest certificate, and the latest scheduled test when it is of the same level
      // (or there is no certificate), so that the row's single level column is true for both.
      const showTest = row.test_date !== null && (row.certificate_level === null || row.certificate_level === row.test_level);
      const level = row.certificate_level ?? (showTest ? row.test_level : null);
      return [
        nik(row.national_id_number, options),
        row.full_name,
        label(GENDER_LABELS, row.gender, locale),
        label(EMPLOYMENT_STATUS_LABELS, row.employment_status, locale),
        row.phone,
        row.email,
        row.home_area_code,
        label(CERTIFICATION_LEVEL_LABELS, level, locale),
        row.certificate_number,
        row.issuer,
        row.issued_on,
        row.expires_on,
        showTest ? row.test_date : null,
        row.home_area_name,
        label(CERTIFICATION_STATUS_LABELS, row.status, locale),
        row.placement_code,
        row.placement_name,
      ];
    }),
  };
}

function nik(value: string | null, options: ExportOptions): string | null {
  if (value === null) return null;
  return options.includeNationalIdNumbers ? value : maskNik(value);
}

function assignmentTable(manager: EntityManager, filters: Filters, options: ExportOptions): OutputTable {
  const where: string[] = [];
  const parameters: Record<string, unknown> = { asOf: filters.asOf };
  if (!filters.includeArchived) where.push('w.archived_at IS NULL AND o.archived_at IS NULL');
  whereOrganisationIn(filters, where, parameters);
  if (filters.placed === true) where.push(assignmentActiveSql('a'));
  const sql = `
    SELECT w.national_id_number, o.code, a.starts_on, a.ends_on, a.is_primary, a.end_reason, w.full_name, o.name
    FROM assignment a JOIN worker w ON w.id = a.worker_id JOIN organisation o ON o.id = a.organisation_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY lower(w.full_name), w.id, a.starts_on, a.id`;
  type Row = {
    national_id_number: string | null; code: string | null; starts_on: string; ends_on: string | null; is_primary: boolean;
    end_reason: string | null; full_name: string; name: string;
  };
  return {
    title: options.locale === 'en' ? 'Assignments' : 'Penempatan',
    columns: columnsOf('assignments', ASSIGNMENT_COLUMNS, ['text', 'text']),
    rows: mapRows(cursorRows<Row>(manager, sql, parameters), (row) => [
      nik(row.national_id_number, options),
      row.code,
      row.starts_on,
      row.ends_on,
      row.is_primary,
      row.end_reason,
      row.full_name,
      row.name,
    ]),
  };
}

export const SUMMARY_COLUMNS: OutputColumn[] = [
  { header: { id: 'Kode wilayah', en: 'Area code' }, type: 'text', width: 16 },
  { header: { id: 'Nama wilayah', en: 'Area name' }, type: 'text', width: 24 },
  { header: { id: 'Tanggal data', en: 'As of' }, type: 'date' },
  { header: { id: 'Jumlah penduduk', en: 'Population' }, type: 'number', width: 14 },
  { header: { id: 'Peksos', en: 'Workers' }, type: 'number' },
  { header: { id: 'Tersertifikasi', en: 'Certified' }, type: 'number' },
  { header: { id: 'Belum tersertifikasi', en: 'Not certified' }, type: 'number' },
  { header: { id: 'Belum ditempatkan', en: 'Unplaced' }, type: 'number' },
  ...Object.values(OrganisationKind).map((kind) => ({
    header: { id: `Penempatan utama: ${ORGANISATION_KIND_LABELS[kind].id}`, en: `Primary placement: ${ORGANISATION_KIND_LABELS[kind].en}` },
    type: 'number' as const,
  })),
  { header: { id: 'Organisasi', en: 'Organisations' }, type: 'number' },
  { header: { id: 'Organisasi yang perlu Peksos', en: 'Organisations needing a worker' }, type: 'number' },
  { header: { id: 'Organisasi tanpa Peksos', en: 'Organisations lacking a worker' }, type: 'number' },
  { header: { id: 'Organisasi tanpa Peksos tersertifikasi', en: 'Organisations lacking a certified worker' }, type: 'number' },
  { header: { id: 'Peksos per 100.000 penduduk', en: 'Workers per 100,000' }, type: 'number' },
  { header: { id: 'Peksos tersertifikasi per 100.000 penduduk', en: 'Certified workers per 100,000' }, type: 'number' },
];

/** The area's summary on the first row, then one row per area directly under it (the GraphQL `subAreas`). */
function summaryTable(manager: EntityManager, filters: Filters, options: ExportOptions): OutputTable {
  async function* rows(): AsyncGenerator<OutputCell[]> {
    const area = (await findArea(manager, filters.areaCode!))!;
    for (const each of [area, ...(await childAreas(manager, area.code))]) {
      const summary = await summarise(manager, each, filters.asOf);
      const byKind = new Map(summary.workersByPlacementKind.map((entry) => [entry.kind, entry.workers]));
      yield [
        each.code,
        each.name,
        summary.asOf,
        summary.population,
        summary.workers,
        summary.certifiedWorkers,
        summary.uncertifiedWorkers,
        summary.unplacedWorkers,
        ...Object.values(OrganisationKind).map((kind) => byKind.get(kind) ?? 0),
        summary.organisations,
        summary.organisationsNeedingWorker,
        summary.organisationsLackingWorker,
        summary.organisationsLackingCertifiedWorker,
        summary.workersPer100k,
        summary.certifiedWorkersPer100k,
      ];
    }
  }
  return { title: options.locale === 'en' ? 'Workforce summary' : 'Ringkasan Peksos', columns: SUMMARY_COLUMNS, rows: rows() };
}
