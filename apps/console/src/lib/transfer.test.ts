import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  attachmentName,
  describeTransferError,
  downloadFile,
  exportPath,
  MAX_UPLOAD_BYTES,
  reportPath,
  templatePath,
  TransferError,
  uploadImport,
} from './transfer.js';
import { CSRF_HEADER, type ImportReport } from '@peksos/types';

const report: ImportReport = {
  kind: 'workers',
  format: 'csv',
  dryRun: true,
  applied: false,
  sha256: 'a'.repeat(64),
  summary: { rows: 1, create: 1, update: 0, unchanged: 0, error: 0 },
  errors: [],
  errorsTruncated: false,
  results: [{ row: 2, key: '************0001 Siti', action: 'create' }],
  resultsTruncated: false,
  ignoredColumns: [],
  durationMs: 5,
};

const csvFile = (content = 'NIK,Nama lengkap\n', name = 'peksos.csv') => new File([content], name, { type: 'text/csv' });

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('the file endpoints', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function lastRequest(): { url: string; init: RequestInit; headers: Headers } {
    const [url, init] = fetchMock.mock.calls.at(-1)!;
    return { url: String(url), init: init!, headers: new Headers(init!.headers) };
  }

  it('uploads the file itself for a dry run, with the CSRF header and same-origin credentials', async () => {
    fetchMock.mockResolvedValue(json(200, report));
    const file = csvFile();
    await expect(uploadImport('workers', file)).resolves.toEqual(report);
    const { url, init, headers } = lastRequest();
    expect(url).toBe('/api/import/workers?dryRun=true');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect(init.credentials).toBe('same-origin');
    expect(headers.get(CSRF_HEADER)).toBe('1');
    // Not a form: the server refuses multipart and url-encoded bodies.
    expect(headers.get('content-type')).toBe('application/octet-stream');
  });

  it('applies with dryRun=false and the SHA-256 of the reviewed file; a refusal (422) still gives the report', async () => {
    const refused = { ...report, dryRun: false, summary: { ...report.summary, create: 0, error: 1 } };
    fetchMock.mockResolvedValue(json(422, refused));
    await expect(uploadImport('organisations', csvFile(), { dryRun: false, expectedSha256: report.sha256 })).resolves.toEqual(refused);
    expect(lastRequest().url).toBe(`/api/import/organisations?dryRun=false&expectedSha256=${report.sha256}`);
  });

  it('refuses a file too large, empty or not CSV/XLSX before sending it', async () => {
    const large = csvFile();
    Object.defineProperty(large, 'size', { value: MAX_UPLOAD_BYTES + 1 });
    await expect(uploadImport('workers', large)).rejects.toMatchObject({ problem: 'tooLarge', status: null });
    await expect(uploadImport('workers', csvFile('', 'kosong.csv'))).rejects.toMatchObject({ problem: 'empty' });
    await expect(uploadImport('workers', csvFile('x', 'peksos.xls'))).rejects.toMatchObject({ problem: 'unsupportedType' });
    await expect(uploadImport('workers', csvFile('x', 'peksos.pdf'))).rejects.toMatchObject({ problem: 'unsupportedType' });
    expect(fetchMock).not.toHaveBeenCalled();
    // The extension decides, in any case.
    fetchMock.mockResolvedValue(json(200, report));
    await expect(uploadImport('workers', csvFile('x', 'PEKSOS.XLSX'))).resolves.toEqual(report);
  });

  it.each([
    [413, 'PAYLOAD_TOO_LARGE', undefined, 'tooLarge'],
    [415, 'UNSUPPORTED_MEDIA_TYPE', undefined, 'unsupportedType'],
    [400, 'BAD_USER_INPUT', undefined, 'badFile'],
    [409, 'CONFLICT', 'expectedSha256', 'changed'],
    [409, 'CONFLICT', 'organisationCode', 'conflict'],
    [401, 'UNAUTHENTICATED', undefined, 'signedOut'],
    [403, 'FORBIDDEN', undefined, 'forbidden'],
    [503, 'SERVICE_UNAVAILABLE', undefined, 'unavailable'],
    [500, 'INTERNAL_SERVER_ERROR', undefined, 'server'],
  ])('explains an answer %i %s', async (status, code, field, problem) => {
    const message = { id: 'Pesan server', en: 'Server message' };
    fetchMock.mockResolvedValue(json(status, { error: { code, ...(field ? { field } : {}), message } }));
    const error = await uploadImport('workers', csvFile()).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(TransferError);
    expect(error).toMatchObject({ problem, status, code, serverMessage: message });
  });

  it('explains an answer that is not JSON (a proxy page) by its status, and a network failure', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(uploadImport('workers', csvFile())).rejects.toMatchObject({ problem: 'server', status: 502, serverMessage: null });
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(uploadImport('workers', csvFile())).rejects.toMatchObject({ problem: 'network', status: null });
  });

  it('lets an abort through as an abort, not as a network failure', async () => {
    fetchMock.mockRejectedValue(new DOMException('aborted', 'AbortError'));
    await expect(uploadImport('workers', csvFile())).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('downloads through fetch with the CSRF header, under the name the server gives', async () => {
    fetchMock.mockResolvedValue(
      new Response('NIK,Nama lengkap\r\n', { status: 200, headers: { 'content-disposition': 'attachment; filename="templat-workers.csv"' } }),
    );
    const objectUrls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = vi.fn(() => 'blob:templat');
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    try {
      await expect(downloadFile(templatePath('workers', 'csv', 'id'), 'fallback.csv')).resolves.toEqual({ fileName: 'templat-workers.csv', bytes: 18 });
    } finally {
      click.mockRestore();
      URL.createObjectURL = objectUrls.create;
      URL.revokeObjectURL = objectUrls.revoke;
    }
    const { url, init, headers } = lastRequest();
    expect(url).toBe('/api/templates/workers.csv');
    expect(init.credentials).toBe('same-origin');
    expect(headers.get(CSRF_HEADER)).toBe('1');
    expect(clicked.map((link) => [link.download, link.getAttribute('href')])).toEqual([['templat-workers.csv', 'blob:templat']]);
  });

  it('reports a failed download with the server message, saving nothing', async () => {
    fetchMock.mockResolvedValue(json(404, { error: { code: 'NOT_FOUND', field: 'areaCode', message: { id: 'Wilayah 32.99 tidak ada', en: 'Area 32.99 does not exist' } } }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    await expect(downloadFile('/api/export/workers.csv?areaCode=32.99', 'x.csv')).rejects.toMatchObject({ problem: 'notFound' });
    expect(click).not.toHaveBeenCalled();
    click.mockRestore();
  });
});

describe('addresses of the file endpoints', () => {
  it('writes templates in the console language', () => {
    expect(templatePath('organisations', 'xlsx', 'id')).toBe('/api/templates/organisations.xlsx');
    expect(templatePath('assignments', 'csv', 'en')).toBe('/api/templates/assignments.csv?lang=en');
  });

  it('passes the list filters as the server reads them, leaving out the empty ones', () => {
    expect(
      exportPath(
        'coverage-gaps',
        'xlsx',
        { areaCode: '32.77.03', kinds: ['SOCIAL_WELFARE_INSTITUTION', 'VILLAGE_OFFICE'], certifiedOnly: true, asOf: undefined, search: '' },
        'en',
      ),
    ).toBe('/api/export/coverage-gaps.xlsx?areaCode=32.77.03&kinds=SOCIAL_WELFARE_INSTITUTION%2CVILLAGE_OFFICE&certifiedOnly=true&lang=en');
    expect(exportPath('workers', 'csv', { placed: false, kinds: [], search: 'Siti Aminah' }, 'id')).toBe(
      '/api/export/workers.csv?placed=false&search=Siti+Aminah',
    );
    expect(exportPath('organisations', 'csv', {}, 'id')).toBe('/api/export/organisations.csv');
    expect(reportPath('32.77', '2017-12-03')).toBe('/report/workforce-summary?areaCode=32.77&asOf=2017-12-03');
  });

  it('reads the file name of a Content-Disposition', () => {
    expect(attachmentName('attachment; filename="peksos-workers-32.77-2026-01-02.xlsx"')).toBe('peksos-workers-32.77-2026-01-02.xlsx');
    expect(attachmentName("attachment; filename*=UTF-8''laporan%20peksos.csv")).toBe('laporan peksos.csv');
    expect(attachmentName(null)).toBeNull();
  });
});

describe('describeTransferError', () => {
  it('adds the server words only where the console sentence does not say it all, and shortens them', () => {
    const unreadable = new TransferError('badFile', 400, 'BAD_USER_INPUT', { id: 'x'.repeat(1000), en: 'Unreadable' });
    const described = describeTransferError(unreadable);
    expect(described.key).toBe('transfer.error.badFile');
    expect(described.detail?.en).toBe('Unreadable');
    expect(described.detail?.id.length).toBeLessThan(310);
    const tooLarge = describeTransferError(new TransferError('tooLarge', 413, 'PAYLOAD_TOO_LARGE', { id: 'Terlalu besar', en: 'Too large' }));
    expect(tooLarge).toMatchObject({ key: 'transfer.error.tooLarge', values: { max: 50 }, detail: null });
    expect(describeTransferError(new TransferError('server', 500)).values.status).toBe(500);
  });
});
