import { describe, expect, it } from 'vitest';
import { useBrowser, screenshot, signIn } from './browser.js';

describe('language', () => {
  const browser = useBrowser();

  it('starts in Bahasa Indonesia, switches to English, and remembers the choice', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/');
    const heading = page.getByRole('heading', { level: 1 });
    expect(await heading.textContent()).toBe('Kesenjangan cakupan');
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await page.getByRole('link', { name: 'Pekerja sosial' }).count()).toBe(1);
    await page.getByTestId('gap-count').waitFor();

    await page.getByTestId('locale-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Coverage gaps' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Social workers' }).count()).toBe(1);
    expect(await page.getByTestId('gap-count').textContent()).toMatch(/^\d+ organisations without a social worker$/);
    expect(await page.getByRole('switch', { name: /Count certified workers only/ }).count()).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('peksos.locale'))).toBe('en');
    await screenshot(page, '06-coverage-english');

    // Numbers and dates follow the language: a decimal point in English.
    await page.getByRole('link', { name: 'Workforce dashboard' }).click();
    await page.getByTestId('stat-per100k-value').waitFor();
    expect(await page.getByTestId('stat-per100k-value').textContent()).toBe('6.19');

    // The choice survives a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Workforce dashboard, Kota Cimahi' }).waitFor();

    await page.getByTestId('locale-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Dasbor tenaga kerja Kota Cimahi' }).waitFor();
    expect(await page.getByTestId('stat-per100k-value').textContent()).toBe('6,19');
    expect(await page.evaluate(() => localStorage.getItem('peksos.locale'))).toBe('id');
    await page.close();
  });
});
