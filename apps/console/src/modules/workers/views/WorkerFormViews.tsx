import { useMutation, useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from 'react-router';
import { NoAccess } from '../../../components/NoAccess.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { useI18n } from '../../../i18n/locale.js';
import { optionalText } from '../../../lib/form.js';
import { useAccess } from '../../access/lib/access.js';
import { EMPTY_WORKER, WorkerForm, type WorkerFormValues } from '../components/WorkerForm.js';
import { CreateWorkerMutation, UpdateWorkerMutation } from '../graphql/mutations.js';
import { WorkerDetailQuery, WorkersListQuery } from '../graphql/queries.js';

function required<T extends string>(value: T | ''): T {
  if (!value) throw new Error('A required value is missing');
  return value;
}

export function WorkerCreateView() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { canEdit } = useAccess();
  const [create] = useMutation(CreateWorkerMutation, { refetchQueries: [WorkersListQuery] });
  const submit = async (values: WorkerFormValues) => {
    const result = await create({
      variables: {
        input: {
          fullName: values.fullName.trim(),
          gender: required(values.gender),
          employmentStatus: required(values.employmentStatus),
          phone: optionalText(values.phone)?.replace(/[\s-]/g, '') ?? null,
          email: optionalText(values.email),
          nationalIdNumber: optionalText(values.nationalIdNumber),
          homeAreaCode: values.homeAreaCode,
        },
      },
    });
    const worker = result.data?.createWorker;
    if (worker) {
      notifications.show({ color: 'teal', message: t('worker.created', { name: worker.fullName }) });
      void navigate(`/workers/${worker.id}`);
    }
  };
  if (!canEdit) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('worker.new')} back={{ to: '/workers', label: t('worker.title') }} />
      <WorkerForm initialValues={EMPTY_WORKER} editing={false} onSubmit={submit} onCancel={() => void navigate('/workers')} />
    </>
  );
}

export function WorkerEditView() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { canEdit } = useAccess();
  // Only editors come this far, and they may read the personal data they edit.
  const { data, error, refetch } = useQuery(WorkerDetailQuery, {
    variables: { id, withPersonalData: true },
    fetchPolicy: 'network-only',
    skip: !canEdit,
  });
  const [update] = useMutation(UpdateWorkerMutation);
  if (!canEdit) return <NoAccess />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  const worker = data.worker;
  // Opened by its address outside the caller's area: say so now, not after the form is filled in.
  if (!worker.viewerCanManage) return <NoAccess />;
  const submit = async (values: WorkerFormValues) => {
    await update({
      variables: {
        id,
        input: {
          expectedVersion: worker.version,
          fullName: values.fullName.trim(),
          gender: required(values.gender),
          employmentStatus: required(values.employmentStatus),
          phone: optionalText(values.phone)?.replace(/[\s-]/g, '') ?? null,
          email: optionalText(values.email),
          homeAreaCode: values.homeAreaCode,
          // The NIK is never sent back in full: only a new one typed here changes it.
          ...(values.nationalIdNumber.trim() ? { nationalIdNumber: values.nationalIdNumber.trim() } : {}),
        },
      },
      refetchQueries: [WorkerDetailQuery],
    });
    notifications.show({ color: 'teal', message: t('common.savedNotice') });
    void navigate(`/workers/${id}`);
  };
  return (
    <>
      <PageHeader title={t('worker.edit')} lead={worker.fullName} back={{ to: `/workers/${id}`, label: worker.fullName }} />
      <WorkerForm
        editing
        initialValues={{
          fullName: worker.fullName,
          gender: worker.gender,
          employmentStatus: worker.employmentStatus,
          phone: worker.phone ?? '',
          email: worker.email ?? '',
          nationalIdNumber: '',
          homeAreaCode: worker.homeAreaCode ?? null,
        }}
        onSubmit={submit}
        onCancel={() => void navigate(`/workers/${id}`)}
      />
    </>
  );
}
