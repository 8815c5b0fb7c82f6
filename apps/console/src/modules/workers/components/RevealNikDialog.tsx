import { useMutation } from '@apollo/client/react';
import { Alert, Button, Code, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconEye, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../../i18n/locale.js';
import { errorMessage, parseError } from '../../../lib/errors.js';
import { RevealNationalIdNumberMutation } from '../../access/graphql/mutations.js';
import { useErrorWords } from '../../access/lib/access.js';

/**
 * An admin reads a worker's whole NIK: asks why first, and says that the read is recorded (with the reason) in the
 * audit log. The number is kept only while the dialog is open, never in the cache.
 */
export function RevealNikDialog({ worker, opened, onClose }: { worker: { id: string; fullName: string }; opened: boolean; onClose(): void }) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [reveal, revealing] = useMutation(RevealNationalIdNumberMutation, { fetchPolicy: 'no-cache' });
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [nik, setNik] = useState<string | null | undefined>(undefined);
  const close = () => {
    setReason('');
    setMissing(false);
    setProblem(null);
    setNik(undefined);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('worker.revealNikTitle', { name: worker.fullName })}>
      <Stack>
        <Alert color="orange" icon={<IconShieldLock size={18} />}>
          {t('worker.revealNikHint')}
        </Alert>
        {nik === undefined ? (
          <form
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              if (!reason.trim()) {
                setMissing(true);
                return;
              }
              setProblem(null);
              try {
                const result = await reveal({ variables: { workerId: worker.id, reason: reason.trim() } });
                setNik(result.data?.revealNationalIdNumber ?? null);
              } catch (error) {
                const parsed = parseError(error, errorWords);
                const { key, values } = errorMessage(parsed);
                setProblem(parsed.fieldErrors.reason ?? t(key, values));
              }
            }}
          >
            <Stack>
              <Textarea
                label={t('common.reason')}
                placeholder={t('worker.revealNikReasonHint')}
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
                <Button variant="default" onClick={close}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" color="orange" leftSection={<IconEye size={16} />} loading={revealing.loading}>
                  {t('worker.revealNikSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <>
            {nik ? (
              <Stack gap={4}>
                <Text size="xs" c="dimmed" fw={600}>
                  {t('worker.revealedNik')}
                </Text>
                <Code fz="lg" data-testid="revealed-nik">
                  {nik}
                </Code>
              </Stack>
            ) : (
              <Text size="sm">{t('worker.revealNikNone')}</Text>
            )}
            <Group justify="flex-end">
              <Button onClick={close}>{t('common.close')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
