import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@peksos/schema-kit';
import { AreaService, AssignmentService, CertificationService, OrganisationService, WorkerService } from '@peksos/schema-workforce';
import type { FileFormat, ImportKind, ImportReport, RowError } from '@peksos/types';
import { IMPORT_COLUMNS, mapHeaders, type ColumnSpec, type HeaderMapping } from '../columns.js';
import { message, type MessageKey } from '../messages.js';
import { readRows, sniffFormat } from '../reading.js';
import { cellText, type CellValue } from '../values.js';
import { ImportSnapshot } from './import-snapshot.js';
import { ReportBuilder } from './report.js';

/** One data row being read: typed access to its cells by field, collecting the row's errors. */
export class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    readonly row: number,
    private readonly cells: CellValue[],
    private readonly mapping: HeaderMapping,
    private readonly specs: Map<string, ColumnSpec>,
  ) {}

  /** Whether the file has this column at all (absent columns leave stored values alone on update). */
  has(field: string): boolean {
    return this.mapping.indexOf.has(field);
  }

  raw(field: string): CellValue {
    const index = this.mapping.indexOf.get(field);
    return index === undefined ? null : (this.cells[index] ?? null);
  }

  text(field: string): string | null {
    return cellText(this.raw(field));
  }

  /** The column's header as written in the file, or its Indonesian header when the file lacks it. */
  column(field: string): string {
    return this.mapping.headerOf.get(field) ?? this.specs.get(field)?.header.id ?? field;
  }

  error(field: string | null, key: MessageKey, params: Record<string, string | number> = {}): void {
    const column = field ? this.column(field) : null;
    const value = field ? cellText(this.raw(field)) : null;
    this.errors.push({
      row: this.row,
      column,
      field,
      ...message(key, { column: column ?? '', value: value ?? '', ...params }),
      key,
      ...(value !== null && params.value === undefined ? { value } : {}),
    });
  }

  /** A required text value: records an error and returns null when empty or too long. */
  requiredText(field: string, max: number): string | null {
    const value = this.text(field);
    if (value === null) {
      this.error(field, 'required');
      return null;
    }
    if (value.length > max) {
      this.error(field, 'tooLong', { max });
      return null;
    }
    return value;
  }

  optionalText(field: string, max: number): string | null {
    const value = this.text(field);
    if (value !== null && value.length > max) {
      this.error(field, 'tooLong', { max });
      return null;
    }
    return value;
  }
}

/** What the import of one kind does with rows: validate each without the database, then apply them in batches. */
export interface RowImporter<T> {
  /** Validates a row on its own; returns null when the row has errors (recorded on the reader). */
  parse(row: RowReader): T | null;
  /** Checks a batch of valid rows against the database and writes them, recording each row's outcome. */
  apply(batch: { row: number; value: T }[]): Promise<void>;
  /** Work that needs the whole file (organisation parents defined further down). */
  finish(): Promise<void>;
}

export interface ImportContext {
  manager: EntityManager;
  /** Who imports: every row is held to what they may change (the workforce module's rules), as in the API. */
  actor: Actor;
  /** The workforce module's services, through which the import reads and writes its tables, in `manager`. */
  workforce: WorkforceServices;
  report: ReportBuilder;
  today: string;
  /** Tells the rows changed by someone else since the import began (import-snapshot.ts). */
  snapshot: ImportSnapshot;
  /** An error found while applying (against the database), naming the column as the file writes it. */
  rowError(row: number, field: string, key: MessageKey, params?: Record<string, string | number>): RowError;
}

export interface WorkforceServices {
  areas: AreaService;
  workers: WorkerService;
  certifications: CertificationService;
  organisations: OrganisationService;
  assignments: AssignmentService;
}

export type ImporterFactory = (context: ImportContext) => RowImporter<unknown>;

export interface ImportOptions {
  kind: ImportKind;
  /** Who imports (the server's caller; the system for the command line). */
  actor: Actor;
  /** The file to read; uploads are first spooled to a temporary file so no database connection waits on a client. */
  path: string;
  format?: FileFormat;
  dryRun: boolean;
  /** Today in the registry's time zone (certificates cannot be issued after it). */
  today: string;
  /** Refuse to apply unless the file is exactly the one reviewed in the dry run. */
  expectedSha256?: string;
  maxErrors?: number;
  maxResults?: number;
  batchSize?: number;
}

export class ImportRefusedError extends Error {
  constructor(
    readonly code: 'CONFLICT' | 'BAD_USER_INPUT',
    readonly messageText: { id: string; en: string },
  ) {
    super(messageText.en);
    this.name = 'ImportRefusedError';
  }
}

class Rollback extends Error {}

/** A fixed advisory-lock key: imports run one at a time, so two uploads of one file cannot both create its rows. */
const IMPORT_LOCK_KEY = 7_734_001;

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Reads the file row by row and runs the whole import in ONE transaction, using only that transaction's manager.
 * Each batch locks the rows it will change (`SELECT … FOR UPDATE`) before it reads them, writes only the columns that
 * change, and refuses, as CONFLICT, a row that someone else changed while the import ran: an edit committed during an
 * import is never overwritten by a value read before it.
 * A dry run does the very same work and rolls back, so what it reports is what applying would do. Applying commits
 * only when no row was refused: one refused row and nothing is written.
 */
export async function runImport(
  dataSource: DataSource,
  options: ImportOptions,
  importers: Record<ImportKind, ImporterFactory>,
): Promise<ImportReport> {
  const started = performance.now();
  const sha256 = await sha256OfFile(options.path);
  if (options.expectedSha256 && options.expectedSha256.toLowerCase() !== sha256) {
    throw new ImportRefusedError('CONFLICT', {
      id: 'Berkas berbeda dari berkas yang diperiksa pada uji coba: periksa ulang sebelum menerapkan',
      en: 'The file differs from the one reviewed in the dry run: review it again before applying',
    });
  }
  const format = options.format ?? (await sniffFormat(options.path));
  const report = new ReportBuilder(options.maxErrors ?? 1_000, options.maxResults ?? 10_000);
  const batchSize = options.batchSize ?? 500;
  const specs = new Map(IMPORT_COLUMNS[options.kind].map((spec) => [spec.field, spec]));
  let applied = false;

  try {
    await dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [IMPORT_LOCK_KEY]);
      const snapshot = await ImportSnapshot.take(manager);
      let importer: RowImporter<unknown> | null = null;
      let mapping: HeaderMapping | null = null;
      let headerOk = false;
      let batch: { row: number; value: unknown }[] = [];
      for await (const { row, cells } of readRows(options.path, format)) {
        if (!mapping) {
          mapping = mapHeaders(options.kind, cells.map((cell) => cellText(cell) ?? ''));
          report.ignoredColumns = mapping.ignored;
          for (const spec of mapping.missing) report.headerError(spec.header.id, 'missingColumn');
          for (const header of mapping.duplicates) report.headerError(header, 'duplicateColumn');
          if (report.errorCount > 0) break;
          headerOk = true;
          const headers = mapping;
          const rowError = (row: number, field: string, key: MessageKey, params: Record<string, string | number> = {}): RowError => {
            const column = headers.headerOf.get(field) ?? specs.get(field)?.header.id ?? field;
            const value = params.value === undefined ? undefined : String(params.value);
            return { row, column, field, ...message(key, { column, ...params }), key, ...(value !== undefined ? { value } : {}) };
          };
          const workforce: WorkforceServices = {
            areas: new AreaService(manager),
            workers: new WorkerService(dataSource, options.today),
            certifications: new CertificationService(dataSource, options.today),
            organisations: new OrganisationService(dataSource, options.today),
            assignments: new AssignmentService(dataSource, options.today),
          };
          importer = importers[options.kind]({ manager, actor: options.actor, workforce, report, today: options.today, snapshot, rowError });
          continue;
        }
        const reader = new RowReader(row, cells, mapping, specs);
        const value = importer!.parse(reader);
        if (value === null || reader.errors.length > 0) {
          report.failed(row, rowKey(reader), reader.errors);
          continue;
        }
        batch.push({ row, value });
        if (batch.length >= batchSize) {
          await importer!.apply(batch);
          batch = [];
        }
      }
      if (!mapping) report.headerError('', 'emptyFile');
      if (headerOk && importer) {
        if (batch.length > 0) await importer.apply(batch);
        await importer.finish();
      }
      if (options.dryRun || report.errorCount > 0) throw new Rollback();
    });
    applied = true;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }

  return {
    kind: options.kind,
    format,
    dryRun: options.dryRun,
    applied,
    sha256,
    summary: { ...report.summary },
    errors: report.errors,
    errorsTruncated: report.errorsTruncated,
    results: report.results,
    resultsTruncated: report.resultsTruncated,
    ignoredColumns: report.ignoredColumns,
    durationMs: Math.round(performance.now() - started),
  };
}

/** A refused row's key for the report: whatever identifies it best among the cells read. */
function rowKey(reader: RowReader): string {
  const code = reader.text('code') ?? reader.text('organisationCode');
  const nik = reader.text('nationalIdNumber');
  if (nik && reader.has('fullName')) return `${maskNik(nik)} ${reader.text('fullName') ?? ''}`.trim();
  return [nik ? maskNik(nik) : null, code].filter(Boolean).join(' → ') || `#${reader.row}`;
}

/** All but the last four characters hidden: reports may be shown on screen or logged. */
export function maskNik(value: string): string {
  return value.length <= 4 ? value : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}
