/**
 * Measures the import of a large workers file: generates N rows (50,000 by default) as CSV or XLSX, streaming to a
 * temporary file, then dry-runs, applies and re-imports it on a fresh database, sampling the process's memory.
 *
 *   pnpm --filter @peksos/transfer build && node packages/transfer/dist/scripts/large-import.js [--rows 50000] [--format csv|xlsx]
 *
 * Uses in-memory PGlite (which runs inside this process, so its memory counts in the figures), or DATABASE_URL.
 * Not part of `pnpm test`; the tests import 2,000 rows.
 */
import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { loadDataSetIfEmpty, migrate, openDatabase, systemContext, withAuditContext } from '@peksos/db';
import { createTestDatabaseLocation } from '@peksos/db/testing';
import { SYSTEM_ACTOR } from '@peksos/schema-kit';
import { workforceModule } from '@peksos/schema-workforce';
import { todayIn } from '@peksos/types';
import { WORKER_COLUMNS } from '../columns.js';
import { importFile } from '../import/import.service.js';

const KELURAHAN = ['32.77.01.1001', '32.77.01.1002', '32.77.01.1003', '32.77.02.1001', '32.77.02.1006', '32.77.03.1004'];

function row(i: number): string[] {
  const certified = i % 3 === 0;
  return [
    `32778800${String(i).padStart(8, '0')}`,
    `Peksos Uji ${i}`,
    i % 2 ? 'Laki-laki' : 'Perempuan',
    'Kontrak program',
    `08${1_000_000_000 + i}`,
    `peksos${i}@example.org`,
    KELURAHAN[i % KELURAHAN.length]!,
    'Generalis',
    certified ? `BULK/${i}` : '',
    certified ? 'LSPS' : '',
    certified ? '01/02/2019' : '',
    '',
    certified ? '' : '20/02/2030',
  ];
}

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${WORKER_COLUMNS.map((spec) => spec.header.id).join(',')}\n`);
  for (let i = 0; i < rows; i++) await write(`${row(i).join(',')}\n`);
  out.end();
  await once(out, 'finish');
}

async function writeXlsx(path: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Peksos');
  sheet.addRow(WORKER_COLUMNS.map((spec) => spec.header.id)).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await workbook.commit();
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, format: { type: 'string' } } });
  const rows = Number(values.rows ?? 50_000);
  const format = values.format === 'xlsx' ? 'xlsx' : 'csv';
  const directory = await mkdtemp(join(tmpdir(), 'peksos-large-'));
  const path = join(directory, `workers.${format}`);
  const location = await createTestDatabaseLocation();
  const database = await openDatabase({ location: location.location, entities: workforceModule.entities, migrations: workforceModule.migrations });
  try {
    await migrate(database.dataSource);
    await loadDataSetIfEmpty(database.dataSource.manager, [workforceModule.dataSets!.cimahi!]);
    let started = performance.now();
    if (format === 'csv') await writeCsv(path, rows);
    else await writeXlsx(path, rows);
    console.log(`Generated ${rows} worker rows as ${format}: ${mib((await stat(path)).size)} in ${Math.round(performance.now() - started)} ms`);

    global.gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeap = baseline.heapUsed;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    }, 50);
    console.log(`Before importing: rss ${mib(baseline.rss)}, heap ${mib(baseline.heapUsed)} (the embedded database runs in this process)`);

    const today = todayIn('Asia/Jakarta');
    for (const [label, dryRun] of [['dry run', true], ['apply', false], ['re-import (apply)', false]] as const) {
      started = performance.now();
      // As the CLI does: the system (an admin's rights), so the tables' row-level security is part of what is measured.
      const report = await withAuditContext(systemContext('import workers', 'large-import'), () =>
        importFile(database.dataSource, { kind: 'workers', actor: SYSTEM_ACTOR, path, dryRun, today, maxResults: 0 }),
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${label.padEnd(18)} ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s): ` +
          `${report.summary.create} create, ${report.summary.update} update, ${report.summary.unchanged} unchanged, ${report.summary.error} error; ` +
          `peak so far rss ${mib(peakRss)}, heap ${mib(peakHeap)}`,
      );
      if (report.summary.error > 0) console.log(report.errors.slice(0, 5));
    }
    clearInterval(sampler);
    console.log(`Peak: rss ${mib(peakRss)} (+${mib(peakRss - baseline.rss)}), heap ${mib(peakHeap)} (+${mib(peakHeap - baseline.heapUsed)})`);
  } finally {
    await database.close();
    await location.dispose();
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
