import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Select, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { isValidLocalDate } from '@peksos/types';
import { useState } from 'react';
import { useI18n, type MessageKey, type Values } from '../../../i18n/locale.js';
import { today } from '../../../lib/dates.js';
import { applyServerErrors } from '../../../lib/form.js';
import { certificationStatusLabel } from '../../../lib/labels.js';
import { RolesListQuery } from '../../roles/graphql/queries.js';
import { WorkerOptionsQuery } from '../graphql/queries.js';
import { useErrorWords } from '../../access/lib/access.js';
import { DateField } from '../../../components/DateField.js';

export interface InvolveValues {
  workerId: string | null;
  roleCode: string | null;
  isLead: boolean;
  startsOn: string;
}

/** Involves a worker in a case in one of the professional roles. */
export function InvolveWorkerDialog({
  opened,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  onClose(): void;
  onSubmit(values: InvolveValues): Promise<void>;
}) {
  const { t, label, locale } = useI18n();
  const errorWords = useErrorWords();
  const workers = useQuery(WorkerOptionsQuery, { skip: !opened });
  const roles = useQuery(RolesListQuery, { skip: !opened });
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const form = useForm<InvolveValues>({
    initialValues: { workerId: null, roleCode: null, isLead: false, startsOn: today() },
    validate: {
      workerId: (value) => (value ? null : t('common.required')),
      roleCode: (value) => (value ? null : t('common.required')),
      startsOn: (value) => (!value || isValidLocalDate(value) ? null : t('validation.date')),
    },
  });
  const close = () => {
    form.reset();
    setProblem(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('case.involve')}>
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          setProblem(null);
          try {
            await onSubmit(values);
            close();
          } catch (error) {
            setProblem(applyServerErrors(form, error, errorWords));
          }
        })}
      >
        <Stack>
          <Select
            label={t('assign.worker')}
            required
            searchable
            data={(workers.data?.workers.nodes ?? []).map((w) => ({
              value: w.id,
              label: `${w.fullName} (${label(certificationStatusLabel(w.certificationStatus))})`,
            }))}
            {...form.getInputProps('workerId')}
          />
          <Select
            label={t('case.role')}
            required
            data={(roles.data?.professionalRoles.nodes ?? []).map((r) => ({ value: r.code, label: locale === 'en' ? r.labelEn : r.labelId }))}
            {...form.getInputProps('roleCode')}
          />
          <Switch label={t('case.lead')} {...form.getInputProps('isLead', { type: 'checkbox' })} />
          <DateField label={t('common.from')} {...form.getInputProps('startsOn')} />
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
              {t('case.involve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
