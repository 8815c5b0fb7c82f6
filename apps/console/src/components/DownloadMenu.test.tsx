import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../i18n/locale.js';
import { CSRF_HEADER } from '@peksos/types';
import { DownloadMenu } from './DownloadMenu.js';

describe('DownloadMenu', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const objectUrls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    URL.createObjectURL = objectUrls.create;
    URL.revokeObjectURL = objectUrls.revoke;
  });

  it("downloads the server's export with the list's filters, in the console's language", async () => {
    fetchMock.mockResolvedValue(new Response('x', { headers: { 'content-disposition': 'attachment; filename="peksos-coverage-gaps-32.77.03.xlsx"' } }));
    const user = userEvent.setup();
    render(
      <MantineProvider env="test">
        <LocaleProvider initialLocale="en">
          <DownloadMenu
            list="coverage-gaps"
            filters={{ areaCode: '32.77.03', kinds: ['SOCIAL_WELFARE_INSTITUTION'], certifiedOnly: true, asOf: undefined }}
            printable={{ areaCode: '32.77.03', asOf: '2017-12-03' }}
          />
        </LocaleProvider>
      </MantineProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(screen.getByRole('menuitem', { name: /Printable summary/ }).getAttribute('href')).toBe(
      '/report/workforce-summary?areaCode=32.77.03&asOf=2017-12-03',
    );
    await user.click(screen.getByRole('menuitem', { name: 'XLSX file (Excel)' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/export/coverage-gaps.xlsx?areaCode=32.77.03&kinds=SOCIAL_WELFARE_INSTITUTION&certifiedOnly=true&lang=en');
    expect(new Headers(init!.headers).get(CSRF_HEADER)).toBe('1');
    expect(init!.credentials).toBe('same-origin');
    await waitFor(() => expect(HTMLAnchorElement.prototype.click).toHaveBeenCalledTimes(1));
  });
});
