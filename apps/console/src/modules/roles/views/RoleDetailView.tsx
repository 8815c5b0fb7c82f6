import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, LoadingState } from '../../../components/QueryStates.js';
import { Section } from '../../../components/Section.js';
import { useI18n } from '../../../i18n/locale.js';
import { caseStatusLabel } from '../../../lib/labels.js';
import { RoleDetailQuery } from '../graphql/queries.js';

export function RoleDetailView() {
  const { t, label, locale, formatDate } = useI18n();
  const { code = '' } = useParams();
  const { data, error, refetch } = useQuery(RoleDetailQuery, { variables: { code, roleCode: code } });
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return <LoadingState />;
  const role = data.professionalRole;
  const involvements = data.caseInvolvements.nodes;
  return (
    <>
      <PageHeader
        back={{ to: '/roles', label: t('role.title') }}
        title={locale === 'en' ? role.labelEn : role.labelId}
        lead={`${locale === 'en' ? role.labelId : role.labelEn} · ${role.code}`}
      />
      <Stack>
        {(role.descriptionId || role.descriptionEn) && (
          <Text>{locale === 'en' ? (role.descriptionEn ?? role.descriptionId) : (role.descriptionId ?? role.descriptionEn)}</Text>
        )}
        <Section title={`${t('role.involvements')} (${data.caseInvolvements.totalCount})`}>
          {involvements.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('role.noInvolvements')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('case.reference')}</Table.Th>
                    <Table.Th>{t('assign.worker')}</Table.Th>
                    <Table.Th>{t('common.from')}</Table.Th>
                    <Table.Th>{t('common.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {involvements.map((involvement) => (
                    <Table.Tr key={involvement.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/cases/${involvement.case.id}`} size="sm" fw={600}>
                          {involvement.case.reference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/workers/${involvement.worker.id}`} size="sm">
                          {involvement.worker.fullName}
                        </Anchor>
                        {involvement.isLead && (
                          <Badge ml="xs" size="xs" variant="light">
                            {t('worker.lead')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {formatDate(involvement.startsOn)} – {involvement.endsOn ? formatDate(involvement.endsOn) : t('common.ongoing')}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={involvement.case.status === 'OPEN' ? 'blue' : 'gray'}>
                          {label(caseStatusLabel(involvement.case.status))}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
      </Stack>
    </>
  );
}
