import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { isValidLocalDate } from '@peksos/types';
import { useState } from 'react';
import { useI18n } from '../i18n/locale.js';
import { today } from '../lib/dates.js';
import { errorMessage, parseError } from '../lib/errors.js';
import { useErrorWords } from '../modules/access/lib/access.js';
import { DateField } from './DateField.js';

/** Ends something that runs from a date (an assignment, an involvement, a case): history is kept, never deleted. */
export function EndDialog({
  opened,
  title,
  dateLabel,
  dateHint,
  noteLabel,
  submitLabel,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  dateLabel: string;
  dateHint?: string;
  noteLabel?: string;
  submitLabel: string;
  onClose(): void;
  onConfirm(date: string, note: string | null): Promise<void>;
}) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!isValidLocalDate(date)) {
            setDateError(date ? t('validation.date') : t('common.required'));
            return;
          }
          setBusy(true);
          setProblem(null);
          try {
            await onConfirm(date, note.trim() || null);
          } catch (error) {
            const parsed = parseError(error, errorWords);
            const first = Object.values(parsed.fieldErrors)[0];
            const { key, values } = errorMessage(parsed);
            setProblem(first ?? t(key, values));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <DateField
            label={dateLabel}
            description={dateHint}
            required
            value={date}
            onChange={(value) => {
              setDate(value);
              setDateError(null);
            }}
            error={dateError}
          />
          {noteLabel && <Textarea label={noteLabel} autosize minRows={2} value={note} onChange={(event) => setNote(event.currentTarget.value)} />}
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
