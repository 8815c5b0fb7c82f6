import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../i18n/locale.js';
import { errorMessage, parseError } from '../lib/errors.js';
import { useErrorWords } from '../modules/access/lib/access.js';

/** Archiving never deletes: it asks for a reason, which is kept with the record. */
export function ArchiveDialog({
  opened,
  title,
  hint,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  hint: string;
  onClose(): void;
  onConfirm(reason: string): Promise<void>;
}) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!reason.trim()) {
            setMissing(true);
            return;
          }
          setBusy(true);
          setProblem(null);
          try {
            await onConfirm(reason.trim());
            setReason('');
          } catch (error) {
            const parsed = parseError(error, errorWords);
            const { key, values } = errorMessage(parsed);
            setProblem(parsed.fieldErrors.reason ?? t(key, values));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <Text size="sm">{hint}</Text>
          <Textarea
            label={t('common.reason')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('common.reasonRequired') : undefined}
            data-autofocus
          />
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {t('common.archive')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
