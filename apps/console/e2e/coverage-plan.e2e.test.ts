import { describe, expect, it } from 'vitest';
import { graphql, screenshot, signIn, useBrowser } from './browser.js';
import { serverUrl } from './server.js';

/**
 * Rencana cakupan (issue 17): an admin opens the plan for Kota Cimahi in Indonesian, reads why each worker is
 * proposed and what the kecamatan still needs, ticks two rows and accepts them; both placements are made (in one
 * transaction, by the server), the rows not ticked are left as they were.
 */
describe('the coverage plan', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  /** A new institution lacking a worker (made by the admin), so the demo's own gaps stay for the other tests. */
  async function institution(name: string, areaCode: string): Promise<string> {
    const { createOrganisation } = await graphql<{ createOrganisation: { id: string } }>(
      baseUrl,
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name, kind: 'SOCIAL_WELFARE_INSTITUTION', areaCode, shouldHaveWorker: true } },
    );
    return createOrganisation.id;
  }

  const activeWorkers = async (id: string) =>
    (await graphql<{ organisation: { activeWorkers: { fullName: string }[] } }>(baseUrl, `query ($id: ID!) { organisation(id: $id) { activeWorkers { fullName } } }`, { id }))
      .organisation.activeWorkers;

  it('lets an admin accept the ticked rows of the plan, in Indonesian', async () => {
    const stamp = Date.now();
    const first = `LKS Rencana Baros ${stamp}`;
    const second = `LKS Rencana Padasuka ${stamp}`;
    const firstId = await institution(first, '32.77.02.1001');
    const secondId = await institution(second, '32.77.02.1005');

    const page = await browser.newPage();
    await signIn(page, 'admin', '/coverage-plan');
    await page.getByRole('heading', { level: 1, name: 'Rencana cakupan' }).waitFor();
    const rowOf = (name: string) => page.getByTestId('plan-row').filter({ hasText: name });
    await rowOf(first).waitFor();
    await rowOf(second).waitFor();
    // Why: nearness, certification and the worker's placements, in words.
    expect(await rowOf(first).textContent()).toMatch(/Sekelurahan \(Baros\)|Sekecamatan, kelurahan lain|Sekota, kecamatan lain/);
    expect(await rowOf(first).textContent()).toMatch(/tersertifikasi|belum tersertifikasi/);
    expect(await page.getByTestId('plan-summary').textContent()).toMatch(/organisasi tanpa Peksos dapat dicakup/);
    const need = page.getByTestId('plan-need').filter({ hasText: 'Cimahi Tengah' });
    await need.waitFor();
    const otherRows = (await page.getByTestId('plan-row').allTextContents()).length;
    expect(otherRows).toBeGreaterThan(2);
    await screenshot(page, '50-coverage-plan');

    await rowOf(first).getByRole('checkbox').check();
    await rowOf(second).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Terima yang dicentang (2)' }).click();
    await page.getByText('2 penempatan dibuat dalam satu transaksi').waitFor();
    await rowOf(first).waitFor({ state: 'detached' });
    expect(await rowOf(second).count()).toBe(0);
    expect(await page.getByTestId('plan-row').count()).toBe(otherRows - 2);

    // The server has both placements.
    expect(await activeWorkers(firstId)).toHaveLength(1);
    expect(await activeWorkers(secondId)).toHaveLength(1);

    // The worker placed now shows one more placement: in the workers list and on their page.
    const placed = (await activeWorkers(firstId))[0]!.fullName;
    await page.goto(`${baseUrl}/workers?q=${encodeURIComponent(placed)}`);
    const workload = page.getByTestId('worker-row').filter({ hasText: placed }).getByTestId('worker-workload');
    await workload.waitFor();
    expect(await workload.textContent()).toMatch(/^\d\/2 penempatan · \d+ kasus$/);
  });
});
