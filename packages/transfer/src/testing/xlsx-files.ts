import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** One part of a hand-made XLSX: its text, or a text repeated to a size (inflated lazily, never held whole). */
export type XlsxPart = { name: string; text: string } | { name: string; prefix: string; repeat: string; times: number; suffix: string };

async function deflatePart(part: XlsxPart): Promise<{ data: Buffer; crc: number; size: number }> {
  if ('text' in part) {
    const raw = Buffer.from(part.text, 'utf8');
    return { data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
  }
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (buffer: Buffer) => {
    crc = crc32(buffer, crc);
    size += buffer.length;
    if (!deflate.write(buffer)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(Buffer.from(part.prefix, 'utf8'));
  // Repeats in blocks of about 1 MiB.
  const perBlock = Math.max(1, Math.floor((1024 * 1024) / Buffer.byteLength(part.repeat)));
  const block = Buffer.from(part.repeat.repeat(perBlock), 'utf8');
  let left = part.times;
  while (left >= perBlock) {
    await write(block);
    left -= perBlock;
  }
  if (left > 0) await write(Buffer.from(part.repeat.repeat(left), 'utf8'));
  await write(Buffer.from(part.suffix, 'utf8'));
  deflate.end();
  await done;
  return { data: Buffer.concat(chunks), crc: crc >>> 0, size };
}

/** A ZIP archive of deflated parts, as Excel writes them (sizes in the local headers, no data descriptors). */
export async function zipParts(parts: XlsxPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, crc, size } = await deflatePart(part);
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_END = `</sheetData></worksheet>`;
const SST_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

/**
 * A workers XLSX whose shared-strings part holds one string of `stringBytes` letters, as the audit's decompression
 * bomb: about 150 KB of file for 150 MB of string.
 */
export function hugeSharedStringXlsx(stringBytes: number): Promise<Buffer> {
  return zipParts([
    { name: '[Content_Types].xml', text: CONTENT_TYPES },
    { name: '_rels/.rels', text: ROOT_RELS },
    { name: 'xl/workbook.xml', text: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', text: WORKBOOK_RELS },
    {
      name: 'xl/sharedStrings.xml',
      prefix: `${SST_START}<si><t>NIK</t></si><si><t>Nama lengkap</t></si><si><t>`,
      repeat: 'A',
      times: stringBytes,
      suffix: '</t></si></sst>',
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      text: `${SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>3277011234560009</t></is></c><c r="B2" t="s"><v>2</v></c></row>${SHEET_END}`,
    },
  ]);
}

/** A workers XLSX whose sheet inflates to `rows` short rows: each cell is small, the whole is not. */
export function longSheetXlsx(rows: number): Promise<Buffer> {
  return zipParts([
    { name: '[Content_Types].xml', text: CONTENT_TYPES },
    { name: '_rels/.rels', text: ROOT_RELS },
    { name: 'xl/workbook.xml', text: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', text: WORKBOOK_RELS },
    { name: 'xl/sharedStrings.xml', text: `${SST_START}<si><t>NIK</t></si><si><t>Nama lengkap</t></si></sst>` },
    {
      name: 'xl/worksheets/sheet1.xml',
      prefix: `${SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`,
      repeat: '<row><c t="inlineStr"><is><t>3277011234560009</t></is></c><c t="inlineStr"><is><t>Nama Pekerja Sosial</t></is></c></row>',
      times: rows,
      suffix: SHEET_END,
    },
  ]);
}
