import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, graphql, useBrowser, screenshot, signIn } from './browser.js';
import { serverUrl } from './server.js';

const CIMAHI_UTARA = '32.77.03';

async function gapCount(page: Page): Promise<number> {
  const count = page.getByTestId('gap-count');
  await count.waitFor();
  return Number(await count.getAttribute('data-count'));
}

/** Waits until the list shows the given count (the server answered for the current filters). */
async function expectGapCount(page: Page, expected: number): Promise<void> {
  await page.waitForFunction(
    (value) => document.querySelector('[data-testid="gap-count"]')?.getAttribute('data-count') === String(value),
    expected,
    { timeout: 15_000 },
  );
  expect(await gapCount(page)).toBe(expected);
}

describe('coverage gaps, the home page', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  it('shows the Cimahi gap in Bahasa Indonesia: 16 organisations without a worker, 30 without a certified one', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Kesenjangan cakupan');
    await expectGapCount(page, 16);
    expect(await page.getByTestId('gap-count').textContent()).toBe('16 organisasi belum memiliki Peksos');
    expect(await page.getByTestId('stat-lacking-value').textContent()).toBe('16');
    expect(await page.getByTestId('stat-lacking-certified-value').textContent()).toBe('30');
    // Every listed organisation has no worker: the "workers" cell says so on every row.
    const rows = page.getByTestId('gap-row');
    expect(await rows.count()).toBe(16);
    for (const row of await rows.all()) expect(await row.textContent()).toContain('Belum ada');
    await screenshot(page, '01-coverage-cimahi');
    await page.close();
  });

  it('narrows the list to one kecamatan, keeping the filter in the address', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/');
    await expectGapCount(page, 16);
    await chooseOption(page, 'Kecamatan', 'Cimahi Utara');
    await expectGapCount(page, 5);
    expect(new URL(page.url()).searchParams.get('kec')).toBe(CIMAHI_UTARA);
    // The server agrees about which organisations those are.
    const expected = await graphql<{ organisationsLackingWorker: { nodes: { name: string }[] } }>(
      baseUrl,
      `{ organisationsLackingWorker(filter: { areaCode: "${CIMAHI_UTARA}" }, first: 100) { nodes { name } } }`,
    );
    const names = await page.getByTestId('gap-row').locator('td:first-child').allTextContents();
    expect(names.sort()).toEqual(expected.organisationsLackingWorker.nodes.map((node) => node.name).sort());

    // Reloading the address shows the same list: the filter lives in the URL.
    await page.reload();
    await expectGapCount(page, 5);
    await page.close();
  });

  it('lets a newcomer find the organisations in Cimahi Utara without a certified worker and fix one in under a minute', async () => {
    const started = Date.now();
    const page = await browser.newPage();
    await signIn(page, 'admin', '/');
    await expectGapCount(page, 16);

    await chooseOption(page, 'Kecamatan', 'Cimahi Utara');
    await page.getByRole('switch', { name: 'Hanya hitung Peksos tersertifikasi' }).click();
    await expectGapCount(page, 9);
    expect(await page.getByTestId('gap-count').textContent()).toBe('9 organisasi belum memiliki Peksos tersertifikasi');
    await screenshot(page, '02-coverage-cimahi-utara-certified');

    const organisation = 'LKS Keluarga Sakinah Cibabat';
    const row = page.getByTestId('gap-row').filter({ hasText: organisation });
    expect(await row.count()).toBe(1);
    await page.getByRole('button', { name: `Tugaskan Peksos: ${organisation}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The first choices offered are certified workers of the same kecamatan.
    await page.getByRole('combobox', { name: 'Peksos', exact: true }).click();
    const firstGroup = page.getByRole('listbox').getByRole('group').first();
    expect(await firstGroup.textContent()).toMatch(/^Disarankan: tersertifikasi, kecamatan sama/);
    const firstOption = firstGroup.getByRole('option').first();
    expect(await firstOption.textContent()).toContain('Tersertifikasi');
    await screenshot(page, '03-assign-dialog');
    await firstOption.click();
    const workerName = await page.getByRole('combobox', { name: 'Peksos', exact: true }).inputValue();
    expect(workerName).not.toBe('');
    await dialog.getByRole('button', { name: 'Tugaskan', exact: true }).click();

    // The gap closes: the organisation leaves the list and the count drops by one.
    await expectGapCount(page, 8);
    expect(await page.getByTestId('gap-row').filter({ hasText: organisation }).count()).toBe(0);
    await page.getByText(`${workerName} kini bertugas di ${organisation}`).waitFor();
    expect(Date.now() - started).toBeLessThan(60_000);

    // And the server has it: the organisation now has that certified worker.
    const after = await graphql<{
      organisations: { nodes: { name: string; activeWorkers: { fullName: string; certificationStatus: string }[] }[] };
    }>(baseUrl, `{ organisations(filter: { search: "${organisation}" }) { nodes { name activeWorkers { fullName certificationStatus } } } }`);
    expect(after.organisations.nodes[0]?.activeWorkers).toEqual([{ fullName: workerName, certificationStatus: 'CERTIFIED' }]);
    await screenshot(page, '04-coverage-after-assign');
    await page.close();
  });

  it('works on a phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'admin', `/?kec=${CIMAHI_UTARA}`);
    await page.getByTestId('gap-count').waitFor();
    // The navigation folds into a menu button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Dasbor tenaga kerja' }).click();
    await page.getByTestId('stat-workers-value').waitFor();
    expect(await page.getByTestId('stat-workers-value').textContent()).toBe('36');
    await screenshot(page, '09-phone-dashboard');
    await page.close();
  });

  it('shows the gap list as cards on a phone, each assign button on screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'admin', `/?kec=${CIMAHI_UTARA}`);
    await page.getByTestId('gap-row').first().waitFor();
    // Nothing scrolls sideways, and every row's button lies within the 390 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const buttons = page.getByRole('button', { name: /^Tugaskan Peksos: / });
    expect(await buttons.count()).toBe(await page.getByTestId('gap-row').count());
    expect(await buttons.count()).toBeGreaterThan(0);
    for (const button of await buttons.all()) {
      const box = (await button.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    // Each cell is labelled with its column on the card.
    expect(await page.getByTestId('gap-row').first().locator('td').nth(1).getAttribute('data-label')).toBe('Jenis');
    await screenshot(page, '05-phone-gap-cards');
    await page.close();
  });
});
