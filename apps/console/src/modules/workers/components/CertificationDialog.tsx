import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { isValidLocalDate } from '@peksos/types';
import { useState } from 'react';
import type { CertificationLevel } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey, type Values } from '../../../i18n/locale.js';
import { applyServerErrors, optionalText } from '../../../lib/form.js';
import { CERTIFICATION_LEVELS, certificationLevelLabel } from '../../../lib/labels.js';
import { useErrorWords } from '../../access/lib/access.js';
import { DateField } from '../../../components/DateField.js';

export interface CertificationValues {
  level: CertificationLevel | '';
  testDate: string;
  certificateNumber: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string;
}

export type CertificationMode = 'schedule' | 'record';

/** Schedules a competency test, or records a certificate obtained. */
export function CertificationDialog({
  mode,
  onClose,
  onSubmit,
}: {
  mode: CertificationMode | null;
  onClose(): void;
  onSubmit(mode: CertificationMode, values: CertificationValues): Promise<void>;
}) {
  const { t, label } = useI18n();
  const errorWords = useErrorWords();
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const date = (needed: boolean) => (value: string) =>
    !value ? (needed ? t('common.required') : null) : isValidLocalDate(value) ? null : t('validation.date');
  const form = useForm<CertificationValues>({
    initialValues: { level: '', testDate: '', certificateNumber: '', issuer: '', issuedOn: '', expiresOn: '' },
    validate: {
      level: (value) => (value ? null : t('common.required')),
      testDate: (value) => (mode === 'schedule' ? date(true)(value) : null),
      certificateNumber: (value) => (mode === 'record' && !value.trim() ? t('common.required') : null),
      issuer: (value) => (mode === 'record' && !value.trim() ? t('common.required') : null),
      issuedOn: (value) => (mode === 'record' ? date(true)(value) : null),
      expiresOn: (value) => (mode === 'record' ? date(false)(value) : null),
    },
  });
  const close = () => {
    form.reset();
    setProblem(null);
    onClose();
  };
  return (
    <Modal opened={mode !== null} onClose={close} title={mode === 'schedule' ? t('worker.scheduleTest') : t('worker.recordCertificate')}>
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          if (!mode) return;
          setProblem(null);
          try {
            await onSubmit(mode, { ...values, expiresOn: optionalText(values.expiresOn) ?? '' });
            close();
          } catch (error) {
            setProblem(applyServerErrors(form, error, errorWords));
          }
        })}
      >
        <Stack>
          <Select
            label={t('worker.cert.level')}
            required
            data={CERTIFICATION_LEVELS.map((value) => ({ value, label: label(certificationLevelLabel(value)) }))}
            {...form.getInputProps('level')}
          />
          {mode === 'schedule' ? (
            <DateField label={t('worker.cert.testDate')} required {...form.getInputProps('testDate')} />
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('worker.cert.number')} required {...form.getInputProps('certificateNumber')} />
              <TextInput label={t('worker.cert.issuer')} required {...form.getInputProps('issuer')} />
              <DateField label={t('worker.cert.issuedOn')} required {...form.getInputProps('issuedOn')} />
              <DateField label={t('worker.cert.expiresOn')} {...form.getInputProps('expiresOn')} />
            </SimpleGrid>
          )}
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
