import { useQuery } from '@apollo/client/react';
import { Button, Stack, Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { ErrorState } from '../../../components/QueryStates.js';
import { Section } from '../../../components/Section.js';
import { useI18n } from '../../../i18n/locale.js';
import { RecordHistoryQuery } from '../graphql/queries.js';
import { EventSentence } from './EventSentence.js';

const PAGE = 10;

/** The history of an organisation, a worker or a case: its changes in words, newest first, a page at a time. */
export function RecordHistory({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, previousData, error, loading, refetch, fetchMore } = useQuery(RecordHistoryQuery, {
    variables: { id, first: PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const history = (data ?? previousData)?.recordHistory;
  return (
    <Section title={t('history.title')}>
      {error && !history ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !history ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : history.nodes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('history.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Timeline bulletSize={20} lineWidth={2} data-testid="record-history" aria-label={t('history.title')}>
            {history.nodes.map((event) => (
              <Timeline.Item key={event.id} bullet={<IconHistory size={12} />} data-testid="history-event">
                <EventSentence event={event} />
              </Timeline.Item>
            ))}
          </Timeline>
          {history.pageInfo.hasNextPage && (
            <Button
              variant="subtle"
              size="xs"
              loading={loading}
              onClick={() =>
                void fetchMore({
                  variables: { after: history.pageInfo.endCursor },
                  updateQuery: (previous, { fetchMoreResult }) => ({
                    recordHistory: {
                      ...fetchMoreResult.recordHistory,
                      nodes: [...previous.recordHistory.nodes, ...fetchMoreResult.recordHistory.nodes],
                    },
                  }),
                })
              }
            >
              {t('history.more')}
            </Button>
          )}
        </Stack>
      )}
    </Section>
  );
}
