import { useMutation, useQuery } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ArchiveDialog } from '../../../components/ArchiveDialog.js';
import { EndDialog } from '../../../components/EndDialog.js';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { useI18n } from '../../../i18n/locale.js';
import { useAccess } from '../../access/lib/access.js';
import { CertificationDialog, type CertificationMode } from '../components/CertificationDialog.js';
import { HandoverDialog } from '../components/HandoverDialog.js';
import { WorkerDetailPage } from '../components/WorkerDetailPage.js';
import {
  ArchiveWorkerMutation,
  EndAssignmentMutation,
  RecordCertificationMutation,
  ScheduleCompetencyTestMutation,
} from '../graphql/mutations.js';
import { WorkerDetailQuery } from '../graphql/queries.js';

export function WorkerDetailView() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const access = useAccess();
  const { data, error, refetch } = useQuery(WorkerDetailQuery, { variables: { id, withPersonalData: access.seesPersonalData } });
  const [archiving, setArchiving] = useState(false);
  const [certificationMode, setCertificationMode] = useState<CertificationMode | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const [handingOver, setHandingOver] = useState(false);
  const refetchQueries = [WorkerDetailQuery];
  const [archive] = useMutation(ArchiveWorkerMutation, { refetchQueries });
  const [schedule] = useMutation(ScheduleCompetencyTestMutation, { refetchQueries, awaitRefetchQueries: true });
  const [record] = useMutation(RecordCertificationMutation, { refetchQueries, awaitRefetchQueries: true });
  const [endAssignment] = useMutation(EndAssignmentMutation, { refetchQueries, awaitRefetchQueries: true });

  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  const worker = data.worker;

  return (
    <>
      <WorkerDetailPage
        worker={worker}
        onEdit={() => void navigate(`/workers/${id}/edit`)}
        onArchive={() => setArchiving(true)}
        onCertification={setCertificationMode}
        onEndAssignment={setEnding}
        onHandover={() => setHandingOver(true)}
      />
      {handingOver && <HandoverDialog workerId={id} workerName={worker.fullName} opened={handingOver} onClose={() => setHandingOver(false)} />}
      <ArchiveDialog
        opened={archiving}
        title={t('worker.archiveTitle', { name: worker.fullName })}
        hint={t('worker.archiveHint')}
        onClose={() => setArchiving(false)}
        onConfirm={async (reason) => {
          await archive({ variables: { id, reason } });
          setArchiving(false);
          notifications.show({ color: 'teal', message: t('common.savedNotice') });
        }}
      />
      <CertificationDialog
        mode={certificationMode}
        onClose={() => setCertificationMode(null)}
        onSubmit={async (mode, values) => {
          if (!values.level) return;
          if (mode === 'schedule') {
            await schedule({ variables: { input: { workerId: id, level: values.level, testDate: values.testDate } } });
          } else {
            await record({
              variables: {
                input: {
                  workerId: id,
                  level: values.level,
                  certificateNumber: values.certificateNumber.trim(),
                  issuer: values.issuer.trim(),
                  issuedOn: values.issuedOn,
                  expiresOn: values.expiresOn || null,
                },
              },
            });
          }
          notifications.show({ color: 'teal', message: t('common.savedNotice') });
        }}
      />
      <EndDialog
        opened={ending !== null}
        title={t('worker.endAssignment')}
        dateLabel={t('common.until')}
        dateHint={t('worker.endsOnHint')}
        noteLabel={t('common.reason')}
        submitLabel={t('worker.endAssignment')}
        onClose={() => setEnding(null)}
        onConfirm={async (endsOn, reason) => {
          if (!ending) return;
          await endAssignment({ variables: { id: ending, endsOn, reason } });
          setEnding(null);
          notifications.show({ color: 'teal', message: t('common.savedNotice') });
        }}
      />
    </>
  );
}
