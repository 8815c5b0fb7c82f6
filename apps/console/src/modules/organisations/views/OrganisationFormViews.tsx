import { useMutation, useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from 'react-router';
import { NoAccess } from '../../../components/NoAccess.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { useI18n } from '../../../i18n/locale.js';
import { optionalText } from '../../../lib/form.js';
import { EMPTY_ORGANISATION, OrganisationForm, type OrganisationFormValues } from '../components/OrganisationForm.js';
import { CreateOrganisationMutation, UpdateOrganisationMutation } from '../graphql/mutations.js';
import { OrganisationDetailQuery, OrganisationOptionsQuery, OrganisationsListQuery } from '../graphql/queries.js';
import { useAccess } from '../../access/lib/access.js';

function toInput(values: OrganisationFormValues) {
  if (!values.kind || !values.areaCode) throw new Error('A required value is missing');
  return {
    name: values.name.trim(),
    code: optionalText(values.code),
    kind: values.kind,
    areaCode: values.areaCode,
    address: optionalText(values.address),
    parentId: values.parentId,
    shouldHaveWorker: values.shouldHaveWorker,
    accreditationGrade: values.accreditationGrade,
    accreditationExpiresOn: optionalText(values.accreditationExpiresOn),
  };
}

export function OrganisationCreateView() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { canEdit } = useAccess();
  const [create] = useMutation(CreateOrganisationMutation, { refetchQueries: [OrganisationsListQuery, OrganisationOptionsQuery] });
  if (!canEdit) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('org.new')} back={{ to: '/organisations', label: t('org.title') }} />
      <OrganisationForm
        initialValues={EMPTY_ORGANISATION}
        onCancel={() => void navigate('/organisations')}
        onSubmit={async (values) => {
          const result = await create({ variables: { input: toInput(values) } });
          const organisation = result.data?.createOrganisation;
          if (organisation) {
            notifications.show({ color: 'teal', message: t('org.created', { name: organisation.name }) });
            void navigate(`/organisations/${organisation.id}`);
          }
        }}
      />
    </>
  );
}

export function OrganisationEditView() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { canEdit } = useAccess();
  const { data, error, refetch } = useQuery(OrganisationDetailQuery, { variables: { id }, fetchPolicy: 'network-only', skip: !canEdit });
  const [update] = useMutation(UpdateOrganisationMutation, { refetchQueries: [OrganisationDetailQuery] });
  if (!canEdit) return <NoAccess />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  const organisation = data.organisation;
  // Opened by its address outside the caller's area: say so now, not after the form is filled in.
  if (!organisation.viewerCanManage) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('org.edit')} lead={organisation.name} back={{ to: `/organisations/${id}`, label: organisation.name }} />
      <OrganisationForm
        organisationId={id}
        initialValues={{
          name: organisation.name,
          code: organisation.code ?? '',
          kind: organisation.kind,
          areaCode: organisation.areaCode,
          address: organisation.address ?? '',
          parentId: organisation.parentId,
          shouldHaveWorker: organisation.shouldHaveWorker,
          accreditationGrade: organisation.accreditationGrade,
          accreditationExpiresOn: organisation.accreditationExpiresOn ?? '',
        }}
        onCancel={() => void navigate(`/organisations/${id}`)}
        onSubmit={async (values) => {
          await update({ variables: { id, input: { ...toInput(values), expectedVersion: organisation.version } } });
          notifications.show({ color: 'teal', message: t('common.savedNotice') });
          void navigate(`/organisations/${id}`);
        }}
      />
    </>
  );
}
