import { GraphQLError } from 'graphql';
import { MantineProvider } from '@mantine/core';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { LocaleProvider } from '../../../i18n/locale.js';
import { SignInMutation } from '../graphql/mutations.js';
import { MeQuery } from '../graphql/queries.js';
import { safeReturnPath, signInPath } from '../lib/access.js';
import { SignInView } from './SignInView.js';

const anonymous: MockLink.MockedResponse = {
  request: { query: MeQuery },
  result: { data: { me: { __typename: 'Me', kind: 'anonymous', label: 'anonymous', role: null, areaCode: null, account: null } } },
  maxUsageCount: 10,
};

function signInAnswer(result: MockLink.MockedResponse['result'], password = 'salah-sekali'): MockLink.MockedResponse {
  return { request: { query: SignInMutation, variables: { username: 'admin', password } }, result };
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname}</p>;
}

function renderSignIn(mocks: MockLink.MockedResponse[], address = '/masuk?next=%2Fworkers') {
  return render(
    <MockedProvider mocks={[anonymous, ...mocks]}>
      <MantineProvider>
        <LocaleProvider initialLocale="id">
          <MemoryRouter initialEntries={[address]}>
            <Routes>
              <Route path="/masuk" element={<SignInView />} />
              <Route path="*" element={<Where />} />
            </Routes>
          </MemoryRouter>
        </LocaleProvider>
      </MantineProvider>
    </MockedProvider>,
  );
}

function submit(password: string) {
  fireEvent.change(screen.getByLabelText(/Nama pengguna/), { target: { value: 'admin' } });
  fireEvent.change(screen.getByLabelText(/Kata sandi/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Masuk' }));
}

describe('sign-in page', () => {
  it('says plainly when the username or password is wrong', async () => {
    renderSignIn([signInAnswer({ errors: [new GraphQLError('Wrong username or password', { extensions: { code: 'UNAUTHENTICATED' } })] })]);
    submit('salah-sekali');
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Nama pengguna atau kata sandi salah.');
  });

  it('after too many failures, says how long to wait and holds the button until then', async () => {
    renderSignIn([
      signInAnswer({
        errors: [new GraphQLError('Too many failed sign-ins', { extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 42 } })],
      }),
    ]);
    submit('salah-sekali');
    expect((await screen.findByTestId('sign-in-error')).textContent).toMatch(/^Terlalu banyak percobaan gagal\. Tunggu 4[12] detik/);
    expect(screen.getByRole('button', { name: 'Masuk' }).hasAttribute('disabled')).toBe(true);
  });

  it('returns to the page that sent the person here once signed in', async () => {
    renderSignIn([
      signInAnswer(
        {
          data: {
            signIn: {
              __typename: 'SignInResult',
              expiresAt: '2026-11-29T16:00:00.000Z',
              account: { __typename: 'Account', id: 'a1', username: 'admin', displayName: 'Admin', role: 'ADMIN', areaCode: null },
            },
          },
        },
        'peksos-demo-2026',
      ),
    ]);
    submit('peksos-demo-2026');
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/workers'));
  });

  it('returns only to pages of this site', () => {
    expect(safeReturnPath('/workers?status=CERTIFIED')).toBe('/workers?status=CERTIFIED');
    expect(safeReturnPath('//evil.example/')).toBe('/');
    expect(safeReturnPath('https://evil.example/')).toBe('/');
    expect(safeReturnPath('/masuk')).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
    expect(signInPath('/workers/1', 'expired')).toBe('/masuk?next=%2Fworkers%2F1&reason=expired');
    expect(signInPath('/')).toBe('/masuk');
  });
});
