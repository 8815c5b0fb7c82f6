import { useMutation, useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EndDialog } from '../../../components/EndDialog.js';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { useI18n } from '../../../i18n/locale.js';
import { CaseDetailPage } from '../components/CaseDetailPage.js';
import { CloseCaseMutation, EndInvolvementMutation, InvolveWorkerMutation } from '../graphql/mutations.js';
import { CaseDetailQuery } from '../graphql/queries.js';
import { InvolveWorkerDialog } from './InvolveWorkerDialog.js';

export function CaseDetailView() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, error, refetch } = useQuery(CaseDetailQuery, { variables: { id } });
  const [involving, setInvolving] = useState(false);
  const [closing, setClosing] = useState(false);
  const [ending, setEnding] = useState<string | null>(null);
  const options = { refetchQueries: [CaseDetailQuery], awaitRefetchQueries: true };
  const [involve] = useMutation(InvolveWorkerMutation, options);
  const [closeCase] = useMutation(CloseCaseMutation, options);
  const [endInvolvement] = useMutation(EndInvolvementMutation, options);
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  const saved = () => notifications.show({ color: 'teal', message: t('common.savedNotice') });
  return (
    <>
      <CaseDetailPage
        item={data.case}
        onEdit={() => void navigate(`/cases/${id}/edit`)}
        onInvolve={() => setInvolving(true)}
        onClose={() => setClosing(true)}
        onEndInvolvement={setEnding}
      />
      <InvolveWorkerDialog
        opened={involving}
        onClose={() => setInvolving(false)}
        onSubmit={async (values) => {
          if (!values.workerId || !values.roleCode) return;
          await involve({
            variables: { input: { caseId: id, workerId: values.workerId, roleCode: values.roleCode, isLead: values.isLead, startsOn: values.startsOn || null } },
          });
          saved();
        }}
      />
      <EndDialog
        opened={closing}
        title={t('case.close')}
        dateLabel={t('case.closedOn')}
        noteLabel={t('case.closingNote')}
        submitLabel={t('case.close')}
        onClose={() => setClosing(false)}
        onConfirm={async (closedOn, closingNote) => {
          await closeCase({ variables: { id, closedOn, closingNote } });
          setClosing(false);
          saved();
        }}
      />
      <EndDialog
        opened={ending !== null}
        title={t('case.endInvolvement')}
        dateLabel={t('common.until')}
        dateHint={t('worker.endsOnHint')}
        submitLabel={t('case.endInvolvement')}
        onClose={() => setEnding(null)}
        onConfirm={async (endsOn) => {
          if (!ending) return;
          await endInvolvement({ variables: { id: ending, endsOn } });
          setEnding(null);
          saved();
        }}
      />
    </>
  );
}
