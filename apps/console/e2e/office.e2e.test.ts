import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, fieldError, graphql, screenshot, signIn, useBrowser } from './browser.js';
import { serverUrl } from './server.js';

/**
 * The console as the office uses it (issue 18, items 1, 2, 5 and 6): a coordinator lands on their own area and sees
 * actions only where the server says they may act; refusals and other server errors read in the chosen language with
 * the area's name; the figure cards filter the list they count, the page keeps its data while loading and shows one
 * error when the network fails; dates read and are typed dd/mm/yyyy. In both languages, at desktop and phone widths.
 */

const CIMAHI_UTARA = '32.77.03';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const WIDTHS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

/** Waits until the list shows the given count (the server answered for the current filters). */
async function expectGapCount(page: Page, expected: number): Promise<void> {
  await page.waitForFunction(
    (value) => document.querySelector('[data-testid="gap-count"]')?.getAttribute('data-count') === String(value),
    expected,
  );
}

async function statValue(page: Page, testId: string): Promise<number> {
  const value = page.getByTestId(`${testId}-value`);
  await page.waitForFunction((id) => /^\d+$/.test(document.querySelector(`[data-testid="${id}-value"]`)?.textContent ?? ''), testId);
  return Number(await value.textContent());
}

/** Switches the console to English (remembered in the browser) and reloads the page. */
async function inEnglish(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.setItem('peksos.locale', 'en'));
  await page.reload();
}

async function inIndonesian(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.setItem('peksos.locale', 'id'));
}

interface Gap {
  id: string;
  name: string;
  viewerCanManage: boolean;
}

describe('the console as the office uses it', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  for (const [width, viewport] of WIDTHS) {
    it(`lands a coordinator on their own area, with actions only where the server allows them (${width})`, async () => {
      const page = await browser.newPage({ viewport });
      await inIndonesianBeforeSignIn(page, baseUrl);
      await signIn(page, 'koordinator', '/');
      await page.waitForURL((url) => url.searchParams.get('kec') === CIMAHI_UTARA);
      const own = await graphql<{ organisationsLackingWorker: { totalCount: number } }>(
        baseUrl,
        `{ organisationsLackingWorker(filter: { areaCode: "${CIMAHI_UTARA}" }, first: 1) { totalCount } }`,
        undefined,
        { user: 'koordinator' },
      );
      await expectGapCount(page, own.organisationsLackingWorker.totalCount);
      expect(await page.getByRole('combobox', { name: 'Kecamatan', exact: true }).inputValue()).toBe('Cimahi Utara');
      expect(await page.getByTestId('stat-needing').textContent()).toContain('di Cimahi Utara');
      // Every organisation of their area: theirs to assign to, and the button is on screen on a phone too.
      const rows = page.getByTestId('gap-row');
      const assign = page.getByRole('button', { name: /^Tugaskan Peksos: / });
      expect(await assign.count()).toBe(await rows.count());
      const box = await assign.first().boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `40-coordinator-home-${width}`);
      // Their own area is where the list starts, not a filter to reset.
      expect(await page.getByRole('button', { name: 'Hapus filter' }).count()).toBe(0);

      // The whole city: the actions stay on the rows the server says they manage, the others say why there is none.
      await clearKecamatan(page);
      await page.waitForURL((url) => url.searchParams.get('kec') === '32.77');
      const city = await graphql<{ organisationsLackingWorker: { totalCount: number; nodes: Gap[] } }>(
        baseUrl,
        '{ organisationsLackingWorker(filter: { areaCode: "32.77" }, first: 20) { totalCount nodes { id name viewerCanManage } } }',
        undefined,
        { user: 'koordinator' },
      );
      await expectGapCount(page, city.organisationsLackingWorker.totalCount);
      const mine = city.organisationsLackingWorker.nodes.filter((node) => node.viewerCanManage);
      const others = city.organisationsLackingWorker.nodes.filter((node) => !node.viewerCanManage);
      expect(mine.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
      for (const node of city.organisationsLackingWorker.nodes) {
        const row = page.locator(`[data-testid="gap-row"][data-organisation-id="${node.id}"]`);
        expect(await row.getByRole('button', { name: `Tugaskan Peksos: ${node.name}` }).count()).toBe(node.viewerCanManage ? 1 : 0);
        expect(await row.getByTestId('not-your-area').count()).toBe(node.viewerCanManage ? 0 : 1);
      }
      await screenshot(page, `41-coordinator-city-${width}`);
      expect(await page.getByRole('button', { name: 'Hapus filter' }).count()).toBe(1);

      // In English too.
      await inEnglish(page);
      await expectGapCount(page, city.organisationsLackingWorker.totalCount);
      const other = page.locator(`[data-testid="gap-row"][data-organisation-id="${others[0]!.id}"]`);
      expect(await other.getByTestId('not-your-area').textContent()).toBe('Outside your area');
      expect(await page.getByRole('button', { name: `Assign a worker: ${mine[0]!.name}` }).count()).toBe(1);
      await inIndonesian(page);
      await page.close();
    });
  }

  it("shows a coordinator a case's actions only on their area's cases, and no edit form for another area's", async () => {
    const cases = await graphql<{ cases: { nodes: { id: string; reference: string; status: string; viewerCanManage: boolean }[] } }>(
      baseUrl,
      '{ cases(first: 100, filter: { status: OPEN }) { nodes { id reference status viewerCanManage } } }',
      undefined,
      { user: 'koordinator' },
    );
    const own = cases.cases.nodes.find((node) => node.viewerCanManage)!;
    const other = cases.cases.nodes.find((node) => !node.viewerCanManage)!;
    const page = await browser.newPage({ viewport: DESKTOP });
    await inIndonesianBeforeSignIn(page, baseUrl);
    await signIn(page, 'koordinator', `/cases/${own.id}`);
    await page.getByRole('button', { name: 'Libatkan Peksos' }).waitFor();
    expect(await page.getByRole('button', { name: 'Tutup kasus' }).count()).toBe(1);
    await page.goto(`${baseUrl}/cases/${other.id}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: other.reference }).waitFor();
    for (const name of ['Libatkan Peksos', 'Ubah', 'Tutup kasus']) expect(await page.getByRole('button', { name }).count()).toBe(0);
    await screenshot(page, '47-coordinator-other-case');
    await page.goto(`${baseUrl}/cases/${other.id}/edit`);
    await page.getByTestId('no-access').waitFor();
    await page.close();
  });

  for (const [language, expected] of [
    ['id', 'Koordinator hanya dapat mengubah data di wilayahnya sendiri (Cimahi Utara).'],
    ['en', 'Coordinators change only records within their own area (Cimahi Utara).'],
  ] as const) {
    it(`reads a coordinator's out-of-area refusal in their language, naming the area (${language})`, async () => {
      const page = await browser.newPage({ viewport: DESKTOP });
      await inIndonesianBeforeSignIn(page, baseUrl);
      await signIn(page, 'koordinator', '/organisations/new');
      if (language === 'en') await inEnglish(page);
      const labels =
        language === 'id'
          ? { name: 'Nama organisasi', kind: 'Jenis', area: 'Wilayah (kode Kemendagri)', save: 'Simpan' }
          : { name: 'Organisation name', kind: 'Kind', area: 'Area (Kemendagri code)', save: 'Save' };
      await page.getByRole('textbox', { name: labels.name, exact: true }).fill('LKS Uji Wilayah Lain');
      await chooseOption(page, labels.kind, /LKS/);
      await chooseOption(page, labels.area, /Cimahi Selatan/);
      await page.getByRole('button', { name: labels.save }).click();
      await page.waitForFunction((label) => {
        const input = [...document.querySelectorAll('input')].find((element) => element.labels?.[0]?.textContent?.startsWith(label));
        return input?.getAttribute('aria-invalid') === 'true';
      }, labels.area);
      expect(await fieldError(page, labels.area)).toBe(expected);
      // Nothing of the server's English, nor the area's raw code.
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).not.toContain('32.77.03');
      if (language === 'id') expect(main).not.toContain('within their area');
      await screenshot(page, `42-coordinator-refusal-${language}`);
      await inIndonesian(page);
      await page.close();
    });
  }

  it("reads the server's other refusals in Indonesian too: a code another organisation has", async () => {
    const taken = await graphql<{ organisations: { nodes: { code: string | null }[] } }>(
      baseUrl,
      '{ organisations(first: 50) { nodes { code } } }',
    );
    const code = taken.organisations.nodes.find((node) => node.code)!.code!;
    const page = await browser.newPage({ viewport: DESKTOP });
    await inIndonesianBeforeSignIn(page, baseUrl);
    await signIn(page, 'admin', '/organisations/new');
    await page.getByRole('textbox', { name: 'Nama organisasi', exact: true }).fill('LKS Kode Kembar');
    await page.getByRole('textbox', { name: 'Kode', exact: true }).fill(code);
    await chooseOption(page, 'Jenis', /LKS/);
    await chooseOption(page, 'Wilayah (kode Kemendagri)', /Cimahi Selatan/);
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Organisasi lain sudah memakai kode ini.').waitFor();
    expect(await fieldError(page, 'Kode')).toBe('Organisasi lain sudah memakai kode ini.');
    expect((await page.locator('main').textContent()) ?? '').not.toContain('already has the code');
    await page.close();
  });

  for (const [width, viewport] of WIDTHS) {
    it(`filters the list by the figure card it counts, and labels "covered" by the toggle (${width})`, async () => {
      const page = await browser.newPage({ viewport });
      await inIndonesianBeforeSignIn(page, baseUrl);
      await signIn(page, 'admin', '/');
      const lacking = await statValue(page, 'stat-lacking');
      const lackingCertified = await statValue(page, 'stat-lacking-certified');
      await expectGapCount(page, lacking);
      expect(await page.getByTestId('stat-covered').textContent()).toContain('Sudah terlayani: ada Peksos');

      await page.getByTestId('stat-lacking-certified').click();
      await page.waitForURL((url) => url.searchParams.get('certified') === '1');
      await expectGapCount(page, lackingCertified);
      expect(await page.getByTestId('stat-lacking-certified').getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByTestId('stat-covered').textContent()).toContain('Sudah terlayani: Peksos tersertifikasi');
      await screenshot(page, `43-coverage-figure-filter-${width}`);

      await page.getByTestId('stat-lacking').click();
      await page.waitForURL((url) => !url.searchParams.has('certified'));
      await expectGapCount(page, lacking);

      // "Needing a worker" opens the organisations list of the same area, which counts the same.
      const needing = await statValue(page, 'stat-needing');
      await page.getByTestId('stat-needing').click();
      await page.waitForURL((url) => url.pathname === '/organisations' && url.searchParams.get('should') === '1');
      await page.getByTestId('organisation-row').first().waitFor();
      expect(await page.getByTestId('page-status').textContent()).toContain(`dari ${needing}`);
      await page.close();
    });
  }

  it("opens the workers list each of the dashboard's worker figures counts", async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await inIndonesianBeforeSignIn(page, baseUrl);
    for (const [testId, address] of [
      ['stat-workers', (url: URL) => url.pathname === '/workers' && url.search === ''],
      ['stat-certified', (url: URL) => url.searchParams.get('status') === 'CERTIFIED'],
      ['stat-unplaced', (url: URL) => url.searchParams.get('placed') === '0'],
    ] as const) {
      await signIn(page, 'admin', '/dashboard');
      const value = await statValue(page, testId);
      await page.getByTestId(testId).click();
      await page.waitForURL(address);
      await page.getByTestId('worker-row').first().waitFor();
      expect(await page.getByTestId('page-status').textContent()).toContain(`dari ${value}`);
    }
    await page.close();
  });

  it('keeps the rows, the figures and the date while a change loads, and shows one error when the network fails', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await inIndonesianBeforeSignIn(page, baseUrl);
    await signIn(page, 'admin', '/');
    const lacking = await statValue(page, 'stat-lacking');
    await expectGapCount(page, lacking);
    const asOf = page.getByRole('textbox', { name: 'Per tanggal' });
    const shownDate = await asOf.inputValue();
    expect(shownDate).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

    // A slow server: while the certified-only list loads, the old rows, figures and date stay.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      if (/CoverageGaps|CoverageSummary/.test(route.request().postData() ?? '')) await held;
      await route.continue();
    });
    await page.getByRole('switch', { name: /Hanya hitung Peksos tersertifikasi/ }).click();
    await page.waitForURL((url) => url.searchParams.get('certified') === '1');
    expect(await page.getByTestId('gap-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('stat-lacking-value').textContent()).toBe(String(lacking));
    expect(await asOf.inputValue()).toBe(shownDate);
    expect(await page.getByText('Memuat…').count()).toBe(0);
    release();
    await page.unrouteAll({ behavior: 'wait' });
    await expectGapCount(page, await statValue(page, 'stat-lacking-certified'));

    // The network fails: one error box, and a heading that says the list could not be loaded.
    await page.route('**/graphql', async (route) => {
      if (/CoverageGaps|CoverageSummary/.test(route.request().postData() ?? '')) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await page.reload();
    await page.getByRole('alert').first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Daftar belum dapat dimuat' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await page.getByRole('alert').textContent()).toContain('Server tidak dapat dihubungi');
    await screenshot(page, '44-coverage-network-failure');
    await page.unrouteAll({ behavior: 'wait' });
    await page.getByRole('button', { name: 'Coba lagi' }).click();
    await page.getByTestId('gap-count').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  for (const [width, viewport] of WIDTHS) {
    it(`reads and takes dates as dd/mm/yyyy, shown as "1 Des 2025" beside them (${width})`, async () => {
      const page = await browser.newPage({ viewport });
      await inIndonesianBeforeSignIn(page, baseUrl);
      await signIn(page, 'admin', '/');
      await page.getByTestId('gap-count').waitFor();
      const asOf = page.getByRole('textbox', { name: 'Per tanggal' });
      await asOf.fill('');
      await asOf.pressSequentially('01122025');
      expect(await asOf.inputValue()).toBe('01/12/2025');
      await page.waitForURL((url) => url.searchParams.get('asOf') === '2025-12-01');
      await page.getByRole('heading', { level: 2 }).filter({ hasText: 'per tanggal 1 Des 2025' }).waitFor();
      // Another filter keeps the date.
      await page.getByRole('switch', { name: /Hanya hitung Peksos tersertifikasi/ }).click();
      await page.waitForURL((url) => url.searchParams.get('certified') === '1');
      expect(await asOf.inputValue()).toBe('01/12/2025');
      await screenshot(page, `45-coverage-date-${width}`);

      // Typed with single digits, it is written out in full; a day that does not exist is refused where it was typed.
      await page.getByRole('button', { name: /^Tugaskan Peksos: / }).first().click();
      const dialog = page.getByRole('dialog');
      const startsOn = dialog.getByRole('textbox', { name: 'Mulai bertugas' });
      expect(await startsOn.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      await startsOn.fill('1/3/2026');
      await startsOn.blur();
      expect(await startsOn.inputValue()).toBe('01/03/2026');
      await startsOn.fill('31/02/2026');
      await startsOn.blur();
      expect(await fieldError(page, 'Mulai bertugas')).toBe('Tulis tanggal sebagai hh/bb/tttt, misalnya 01/12/2026.');
      await screenshot(page, `46-assign-date-${width}`);
      await page.keyboard.press('Escape');

      // In English the date is still typed day first, and read as "1 Dec 2025".
      await inEnglish(page);
      const asOfEn = page.getByRole('textbox', { name: 'As of' });
      await page.getByRole('heading', { level: 2 }).filter({ hasText: 'as of 1 Dec 2025' }).waitFor();
      expect(await asOfEn.inputValue()).toBe('01/12/2025');
      expect(await asOfEn.getAttribute('placeholder')).toBe('dd/mm/yyyy');
      await inIndonesian(page);
      await page.close();
    });
  }
});

/** Opens the site in Indonesian (the default), so the sign-in page's labels are the ones the helpers look for. */
async function inIndonesianBeforeSignIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/masuk`);
  await inIndonesian(page);
}

/** Clears the kecamatan filter (the select's clear button): the whole city. */
async function clearKecamatan(page: Page): Promise<void> {
  const field = page.getByRole('combobox', { name: 'Kecamatan', exact: true });
  // Mantine's clear button sits beside the input, hidden from assistive technology (the keyboard deletes the text).
  await field.locator('xpath=..').locator('button').first().click();
}
