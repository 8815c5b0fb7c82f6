import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from './axe.js';
import { screenshot, signIn, useBrowser } from './browser.js';

/**
 * The header's search (issue 18, item 8): one box for workers, organisations and cases, by name, code, kelurahan or
 * kecamatan. Before, the workers' search matched names only: "Cibabat" and "PKH" found nothing.
 */
describe('the search in the header', () => {
  const browser = useBrowser();

  it('finds a worker by the kelurahan where they work, and opens them (desktop, Bahasa Indonesia)', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'admin', '/');
    const box = page.getByRole('combobox', { name: 'Cari Peksos, organisasi, kasus' });
    await box.fill('Cibabat');
    const results = page.getByRole('listbox', { name: 'Hasil pencarian' });
    // Ratna Sari Dewi works at the kelurahan office of Cibabat; her name says nothing of it.
    const ratna = results.getByRole('option', { name: /Ratna Sari Dewi/ });
    // The answer comes a moment after typing stops; a loaded machine takes longer.
    await ratna.waitFor({ timeout: 30_000 });
    // Organisations in Cibabat are found as well, by their kelurahan.
    await results.getByRole('option', { name: /Yayasan Rehabilitasi Sosial Cibabat/ }).waitFor();
    expect(await results.getByText(/^Pekerja sosial \(\d+\)$/).count()).toBe(1);
    await screenshot(page, 'search-cibabat-desktop');
    expect(describeViolations('header search, open', await axeViolations(page))).toEqual([]);

    // The keyboard reaches the results: down to the first (workers come first, by name), Enter opens it.
    const first = (await results.getByRole('option').first().locator('p').first().textContent())!;
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(/\/workers\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: first }).waitFor();
    expect(await box.inputValue()).toBe('');
    await page.close();
  });

  it('finds the PKH unit and its workers by "PKH", and opens the whole list filtered the same way (phone, English)', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'admin', '/');
    await page.getByTestId('locale-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Coverage gaps' }).waitFor();
    await page.getByRole('button', { name: 'Search workers, organisations, cases' }).click();
    const box = page.getByRole('combobox', { name: 'Search workers, organisations, cases' });
    await box.fill('PKH');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await results.getByRole('option', { name: /^Unit Pelaksana PKH Kota Cimahi/ }).waitFor({ timeout: 30_000 });
    expect(await results.getByText('Social workers (10)').count()).toBe(1);
    // Five shown, and the list page with the same search for all ten; the box stays within the phone's width.
    const box390 = await results.boundingBox();
    expect(box390!.x).toBeGreaterThanOrEqual(0);
    expect(box390!.x + box390!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'search-pkh-phone-en');
    expect(describeViolations('header search on a phone, open', await axeViolations(page))).toEqual([]);
    await results.getByRole('option', { name: 'See all 10 in the social workers list' }).click();
    await page.waitForURL(/\/workers\?q=PKH$/);
    await expect.poll(() => page.getByRole('link', { name: /Euis Komalasari/ }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.close();
  });
});
