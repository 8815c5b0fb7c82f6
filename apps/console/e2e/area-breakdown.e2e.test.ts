import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { graphql, screenshot, signIn, useBrowser } from './browser.js';
import { serverUrl } from './server.js';

describe('national drill-down', () => {
  const browser = useBrowser();

  it('drills down from Indonesia to a province, the city and a kecamatan by name, with a chart, sorts, exports, and leads to the gap list', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/wilayah');
    const table = page.getByTestId('breakdown-table');
    const row = (code: string) => table.locator(`tr[data-code="${code}"]`);
    const cells = async (code: string) => (await row(code).getByRole('cell').allTextContents()).map((text) => text.trim());
    const crumbs = page.getByTestId('breakdown-breadcrumbs');
    const crumbTexts = async () => (await crumbs.locator('a, p').allTextContents()).map((text) => text.trim());

    // Indonesia: the provinces of the registry (the Cimahi data set has Jawa Barat; pnpm areas:load brings all 38).
    await page.getByRole('heading', { name: 'Tenaga Peksos per provinsi, Indonesia' }).waitFor();
    // Jawa Barat's population is unknown in this data set: said in words, not divided by nothing.
    expect((await cells('32')).slice(1, 4)).toEqual(['36', '13', 'tidak diketahui']);
    await row('32').getByRole('link', { name: 'Jawa Barat' }).click();
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Jawa Barat' }).waitFor();
    // Cimahi's workers per 100,000, in Indonesian (decimal comma).
    expect((await cells('32.77')).slice(1, 4)).toEqual(['36', '13', '6,19']);
    await row('32.77').getByRole('link', { name: 'Kota Cimahi' }).click();
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Kota Cimahi' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    // The breadcrumbs name the areas, not their codes.
    expect(await crumbTexts()).toEqual(['Indonesia', 'Jawa Barat', 'Kota Cimahi']);

    // The chart: organisations lacking a worker per kecamatan, the numbers also as its text alternative.
    const { areaBreakdown } = await graphql<{ areaBreakdown: { rows: { area: { name: string }; organisationsLackingWorker: number }[] } }>(
      serverUrl(),
      '{ areaBreakdown(parentCode: "32.77") { rows { area { name } organisationsLackingWorker } } }',
    );
    const expected = areaBreakdown.rows
      .filter((each) => each.organisationsLackingWorker > 0)
      .sort((a, b) => b.organisationsLackingWorker - a.organisationsLackingWorker || a.area.name.localeCompare(b.area.name, 'id'))
      .map((each) => `${each.area.name} ${each.organisationsLackingWorker}`);
    expect(expected.length).toBeGreaterThan(0);
    const chart = page.getByRole('img', { name: /^Lembaga tanpa Peksos per wilayah: / });
    expect(await chart.getAttribute('aria-label')).toBe(`Lembaga tanpa Peksos per wilayah: ${expected.join(', ')}.`);
    expect(await chart.locator('rect').count()).toBe(expected.length);

    // Sortable: by workers, largest first, then turned round; the order is in the URL.
    await page.getByTestId('sort-workers').click();
    await page.waitForURL(/sort=workers&dir=DESC/);
    const workers = async () => (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
    await expect.poll(async () => { const values = await workers(); return values.join() === [...values].sort((a, b) => b - a).join(); }).toBe(true);
    const descending = await workers();
    await page.getByTestId('sort-workers').click();
    await page.waitForURL(/dir=ASC/);
    await expect.poll(workers).toEqual([...descending].reverse());
    await screenshot(page, '20-area-breakdown');

    // The export: the same rows as the table, from the server.
    await page.getByTestId('download-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Berkas CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^peksos-area-breakdown-.*\.csv$/);
    const lines = (await readFile(await download.path())).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^\uFEFF?Kode wilayah,Nama wilayah,Tanggal data,Jumlah penduduk,Peksos,Tersertifikasi,/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['32.77.01', '32.77.02', '32.77.03']);

    // A kecamatan's kelurahan: the breadcrumbs go Indonesia › Jawa Barat › Kota Cimahi › Cimahi Utara.
    await row('32.77.03').getByRole('link', { name: 'Cimahi Utara' }).click();
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Cimahi Utara' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(4);
    expect(await crumbTexts()).toEqual(['Indonesia', 'Jawa Barat', 'Kota Cimahi', 'Cimahi Utara']);
    await crumbs.getByRole('link', { name: 'Kota Cimahi', exact: true }).click();
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Kota Cimahi' }).waitFor();
    // The gap list of a kecamatan, one click away.
    await row('32.77.03').getByRole('link', { name: 'Lihat lembaga tanpa Peksos' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('kec') === '32.77.03');
    await page.close();
  });

  it('shows a coordinator their own area and below only: above it, names without links', async () => {
    const page = await browser.newPage();
    // The demo coordinator's area is Cimahi Utara (32.77.03): /wilayah opens there, not at Indonesia.
    await signIn(page, 'koordinator', '/wilayah');
    await page.waitForURL((url) => url.searchParams.get('parent') === '32.77.03');
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Cimahi Utara' }).waitFor();
    const crumbs = page.getByTestId('breakdown-breadcrumbs');
    expect((await crumbs.locator('a, p').allTextContents()).map((text) => text.trim())).toEqual(['Indonesia', 'Jawa Barat', 'Kota Cimahi', 'Cimahi Utara']);
    expect(await crumbs.getByRole('link').count()).toBe(0);
    // An address above their area leads back to their own.
    await page.goto(`${serverUrl()}/wilayah?parent=32.77`);
    await page.waitForURL((url) => url.searchParams.get('parent') === '32.77.03');
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Cimahi Utara' }).waitFor();
    await page.close();
  });
});
