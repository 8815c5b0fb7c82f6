import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { BilingualLabel, Locale } from '@peksos/types';
import { formatBoolean } from '../values.js';
import type { FileFormat } from '@peksos/types';

export type ColumnType = 'text' | 'date' | 'number' | 'boolean';
export type OutputCell = string | number | boolean | null;

export interface OutputColumn {
  header: BilingualLabel;
  type: ColumnType;
  /** Width in characters for XLSX. */
  width?: number;
}

/** A table to write: its columns and its rows, produced one at a time. Dates are `YYYY-MM-DD` strings. */
export interface OutputTable {
  /** Worksheet name. */
  title: string;
  columns: OutputColumn[];
  rows: AsyncIterable<OutputCell[]>;
}

/**
 * A CSV cell a spreadsheet will not run as a formula (OWASP, "CSV Injection"): text starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return gets a leading apostrophe, which Excel and LibreOffice show as text and do not evaluate.
 * Every text cell of every CSV the server writes goes through this; numbers are written as numbers and need nothing.
 * XLSX needs no such step: its cells are typed, and a string cell is never a formula.
 */
export function csvSafeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One record of a CSV file, every text cell neutralised (see csvSafeText). */
export function csvSafeRecord(record: readonly (string | number | null | undefined)[]): (string | number)[] {
  return record.map((cell) => (cell === null || cell === undefined ? '' : typeof cell === 'string' ? csvSafeText(cell) : cell));
}

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Writes a table as CSV (UTF-8 with a byte-order mark so Excel reads the accents; dates yyyy-mm-dd) or XLSX (dates
 * as real date cells shown dd/mm/yyyy; national ID numbers and codes as text, so Excel keeps every digit), streaming
 * row by row to `output`.
 */
export async function writeTable(table: OutputTable, format: FileFormat, locale: Locale, output: Writable): Promise<void> {
  if (format === 'csv') await writeCsv(table, locale, output);
  else await writeXlsx(table, locale, output);
}

function textOf(value: OutputCell, type: ColumnType, locale: Locale): string | number | null {
  if (value === null) return null;
  if (type === 'boolean') return formatBoolean(Boolean(value), locale);
  if (type === 'number') return typeof value === 'number' ? value : Number(value);
  return String(value);
}

async function writeCsv(table: OutputTable, locale: Locale, output: Writable): Promise<void> {
  const stringifier = stringify({ bom: true, record_delimiter: 'windows' });
  stringifier.pipe(output);
  const write = async (record: unknown[]) => {
    if (!stringifier.write(record)) await once(stringifier, 'drain');
  };
  await write(csvSafeRecord(table.columns.map((column) => (locale === 'en' ? column.header.en : column.header.id))));
  for await (const row of table.rows) {
    await write(csvSafeRecord(row.map((value, index) => textOf(value, table.columns[index]!.type, locale))));
  }
  stringifier.end();
  await once(stringifier, 'end');
  await new Promise<void>((resolve) => {
    if ((output as Writable & { writableFinished?: boolean }).writableFinished) resolve();
    else output.once('finish', () => resolve());
  });
}

async function writeXlsx(table: OutputTable, locale: Locale, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    header: locale === 'en' ? column.header.en : column.header.id,
    width: column.width ?? (column.type === 'date' ? 12 : column.type === 'text' ? 22 : 10),
    style: column.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : column.type === 'text' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const row of table.rows) {
    sheet
      .addRow(
        row.map((value, index) => {
          const type = table.columns[index]!.type;
          if (value === null) return null;
          if (type === 'date') {
            const [year, month, day] = String(value).split('-').map(Number) as [number, number, number];
            return new Date(Date.UTC(year, month - 1, day));
          }
          return textOf(value, type, locale);
        }),
      )
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}
