import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from './axe.js';
import { graphql, screenshot, signIn, useBrowser } from './browser.js';
import { serverUrl } from './server.js';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Waits until the page has its data: no request under way and no spinner left. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root, .mantine-LoadingOverlay-root'), undefined, {
    timeout: 15_000,
  });
  // Transitions (dialogs, menus) end within Mantine's 200 ms.
  await page.waitForTimeout(300);
}

interface Ids {
  organisation: string;
  worker: string;
  caseId: string;
  role: string;
  /** A worker without a certificate, whose page offers to schedule a test and record a certificate. */
  untested: string;
}

async function someIds(baseUrl: string): Promise<Ids> {
  const data = await graphql<{
    organisations: { nodes: { id: string }[] };
    workers: { nodes: { id: string; certificationStatus: string }[] };
    cases: { nodes: { id: string }[] };
    professionalRoles: { nodes: { code: string }[] };
  }>(
    baseUrl,
    '{ organisations(first: 1) { nodes { id } } workers(first: 100) { nodes { id certificationStatus } } cases(first: 1) { nodes { id } } professionalRoles(first: 1) { nodes { code } } }',
  );
  return {
    organisation: data.organisations.nodes[0]!.id,
    worker: data.workers.nodes[0]!.id,
    caseId: data.cases.nodes[0]!.id,
    role: data.professionalRoles.nodes[0]!.code,
    untested: data.workers.nodes.find((worker) => worker.certificationStatus !== 'CERTIFIED')!.id,
  };
}

/** Every page of the console, as an admin sees it (the admin sees the most). */
function pages(ids: Ids): { name: string; path: string }[] {
  return [
    { name: 'coverage', path: '/' },
    { name: 'dashboard', path: '/dashboard' },
    { name: 'area-breakdown', path: '/wilayah?parent=32.77' },
    { name: 'organisations', path: '/organisations' },
    { name: 'organisation', path: `/organisations/${ids.organisation}` },
    { name: 'organisation-new', path: '/organisations/new' },
    { name: 'organisation-edit', path: `/organisations/${ids.organisation}/edit` },
    { name: 'workers', path: '/workers' },
    { name: 'worker', path: `/workers/${ids.worker}` },
    { name: 'worker-new', path: '/workers/new' },
    { name: 'worker-edit', path: `/workers/${ids.worker}/edit` },
    { name: 'cases', path: '/cases' },
    { name: 'needs-action', path: '/needs-action' },
    { name: 'coverage-plan', path: '/coverage-plan' },
    { name: 'placement-requests', path: '/placement-requests' },
    { name: 'case', path: `/cases/${ids.caseId}` },
    { name: 'case-new', path: '/cases/new' },
    { name: 'case-edit', path: `/cases/${ids.caseId}/edit` },
    { name: 'roles', path: '/roles' },
    { name: 'role', path: `/roles/${ids.role}` },
    { name: 'role-new', path: '/roles/new' },
    { name: 'import', path: '/import' },
    { name: 'accounts', path: '/accounts' },
    { name: 'api-keys', path: '/api-keys' },
    { name: 'audit-log', path: '/audit-log' },
    { name: 'not-found', path: '/tidak-ada' },
  ];
}

/** The dialogs and menus a person opens, each from the page it belongs to. */
const DIALOGS: { name: string; path: (ids: Ids) => string; open(page: Page): Promise<void> }[] = [
  {
    name: 'assign-dialog',
    path: () => '/',
    async open(page) {
      await page.getByRole('button', { name: /^(Tugaskan Peksos|Assign a worker): / }).first().click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'assign-dialog-options',
    path: () => '/',
    async open(page) {
      await page.getByRole('button', { name: /^(Tugaskan Peksos|Assign a worker): / }).first().click();
      await page.getByRole('dialog').getByRole('combobox', { name: /^(Peksos|Social worker)$/ }).click();
      await page.getByRole('listbox').waitFor();
    },
  },
  {
    name: 'user-menu',
    path: () => '/',
    async open(page) {
      await page.getByTestId('user-menu').click();
      await page.getByRole('menu').waitFor();
    },
  },
  {
    name: 'change-password',
    path: () => '/',
    async open(page) {
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: /^(Ubah kata sandi|Change my password)$/ }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  ...(
    [
      ['schedule-test', (ids: Ids) => `/workers/${ids.untested}`, /^(Jadwalkan uji kompetensi|Schedule competency test)$/],
      ['record-certificate', (ids: Ids) => `/workers/${ids.untested}`, /^(Catat sertifikat|Record certificate)$/],
      ['reveal-nik', (ids: Ids) => `/workers/${ids.untested}`, /^(Tampilkan NIK lengkap|Show full NIK)$/],
      ['archive-organisation', (ids: Ids) => `/organisations/${ids.organisation}`, /^(Arsipkan|Archive)$/],
      ['involve-worker', (ids: Ids) => `/cases/${ids.caseId}`, /^(Libatkan Peksos|Involve a worker)$/],
      ['handover', (ids: Ids) => `/workers/${ids.worker}`, /^(Serah terima|Hand over)$/],
      ['new-account', () => '/accounts', /^(Akun baru|New account)$/],
      ['new-api-key', () => '/api-keys', /^(Kunci API baru|New API key)$/],
    ] as const
  ).map(([name, path, button]) => ({
    name,
    path,
    async open(page: Page) {
      await page.getByRole('button', { name: button }).first().click();
      await page.getByRole('dialog').waitFor();
    },
  })),
  {
    name: 'download-menu',
    path: () => '/workers',
    async open(page) {
      await page.getByRole('button', { name: /^(Unduh|Download)/ }).first().click();
      await page.getByRole('menu').waitFor();
    },
  },
];

describe.each([
  { locale: 'id', viewport: DESKTOP, width: 'desktop' },
  { locale: 'en', viewport: DESKTOP, width: 'desktop' },
  { locale: 'id', viewport: PHONE, width: 'phone' },
  { locale: 'en', viewport: PHONE, width: 'phone' },
])('accessibility ($locale, $width)', ({ locale, viewport, width }) => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  async function openAs(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport });
    // Signing in is in Indonesian (signIn's labels); the language is chosen after.
    await page.goto(`${baseUrl}/masuk`);
    await page.evaluate(() => localStorage.removeItem('peksos.locale'));
    await signIn(page, 'admin', '/');
    await page.evaluate((value) => localStorage.setItem('peksos.locale', value), locale);
    await page.goto(`${baseUrl}${path}`);
    await settle(page);
    return page;
  }

  it('axe finds nothing on the sign-in page', async () => {
    const page = await browser.newPage({ viewport });
    await page.goto(`${baseUrl}/masuk`);
    await page.evaluate((value) => localStorage.setItem('peksos.locale', value), locale);
    await page.reload();
    await settle(page);
    await screenshot(page, `a11y-${width}-${locale}-sign-in`);
    expect(describeViolations('sign-in', await axeViolations(page))).toEqual([]);
    await page.close();
  });

  it('axe finds nothing on any page', async () => {
    const ids = await someIds(baseUrl);
    const page = await openAs('/');
    const found: string[] = [];
    for (const { name, path } of pages(ids)) {
      await page.goto(`${baseUrl}${path}`);
      const heading = await page
        .getByRole('heading', { level: 1 })
        .first()
        .waitFor({ timeout: 10_000 })
        .then(() => true, () => false);
      if (!heading) found.push(`${name}: no level-1 heading`);
      await settle(page);
      await screenshot(page, `a11y-${width}-${locale}-${name}`);
      found.push(...describeViolations(name, await axeViolations(page)));
    }
    expect(found).toEqual([]);
    await page.close();
  }, 240_000);

  it('axe finds nothing in an open dialog or menu', async () => {
    const ids = await someIds(baseUrl);
    const page = await openAs('/');
    const found: string[] = [];
    for (const dialog of DIALOGS) {
      await page.goto(`${baseUrl}${dialog.path(ids)}`);
      await settle(page);
      const opened = await dialog.open(page).then(() => true, (error: Error) => error.message.split('\n')[0]);
      if (opened !== true) {
        found.push(`${dialog.name}: did not open: ${opened}`);
        continue;
      }
      await settle(page);
      await screenshot(page, `a11y-${width}-${locale}-${dialog.name}`);
      found.push(...describeViolations(dialog.name, await axeViolations(page)));
    }
    expect(found).toEqual([]);
    await page.close();
  }, 180_000);
});
