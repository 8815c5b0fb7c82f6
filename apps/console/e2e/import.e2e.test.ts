import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { graphql, useBrowser, screenshot, SCREENSHOT_DIR, signIn } from './browser.js';
import { serverUrl } from './server.js';

const WORKERS_WITH_MISTAKES = [
  'NIK,Nama lengkap,Jenis kelamin,Status kepegawaian,Telepon,Email,Kode wilayah domisili,Jenjang sertifikasi,Tanggal uji kompetensi',
  '3277011234567101,Valid Satu Impor,P,PPPK,,,32.77.01.1001,,', // 2: would be created
  '32770112345,NIK Pendek,P,PPPK,,,32.77.01.1001,,', // 3: NIK of 11 digits
  '3277011234567103,Wilayah Salah,P,PPPK,,,32.77.09.9999,,', // 4: no such kelurahan
  '3277011234567101,Ganda,P,PPPK,,,32.77.01.1001,,', // 5: the NIK of row 2 again
  '3277011234567105,,L,PNS,,,32.77.02.1001,,', // 6: no name
  '3277011234567106,Kelamin Salah,X,PPPK,,,32.77.01.1001,,', // 7: unknown gender
  '3277011234567107,Telepon Salah,P,PPPK,abc123,,32.77.01.1001,,', // 8: phone
  '3277011234567108,Email Salah,P,PPPK,,siti@,32.77.01.1001,,', // 9: e-mail
  '3277011234567109,Tanggal Salah,L,PNS,,,32.77.01.1001,Generalis,31/02/2030', // 10: no 31 February
].join('\r\n');

/** Each refused row: the column the console must name and part of the message it must show. */
const EXPECTED_PROBLEMS: [row: number, column: string, message: string][] = [
  [3, 'NIK', 'NIK "32770112345" tidak valid: NIK terdiri dari 16 angka'],
  [4, 'Kode wilayah domisili', 'Kode wilayah 32.77.09.9999 tidak terdaftar'],
  [5, 'NIK', 'sudah ada di baris 2 berkas ini'],
  [6, 'Nama lengkap', 'Nama lengkap wajib diisi'],
  [7, 'Jenis kelamin', 'Jenis kelamin "X" tidak dikenali'],
  [8, 'Telepon', 'Nomor telepon "abc123" tidak valid'],
  [9, 'Email', 'Alamat email "siti@" tidak valid'],
  [10, 'Tanggal uji kompetensi', 'Tanggal "31/02/2030" tidak dikenali'],
];

// Neither organisation should have a worker, so the coverage figures other browser tests check stay as they are.
const ORGANISATIONS = [
  'Kode organisasi,Nama organisasi,Jenis,Kode wilayah,Kode organisasi induk,Perlu Peksos,Akreditasi,Akreditasi berlaku sampai,Alamat',
  'LKS-E2E-01,LKS Impor Peduli Insan,LKS,32.77.03.1002,YAY-E2E-00,Tidak,B,31/12/2027,Jl. Mawar 1',
  'YAY-E2E-00,Yayasan Impor Sejahtera,Lainnya,32.77,,Tidak,,,',
].join('\r\n');

async function chooseFile(page: Page, name: string, content: string): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
}

async function total(page: Page, action: string): Promise<string | null> {
  return page.getByTestId(`import-total-${action}-value`).textContent();
}

/** A full-page screenshot from the top (the header is fixed: scrolled, it would show up in the middle). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** Records the requests the page makes to /api/*, to check what they carry. */
function recordApiRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(request);
  });
  return requests;
}

describe('importing spreadsheets from the console', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  it('offers the workers template from the navigation, in the language of the console', async () => {
    const page = await browser.newPage();
    const requests = recordApiRequests(page);
    await signIn(page, 'admin', `/`);
    await page.getByRole('link', { name: 'Impor data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impor data' }).waitFor();
    expect(await page.getByText('Impor berurutan: organisasi dulu, lalu pekerja sosial, lalu penugasan').count()).toBe(1);
    await page.getByRole('radio', { name: /Pekerja sosial/ }).click();
    expect(new URL(page.url()).searchParams.get('kind')).toBe('workers');
    await page.getByText('Templat Pekerja sosial').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template-csv').click()]);
    expect(download.suggestedFilename()).toBe('templat-workers.csv');
    const template = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
    expect(template.split(/\r?\n/)[0]).toMatch(/^NIK,Nama lengkap,Jenis kelamin,Status kepegawaian,/);

    // Every request to /api/* carries the CSRF header (the server will soon require it with cookie sessions).
    expect(requests.map((request) => [new URL(request.url()).pathname, request.headers()['x-peksos-csrf']])).toEqual([
      ['/api/templates/workers.csv', '1'],
    ]);
    await shot(page, '20-import-start');
    await page.close();
  });

  it('shows every refused row of a workers file with its column and message, cannot apply it, and writes nothing', async () => {
    const page = await browser.newPage();
    const requests = recordApiRequests(page);
    await signIn(page, 'admin', `/import?kind=workers`);
    await chooseFile(page, 'peksos-salah.csv', WORKERS_WITH_MISTAKES);
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByTestId('import-report').waitFor();

    expect(await total(page, 'create')).toBe('1');
    expect(await total(page, 'error')).toBe('8');
    expect(await total(page, 'update')).toBe('0');
    // Refused rows first, in file order, then the row that would be created.
    const rows = page.getByTestId('import-row');
    expect(await rows.evaluateAll((elements) => elements.map((element) => Number(element.getAttribute('data-row'))))).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 2,
    ]);
    for (const [row, column, message] of EXPECTED_PROBLEMS) {
      const line = page.locator(`[data-testid="import-row"][data-row="${row}"]`);
      expect(await line.getAttribute('data-outcome'), `row ${row}`).toBe('error');
      expect(await line.getByTestId('problem-column').allTextContents(), `row ${row}`).toEqual([column]);
      expect(await line.getByTestId('problem-message').textContent(), `row ${row}`).toContain(message);
    }
    expect(await page.locator('[data-testid="import-row"][data-row="2"]').getByTestId('row-outcome').textContent()).toBe('Baru');

    const apply = page.getByRole('button', { name: 'Terapkan' });
    expect(await apply.isDisabled()).toBe(true);
    expect(await page.getByTestId('apply-bar').textContent()).toContain('semua atau tidak sama sekali');
    await shot(page, '21-import-workers-refused');

    // The same report in English: the server gives every message in both languages.
    await page.getByTestId('locale-switch').click();
    await page.getByRole('button', { name: 'Apply' }).waitFor();
    expect(await page.locator('[data-testid="import-row"][data-row="4"]').getByTestId('problem-message').textContent()).toBe(
      'Area code 32.77.09.9999 does not exist in the registry',
    );
    await page.getByTestId('outcome-filter').locator('label', { hasText: /^Refused/ }).click();
    expect(await page.getByTestId('import-row').count()).toBe(8);
    await shot(page, '22-import-workers-refused-english');
    await page.getByTestId('locale-switch').click();

    // Only dry runs were sent, each with the CSRF header, and nothing was written.
    expect(requests.map((request) => [request.method(), request.url().replace(baseUrl, ''), request.headers()['x-peksos-csrf']])).toEqual([
      ['POST', '/api/import/workers?dryRun=true', '1'],
    ]);
    const written = await graphql<{ workers: { totalCount: number } }>(
      baseUrl,
      '{ workers(filter: { search: "Valid Satu Impor", includeArchived: true }) { totalCount } }',
    );
    expect(written.workers.totalCount).toBe(0);
    await page.close();
  });

  it('previews and applies an organisations file, shows the new organisations in the list, and finds nothing to change the second time', async () => {
    const page = await browser.newPage();
    // The list before the import, held in Apollo's cache: it must not hide the imported organisations afterwards.
    await signIn(page, 'admin', `/organisations?q=Impor`);
    await page.getByTestId('empty-state').waitFor();
    await page.getByRole('link', { name: 'Impor data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impor data' }).waitFor();
    expect(await page.getByRole('radio', { name: /Organisasi/ }).getAttribute('aria-checked')).toBe('true');

    await chooseFile(page, 'lks-baru.csv', ORGANISATIONS);
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByTestId('import-report').waitFor();
    expect(await total(page, 'create')).toBe('2');
    expect(await total(page, 'error')).toBe('0');
    expect(await page.getByTestId('import-row').evaluateAll((elements) => elements.map((element) => element.textContent))).toEqual([
      expect.stringContaining('LKS-E2E-01'),
      expect.stringContaining('YAY-E2E-00'),
    ]);
    expect(await page.getByTestId('apply-bar').getAttribute('data-state')).toBe('ready');
    await shot(page, '23-import-organisations-preview');
    // A dry run wrote nothing.
    const before = await graphql<{ organisations: { totalCount: number } }>(baseUrl, '{ organisations(filter: { search: "Impor" }) { totalCount } }');
    expect(before.organisations.totalCount).toBe(0);

    await page.getByRole('button', { name: 'Terapkan' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('2 data akan ditambahkan dan 0 diperbarui');
    await dialog.getByRole('button', { name: 'Ya, terapkan' }).click();
    await page.getByTestId('import-applied').waitFor();
    expect(await page.getByTestId('import-applied').textContent()).toContain('2 ditambahkan, 0 diperbarui, 0 tidak berubah');
    expect(await page.getByTestId('import-report').getAttribute('data-applied')).toBe('true');
    await shot(page, '24-import-organisations-applied');

    const after = await graphql<{ organisations: { nodes: { name: string; code: string; kind: string; shouldHaveWorker: boolean; area: { code: string } }[] } }>(
      baseUrl,
      '{ organisations(filter: { search: "Impor" }, orderBy: { field: NAME, direction: ASC }) { nodes { name code kind shouldHaveWorker area { code } } } }',
    );
    expect(after.organisations.nodes).toEqual([
      { name: 'LKS Impor Peduli Insan', code: 'LKS-E2E-01', kind: 'SOCIAL_WELFARE_INSTITUTION', shouldHaveWorker: false, area: { code: '32.77.03.1002' } },
      { name: 'Yayasan Impor Sejahtera', code: 'YAY-E2E-00', kind: 'OTHER', shouldHaveWorker: false, area: { code: '32.77' } },
    ]);

    // Back to the list seen before the import (in the same page, so with the same Apollo cache).
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="organisation-row"]').length === 2);
    expect(await page.getByTestId('organisation-row').allTextContents()).toEqual([
      expect.stringContaining('LKS Impor Peduli Insan'),
      expect.stringContaining('Yayasan Impor Sejahtera'),
    ]);
    await shot(page, '25-organisations-after-import');

    // The same file again: every row unchanged, nothing to apply.
    await page.goForward();
    await page.getByRole('heading', { level: 1, name: 'Impor data' }).waitFor();
    await chooseFile(page, 'lks-baru.csv', ORGANISATIONS);
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByTestId('import-report').waitFor();
    expect(await total(page, 'unchanged')).toBe('2');
    expect(await total(page, 'create')).toBe('0');
    expect(await total(page, 'update')).toBe('0');
    expect(await page.getByTestId('row-outcome').allTextContents()).toEqual(['Tidak berubah', 'Tidak berubah']);
    expect(await page.getByTestId('apply-bar').getAttribute('data-state')).toBe('nothing');
    expect(await page.getByRole('button', { name: 'Terapkan' }).isDisabled()).toBe(true);
    await shot(page, '26-import-organisations-unchanged');
    await page.close();
  });

  it('explains a file too large, a server failure and a lost connection', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', `/import?kind=organisations`);
    const error = page.getByTestId('transfer-error');
    const check = async () => {
      await chooseFile(page, 'lks.csv', ORGANISATIONS);
      await page.getByRole('button', { name: 'Periksa berkas' }).click();
      await error.waitFor();
      return error.textContent();
    };
    // What the server (or a proxy in front of it) answers when the file is over its limit.
    await page.route('**/api/import/**', (route) =>
      route.fulfill({
        status: 413,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: { id: 'Berkas terlalu besar', en: 'The file is too large' } } }),
      }),
    );
    expect(await check()).toContain('Berkas terlalu besar: paling besar 50 MiB');
    await shot(page, '27-import-too-large');
    await page.unroute('**/api/import/**');

    await page.route('**/api/import/**', (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Internal Server Error</h1>' }));
    expect(await check()).toContain('Terjadi kesalahan di server (kode 500)');
    await page.unroute('**/api/import/**');

    await page.route('**/api/import/**', (route) => route.abort('connectionfailed'));
    expect(await check()).toContain('Server tidak dapat dihubungi');
    await page.unroute('**/api/import/**');
    expect(await page.getByTestId('import-report').count()).toBe(0);
    await page.close();
  });

  it('works on a phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'admin', `/import?kind=workers`);
    await chooseFile(page, 'peksos-salah.csv', WORKERS_WITH_MISTAKES);
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByTestId('import-report').waitFor();
    // One card per row: the problems are on screen, and nothing is wider than the phone.
    expect(await page.locator('[data-testid="import-row"][data-row="4"]').getByTestId('problem-message').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, '28-import-phone');
    // The rows as a phone shows them, at their real size.
    await page.getByTestId('outcome-filter').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, '28-import-phone-rows.png') });
    await page.close();
  });
});

describe('downloading lists as the server exports them', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  it('downloads the certified workers as CSV, with the filter on screen and the CSRF header', async () => {
    const page = await browser.newPage();
    const requests = recordApiRequests(page);
    await signIn(page, 'admin', `/workers?status=CERTIFIED`);
    await page.getByTestId('worker-row').first().waitFor();
    await page.getByTestId('download-menu').click();
    await screenshot(page, '29-workers-download-menu');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Berkas CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^peksos-workers-.*\.csv$/);
    const lines = (await readFile(await download.path())).toString('utf8').trim().split(/\r?\n/);
    const certified = await graphql<{ workers: { totalCount: number } }>(baseUrl, '{ workers(filter: { certificationStatus: CERTIFIED }) { totalCount } }');
    expect(lines).toHaveLength(certified.workers.totalCount + 1);
    expect(lines[0]).toMatch(/^\uFEFF?NIK,Nama lengkap,/);
    expect(requests.map((request) => [request.url().replace(baseUrl, ''), request.headers()['x-peksos-csrf']])).toEqual([
      ['/api/export/workers.csv?certificationStatus=CERTIFIED', '1'],
    ]);
    await page.close();
  });

  it('downloads the cases and the professional roles from the server, with the filters on screen', async () => {
    const page = await browser.newPage();
    const requests = recordApiRequests(page);
    await signIn(page, 'admin', '/cases?status=OPEN');
    await page.getByTestId('cases-table').waitFor();
    await page.getByTestId('download-menu').click();
    const [cases] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Berkas CSV' }).click()]);
    expect(cases.suggestedFilename()).toMatch(/^peksos-cases-.*\.csv$/);
    const caseLines = (await readFile(await cases.path())).toString('utf8').trim().split(/\r?\n/);
    const open = await graphql<{ cases: { totalCount: number } }>(baseUrl, '{ cases(filter: { status: OPEN }) { totalCount } }');
    expect(caseLines).toHaveLength(open.cases.totalCount + 1);
    expect(caseLines[0]).toMatch(/^\uFEFF?Nomor kasus,Status,Kategori PMKS,Organisasi,/);
    expect(caseLines.slice(1).every((line) => line.includes(',Terbuka,'))).toBe(true);

    await page.goto(`${baseUrl}/roles`);
    await page.getByTestId('roles-table').waitFor();
    await page.getByTestId('download-menu').click();
    const [roles] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Berkas CSV' }).click()]);
    expect(roles.suggestedFilename()).toMatch(/^peksos-professional-roles-.*\.csv$/);
    const roleLines = (await readFile(await roles.path())).toString('utf8').trim().split(/\r?\n/);
    expect(roleLines).toHaveLength(7 + 1);
    // Both files come from the server (the console has no CSV writer of its own).
    expect(requests.map((request) => [request.url().replace(baseUrl, ''), request.headers()['x-peksos-csrf']])).toEqual([
      ['/api/export/cases.csv?status=OPEN', '1'],
      ['/api/export/professional-roles.csv', '1'],
    ]);
    await page.close();
  });

  it('links the dashboard to the workforce summary as XLSX and to the printable report', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', `/dashboard`);
    await page.getByTestId('stat-workers-value').waitFor();
    await page.getByTestId('download-menu').click();
    const printable = await page.getByRole('menuitem', { name: /Ringkasan untuk dicetak/ }).getAttribute('href');
    expect(printable).toMatch(/^\/report\/workforce-summary\?areaCode=32\.77&asOf=\d{4}-\d{2}-\d{2}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Berkas XLSX (Excel)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^peksos-workforce-summary-32\.77-.*\.xlsx$/);
    // An XLSX file is a zip archive.
    expect((await readFile(await download.path())).subarray(0, 2).toString('latin1')).toBe('PK');

    await page.goto(`${baseUrl}${printable}`);
    expect(await page.locator('body').textContent()).toContain('Kota Cimahi');
    await screenshot(page, '30-printable-summary');
    await page.close();
  });
});
