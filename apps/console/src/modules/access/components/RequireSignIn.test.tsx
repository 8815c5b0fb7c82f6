import { MantineProvider } from '@mantine/core';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { act, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { LocaleProvider } from '../../../i18n/locale.js';
import { announceSessionEnded, announceSigningOut } from '../../../lib/session-events.js';
import { MeQuery } from '../graphql/queries.js';
import { useAccess } from '../lib/access.js';
import { RequireSignIn } from './RequireSignIn.js';

function me(role: 'ADMIN' | 'VIEWER' | null): MockLink.MockedResponse {
  const account = role && { __typename: 'Account', id: 'a1', username: 'pengamat', displayName: 'Pengamat', role, areaCode: null };
  return {
    request: { query: MeQuery },
    result: { data: { me: { __typename: 'Me', kind: role ? 'account' : 'anonymous', label: 'x', role, areaCode: null, account } } },
  };
}

function Page() {
  const access = useAccess();
  return <p data-testid="page">{`${access.role} edit:${access.canEdit} personal:${access.seesPersonalData}`}</p>;
}

function SignIn() {
  const location = useLocation();
  return <p data-testid="sign-in">{`${location.pathname}${location.search}`}</p>;
}

function renderGate(mocks: MockLink.MockedResponse[]) {
  return render(
    <MockedProvider mocks={mocks}>
      <MantineProvider>
        <LocaleProvider initialLocale="id">
          <MemoryRouter initialEntries={['/workers?status=CERTIFIED']}>
            <Routes>
              <Route path="/masuk" element={<SignIn />} />
              <Route
                path="*"
                element={
                  <RequireSignIn>
                    <Page />
                  </RequireSignIn>
                }
              />
            </Routes>
          </MemoryRouter>
        </LocaleProvider>
      </MantineProvider>
    </MockedProvider>,
  );
}

describe('the sign-in gate', () => {
  it('sends someone not signed in to sign in, to come back after', async () => {
    renderGate([me(null)]);
    expect((await screen.findByTestId('sign-in')).textContent).toBe('/masuk?next=%2Fworkers%3Fstatus%3DCERTIFIED');
  });

  it('shows a viewer the page, read-only and without personal data', async () => {
    renderGate([me('VIEWER')]);
    expect((await screen.findByTestId('page')).textContent).toBe('VIEWER edit:false personal:false');
  });

  it('goes to sign in when a request finds the session ended', async () => {
    renderGate([me('ADMIN')]);
    expect((await screen.findByTestId('page')).textContent).toBe('ADMIN edit:true personal:true');
    act(() => announceSessionEnded());
    await waitFor(() =>
      expect(screen.getByTestId('sign-in').textContent).toBe('/masuk?next=%2Fworkers%3Fstatus%3DCERTIFIED&reason=expired'),
    );
  });

  it('stays quiet when a request in flight comes back UNAUTHENTICATED because the person signed out, and not after', async () => {
    // The sign-out leaves for "/masuk?reason=signedOut"; an answer arriving before the page has gone must not replace
    // that with "your session has ended".
    const first = renderGate([me('ADMIN')]);
    await screen.findByTestId('page');
    announceSigningOut();
    act(() => announceSessionEnded());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('sign-in')).toBeNull();
    first.unmount();

    // Back on a page for the signed-in (after signing in again, or by the browser's history): an ended session counts.
    renderGate([me('ADMIN')]);
    await screen.findByTestId('page');
    act(() => announceSessionEnded());
    await waitFor(() => expect(screen.getByTestId('sign-in').textContent).toContain('reason=expired'));
  });
});
