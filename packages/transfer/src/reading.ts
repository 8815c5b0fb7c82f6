import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { CellValue } from './values.js';

export type FileFormat = 'csv' | 'xlsx';

/** A row as read: its number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

export class UnreadableFileError extends Error {
  constructor(readonly messageText: { id: string; en: string }) {
    super(messageText.en);
    this.name = 'UnreadableFileError';
  }
}

/** Looks at the first bytes: XLSX files are ZIP archives; old binary XLS files are refused with a clear message. */
export async function sniffFormat(path: string): Promise<FileFormat> {
  const head = await readHead(path, 8);
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new UnreadableFileError({
      id: 'Berkas XLS lama (Excel 97-2003) tidak didukung: simpan sebagai XLSX atau CSV',
      en: 'Old XLS files (Excel 97-2003) are not supported: save as XLSX or CSV',
    });
  }
  return 'csv';
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The delimiter of a CSV file, from its first line: a comma, or the semicolon that Excel writes where the decimal
 * separator is a comma (as in Indonesia), or a tab.
 */
async function detectDelimiter(path: string): Promise<string> {
  const head = (await readHead(path, 64 * 1024)).toString('utf8');
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: unquoted.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]!.count > 0 ? counts[0]!.delimiter : ',';
}

/** Reads the rows of a CSV or XLSX file one at a time, never the whole file at once. XLSX: the first worksheet. */
export async function* readRows(path: string, format: FileFormat): AsyncGenerator<SheetRow> {
  if (format === 'csv') yield* readCsvRows(path);
  else yield* readXlsxRows(path);
}

async function* readCsvRows(path: string): AsyncGenerator<SheetRow> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      delimiter: await detectDelimiter(path),
      relax_column_count: true,
      skip_empty_lines: false,
      info: false,
    }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (record.every((cell) => cell.trim() === '')) continue;
      yield { row, cells: record };
    }
  } catch (error) {
    throw new UnreadableFileError({
      id: `Berkas CSV tidak dapat dibaca setelah baris ${row}: ${(error as Error).message}`,
      en: `The CSV file cannot be read after row ${row}: ${(error as Error).message}`,
    });
  }
}

async function* readXlsxRows(path: string): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(path), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        // exceljs rows are 1-based: values[0] is empty.
        const cells = values.slice(1).map(toCellValue);
        if (cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))) continue;
        yield { row: row.number, cells };
      }
      return; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError({
      id: `Berkas XLSX tidak dapat dibaca: ${(error as Error).message}`,
      en: `The XLSX file cannot be read: ${(error as Error).message}`,
    });
  }
}

function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const object = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (object.richText) return object.richText.map((part) => part.text).join('');
    if ('result' in object) return toCellValue(object.result);
    if (object.text !== undefined) return toCellValue(object.text);
    if (object.error) return null;
  }
  return String(value);
}
