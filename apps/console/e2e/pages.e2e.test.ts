import { describe, expect, it } from 'vitest';
import { graphql, useBrowser, screenshot, signIn } from './browser.js';
import { serverUrl } from './server.js';

describe('lists and detail pages', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  it('lists workers with a filter kept in the address, and shows what a worker lacks for certification', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/workers?status=CERTIFIED');
    await page.getByTestId('worker-row').first().waitFor();
    expect(await page.getByTestId('page-status').textContent()).toMatch(/dari 13$/);
    await screenshot(page, '10-workers-certified');

    await page.goto(`${baseUrl}/workers?placed=0`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="worker-row"]').length === 1);
    const unplaced = await graphql<{ workers: { nodes: { id: string; fullName: string }[] } }>(
      baseUrl,
      '{ workers(filter: { placed: false }) { nodes { id fullName } } }',
    );
    const worker = unplaced.workers.nodes[0]!;
    await page.getByRole('link', { name: worker.fullName }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: worker.fullName }).waitFor();
    expect(await page.getByTestId('certification-missing').textContent()).toMatch(/Yang kurang/);
    await screenshot(page, '11-worker-detail');
    await page.close();
  });

  it('shows a case with who is involved in which role', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/cases');
    await page.getByTestId('cases-table').waitFor();
    await screenshot(page, '12-cases');
    await page.getByRole('link', { name: 'CMH-2017-010' }).click();
    const involvements = page.getByTestId('case-involvements');
    await involvements.waitFor();
    expect(await involvements.textContent()).toContain('Pendidik');
    expect(await involvements.textContent()).toContain('Penanggung jawab');
    await screenshot(page, '13-case-detail');
    await page.close();
  });

  it('shows organisations and the seven professional roles', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/organisations?kind=LK3');
    await page.getByTestId('organisation-row').first().waitFor();
    await screenshot(page, '14-organisations-lk3');
    await page.goto(`${baseUrl}/roles`);
    await page.getByTestId('roles-table').waitFor();
    expect(await page.getByTestId('roles-table').locator('tbody tr').count()).toBe(7);
    expect(await page.getByTestId('roles-table').textContent()).toContain('Pemercepat perubahan');
    await screenshot(page, '15-roles');
    await page.close();
  });
});
