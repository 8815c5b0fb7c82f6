import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import type { FileFormat } from '@peksos/types';
import type { CellValue } from './values.js';

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

/**
 * What an upload may expand to once read (docs/import-export.md, "Limits"): a small XLSX can inflate to gigabytes
 * (a "decompression bomb"), so the archive is checked entry by entry while it is inflated, and the rows as they come.
 */
export interface ReadLimits {
  /** All the parts of an XLSX archive together, inflated. */
  maxInflatedBytes: number;
  /** One part of an XLSX archive, inflated (the shared strings are held in memory while the sheet is read). */
  maxEntryBytes: number;
  /** Data rows (after the header). */
  maxRows: number;
  /** Columns of a row. */
  maxColumns: number;
  /** Characters in a cell: Excel's own limit. */
  maxCellChars: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxInflatedBytes: 1024 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxRows: 500_000,
  maxColumns: 200,
  maxCellChars: 32_767,
};

/** Reads the rows of a CSV or XLSX file one at a time, never the whole file at once. XLSX: the first worksheet. */
export async function* readRows(path: string, format: FileFormat, limits: ReadLimits = DEFAULT_READ_LIMITS): AsyncGenerator<SheetRow> {
  let rows = 0;
  for await (const sheetRow of format === 'csv' ? readCsvRows(path, limits) : readXlsxRows(path, limits)) {
    rows += 1;
    // The header is one of them.
    if (rows > limits.maxRows + 1) {
      throw new UnreadableFileError({
        id: `Berkas terlalu panjang: paling banyak ${limits.maxRows} baris data; bagi menjadi beberapa berkas`,
        en: `The file is too long: at most ${limits.maxRows} data rows; split it into several files`,
      });
    }
    if (sheetRow.cells.length > limits.maxColumns) {
      throw new UnreadableFileError({
        id: `Baris ${sheetRow.row} punya ${sheetRow.cells.length} kolom: paling banyak ${limits.maxColumns}`,
        en: `Row ${sheetRow.row} has ${sheetRow.cells.length} columns: at most ${limits.maxColumns}`,
      });
    }
    sheetRow.cells.forEach((cell, index) => {
      if (typeof cell !== 'string') return;
      if (cell.length > limits.maxCellChars) {
        throw new UnreadableFileError({
          id: `Baris ${sheetRow.row}, kolom ${index + 1}: sel berisi ${cell.length} karakter, paling banyak ${limits.maxCellChars}`,
          en: `Row ${sheetRow.row}, column ${index + 1}: the cell holds ${cell.length} characters, at most ${limits.maxCellChars}`,
        });
      }
      // PostgreSQL text cannot hold NUL, and no spreadsheet means one: the file is damaged or not text.
      if (cell.includes('\u0000')) {
        throw new UnreadableFileError({
          id: `Baris ${sheetRow.row}, kolom ${index + 1}: sel berisi karakter NUL (byte 0); berkas rusak atau bukan teks`,
          en: `Row ${sheetRow.row}, column ${index + 1}: the cell holds a NUL character (byte 0); the file is damaged or not text`,
        });
      }
    });
    yield sheetRow;
  }
}

/**
 * The text encoding of a CSV file: UTF-8 when every byte sequence is valid UTF-8, otherwise Windows-1252 (what Excel
 * on Windows writes with "CSV (Comma delimited)"; Latin-1 files decode the same for every letter). A documented
 * choice (docs/import-export.md): decoding beats refusing the files offices actually have.
 */
export async function detectCsvEncoding(path: string): Promise<'utf-8' | 'windows-1252'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function decodingStream(encoding: string): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decoder.decode(chunk, { stream: true }));
    },
    flush(callback) {
      callback(null, decoder.decode());
    },
  });
}

async function* readCsvRows(path: string, limits: ReadLimits): AsyncGenerator<SheetRow> {
  const encoding = await detectCsvEncoding(path);
  const input: Readable = encoding === 'utf-8' ? createReadStream(path) : createReadStream(path).pipe(decodingStream(encoding));
  const parser = input.pipe(
    parse({
      bom: true,
      delimiter: await detectDelimiter(path),
      relax_column_count: true,
      skip_empty_lines: false,
      // A record's size in characters: bounds what one unterminated quote can make the parser hold.
      max_record_size: limits.maxCellChars * 4,
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
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError({
      id: `Berkas CSV tidak dapat dibaca setelah baris ${row}: ${(error as Error).message}`,
      en: `The CSV file cannot be read after row ${row}: ${(error as Error).message}`,
    });
  }
}

/**
 * Inflates every part of an XLSX archive once, with the zip parser exceljs reads it with (so both see the same
 * parts), counting the bytes as they come and refusing before memory grows: past the limits, or when an XML part
 * holds a text or tag longer than a cell may be (one huge shared string), or XML constructs Excel never writes
 * (comments, CDATA, DOCTYPE), which a parser would also hold whole.
 */
export async function checkXlsxArchive(path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<void> {
  // Entities and UTF-8 take up to 10 bytes a character; markup between cells is short.
  const maxRun = limits.maxCellChars * 10;
  let total = 0;
  const refuse = (id: string, en: string) => new UnreadableFileError({ id, en });
  const source = createReadStream(path);
  const zip = source.pipe(unzipper.Parse({ forceStream: true }));
  try {
    for await (const entry of zip as AsyncIterable<unzipper.Entry>) {
      const isXml = /\.(xml|rels)$/i.test(entry.path);
      let entryBytes = 0;
      let run = 0;
      let afterLt = false;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        entryBytes += chunk.length;
        total += chunk.length;
        if (entryBytes > limits.maxEntryBytes || total > limits.maxInflatedBytes) {
          throw refuse(
            `Berkas XLSX terlalu besar setelah dibuka (bagian ${entry.path} melebihi batas): simpan sebagai CSV atau bagi menjadi beberapa berkas`,
            `The XLSX file is too large once unpacked (the part ${entry.path} exceeds the limit): save it as CSV or split it`,
          );
        }
        if (!isXml) continue;
        for (let index = 0; index < chunk.length; index += 1) {
          const byte = chunk[index]!;
          if (afterLt && byte === 0x21 /* ! */) {
            throw refuse(
              `Berkas XLSX berisi XML yang tidak ditulis Excel (komentar, CDATA atau DOCTYPE) di ${entry.path}`,
              `The XLSX file holds XML that Excel does not write (a comment, CDATA or DOCTYPE) in ${entry.path}`,
            );
          }
          afterLt = byte === 0x3c; /* < */
          if (byte === 0x3c || byte === 0x3e /* > */) {
            run = 0;
          } else if (++run > maxRun) {
            throw refuse(
              `Berkas XLSX berisi sel atau teks lebih dari ${limits.maxCellChars} karakter (di ${entry.path})`,
              `The XLSX file holds a cell or text longer than ${limits.maxCellChars} characters (in ${entry.path})`,
            );
          }
        }
      }
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw refuse(`Berkas XLSX tidak dapat dibaca: ${(error as Error).message}`, `The XLSX file cannot be read: ${(error as Error).message}`);
  } finally {
    source.destroy();
    zip.destroy();
  }
}

async function* readXlsxRows(path: string, limits: ReadLimits): AsyncGenerator<SheetRow> {
  await checkXlsxArchive(path, limits);
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
