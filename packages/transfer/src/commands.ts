import 'reflect-metadata';
import { PassThrough, type Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { systemContext, withAuditContext } from '@peksos/db';
import { SYSTEM_ACTOR } from '@peksos/schema-kit';
import { isImportKind, todayIn, type FileFormat, type ImportReport, type Locale } from '@peksos/types';
import { ExportInputError, isExportList, prepareExport } from './export/export.service.js';
import { ImportRefusedError } from './import/engine.js';
import { importFile } from './import/import.service.js';
import { UnreadableFileError } from './reading.js';
import { buildTemplate } from './templates.js';

/**
 * The import and export commands (`pnpm run import`, `pnpm run export`), apart from where they run: cli.ts runs them
 * on a database it opens itself, or sends them to the running server that owns the embedded database, which runs
 * them here on its own connection (apps/api, operator commands). Paths in `argv` must already be absolute.
 */
export interface TransferCommandContext {
  /** Runs work on the database (opening it first when the caller has not). */
  withDataSource<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T>;
  /** Exports and --json reports. */
  stdout: Writable;
  /** The human report and errors. */
  stderr: Writable;
  /** Who is at the shell, for the audit log: `cli:<user>`. */
  actorLabel: string;
  timeZone: string;
}

export const TRANSFER_USAGE = `Peksos Registry: import and export spreadsheets

  pnpm run import <file.csv|file.xlsx> --kind organisations|workers|assignments [--apply] [--json]
      Without --apply: a dry run (nothing is written). With --apply: the whole file in one transaction, or
      nothing when any row is refused. Exit code 0 when clean, 1 when rows were refused.

  pnpm run export --kind coverage-gaps|workers|organisations|assignments|workforce-summary --format csv|xlsx
      [--area-code 32.77] [--as-of YYYY-MM-DD] [--certified-only] [--kinds LKS,...] [--search text]
      [--certification-status CERTIFIED] [--placed true|false] [--include-archived] [--lang id|en]
      [--include-nik] [--output file]          (writes to standard output unless --output)

  pnpm run export --template --kind workers --format xlsx --output templat.xlsx

The database: DATABASE_URL (PostgreSQL) or PEKSOS_DATA_DIR (embedded, default .data/pglite), as the server.
While the server runs on the embedded database, which one process at a time may open, the commands run through
it (docs/operating.md).`;

export class UsageError extends Error {}

function printReport(report: ImportReport, stderr: Writable): void {
  const { summary } = report;
  const mode = report.dryRun ? 'Uji coba / dry run' : report.applied ? 'Diterapkan / applied' : 'Ditolak, tidak ada yang disimpan / refused, nothing written';
  line(stderr, `${mode}: ${report.kind}, ${report.format}, sha256 ${report.sha256}`);
  line(
    stderr,
    `  ${summary.rows} baris/rows: ${summary.create} baru/create, ${summary.update} diubah/update, ` +
      `${summary.unchanged} tetap/unchanged, ${summary.error} ditolak/refused (${report.durationMs} ms)`,
  );
  if (report.ignoredColumns.length > 0) line(stderr, `  Kolom diabaikan / ignored columns: ${report.ignoredColumns.join(', ')}`);
  for (const error of report.errors) {
    line(stderr, `  baris/row ${error.row}${error.column ? `, ${error.column}` : ''} [${error.code}]: ${error.message.id} / ${error.message.en}`);
  }
  if (report.errorsTruncated) line(stderr, '  … (more errors: fix these and run again)');
}

async function runImportCommand(file: string | undefined, values: Record<string, unknown>, context: TransferCommandContext): Promise<number> {
  const kind = String(values.kind ?? '');
  if (!file || !isImportKind(kind)) throw new UsageError('import needs a file and --kind organisations|workers|assignments');
  const format = values.format === undefined ? undefined : parseFormat(String(values.format));
  return context.withDataSource(async (dataSource) => {
    // The operator at the server's shell acts as the system (an admin's rights); the audit log names them and the command.
    const operator = systemContext(`import ${kind}`, context.actorLabel);
    const report = await withAuditContext(operator, () => importFile(dataSource, {
      kind,
      // The command line runs as the system (the operator at the server's shell), as its audit context says.
      actor: SYSTEM_ACTOR,
      path: file,
      ...(format ? { format } : {}),
      dryRun: !values.apply,
      today: todayIn(context.timeZone),
      maxResults: values.json ? 1_000_000 : 0,
    }));
    printReport(report, context.stderr);
    if (values.json) context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.summary.error > 0 || report.errors.length > 0 ? 1 : 0;
  });
}

function parseFormat(value: string): FileFormat {
  if (value !== 'csv' && value !== 'xlsx') throw new UsageError('--format is csv or xlsx');
  return value;
}

/** Where an export goes: through a pipe, since exceljs and csv-stringify end the stream they write to. */
function outputStream(target: Writable): { stream: Writable; done: Promise<void> } {
  const stream = new PassThrough();
  stream.pipe(target, { end: false });
  return { stream, done: new Promise((resolveDone) => stream.on('end', resolveDone)) };
}

async function runExportCommand(values: Record<string, unknown>, context: TransferCommandContext): Promise<number> {
  const kind = String(values.kind ?? '');
  const format = parseFormat(String(values.format ?? 'csv'));
  const locale: Locale = values.lang === 'en' ? 'en' : 'id';
  const output = outputStream(context.stdout);
  if (values.template) {
    if (!isImportKind(kind)) throw new UsageError('--template needs --kind organisations|workers|assignments');
    output.stream.end(await buildTemplate(kind, format, locale));
    await output.done;
    return 0;
  }
  if (!isExportList(kind)) throw new UsageError('export needs --kind coverage-gaps|workers|organisations|assignments|workforce-summary');
  const query: Record<string, string | undefined> = {
    areaCode: values['area-code'] as string | undefined,
    asOf: values['as-of'] as string | undefined,
    certifiedOnly: values['certified-only'] ? 'true' : undefined,
    kinds: values.kinds as string | undefined,
    search: values.search as string | undefined,
    certificationStatus: values['certification-status'] as string | undefined,
    placed: values.placed as string | undefined,
    includeArchived: values['include-archived'] ? 'true' : undefined,
  };
  await context.withDataSource(async (dataSource) => {
    const prepared = await prepareExport(dataSource, kind, query, {
      format,
      locale,
      today: todayIn(context.timeZone),
      includeNationalIdNumbers: Boolean(values['include-nik']),
    });
    await prepared.write(output.stream);
    await output.done;
  });
  return 0;
}

/** Parses the command line (argv after `cli.js`) as the commands read it. */
export function parseTransferArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      kind: { type: 'string' },
      format: { type: 'string' },
      apply: { type: 'boolean' },
      json: { type: 'boolean' },
      template: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      lang: { type: 'string' },
      'area-code': { type: 'string' },
      'as-of': { type: 'string' },
      'certified-only': { type: 'boolean' },
      kinds: { type: 'string' },
      search: { type: 'string' },
      'certification-status': { type: 'string' },
      placed: { type: 'string' },
      'include-archived': { type: 'boolean' },
      'include-nik': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/**
 * Runs `import …` or `export …`; resolves to the exit code: 0 clean, 1 refused rows or a refused file, 2 wrong usage.
 * `--output` is the caller's business (cli.ts writes `stdout` to that file).
 */
export async function runTransferCommand(argv: string[], context: TransferCommandContext): Promise<number> {
  try {
    const { values, positionals } = parseTransferArgs(argv);
    const [command, file] = positionals;
    if (values.help || !command) {
      line(context.stderr, TRANSFER_USAGE);
      return values.help ? 0 : 2;
    }
    if (command === 'import') return await runImportCommand(file, values, context);
    if (command === 'export') return await runExportCommand(values, context);
    throw new UsageError(`Unknown command ${command}`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      line(context.stderr, `${(error as Error).message}\n\n${TRANSFER_USAGE}`);
      return 2;
    }
    if (error instanceof UnreadableFileError || error instanceof ImportRefusedError || error instanceof ExportInputError) {
      line(context.stderr, `${error.messageText.id}\n${error.messageText.en}`);
      return 1;
    }
    throw error;
  }
}

function line(stream: Writable, text: string): void {
  stream.write(`${text}\n`);
}

