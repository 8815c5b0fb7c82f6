import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';
import { hugeSharedStringXlsx, longSheetXlsx } from './testing/xlsx-files.js';

const HEADER = 'NIK,Nama lengkap,Jenis kelamin,Status kepegawaian';

/**
 * What an upload may expand to, and the bytes a CSV may hold (issue 14, items 5 and 6), over real HTTP against the
 * real server: refusals are 400 BAD_USER_INPUT with a message that says where, and memory stays bounded.
 */
describe(`import limits (${testDatabaseKind()})`, () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
  });
  afterAll(() => api?.close());

  const post = async (body: Buffer | string) => {
    const response = await api.fetch('/api/import/workers?dryRun=true', { method: 'POST', body });
    return { status: response.status, body: (await response.json()) as any };
  };

  /** Runs `work` while sampling this process's resident memory (the server runs in it); returns the growth. */
  async function memoryGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number; seconds: number }> {
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const started = performance.now();
    try {
      const result = await work();
      peak = Math.max(peak, process.memoryUsage().rss);
      return { result, growthMb: (peak - before) / 1024 / 1024, seconds: (performance.now() - started) / 1000 };
    } finally {
      clearInterval(sampler);
    }
  }

  it('refuses an XLSX whose shared strings hold one 150 MB string, before memory grows', async () => {
    const bomb = await hugeSharedStringXlsx(150 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const { result, growthMb, seconds } = await memoryGrowth(() => post(bomb));
    console.log(`XLSX bomb (${Math.round(bomb.length / 1024)} KB → 150 MB): refused in ${seconds.toFixed(2)} s, memory +${growthMb.toFixed(0)} MB`);
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('BAD_USER_INPUT');
    expect(result.body.error.message.en).toMatch(/longer than 32767 characters .*sharedStrings/);
    expect(growthMb).toBeLessThan(50);
  });

  it('refuses an XLSX whose sheet inflates past the limit of one part, before memory grows', async () => {
    const bomb = await longSheetXlsx(2_300_000);
    const { result, growthMb, seconds } = await memoryGrowth(() => post(bomb));
    console.log(`XLSX long sheet (${Math.round(bomb.length / 1024)} KB → 290 MB): refused in ${seconds.toFixed(2)} s, memory +${growthMb.toFixed(0)} MB`);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(result.body.error.message.en).toMatch(/too large once unpacked .*sheet1\.xml/);
    expect(growthMb).toBeLessThan(50);
  }, 60_000);

  it('refuses a row with too many columns, and a cell longer than Excel allows, naming the row', async () => {
    const wide = await post(`${HEADER}${',x'.repeat(200)}\n3277011234560009,Nama,P,PNS\n`);
    expect(wide.status).toBe(400);
    expect(wide.body.error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(wide.body.error.message.en).toBe('Row 1 has 204 columns: at most 200');
    const long = await post(`${HEADER}\n3277011234560009,${'x'.repeat(40_000)},P,PNS\n`);
    expect(long.status).toBe(400);
    expect(long.body.error.message.en).toBe('Row 2, column 2: the cell holds 40000 characters, at most 32767');
  });

  it('refuses a CSV with a NUL byte with BAD_USER_INPUT naming the row, not 500', async () => {
    const response = await post(`${HEADER}\n3277011234560009,Siti\u0000Aminah,P,PNS\n3277011234560010,Budi,L,PNS\n`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_USER_INPUT');
    expect(response.body.error.message.en).toBe(
      'Row 2, column 2: the cell holds a NUL character (byte 0); the file is damaged or not text',
    );
    expect(response.body.error.message.id).toMatch(/^Baris 2, kolom 2/);
  });

  it('reads a Windows-1252 CSV (Excel on Windows) with its accents, and UTF-8 as before', async () => {
    const text = `${HEADER}\n3277011234560011,André Çelik,L,PNS\n3277011234560012,Zoë Müller,P,PNS\n`;
    const windows1252 = Buffer.from(text, 'latin1');
    expect(windows1252.includes(0xe9)).toBe(true);
    for (const body of [windows1252, Buffer.from(text, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])]) {
      const response = await post(body);
      expect(response.status).toBe(200);
      expect(response.body.results.map((result: { key: string }) => result.key)).toEqual([
        '************0011 André Çelik',
        '************0012 Zoë Müller',
      ]);
    }
  });
});
