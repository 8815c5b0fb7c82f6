import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, NumberInput, Paper, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ROLE_CODE_PATTERN } from '@peksos/types';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { useI18n, type MessageKey, type Values } from '../../../i18n/locale.js';
import { applyServerErrors, optionalText } from '../../../lib/form.js';
import { NoAccess } from '../../../components/NoAccess.js';
import { useAccess, useErrorWords } from '../../access/lib/access.js';
import { CreateRoleMutation } from '../graphql/mutations.js';
import { RolesListQuery } from '../graphql/queries.js';

export function RoleCreateView() {
  const { t, locale } = useI18n();
  const errorWords = useErrorWords();
  const navigate = useNavigate();
  const { isAdmin } = useAccess();
  const [create] = useMutation(CreateRoleMutation, { refetchQueries: [RolesListQuery] });
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const form = useForm({
    initialValues: { code: '', labelId: '', labelEn: '', descriptionId: '', descriptionEn: '', sortOrder: 100 as number | string },
    validate: {
      code: (value) => (!value ? t('common.required') : ROLE_CODE_PATTERN.test(value) ? null : t('validation.roleCode')),
      labelId: (value) => (value.trim() ? null : t('common.required')),
      labelEn: (value) => (value.trim() ? null : t('common.required')),
    },
  });
  // Professional roles are reference data: admins only (the server refuses anyone else).
  if (!isAdmin) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('role.new')} back={{ to: '/roles', label: t('role.title') }} />
      <Paper withBorder p="md" maw={760}>
        <form
          noValidate
          onSubmit={form.onSubmit(
            async (values) => {
              setProblem(null);
              try {
                const result = await create({
                  variables: {
                    input: {
                      code: values.code,
                      labelId: values.labelId.trim(),
                      labelEn: values.labelEn.trim(),
                      descriptionId: optionalText(values.descriptionId),
                      descriptionEn: optionalText(values.descriptionEn),
                      sortOrder: Number(values.sortOrder) || 100,
                    },
                  },
                });
                const role = result.data?.createProfessionalRole;
                if (role) {
                  notifications.show({ color: 'teal', message: t('role.created', { label: locale === 'en' ? role.labelEn : role.labelId }) });
                  void navigate(`/roles/${role.code}`);
                }
              } catch (error) {
                setProblem(applyServerErrors(form, error, errorWords));
              }
            },
            () => setProblem({ key: 'error.fixFields', values: {} }),
          )}
        >
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('role.code')}
                description={t('role.codeHint')}
                required
                {...form.getInputProps('code')}
                onChange={(event) => form.setFieldValue('code', event.currentTarget.value.toUpperCase())}
              />
              <NumberInput label={t('role.sortOrder')} min={0} max={10000} {...form.getInputProps('sortOrder')} />
              <TextInput label={t('role.labelId')} required {...form.getInputProps('labelId')} />
              <TextInput label={t('role.labelEn')} required {...form.getInputProps('labelEn')} />
            </SimpleGrid>
            <Textarea label={t('role.descriptionId')} autosize minRows={2} {...form.getInputProps('descriptionId')} />
            <Textarea label={t('role.descriptionEn')} autosize minRows={2} {...form.getInputProps('descriptionEn')} />
            {problem && (
              <Alert color="red" role="alert">
                {t(problem.key, problem.values)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void navigate('/roles')}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={form.submitting}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
