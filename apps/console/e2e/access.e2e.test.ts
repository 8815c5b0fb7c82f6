import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, DEMO_PASSWORD, fieldError, graphql, graphqlResponse, useBrowser, screenshot, signIn } from './browser.js';
import { serverUrl } from './server.js';

/** GraphQL answers with errors that a page received (a viewer's page must get none). */
function collectGraphqlErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().endsWith('/graphql')) return;
    try {
      const body = (await response.json()) as { errors?: { message: string }[] };
      for (const error of body.errors ?? []) errors.push(error.message);
    } catch {
      // Not JSON: the test's own assertions will notice.
    }
  });
  return errors;
}

describe('signing in, roles and the admin pages', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  it('sends someone not signed in to sign in, says when the password is wrong, then returns to the page asked for', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/dashboard`);
    await page.waitForURL((url) => url.pathname === '/masuk' && url.searchParams.get('next') === '/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();

    await page.getByRole('textbox', { name: 'Nama pengguna' }).fill('koordinator');
    await page.locator('input[autocomplete="current-password"]').fill('bukan-kata-sandinya');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    const message = page.getByTestId('sign-in-error');
    await message.waitFor();
    expect(await message.textContent()).toBe('Nama pengguna atau kata sandi salah.');
    expect(new URL(page.url()).pathname).toBe('/masuk');
    await screenshot(page, '20-sign-in-wrong-password');

    await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.getByTestId('stat-workers-value').waitFor();
    expect(await page.getByTestId('user-name').textContent()).toBe('Koordinator Cimahi Utara (demo)');
    expect(await page.getByTestId('user-role').textContent()).toBe('Koordinator');
    // Administration is for admins only.
    expect(await page.getByTestId('admin-navigation').count()).toBe(0);
    await page.close();
  });

  it('signs out back to the sign-in page, after which the pages are closed again', async () => {
    const page = await browser.newPage();
    await signIn(page, 'pengamat', '/workers');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    await page.waitForURL((url) => url.pathname === '/masuk');
    expect(await page.getByTestId('sign-in-notice').textContent()).toBe('Anda sudah keluar.');

    // Back to the page, by the browser's history or the address: sign in first.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/masuk' && url.searchParams.get('next') === '/workers');
    await page.goto(`${baseUrl}/workers`);
    await page.getByRole('heading', { level: 1, name: 'Masuk' }).waitFor();
    expect(await page.getByTestId('workers-table').count()).toBe(0);
    await page.close();
  });

  it('shows a viewer the workers and a worker without personal data or edit buttons, and without errors', async () => {
    const page = await browser.newPage();
    const errors = collectGraphqlErrors(page);
    await signIn(page, 'pengamat', '/workers');
    await page.getByTestId('worker-row').first().waitFor();
    expect(await page.getByTestId('user-role').textContent()).toBe('Pengamat');
    const header = await page.getByTestId('workers-table').locator('thead').textContent();
    expect(header).not.toContain('Domisili');
    expect(await page.getByRole('link', { name: 'Peksos baru' }).count()).toBe(0);
    await screenshot(page, '21-viewer-workers');

    const workers = await graphql<{ workers: { nodes: { id: string; fullName: string; phone: string | null }[] } }>(
      baseUrl,
      '{ workers(first: 50) { nodes { id fullName phone } } }',
    );
    const worker = workers.workers.nodes.find((node) => node.phone)!;
    await page.getByTestId('worker-row').first().waitFor();
    await page.goto(`${baseUrl}/workers/${worker.id}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: worker.fullName }).waitFor();
    await page.getByTestId('personal-data-hidden').waitFor();
    const content = (await page.locator('main').textContent()) ?? '';
    expect(content).not.toContain(worker.phone!);
    for (const label of ['Telepon', 'NIK', 'Surel']) expect(await page.getByText(label, { exact: true }).count()).toBe(0);
    for (const name of ['Ubah', 'Arsipkan', 'Catat sertifikat', 'Jadwalkan uji kompetensi', 'Tampilkan NIK lengkap']) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    await screenshot(page, '22-viewer-worker');

    // The other pages, and a record of each kind, open for a viewer without a refused field either.
    for (const [list, row] of [
      ['/', 'gap-row'],
      ['/organisations', 'organisation-row'],
      ['/cases', 'cases-table'],
    ] as const) {
      await page.goto(`${baseUrl}${list}`);
      await page.getByTestId(row).first().waitFor();
      expect(await page.getByRole('button', { name: 'Tugaskan Peksos' }).count()).toBe(0);
    }
    await page.getByTestId('cases-table').getByRole('link').first().click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'CMH-' }).waitFor();
    expect(await page.getByRole('button', { name: 'Libatkan Peksos' }).count()).toBe(0);
    await page.goto(`${baseUrl}/organisations`);
    await page.getByTestId('organisation-row').first().getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Peksos yang bertugas' }).waitFor();
    expect(await page.getByRole('button', { name: 'Ubah' }).count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets an admin create an API key whose secret is shown once and works, then revoke it', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/api-keys');
    await page.getByRole('heading', { level: 1, name: 'Kunci API' }).waitFor();
    await page.getByRole('button', { name: 'Kunci API baru' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Nama (untuk siapa kunci ini)' }).fill('PKH Cimahi Utara (uji)');
    const organisations = dialog.getByRole('textbox', { name: 'Organisasi' });
    await organisations.click();
    await organisations.fill('PKH');
    await page.getByRole('option', { name: /PKH/ }).first().click();
    // The list stays open for more choices; clicking elsewhere closes it.
    await dialog.getByRole('textbox', { name: 'Nama (untuk siapa kunci ini)' }).click();
    await dialog.getByRole('button', { name: 'Tambah' }).click();

    const secretElement = page.getByTestId('api-key-secret');
    await secretElement.waitFor();
    const secret = ((await secretElement.textContent()) ?? '').trim();
    expect(secret).toMatch(/^pks_[0-9a-f]{12}_\S{43}$/);
    expect(await dialog.getByRole('alert').textContent()).toContain('hanya ditampilkan sekali');
    expect(await dialog.getByRole('button', { name: 'Salin', exact: true }).count()).toBe(1);
    await screenshot(page, '23-api-key-secret');

    // The key works for the partner.
    const me = await graphql<{ me: { role: string; label: string } }>(baseUrl, '{ me { role label } }', undefined, { bearer: secret });
    expect(me.me).toEqual({ role: 'PARTNER', label: 'PKH Cimahi Utara (uji)' });

    // Once the dialog is closed, the secret is nowhere on the page.
    await dialog.getByRole('button', { name: 'Sudah saya salin' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('api-key-row').filter({ hasText: 'PKH Cimahi Utara (uji)' });
    await row.waitFor();
    expect(await page.locator('body').textContent()).not.toContain(secret);
    expect(await row.textContent()).toContain(secret.slice(0, 16));
    await screenshot(page, '24-api-keys');

    await row.getByRole('button', { name: 'Cabut' }).click();
    const confirm = page.getByRole('dialog');
    expect(await confirm.textContent()).toContain('tidak dapat dibatalkan');
    await confirm.getByRole('button', { name: 'Cabut' }).click();
    await row.getByText(/^Dicabut/).waitFor();
    const refused = await graphqlResponse(baseUrl, '{ me { role } }', undefined, { bearer: secret });
    expect(refused.status).toBe(401);
    await page.close();
  });

  it('shows an admin the change just made in the audit log, with the row before and after', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/audit-log?table=api_key');
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    // Newest first: revoking the key made by the previous test, then creating it.
    expect(await rows.nth(0).textContent()).toContain('revokeApiKey');
    expect(await rows.nth(1).textContent()).toContain('createApiKey');
    expect(await rows.nth(0).textContent()).toContain('admin');

    await rows.nth(0).getByTestId('audit-toggle').click();
    const diff = page.getByTestId('audit-diff');
    await diff.waitFor();
    // An update shows the fields that changed: the revocation time, from nothing to a time.
    const changed = await diff.locator('tbody tr').allTextContents();
    expect(changed.some((text) => text.startsWith('revoked_at—'))).toBe(true);
    expect(changed.some((text) => text.startsWith('name'))).toBe(false);
    // Secrets never reach the log.
    expect(await diff.textContent()).not.toContain('secret_hash');
    await screenshot(page, '25-audit-log-expanded');

    // The filter by action narrows to the creations, and stays in the address.
    await page.getByRole('combobox', { name: 'Tindakan' }).click();
    await page.getByRole('option', { name: 'Tambah' }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'INSERT');
    await page.waitForFunction(() => !document.body.textContent?.includes('revokeApiKey'));
    expect(await rows.first().textContent()).toContain('createApiKey');
    await page.close();
  });

  it("shows a coordinator the server's refusal beside the field when the area is outside theirs", async () => {
    const page = await browser.newPage();
    await signIn(page, 'koordinator', '/organisations/new');
    await page.getByRole('textbox', { name: 'Nama organisasi', exact: true }).fill('LKS Uji Wilayah Lain');
    await chooseOption(page, 'Jenis', 'Lembaga Kesejahteraan Sosial (LKS)');
    await chooseOption(page, 'Wilayah (kode Kemendagri)', 'Kecamatan Cimahi Selatan');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Koordinator hanya dapat mengubah data di wilayahnya sendiri', { exact: false }).waitFor();
    expect(await fieldError(page, 'Wilayah (kode Kemendagri)')).toBe('Koordinator hanya dapat mengubah data di wilayahnya sendiri (Cimahi Utara).');
    expect(new URL(page.url()).pathname).toBe('/organisations/new');
    await screenshot(page, '26-coordinator-forbidden');
    await page.close();
  });

  it('lets an admin create an account, and read a full NIK with a reason that the audit log records', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/accounts');
    await page.getByTestId('account-row').first().waitFor();
    await page.getByRole('button', { name: 'Akun baru' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Nama pengguna' }).fill('petugas.uji');
    await dialog.getByRole('textbox', { name: 'Nama tampilan' }).fill('Petugas Uji');
    await chooseOption(page, 'Peran akses', 'Koordinator');
    await chooseOption(page, 'Wilayah koordinator', 'Kecamatan Cimahi Tengah');
    await dialog.locator('input[autocomplete="new-password"]').fill('kata-sandi-uji-2026');
    await dialog.getByRole('button', { name: 'Tambah' }).click();
    const row = page.getByTestId('account-row').filter({ hasText: 'petugas.uji' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Koordinator');
    expect(await row.textContent()).toContain('32.77.02');
    await screenshot(page, '27-accounts');

    const workers = await graphql<{ workers: { nodes: { id: string; fullName: string; maskedNationalIdNumber: string | null }[] } }>(
      baseUrl,
      '{ workers(first: 50) { nodes { id fullName maskedNationalIdNumber } } }',
    );
    const worker = workers.workers.nodes.find((node) => node.maskedNationalIdNumber)!;
    await page.goto(`${baseUrl}/workers/${worker.id}`);
    await page.getByTestId('masked-nik').waitFor();
    await page.getByRole('button', { name: 'Tampilkan NIK lengkap' }).click();
    const reveal = page.getByRole('dialog');
    expect(await reveal.textContent()).toContain('dicatat di log audit');
    await reveal.getByRole('textbox', { name: 'Alasan' }).fill('verifikasi BPJS');
    await reveal.getByRole('button', { name: 'Tampilkan dan catat' }).click();
    const nik = ((await page.getByTestId('revealed-nik').textContent()) ?? '').trim();
    expect(nik).toMatch(/^\d{16}$/);
    expect(nik.slice(-4)).toBe(worker.maskedNationalIdNumber!.slice(-4));
    await screenshot(page, '28-reveal-nik');
    await reveal.getByRole('button', { name: 'Tutup' }).last().click();

    await page.goto(`${baseUrl}/audit-log?action=READ`);
    const read = page.getByTestId('audit-row').first();
    await read.waitFor();
    expect(await read.textContent()).toContain('revealNationalIdNumber');
    await read.getByTestId('audit-toggle').click();
    expect(await page.getByTestId('audit-diff').textContent()).toContain('verifikasi BPJS');
    await page.close();
  });
});
