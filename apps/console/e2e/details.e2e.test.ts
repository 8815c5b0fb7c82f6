import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, screenshot, signIn, useBrowser } from './browser.js';
import { serverUrl } from './server.js';

/** The smaller things of issue 18, item 9, each as a person meets it. */
describe('the smaller things (issue 18, item 9)', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  it('sorts a list by clicking its column headers, and says the order to assistive technology', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin', '/cases');
    const table = page.getByTestId('cases-table');
    await table.waitFor();
    const header = table.getByRole('columnheader', { name: 'Nomor kasus' });
    const references = async () => (await table.locator('tbody tr td:first-child a').allTextContents()).map((text) => text.trim());

    await header.getByRole('button').click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/sort=REFERENCE&dir=ASC/);
    await expect.poll(async () => (await references())[0], { timeout: 15_000 }).toBe('CMH-2017-001');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await references()).toEqual([...(await references())].sort());

    await header.getByRole('button').click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/sort=REFERENCE(&dir=DESC)?$/);
    await expect.poll(async () => (await references())[0], { timeout: 15_000 }).not.toBe('CMH-2017-001');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await references()).toEqual([...(await references())].sort().reverse());
    // The opening date's column is not the order now; the sort controls above say the same.
    expect(await table.getByRole('columnheader', { name: 'Dibuka' }).getAttribute('aria-sort')).toBeNull();

    // A case reference stays on one line.
    const link = table.locator('tbody tr td:first-child a').first();
    const lines = await link.evaluate((element) => element.getClientRects().length);
    expect(lines).toBe(1);
    await screenshot(page, 'details-cases-sorted');
    await page.close();
  });

  it('shows where workers live by name, under "Domisili"', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin', '/workers');
    const header = page.getByRole('columnheader', { name: 'Domisili' });
    await header.waitFor();
    const column = (await page.locator('thead th').allTextContents()).map((text) => text.trim()).indexOf('Domisili');
    const homes = await page.locator(`tbody tr td:nth-child(${column + 1})`).allTextContents();
    expect(homes.length).toBeGreaterThan(5);
    for (const home of homes) expect(home).not.toMatch(/\d{2}\.\d{2}/);
    expect(homes).toContain('Cibabat');
    await page.close();
  });

  it('offers one download control on every list', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin', '/');
    for (const path of ['/', '/dashboard', '/organisations', '/workers', '/cases', '/roles']) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByTestId('download-menu').first().waitFor();
      expect({ path, controls: await page.getByTestId('download-menu').count() }).toEqual({ path, controls: 1 });
    }
    await page.close();
  });

  it('returns focus to the list after an assignment, whose row has left it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin', '/');
    const organisation = 'Yayasan Peduli Anak Cibeber';
    await page.getByRole('button', { name: `Tugaskan Peksos: ${organisation}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.getByRole('combobox', { name: 'Peksos', exact: true }).click();
    await page.getByRole('listbox').getByRole('option').first().click();
    await dialog.getByRole('button', { name: 'Tugaskan', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('button', { name: `Tugaskan Peksos: ${organisation}` }).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 15_000 }).toBe('gap-count');
    // The keyboard goes on from the list, not from the top of the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('aria-labelledby'))).toBe('gap-count');
    await page.close();
  });

  it('gives the page not found a heading', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin', '/');
    await page.goto(`${baseUrl}/tidak-ada-halaman-ini`);
    await page.getByRole('heading', { level: 1, name: 'Halaman tidak ditemukan' }).waitFor();
    await page.close();
  });

  it('keeps the English user menu, arrow included, on a phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'admin', '/');
    await page.getByTestId('locale-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Coverage gaps' }).waitFor();
    const menu = page.getByTestId('user-menu');
    for (const part of [menu, menu.locator('svg').last(), page.getByTestId('locale-switch')]) {
      const box = (await part.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/details-header-phone-en.png` });
    // Back to Bahasa Indonesia for the tests after this one (the choice is kept in the browser).
    await page.evaluate(() => localStorage.removeItem('peksos.locale'));
    await page.close();
  });

  it('loads the dashboard and its charts only when they are opened', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await signIn(page, 'admin', '/');
    await page.getByTestId('gap-count').waitFor();
    expect(scripts.filter((path) => /DashboardView|explorer|monaco/.test(path))).toEqual([]);
    await page.getByRole('link', { name: 'Dasbor tenaga kerja' }).click();
    await page.getByTestId('stat-per100k-value').waitFor();
    expect(scripts.some((path) => path.includes('DashboardView'))).toBe(true);
    await page.close();
  });
});
