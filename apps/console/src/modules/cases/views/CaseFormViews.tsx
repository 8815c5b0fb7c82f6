import { useMutation, useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from 'react-router';
import { NoAccess } from '../../../components/NoAccess.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { useI18n } from '../../../i18n/locale.js';
import { today } from '../../../lib/dates.js';
import { optionalText } from '../../../lib/form.js';
import { CaseForm } from '../components/CaseForm.js';
import { OpenCaseMutation, UpdateCaseMutation } from '../graphql/mutations.js';
import { CaseDetailQuery, CasesListQuery } from '../graphql/queries.js';
import { useAccess } from '../../access/lib/access.js';

export function CaseCreateView() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { canEdit } = useAccess();
  const [open] = useMutation(OpenCaseMutation, { refetchQueries: [CasesListQuery] });
  if (!canEdit) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('case.new')} back={{ to: '/cases', label: t('case.title') }} />
      <CaseForm
        editing={false}
        initialValues={{ reference: '', pmksCategoryCode: null, organisationId: null, openedOn: today(), summary: '' }}
        onCancel={() => void navigate('/cases')}
        onSubmit={async (values) => {
          if (!values.pmksCategoryCode || !values.organisationId) return;
          const result = await open({
            variables: {
              input: {
                reference: values.reference.trim(),
                pmksCategoryCode: values.pmksCategoryCode,
                organisationId: values.organisationId,
                openedOn: optionalText(values.openedOn),
                summary: optionalText(values.summary),
              },
            },
          });
          const opened = result.data?.openCase;
          if (opened) {
            notifications.show({ color: 'teal', message: t('case.created', { reference: opened.reference }) });
            void navigate(`/cases/${opened.id}`);
          }
        }}
      />
    </>
  );
}

export function CaseEditView() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { canEdit } = useAccess();
  const { data, error, refetch } = useQuery(CaseDetailQuery, { variables: { id }, fetchPolicy: 'network-only', skip: !canEdit });
  const [update] = useMutation(UpdateCaseMutation, { refetchQueries: [CaseDetailQuery] });
  if (!canEdit) return <NoAccess />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  const item = data.case;
  if (!item.viewerCanManage) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('case.edit')} lead={item.reference} back={{ to: `/cases/${id}`, label: item.reference }} />
      <CaseForm
        editing
        initialValues={{
          reference: item.reference,
          pmksCategoryCode: item.pmksCategoryCode,
          organisationId: item.organisationId,
          openedOn: item.openedOn,
          summary: item.summary ?? '',
        }}
        onCancel={() => void navigate(`/cases/${id}`)}
        onSubmit={async (values) => {
          await update({
            variables: {
              id,
              input: {
                expectedVersion: item.version,
                pmksCategoryCode: values.pmksCategoryCode,
                organisationId: values.organisationId,
                summary: optionalText(values.summary),
              },
            },
          });
          notifications.show({ color: 'teal', message: t('common.savedNotice') });
          void navigate(`/cases/${id}`);
        }}
      />
    </>
  );
}
