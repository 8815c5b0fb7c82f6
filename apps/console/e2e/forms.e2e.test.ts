import { describe, expect, it } from 'vitest';
import { chooseOption, fieldError, graphql, useBrowser, screenshot, signIn } from './browser.js';
import { serverUrl } from './server.js';

async function totalCount(baseUrl: string, field: 'workers' | 'organisations'): Promise<number> {
  const data = await graphql<Record<string, { totalCount: number }>>(baseUrl, `{ ${field}(filter: { includeArchived: true }) { totalCount } }`);
  return data[field]!.totalCount;
}

describe('forms', () => {
  const baseUrl = serverUrl();
  const browser = useBrowser();

  it('rejects a worker without a name and with a malformed phone number, next to the fields, and saves nothing', async () => {
    const before = await totalCount(baseUrl, 'workers');
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.postData()?.includes('CreateWorker')) requests.push(request.url());
    });
    await signIn(page, 'admin', '/workers/new');
    await page.getByRole('heading', { level: 1, name: 'Peksos baru' }).waitFor();
    await page.getByRole('textbox', { name: 'Telepon', exact: true }).fill('nomor saya');
    await page.getByRole('textbox', { name: 'NIK', exact: true }).fill('12345');
    await page.getByRole('button', { name: 'Simpan' }).click();

    await page.getByText('Periksa isian yang ditandai.').waitFor();
    expect(await fieldError(page, 'Nama lengkap')).toBe('Wajib diisi');
    expect(await fieldError(page, 'Telepon')).toBe('Nomor telepon diawali +62 atau 08, 8–15 angka');
    expect(await fieldError(page, 'NIK')).toBe('NIK harus 16 angka');
    expect(new URL(page.url()).pathname).toBe('/workers/new');
    await screenshot(page, '07-worker-form-errors');
    expect(requests).toEqual([]);
    expect(await totalCount(baseUrl, 'workers')).toBe(before);
    await page.close();
  });

  it("shows the server's field error next to the field (a code already in use) and saves nothing", async () => {
    const before = await totalCount(baseUrl, 'organisations');
    const page = await browser.newPage();
    await signIn(page, 'admin', '/organisations/new');
    await page.getByRole('heading', { level: 1, name: 'Organisasi baru' }).waitFor();
    await page.getByRole('textbox', { name: 'Nama organisasi', exact: true }).fill('LKS Uji Coba Cibabat');
    await chooseOption(page, 'Jenis', 'Lembaga Kesejahteraan Sosial (LKS)');
    await chooseOption(page, 'Wilayah (kode Kemendagri)', /^Cibabat, Cimahi Utara/);
    await page.getByRole('textbox', { name: 'Kode', exact: true }).fill('DINSOS-3277');
    await page.getByRole('button', { name: 'Simpan' }).click();

    await page.getByText('Periksa isian yang ditandai.').waitFor();
    // In Bahasa Indonesia, from the error's code and field; the code itself stays in the field above it.
    expect(await fieldError(page, 'Kode')).toBe('Organisasi lain sudah memakai kode ini.');
    expect(await page.getByRole('textbox', { name: 'Kode', exact: true }).inputValue()).toBe('DINSOS-3277');
    expect(await fieldError(page, 'Nama organisasi')).toBeNull();
    expect(new URL(page.url()).pathname).toBe('/organisations/new');
    await screenshot(page, '08-organisation-form-server-error');
    expect(await totalCount(baseUrl, 'organisations')).toBe(before);
    await page.close();
  });
});
