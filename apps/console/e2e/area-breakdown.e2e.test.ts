import { describe, expect, it } from 'vitest';
import { screenshot, signIn, useBrowser } from './browser.js';

describe('national drill-down', () => {
  const browser = useBrowser();

  it('drills down from Indonesia to a province, the city and a kecamatan, sorts, and leads to the gap list', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/wilayah');
    const table = page.getByTestId('breakdown-table');
    const row = (code: string) => table.locator(`tr[data-code="${code}"]`);
    const cells = async (code: string) => (await row(code).getByRole('cell').allTextContents()).map((text) => text.trim());

    // Indonesia: the provinces of the registry (the Cimahi data set has Jawa Barat; pnpm areas:load brings all 38).
    await page.getByRole('heading', { name: 'Tenaga Peksos per provinsi, Indonesia' }).waitFor();
    expect((await cells('32')).slice(1, 3)).toEqual(['36', '13']);
    await row('32').getByRole('link', { name: 'Jawa Barat' }).click();
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Jawa Barat' }).waitFor();
    // Cimahi's workers per 100,000, in Indonesian (decimal comma).
    expect((await cells('32.77')).slice(1, 4)).toEqual(['36', '13', '6,19']);
    await row('32.77').getByRole('link', { name: 'Kota Cimahi' }).click();
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Kota Cimahi' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);

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

    // A kecamatan's kelurahan, then the gap list of the kecamatan, one click away.
    await row('32.77.03').getByRole('link', { name: 'Cimahi Utara' }).click();
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Cimahi Utara' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(4);
    await page.getByTestId('breakdown-breadcrumbs').getByRole('link', { name: '32.77', exact: true }).click();
    await page.getByRole('heading', { name: 'Tenaga Peksos per wilayah, Kota Cimahi' }).waitFor();
    await row('32.77.03').getByRole('link', { name: 'Lihat lembaga tanpa Peksos' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('kec') === '32.77.03');
    await page.close();
  });
});
