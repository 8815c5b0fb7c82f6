import { useMutation, useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ArchiveDialog } from '../../../components/ArchiveDialog.js';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { useI18n } from '../../../i18n/locale.js';
import { AssignWorkerDialog, type AssignTarget } from '../../coverage/views/AssignWorkerDialog.js';
import { OrganisationDetailPage } from '../components/OrganisationDetailPage.js';
import { ArchiveOrganisationMutation } from '../graphql/mutations.js';
import { OrganisationDetailQuery } from '../graphql/queries.js';

export function OrganisationDetailView() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, error, refetch } = useQuery(OrganisationDetailQuery, { variables: { id } });
  const [archiving, setArchiving] = useState(false);
  const [assignTarget, setAssignTarget] = useState<AssignTarget | null>(null);
  const [archive] = useMutation(ArchiveOrganisationMutation, { refetchQueries: [OrganisationDetailQuery] });
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  const organisation = data.organisation;
  return (
    <>
      <OrganisationDetailPage
        organisation={organisation}
        onEdit={() => void navigate(`/organisations/${id}/edit`)}
        onArchive={() => setArchiving(true)}
        onAssign={() => setAssignTarget({ id, name: organisation.name, areaCode: organisation.areaCode })}
      />
      <ArchiveDialog
        opened={archiving}
        title={t('org.archiveTitle', { name: organisation.name })}
        hint={t('org.archiveHint')}
        onClose={() => setArchiving(false)}
        onConfirm={async (reason) => {
          await archive({ variables: { id, reason } });
          setArchiving(false);
          notifications.show({ color: 'teal', message: t('common.savedNotice') });
        }}
      />
      <AssignWorkerDialog
        target={assignTarget}
        onClose={() => setAssignTarget(null)}
        refetchQueries={[OrganisationDetailQuery]}
        onAssigned={({ workerName, organisationName }) => {
          setAssignTarget(null);
          notifications.show({ color: 'teal', message: t('coverage.gapClosed', { worker: workerName, organisation: organisationName }) });
        }}
      />
    </>
  );
}
