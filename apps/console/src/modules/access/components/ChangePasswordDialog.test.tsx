import { GraphQLError } from 'graphql';
import { MantineProvider } from '@mantine/core';
import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LocaleProvider } from '../../../i18n/locale.js';
import { ChangeMyPasswordMutation } from '../graphql/mutations.js';
import { ChangePasswordDialog } from './ChangePasswordDialog.js';

function fill(current: string, next: string, repeat: string) {
  fireEvent.change(screen.getByLabelText(/Kata sandi sekarang/), { target: { value: current } });
  fireEvent.change(screen.getByLabelText(/^Kata sandi baru/), { target: { value: next } });
  fireEvent.change(screen.getByLabelText(/Ulangi kata sandi baru/), { target: { value: repeat } });
  fireEvent.click(screen.getByRole('button', { name: 'Simpan' }));
}

describe('change my password', () => {
  it("checks the two new passwords agree, then puts the server's answer beside the current password", async () => {
    render(
      <MockedProvider
        mocks={[
          {
            request: { query: ChangeMyPasswordMutation, variables: { currentPassword: 'keliru-sekali', newPassword: 'kata-sandi-baru-2026' } },
            result: {
              errors: [
                new GraphQLError('The current password is not right', { extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } }),
              ],
            },
          },
        ]}
      >
        <MantineProvider>
          <LocaleProvider initialLocale="id">
            <ChangePasswordDialog opened onClose={() => {}} />
          </LocaleProvider>
        </MantineProvider>
      </MockedProvider>,
    );
    fill('keliru-sekali', 'kata-sandi-baru-2026', 'kata-sandi-lain-2026');
    expect(await screen.findByText('Kedua kata sandi baru tidak sama')).toBeTruthy();

    fill('keliru-sekali', 'kata-sandi-baru-2026', 'kata-sandi-baru-2026');
    // In the console's language, from the error's code and field (not the server's English).
    expect(await screen.findByText('Kata sandi saat ini salah.')).toBeTruthy();
    expect(screen.getByText('Periksa isian yang ditandai.')).toBeTruthy();
  });
});
