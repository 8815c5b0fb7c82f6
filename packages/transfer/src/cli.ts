#!/usr/bin/env node
import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { openDatabase, systemContext, withAuditContext, type Database, type DatabaseLocation } from '@peksos/db';
import { workforceModule } from '@peksos/schema-workforce';
import { todayIn, type Locale } from '@peksos/types';
import { isImportKind } from './columns.js';
import { ExportInputError, isExportList, prepareExport } from './export/export.service.js';
import { ImportRefusedError } from './import/engine.js';
import { importFile } from './import/import.service.js';
import type { ImportReport } from './import/report.js';
import { UnreadableFileError, type FileFormat } from './reading.js';
import { buildTemplate } from './templates.js';

const USAGE = `Peksos Registry: import and export spreadsheets

  pnpm run import <file.csv|file.xlsx> --kind organisations|workers|assignments [--apply] [--json]
      Without --apply: a dry run (nothing is written). With --apply: the whole file in one transaction, or
      nothing when any row is refused. Exit code 0 when clean, 1 when rows were refused.

  pnpm run export --kind coverage-gaps|workers|organisations|assignments|workforce-summary --format csv|xlsx
      [--area-code 32.77] [--as-of YYYY-MM-DD] [--certified-only] [--kinds LKS,...] [--search text]
      [--certification-status CERTIFIED] [--placed true|false] [--include-archived] [--lang id|en]
      [--include-nik] [--output file]          (writes to standard output unless --output)

  pnpm run export --template --kind workers --format xlsx --output templat.xlsx

The database: DATABASE_URL (PostgreSQL) or PEKSOS_DATA_DIR (embedded, default .data/pglite), as the server.
The embedded database can be opened by one process at a time: stop the server first, or use its HTTP endpoints.`;

class UsageError extends Error {}

function databaseLocation(env: NodeJS.ProcessEnv): DatabaseLocation {
  if (env.DATABASE_URL) {
    if (env.PEKSOS_DATA_DIR) throw new UsageError('Set either DATABASE_URL (PostgreSQL) or PEKSOS_DATA_DIR (embedded), not both');
    return { kind: 'postgres', url: env.DATABASE_URL };
  }
  const dataDir = env.PEKSOS_DATA_DIR ?? '.data/pglite';
  return { kind: 'embedded', dataDir: dataDir === 'memory' ? null : resolve(dataDir) };
}

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({
    location: databaseLocation(process.env),
    entities: workforceModule.entities,
    migrations: workforceModule.migrations,
    poolSize: 2,
  });
  try {
    const [{ exists }] = (await database.dataSource.query(`SELECT to_regclass('public.worker') IS NOT NULL AS exists`)) as [{ exists: boolean }];
    if (!exists) throw new UsageError('The database has no registry tables yet: start the server once (pnpm start) to create them.');
    return await work(database);
  } finally {
    await database.close();
  }
}

function printReport(report: ImportReport): void {
  const { summary } = report;
  const mode = report.dryRun ? 'Uji coba / dry run' : report.applied ? 'Diterapkan / applied' : 'Ditolak, tidak ada yang disimpan / refused, nothing written';
  console.error(`${mode}: ${report.kind}, ${report.format}, sha256 ${report.sha256}`);
  console.error(
    `  ${summary.rows} baris/rows: ${summary.create} baru/create, ${summary.update} diubah/update, ` +
      `${summary.unchanged} tetap/unchanged, ${summary.error} ditolak/refused (${report.durationMs} ms)`,
  );
  if (report.ignoredColumns.length > 0) console.error(`  Kolom diabaikan / ignored columns: ${report.ignoredColumns.join(', ')}`);
  for (const error of report.errors) {
    console.error(`  baris/row ${error.row}${error.column ? `, ${error.column}` : ''} [${error.code}]: ${error.message.id} / ${error.message.en}`);
  }
  if (report.errorsTruncated) console.error('  … (more errors: fix these and run again)');
}

async function runImportCommand(file: string | undefined, values: Record<string, unknown>): Promise<number> {
  const kind = String(values.kind ?? '');
  if (!file || !isImportKind(kind)) throw new UsageError('import needs a file and --kind organisations|workers|assignments');
  const format = values.format === undefined ? undefined : parseFormat(String(values.format));
  return withDatabase(async (database) => {
    // The operator at the server's shell acts as the system (an admin's rights); the audit log names them and the command.
    const operator = systemContext(`import ${kind}`, `cli:${userInfo().username}`);
    const report = await withAuditContext(operator, () => importFile(database.dataSource, {
      kind,
      path: resolve(file),
      ...(format ? { format } : {}),
      dryRun: !values.apply,
      today: todayIn(process.env.PEKSOS_TIME_ZONE ?? 'Asia/Jakarta'),
      maxResults: values.json ? 1_000_000 : 0,
    }));
    printReport(report);
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.summary.error > 0 || report.errors.length > 0 ? 1 : 0;
  });
}

function parseFormat(value: string): FileFormat {
  if (value !== 'csv' && value !== 'xlsx') throw new UsageError('--format is csv or xlsx');
  return value;
}

/** Standard output, or a file; resolves once everything is written. */
function outputStream(path: string | undefined): { stream: Writable; done: Promise<void> } {
  if (path) {
    const stream = createWriteStream(resolve(path));
    return { stream, done: new Promise((resolveDone, reject) => stream.on('finish', resolveDone).on('error', reject)) };
  }
  // exceljs and csv-stringify end the stream they write to; standard output must stay open, so write through a pipe.
  const stream = new PassThrough();
  stream.pipe(process.stdout, { end: false });
  return { stream, done: new Promise((resolveDone) => stream.on('end', resolveDone)) };
}

async function runExportCommand(values: Record<string, unknown>): Promise<number> {
  const kind = String(values.kind ?? '');
  const format = parseFormat(String(values.format ?? 'csv'));
  const locale: Locale = values.lang === 'en' ? 'en' : 'id';
  const output = outputStream(values.output as string | undefined);
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
  await withDatabase(async (database) => {
    const prepared = await prepareExport(database.dataSource, kind, query, {
      format,
      locale,
      today: todayIn(process.env.PEKSOS_TIME_ZONE ?? 'Asia/Jakarta'),
      includeNationalIdNumbers: Boolean(values['include-nik']),
    });
    await prepared.write(output.stream);
    await output.done;
  });
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
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
  const [command, file] = positionals;
  if (values.help || !command) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'import') return runImportCommand(file, values);
  if (command === 'export') return runExportCommand(values);
  throw new UsageError(`Unknown command ${command}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof UnreadableFileError || error instanceof ImportRefusedError || error instanceof ExportInputError) {
      console.error(`${error.messageText.id}\n${error.messageText.en}`);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
