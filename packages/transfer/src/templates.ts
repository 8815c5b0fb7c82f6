import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Locale } from '@peksos/types';
import type { FileFormat, ImportKind } from '@peksos/types';
import { IMPORT_COLUMNS } from './columns.js';
import { csvSafeRecord } from './export/writers.js';

/**
 * An import template: the header row and one example row. The XLSX template has every cell formatted as text (so a
 * NIK keeps its 16 digits) and a second sheet explaining each column.
 */
export async function buildTemplate(kind: ImportKind, format: FileFormat, locale: Locale): Promise<Buffer> {
  const specs = IMPORT_COLUMNS[kind];
  const headers = specs.map((spec) => (locale === 'en' ? spec.header.en : spec.header.id));
  const example = specs.map((spec) => spec.example);
  if (format === 'csv') {
    return Buffer.from(stringify([csvSafeRecord(headers), csvSafeRecord(example)], { bom: true, record_delimiter: 'windows' }), 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Peksos Registry';
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Data' : 'Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = specs.map((spec, index) => ({
    header: headers[index],
    width: Math.max(14, headers[index]!.length + 4, spec.example.length + 2),
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(example);
  const help = workbook.addWorksheet(locale === 'en' ? 'Instructions' : 'Petunjuk');
  help.columns = [
    { header: locale === 'en' ? 'Column' : 'Kolom', width: 32 },
    { header: locale === 'en' ? 'Required' : 'Wajib', width: 10 },
    { header: locale === 'en' ? 'What to write' : 'Cara mengisi', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const [index, spec] of specs.entries()) {
    help.addRow([headers[index], spec.required ? (locale === 'en' ? 'Yes' : 'Ya') : locale === 'en' ? 'No' : 'Tidak', locale === 'en' ? spec.help.en : spec.help.id]);
  }
  help.addRow([]);
  help.addRow([
    locale === 'en'
      ? 'Rows are matched on the national ID number (workers) or the organisation code: importing the same file again changes nothing. Delete the example row before importing.'
      : 'Baris dicocokkan berdasarkan NIK (Peksos) atau kode organisasi: mengimpor berkas yang sama lagi tidak mengubah apa pun. Hapus baris contoh sebelum mengimpor.',
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
