import { describe, expect, it } from 'vitest';
import { useBrowser, screenshot, signIn } from './browser.js';

describe('workforce dashboard', () => {
  const browser = useBrowser();

  it('shows the figures of Kota Cimahi from the report, with charts per kecamatan', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/dashboard');
    await page.getByTestId('stat-workers-value').waitFor();
    const value = (id: string) => page.getByTestId(`${id}-value`).textContent();
    expect(await value('stat-workers')).toBe('36');
    expect(await value('stat-certified')).toBe('13');
    expect(await value('stat-uncertified')).toBe('23');
    expect(await value('stat-unplaced')).toBe('1');
    // Indonesian number format: a decimal comma.
    expect(await value('stat-per100k')).toBe('6,19');
    const table = page.getByTestId('kecamatan-table');
    for (const name of ['Cimahi Selatan', 'Cimahi Tengah', 'Cimahi Utara']) {
      expect(await table.getByRole('row').filter({ hasText: name }).count()).toBe(1);
    }
    expect(await table.getByRole('row').filter({ hasText: 'Cimahi Selatan' }).textContent()).toContain('235.028');
    // Charts are drawn (SVG bars), one per figure.
    expect(await page.locator('figure .recharts-bar-rectangle').count()).toBeGreaterThan(10);
    await screenshot(page, '05-dashboard');
    await page.close();
  });
});
