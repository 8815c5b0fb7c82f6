import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { isValidLocalDate } from '@peksos/types';
import { useState } from 'react';
import type { AccreditationGrade, OrganisationKind } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey, type Values } from '../../../i18n/locale.js';
import { applyServerErrors } from '../../../lib/form.js';
import { kindLabel, ORGANISATION_KINDS } from '../../../lib/labels.js';
import { AreaSelect } from '../../areas/components/AreaSelect.js';
import { OrganisationSelect } from './OrganisationSelect.js';
import { useErrorWords } from '../../access/lib/access.js';
import { DateField } from '../../../components/DateField.js';

export interface OrganisationFormValues {
  name: string;
  code: string;
  kind: OrganisationKind | '';
  areaCode: string | null;
  address: string;
  parentId: string | null;
  shouldHaveWorker: boolean;
  accreditationGrade: AccreditationGrade | null;
  accreditationExpiresOn: string;
}

export const EMPTY_ORGANISATION: OrganisationFormValues = {
  name: '',
  code: '',
  kind: '',
  areaCode: null,
  address: '',
  parentId: null,
  shouldHaveWorker: true,
  accreditationGrade: null,
  accreditationExpiresOn: '',
};

const CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function OrganisationForm({
  initialValues,
  organisationId,
  onSubmit,
  onCancel,
}: {
  initialValues: OrganisationFormValues;
  organisationId?: string;
  onSubmit(values: OrganisationFormValues): Promise<void>;
  onCancel(): void;
}) {
  const { t, label } = useI18n();
  const errorWords = useErrorWords();
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const form = useForm<OrganisationFormValues>({
    initialValues,
    validate: {
      name: (value) => (!value.trim() ? t('common.required') : value.length > 300 ? t('validation.tooLong', { max: 300 }) : null),
      code: (value) => (value.trim() && !CODE_PATTERN.test(value.trim()) ? t('validation.code') : null),
      kind: (value) => (value ? null : t('common.required')),
      areaCode: (value) => (value ? null : t('common.required')),
      accreditationExpiresOn: (value) => (value && !isValidLocalDate(value) ? t('validation.date') : null),
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
          <TextInput label={t('org.name')} required {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('org.kind')}
              required
              data={ORGANISATION_KINDS.map((value) => ({ value, label: label(kindLabel(value)) }))}
              {...form.getInputProps('kind')}
            />
            <AreaSelect label={t('org.area')} required {...form.getInputProps('areaCode')} />
            <TextInput label={t('org.code')} description={t('org.codeHint')} {...form.getInputProps('code')} />
            <OrganisationSelect label={t('org.parent')} exclude={organisationId} {...form.getInputProps('parentId')} />
          </SimpleGrid>
          <TextInput label={t('org.address')} {...form.getInputProps('address')} />
          <Switch label={t('org.shouldHaveWorker')} {...form.getInputProps('shouldHaveWorker', { type: 'checkbox' })} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('org.accreditationGrade')} data={['A', 'B', 'C']} clearable {...form.getInputProps('accreditationGrade')} />
            <DateField label={t('org.accreditationExpiresOn')} {...form.getInputProps('accreditationExpiresOn')} />
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
