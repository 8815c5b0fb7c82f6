import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { NATIONAL_ID_NUMBER_PATTERN, PHONE_PATTERN } from '@peksos/types';
import { useState } from 'react';
import type { EmploymentStatus, Gender } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey, type Values } from '../../../i18n/locale.js';
import { applyServerErrors } from '../../../lib/form.js';
import { EMPLOYMENT_STATUSES, employmentStatusLabel, GENDERS, genderLabel } from '../../../lib/labels.js';
import { AreaSelect } from '../../areas/components/AreaSelect.js';
import { useErrorWords } from '../../access/lib/access.js';

export interface WorkerFormValues {
  fullName: string;
  gender: Gender | '';
  employmentStatus: EmploymentStatus | '';
  phone: string;
  email: string;
  nationalIdNumber: string;
  homeAreaCode: string | null;
}

export const EMPTY_WORKER: WorkerFormValues = {
  fullName: '',
  gender: '',
  employmentStatus: '',
  phone: '',
  email: '',
  nationalIdNumber: '',
  homeAreaCode: null,
};

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Create or edit a worker. Checks what it can before sending (messages next to the field); what only the server
 * can check comes back as `extensions.field` and is shown next to that field too.
 */
export function WorkerForm({
  initialValues,
  editing,
  onSubmit,
  onCancel,
}: {
  initialValues: WorkerFormValues;
  editing: boolean;
  onSubmit(values: WorkerFormValues): Promise<void>;
  onCancel(): void;
}) {
  const { t, label } = useI18n();
  const errorWords = useErrorWords();
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const form = useForm<WorkerFormValues>({
    mode: 'controlled',
    initialValues,
    validate: {
      fullName: (value) => (!value.trim() ? t('common.required') : value.length > 200 ? t('validation.tooLong', { max: 200 }) : null),
      gender: (value) => (value ? null : t('common.required')),
      employmentStatus: (value) => (value ? null : t('common.required')),
      phone: (value) => (value.trim() && !PHONE_PATTERN.test(value.trim().replace(/[\s-]/g, '')) ? t('validation.phone') : null),
      email: (value) => (value.trim() && !EMAIL_PATTERN.test(value.trim()) ? t('validation.email') : null),
      nationalIdNumber: (value) => (value.trim() && !NATIONAL_ID_NUMBER_PATTERN.test(value.trim()) ? t('validation.nik') : null),
    },
  });

  return (
    <Paper withBorder p="md" maw={760}>
      <form
        noValidate
        onSubmit={form.onSubmit(
          async (values) => {
            setProblem(null);
            try {
              await onSubmit(values);
            } catch (error) {
              setProblem(applyServerErrors(form, error, errorWords));
            }
          },
          () => setProblem({ key: 'error.fixFields', values: {} }),
        )}
      >
        <Stack>
          <TextInput label={t('worker.fullName')} required {...form.getInputProps('fullName')} autoComplete="off" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('worker.gender')}
              required
              data={GENDERS.map((value) => ({ value, label: label(genderLabel(value)) }))}
              {...form.getInputProps('gender')}
            />
            <Select
              label={t('worker.employmentStatus')}
              required
              data={EMPLOYMENT_STATUSES.map((value) => ({ value, label: label(employmentStatusLabel(value)) }))}
              {...form.getInputProps('employmentStatus')}
            />
            <TextInput label={t('worker.phone')} description={t('worker.phoneHint')} type="tel" {...form.getInputProps('phone')} />
            <TextInput label={t('worker.email')} type="email" {...form.getInputProps('email')} />
            <TextInput
              label={t('worker.nik')}
              description={editing ? t('worker.nikEditHint') : t('worker.nikHint')}
              inputMode="numeric"
              autoComplete="off"
              {...form.getInputProps('nationalIdNumber')}
            />
            <AreaSelect label={t('worker.homeArea')} {...form.getInputProps('homeAreaCode')} />
          </SimpleGrid>
          {problem && (
            <Alert color="red" role="alert">
              {t(problem.key, problem.values)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
