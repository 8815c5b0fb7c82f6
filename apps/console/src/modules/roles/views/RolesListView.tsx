import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { DownloadMenu } from '../../../components/DownloadMenu.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { SearchInput } from '../../../components/SearchInput.js';
import { useI18n } from '../../../i18n/locale.js';
import { useListState } from '../../../lib/list-state.js';
import { useAccess } from '../../access/lib/access.js';
import { RolesListQuery } from '../graphql/queries.js';
import { CardTable } from '../../../components/CardTable.js';

/** The professional roles: few (seven in the report, plus any added), so searched in the browser. */
export function RolesListView() {
  const { t, locale } = useI18n();
  const { isAdmin } = useAccess();
  const list = useListState();
  const { data, error, refetch } = useQuery(RolesListQuery);
  const search = (list.get('q') ?? '').toLowerCase();
  const roles = (data?.professionalRoles.nodes ?? []).filter((role) =>
    [role.code, role.labelId, role.labelEn].some((text) => text.toLowerCase().includes(search)),
  );
  return (
    <>
      <PageHeader
        title={t('role.title')}
        lead={t('role.lead')}
        actions={
          <>
            <DownloadMenu list="professional-roles" filters={{ search: list.get('q') }} />
            {isAdmin && (
              <Button component={Link} to="/roles/new" leftSection={<IconPlus size={16} />}>
                {t('role.new')}
              </Button>
            )}
          </>
        }
      />
      <Paper withBorder p="md" mb="md" maw={420}>
        <SearchInput list={list} />
      </Paper>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <LoadingState />
      ) : roles.length === 0 ? (
        <EmptyState>{t('common.notFound')}</EmptyState>
      ) : (
        <Paper withBorder>
          <CardTable minWidth={560} striped verticalSpacing="sm" data-testid="roles-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.name')}</Table.Th>
                  <Table.Th>{locale === 'en' ? t('role.labelId') : t('role.labelEn')}</Table.Th>
                  <Table.Th>{t('role.code')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roles.map((role) => (
                  <Table.Tr key={role.code}>
                    <Table.Td>
                      <Anchor component={Link} to={`/roles/${role.code}`} fw={600}>
                        {locale === 'en' ? role.labelEn : role.labelId}
                      </Anchor>
                      {(locale === 'en' ? role.descriptionEn : role.descriptionId) && (
                        <Text size="xs" c="dimmed">
                          {locale === 'en' ? role.descriptionEn : role.descriptionId}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{locale === 'en' ? role.labelId : role.labelEn}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {role.code}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </CardTable>
        </Paper>
      )}
    </>
  );
}
