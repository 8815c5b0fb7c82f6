import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider, type Locale } from '../../../i18n/locale.js';
import type { RowResult } from '@peksos/types';
import { reportOf } from '../lib/report-fixture.js';
import { ImportView } from './ImportView.js';

const badNik = {
  row: 3,
  column: 'NIK',
  field: 'nationalIdNumber',
  code: 'BAD_USER_INPUT' as const,
  key: 'badNationalId',
  value: '32770112345',
  message: { id: 'NIK "32770112345" tidak valid: NIK terdiri dari 16 angka', en: 'National ID number (NIK) "32770112345" is not valid: it is 16 digits' },
};
const unknownArea = {
  row: 4,
  column: 'Kode wilayah domisili',
  field: 'homeAreaCode',
  code: 'NOT_FOUND' as const,
  key: 'unknownArea',
  value: '32.77.09.9999',
  message: { id: 'Kode wilayah 32.77.09.9999 tidak terdaftar', en: 'Area code 32.77.09.9999 does not exist in the registry' },
};
const badPhone = {
  row: 4,
  column: 'Telepon',
  field: 'phone',
  code: 'BAD_USER_INPUT' as const,
  key: 'badPhone',
  value: 'abc',
  message: { id: 'Nomor telepon "abc" tidak valid: 8 sampai 15 angka, boleh diawali +', en: 'Phone number "abc" is not valid: 8 to 15 digits, optionally after a +' },
};

const refusedReport = reportOf([
  { row: 2, key: '************0101 Valid Satu', action: 'create' },
  { row: 3, key: '*******2345 NIK Pendek', action: 'error', errors: [badNik] },
  { row: 4, key: '************0103 Wilayah Salah', action: 'error', errors: [unknownArea, badPhone] },
]);
const goodReport = reportOf([
  { row: 2, key: '************0101 Valid Satu', action: 'create' },
  { row: 3, key: '************0001 Siti Aminah', action: 'update', changes: ['fullName', 'employmentStatus'] },
  { row: 4, key: '************0002 Budi Santoso', action: 'unchanged' },
]);

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function renderImport({ path = '/import?kind=workers', locale = 'id' as Locale } = {}) {
  const client = new ApolloClient({ link: ApolloLink.empty(), cache: new InMemoryCache() });
  const resetStore = vi.spyOn(client, 'resetStore').mockResolvedValue(null);
  // accept= only filters the browser's file dialog: a person can still pick any file.
  const user = userEvent.setup({ applyAccept: false });
  const view = render(
    <ApolloProvider client={client}>
      <MantineProvider env="test">
        <LocaleProvider initialLocale={locale}>
          <MemoryRouter initialEntries={[path]}>
            <ImportView />
          </MemoryRouter>
        </LocaleProvider>
      </MantineProvider>
    </ApolloProvider>,
  );
  const fileInput = () => view.container.querySelector<HTMLInputElement>('input[type="file"]')!;
  const choose = (file: File) => user.upload(fileInput(), file);
  return { user, resetStore, choose, view };
}

const csv = (name = 'peksos.csv') => new File(['NIK,Nama lengkap,Jenis kelamin,Status kepegawaian\n'], name, { type: 'text/csv' });

describe('the import page', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  const requestUrls = () => fetchMock.mock.calls.map(([url]) => String(url));

  it('shows each refused row with its column and message, refused rows first, and will not apply', async () => {
    fetchMock.mockResolvedValue(json(200, refusedReport));
    const { user, choose } = renderImport();
    expect(screen.getByRole('radio', { name: /Pekerja sosial/ }).getAttribute('aria-checked')).toBe('true');
    await choose(csv());
    await user.click(screen.getByRole('button', { name: 'Periksa berkas' }));

    await screen.findByTestId('import-report');
    expect(requestUrls()).toEqual(['/api/import/workers?dryRun=true']);
    expect(screen.getByTestId('import-total-create-value').textContent).toBe('1');
    expect(screen.getByTestId('import-total-error-value').textContent).toBe('2');

    const rows = screen.getAllByTestId('import-row');
    expect(rows.map((row) => row.getAttribute('data-row'))).toEqual(['3', '4', '2']);
    expect(within(rows[0]!).getByTestId('row-outcome').textContent).toBe('Ditolak');
    const problems = within(rows[1]!).getAllByTestId('row-problem');
    expect(problems.map((item) => [within(item).getByTestId('problem-column').textContent, within(item).getByTestId('problem-message').textContent])).toEqual([
      ['Kode wilayah domisili', 'Kode wilayah 32.77.09.9999 tidak terdaftar'],
      ['Telepon', 'Nomor telepon "abc" tidak valid: 8 sampai 15 angka, boleh diawali +'],
    ]);
    expect(within(rows[2]!).getByTestId('row-outcome').textContent).toBe('Baru');

    const apply = screen.getByRole('button', { name: 'Terapkan' });
    expect(apply.hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('apply-bar').textContent).toMatch(/semua atau tidak sama sekali/);

    // Only the refused rows, on request.
    await user.click(screen.getByRole('radio', { name: 'Ditolak (2)' }));
    expect(screen.getAllByTestId('import-row').map((row) => row.getAttribute('data-row'))).toEqual(['3', '4']);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('shows the problems in English when the console is in English', async () => {
    fetchMock.mockResolvedValue(json(200, refusedReport));
    const { user, choose } = renderImport({ locale: 'en' });
    await choose(csv());
    await user.click(screen.getByRole('button', { name: 'Check the file' }));
    await screen.findByTestId('import-report');
    expect(screen.getAllByTestId('problem-message').map((item) => item.textContent)).toContain('Area code 32.77.09.9999 does not exist in the registry');
    expect(screen.getByRole('button', { name: 'Apply' }).hasAttribute('disabled')).toBe(true);
  });

  it('applies exactly the file reviewed after confirmation, then drops the stale cache', async () => {
    const applied = { ...goodReport, dryRun: false, applied: true };
    fetchMock.mockResolvedValueOnce(json(200, goodReport)).mockResolvedValueOnce(json(200, applied));
    const { user, choose, resetStore } = renderImport();
    const file = csv();
    await choose(file);
    await user.click(screen.getByRole('button', { name: 'Periksa berkas' }));
    await screen.findByTestId('import-report');
    // What changes on an update, named as the columns are.
    expect(screen.getAllByTestId('import-row')[1]!.textContent).toContain('Berubah: Nama lengkap, Status kepegawaian');

    await user.click(screen.getByRole('button', { name: 'Terapkan' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('1 data akan ditambahkan dan 1 diperbarui');
    await user.click(within(dialog).getByRole('button', { name: 'Ya, terapkan' }));

    await screen.findByTestId('import-applied');
    expect(requestUrls()).toEqual(['/api/import/workers?dryRun=true', `/api/import/workers?dryRun=false&expectedSha256=${goodReport.sha256}`]);
    expect(fetchMock.mock.calls[1]![1]!.body).toBe(file);
    expect(resetStore).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('import-applied').textContent).toContain('1 ditambahkan, 1 diperbarui, 1 tidak berubah');
    expect(screen.queryByRole('button', { name: 'Terapkan' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Lihat daftar Peksos' }).getAttribute('href')).toBe('/workers');
  });

  it('says nothing was saved when rows are refused on applying (422)', async () => {
    const refusedOnApply = reportOf([{ row: 2, key: 'LKS-1', action: 'error', errors: [{ ...unknownArea, row: 2 }] }], { dryRun: false, kind: 'organisations' });
    fetchMock.mockResolvedValueOnce(json(200, { ...goodReport, kind: 'organisations' })).mockResolvedValueOnce(json(422, refusedOnApply));
    const { user, choose, resetStore } = renderImport({ path: '/import?kind=organisations' });
    await choose(csv());
    await user.click(screen.getByRole('button', { name: 'Periksa berkas' }));
    await user.click(await screen.findByRole('button', { name: 'Terapkan' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Ya, terapkan' }));
    expect((await screen.findByTestId('import-refused')).textContent).toContain('1 baris ditolak saat diterapkan');
    expect(screen.getByTestId('problem-message').textContent).toBe('Kode wilayah 32.77.09.9999 tidak terdaftar');
    expect(resetStore).not.toHaveBeenCalled();
  });

  it('asks for a new check when the file changed since it was reviewed (409)', async () => {
    fetchMock.mockResolvedValueOnce(json(200, goodReport)).mockResolvedValueOnce(
      json(409, {
        error: {
          code: 'CONFLICT',
          field: 'expectedSha256',
          message: { id: 'Berkas berbeda dari berkas yang diperiksa pada uji coba', en: 'The file differs from the one reviewed in the dry run' },
        },
      }),
    );
    const { user, choose } = renderImport();
    await choose(csv());
    await user.click(screen.getByRole('button', { name: 'Periksa berkas' }));
    await user.click(await screen.findByRole('button', { name: 'Terapkan' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Ya, terapkan' }));
    expect((await screen.findByTestId('transfer-error')).textContent).toContain('Berkas berbeda dari yang diperiksa tadi. Periksa lagi sebelum menerapkan.');
  });

  it.each([
    [json(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: { id: 'Terlalu besar', en: 'Too large' } } }), 'Berkas terlalu besar: paling besar 50 MiB'],
    [json(415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: { id: 'x', en: 'x' } } }), 'Jenis berkas tidak didukung'],
    [
      json(400, { error: { code: 'BAD_USER_INPUT', message: { id: 'Berkas CSV tidak dapat dibaca setelah baris 0', en: 'The CSV file cannot be read after row 0' } } }),
      'Pesan server: Berkas CSV tidak dapat dibaca setelah baris 0',
    ],
    [json(503, { error: { code: 'SERVICE_UNAVAILABLE', message: { id: 'x', en: 'x' } } }), 'Basis data sedang tidak tersedia'],
    [new Response('oops', { status: 500 }), 'Terjadi kesalahan di server (kode 500)'],
    [new TypeError('Failed to fetch'), 'Server tidak dapat dihubungi'],
  ])('explains a failed check: %#', async (answer, expected) => {
    if (answer instanceof Response) fetchMock.mockResolvedValue(answer);
    else fetchMock.mockRejectedValue(answer);
    const { user, choose } = renderImport();
    await choose(csv());
    await user.click(screen.getByRole('button', { name: 'Periksa berkas' }));
    expect((await screen.findByTestId('transfer-error')).textContent).toContain(expected);
    expect(screen.queryByTestId('import-report')).toBeNull();
  });

  it('refuses a file that is not CSV or XLSX as soon as it is chosen, without uploading it', async () => {
    const { user, choose } = renderImport();
    await choose(new File(['x'], 'peksos.xls', { type: 'application/vnd.ms-excel' }));
    expect((await screen.findByTestId('transfer-error')).textContent).toContain('Berkas Excel lama (.xls) perlu disimpan ulang sebagai XLSX');
    await user.click(screen.getByRole('button', { name: 'Periksa berkas' }));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('pages through a long report, fifty rows at a time', async () => {
    const results: RowResult[] = Array.from({ length: 120 }, (_, index) => ({ row: index + 2, key: `ORG-${index + 2}`, action: 'create' }));
    fetchMock.mockResolvedValue(json(200, reportOf(results, { kind: 'organisations' })));
    const { user, choose } = renderImport({ path: '/import?kind=organisations' });
    await choose(csv());
    await user.click(screen.getByRole('button', { name: 'Periksa berkas' }));
    await screen.findByTestId('import-report');
    expect(screen.getAllByTestId('import-row')).toHaveLength(50);
    expect(screen.getByTestId('import-rows-status').textContent).toBe('Baris 1–50 dari 120');
    await user.click(screen.getByRole('button', { name: '3' }));
    expect(screen.getAllByTestId('import-row').map((row) => row.getAttribute('data-row'))).toEqual(results.slice(100).map((result) => String(result.row)));
    expect(screen.getByTestId('import-rows-status').textContent).toBe('Baris 101–120 dari 120');
  });

  it('forgets the report when the kind changes, and offers that kind\'s templates', async () => {
    fetchMock.mockResolvedValue(json(200, refusedReport));
    const { user, choose } = renderImport();
    await choose(csv());
    await user.click(screen.getByRole('button', { name: 'Periksa berkas' }));
    await screen.findByTestId('import-report');
    await user.click(screen.getByRole('radio', { name: /Organisasi/ }));
    await waitFor(() => expect(screen.queryByTestId('import-report')).toBeNull());
    expect(screen.getByText('Templat organisasi')).toBeTruthy();
  });
});
