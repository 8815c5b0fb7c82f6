import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n, type MessageKey, type Values } from '../../../i18n/locale.js';
import { applyServerErrors } from '../../../lib/form.js';
import { ChangeMyPasswordMutation } from '../graphql/mutations.js';
import { useErrorWords } from '../lib/access.js';

/** The server's own rule is longer (not containing the username, not too common); it answers beside the field. */
export const MIN_PASSWORD_LENGTH = 10;

/** Changing one's own password; the server ends one's other sessions. */
export function ChangePasswordDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [change] = useMutation(ChangeMyPasswordMutation);
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('common.required')),
      newPassword: (value) => (value.length >= MIN_PASSWORD_LENGTH ? null : t('auth.passwordTooShort')),
      repeatPassword: (value, values) => (value === values.newPassword ? null : t('auth.passwordsDiffer')),
    },
  });
  const close = () => {
    form.reset();
    setProblem(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('auth.changePassword')}>
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          setProblem(null);
          try {
            await change({ variables: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
            notifications.show({ color: 'teal', message: t('auth.passwordChanged') });
            close();
          } catch (error) {
            setProblem(applyServerErrors(form, error, errorWords));
          }
        })}
      >
        <Stack>
          <PasswordInput label={t('auth.currentPassword')} autoComplete="current-password" required data-autofocus {...form.getInputProps('currentPassword')} />
          <PasswordInput
            label={t('auth.newPassword')}
            description={t('auth.newPasswordHint')}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput label={t('auth.repeatPassword')} autoComplete="new-password" required {...form.getInputProps('repeatPassword')} />
          {problem && (
            <Alert color="red" role="alert">
              {t(problem.key, problem.values)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
