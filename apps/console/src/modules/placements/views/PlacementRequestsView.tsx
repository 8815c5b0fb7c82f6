import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { NoAccess } from '../../../components/NoAccess.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/QueryStates.js';
import type { PlacementRequestsQuery, PlacementRequestStatus } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey } from '../../../i18n/locale.js';
import { errorMessage, parseError } from '../../../lib/errors.js';
import { useAccess, useErrorWords } from '../../access/lib/access.js';
import { AcceptPlacementRequestMutation, DeclinePlacementRequestMutation, WithdrawPlacementRequestMutation } from '../graphql/mutations.js';
import { PlacementRequestsQuery as PlacementRequestsDocument } from '../graphql/queries.js';

type PlacementRequest = PlacementRequestsQuery['placementRequests'][number];

const STATUS: Record<PlacementRequestStatus, { label: MessageKey; color: string }> = {
  PENDING: { label: 'placement.status.PENDING', color: 'yellow' },
  ACCEPTED: { label: 'placement.status.ACCEPTED', color: 'teal' },
  DECLINED: { label: 'placement.status.DECLINED', color: 'gray' },
  WITHDRAWN: { label: 'placement.status.WITHDRAWN', color: 'gray' },
};

/**
 * Placement requests (docs/access.md): those waiting for this person's answer (workers of their area), with
 * Terima and Tolak where the server says they may answer (`viewerCanAnswer`), and those their area asked for, with
 * Tarik kembali while they wait (`viewerCanWithdraw`).
 */
export function PlacementRequestsView() {
  const { t } = useI18n();
  const { canEdit, areaCode } = useAccess();
  if (!canEdit) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('placement.title')} lead={t('placement.lead')} />
      <Stack gap="xl">
        <RequestsSection
          title={t('placement.toAnswer')}
          empty={t('placement.toAnswerEmpty')}
          testId="placement-requests-to-answer"
          variables={{ status: 'PENDING', areaCode }}
        />
        {areaCode && (
          <RequestsSection
            title={t('placement.asked')}
            empty={t('placement.askedEmpty')}
            testId="placement-requests-asked"
            variables={{ status: null, organisationAreaCode: areaCode }}
          />
        )}
      </Stack>
    </>
  );
}

function RequestsSection({
  title,
  empty,
  testId,
  variables,
}: {
  title: string;
  empty: string;
  testId: string;
  variables: { status: PlacementRequestStatus | null; areaCode?: string | null; organisationAreaCode?: string | null };
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const errorWords = useErrorWords();
  const { data, error, refetch } = useQuery(PlacementRequestsDocument, { variables, fetchPolicy: 'cache-and-network' });
  const [accept] = useMutation(AcceptPlacementRequestMutation, { refetchQueries: [PlacementRequestsDocument] });
  const [declining, setDeclining] = useState<PlacementRequest | null>(null);
  const [withdrawing, setWithdrawing] = useState<PlacementRequest | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const onAccept = async (request: PlacementRequest) => {
    setBusy(request.id);
    try {
      await accept({ variables: { id: request.id } });
      notifications.show({ color: 'teal', message: t('placement.acceptedNotice', { worker: request.worker.fullName, organisation: request.organisation.name }) });
    } catch (caught) {
      const { key, values } = errorMessage(parseError(caught, errorWords));
      notifications.show({ color: 'red', message: t(key, values) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {title}
      </Title>
      {!data ? (
        error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <LoadingState />
        )
      ) : data.placementRequests.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" data-testid={testId}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('placement.worker')}</Table.Th>
                  <Table.Th>{t('placement.organisation')}</Table.Th>
                  <Table.Th>{t('placement.startsOn')}</Table.Th>
                  <Table.Th>{t('placement.requestedBy')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.placementRequests.map((request) => (
                  <Table.Tr key={request.id} data-testid="placement-request-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/workers/${request.worker.id}`} size="sm" fw={600}>
                        {request.worker.fullName}
                      </Anchor>
                      {request.note && (
                        <Text size="xs" c="dimmed">
                          {request.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/organisations/${request.organisation.id}`} size="sm">
                        {request.organisation.name}
                      </Anchor>
                      {request.isPrimary && (
                        <Text size="xs" c="dimmed">
                          {t('placement.primary')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(request.startsOn)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{request.requestedBy}</Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(request.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS[request.status].color} variant="light" data-testid="placement-request-status">
                        {t(STATUS[request.status].label)}
                      </Badge>
                      {request.declineReason && (
                        <Text size="xs" c="dimmed">
                          {request.declineReason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {request.viewerCanAnswer && (
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button size="xs" leftSection={<IconCheck size={14} />} loading={busy === request.id} onClick={() => void onAccept(request)}>
                            {t('placement.accept')}
                          </Button>
                          <Button size="xs" variant="outline" color="red" leftSection={<IconX size={14} />} onClick={() => setDeclining(request)}>
                            {t('placement.decline')}
                          </Button>
                        </Group>
                      )}
                      {request.viewerCanWithdraw && (
                        <Button size="xs" variant="outline" color="gray" leftSection={<IconArrowBackUp size={14} />} onClick={() => setWithdrawing(request)}>
                          {t('placement.withdraw')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <DeclineDialog request={declining} onClose={() => setDeclining(null)} />
      <WithdrawDialog request={withdrawing} onClose={() => setWithdrawing(null)} />
    </Stack>
  );
}

/** Withdrawing is final: the request places nobody, and the organisation may ask again. */
function WithdrawDialog({ request, onClose }: { request: PlacementRequest | null; onClose(): void }) {
  const { t } = useI18n();
  const [withdraw] = useMutation(WithdrawPlacementRequestMutation, { refetchQueries: [PlacementRequestsDocument] });
  return (
    <ConfirmDialog
      opened={request !== null}
      title={request ? t('placement.withdrawTitle', { worker: request.worker.fullName }) : ''}
      hint={t('placement.withdrawHint')}
      confirmLabel={t('placement.withdraw')}
      confirm={async () => {
        await withdraw({ variables: { id: request!.id } });
        return t('placement.withdrawnNotice', { worker: request!.worker.fullName });
      }}
      onClose={onClose}
    />
  );
}

/** Declining needs the reason: the requesting coordinator reads it. */
function DeclineDialog({ request, onClose }: { request: PlacementRequest | null; onClose(): void }) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [decline] = useMutation(DeclinePlacementRequestMutation, { refetchQueries: [PlacementRequestsDocument] });
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setReason('');
    setReasonError(null);
    setProblem(null);
    onClose();
  };
  return (
    <Modal opened={request !== null} onClose={close} title={request ? t('placement.declineTitle', { worker: request.worker.fullName }) : ''}>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!reason.trim()) {
            setReasonError(t('common.required'));
            return;
          }
          setBusy(true);
          setProblem(null);
          try {
            await decline({ variables: { id: request!.id, reason: reason.trim() } });
            notifications.show({ color: 'teal', message: t('placement.declinedNotice', { worker: request!.worker.fullName }) });
            close();
          } catch (caught) {
            const parsed = parseError(caught, errorWords);
            if (parsed.fieldErrors.reason) setReasonError(parsed.fieldErrors.reason);
            else {
              const { key, values } = errorMessage(parsed);
              setProblem(t(key, values));
            }
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <Textarea
            label={t('placement.declineReason')}
            description={t('placement.declineReasonHint')}
            required
            autosize
            minRows={2}
            data-autofocus
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setReasonError(null);
            }}
            error={reasonError}
          />
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {t('placement.decline')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
