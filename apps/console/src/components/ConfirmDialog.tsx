import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n } from '../i18n/locale.js';
import { errorMessage, parseError } from '../lib/errors.js';
import { useErrorWords } from '../modules/access/lib/access.js';

/**
 * A dangerous action confirmed in a dialog (revoking a key, disabling an account): the explanation, Cancel first,
 * and the action in red. `confirm` runs it and returns the notice to show; a refusal is shown in the dialog.
 */
export function ConfirmDialog({
  opened,
  title,
  hint,
  confirmLabel,
  confirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  hint: string;
  confirmLabel: string;
  confirm(): Promise<string>;
  onClose(): void;
}) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const close = () => {
    setProblem(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title}>
      <Stack>
        <Text size="sm">{hint}</Text>
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={running}
            onClick={async () => {
              setRunning(true);
              try {
                notifications.show({ color: 'teal', message: await confirm() });
                close();
              } catch (error) {
                const { key, values } = errorMessage(parseError(error, errorWords));
                setProblem(t(key, values));
              } finally {
                setRunning(false);
              }
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
