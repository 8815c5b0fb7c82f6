import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { isValidLocalDate } from '@peksos/types';
import { useState } from 'react';
import { useI18n, type MessageKey, type Values } from '../../../i18n/locale.js';
import { applyServerErrors } from '../../../lib/form.js';
import { OrganisationSelect } from '../../organisations/components/OrganisationSelect.js';
import { PmksCategoriesQuery } from '../graphql/queries.js';
import { useErrorWords } from '../../access/lib/access.js';
import { DateField } from '../../../components/DateField.js';

export interface CaseFormValues {
  reference: string;
  pmksCategoryCode: string | null;
  organisationId: string | null;
  openedOn: string;
  summary: string;
}

const REFERENCE_PATTERN = /^[A-Za-z0-9/._-]{1,64}$/;

export function CaseForm({
  initialValues,
  editing,
  onSubmit,
  onCancel,
}: {
  initialValues: CaseFormValues;
  editing: boolean;
  onSubmit(values: CaseFormValues): Promise<void>;
  onCancel(): void;
}) {
  const { t, locale } = useI18n();
  const errorWords = useErrorWords();
  const categories = useQuery(PmksCategoriesQuery);
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const form = useForm<CaseFormValues>({
    initialValues,
    validate: {
      reference: (value) => (editing ? null : !value.trim() ? t('common.required') : REFERENCE_PATTERN.test(value.trim()) ? null : t('validation.reference')),
      pmksCategoryCode: (value) => (value ? null : t('common.required')),
      organisationId: (value) => (value ? null : t('common.required')),
      openedOn: (value) => (editing || !value || isValidLocalDate(value) ? null : t('validation.date')),
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
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('case.reference')} description={t('case.referenceHint')} required disabled={editing} {...form.getInputProps('reference')} />
            <DateField label={t('case.openedOn')} disabled={editing} {...form.getInputProps('openedOn')} />
          </SimpleGrid>
          <Select
            label={t('case.category')}
            required
            searchable
            data={(categories.data?.pmksCategories ?? []).map((c) => ({ value: c.code, label: locale === 'en' ? c.labelEn : c.labelId }))}
            {...form.getInputProps('pmksCategoryCode')}
          />
          <OrganisationSelect label={t('case.organisation')} required {...form.getInputProps('organisationId')} />
          <Textarea label={t('case.summary')} description={t('case.summaryHint')} autosize minRows={3} {...form.getInputProps('summary')} />
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
