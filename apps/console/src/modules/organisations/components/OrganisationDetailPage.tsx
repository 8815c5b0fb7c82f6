import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CertificationBadge } from '../../../components/CertificationBadge.js';
import { DefinitionList } from '../../../components/DefinitionList.js';
import { ArchivedNotice, EditArchiveButtons } from '../../../components/ArchiveControls.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Section } from '../../../components/Section.js';
import type { OrganisationDetailQuery } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { caseStatusLabel, kindLabel } from '../../../lib/labels.js';
import { useAccess } from '../../access/lib/access.js';
import { RecordHistory } from '../../history/components/RecordHistory.js';

type Organisation = OrganisationDetailQuery['organisation'];

export function OrganisationDetailPage({
  organisation,
  onEdit,
  onArchive,
  onAssign,
}: {
  organisation: Organisation;
  onEdit(): void;
  onArchive(): void;
  onAssign(): void;
}) {
  const { t, label, locale, formatDate } = useI18n();
  const { canEdit } = useAccess();
  const archived = !!organisation.archivedAt;
  const gap = organisation.shouldHaveWorker && organisation.activeWorkers.length === 0;
  return (
    <>
      <PageHeader
        back={{ to: '/organisations', label: t('org.title') }}
        title={
          <Group gap="sm">
            <span>{organisation.name}</span>
            {archived && <Badge color="gray">{t('common.archived')}</Badge>}
            {!archived && gap && <Badge color="red">{t('org.gap')}</Badge>}
          </Group>
        }
        lead={label(kindLabel(organisation.kind))}
        actions={
          !archived &&
          canEdit &&
          // Only where the server would allow it (its area is the coordinator's): the same rule, asked of the server.
          organisation.viewerCanManage && (
            <>
              <Button leftSection={<IconUserPlus size={16} />} onClick={onAssign}>
                {t('coverage.assign')}
              </Button>
              <EditArchiveButtons onEdit={onEdit} onArchive={onArchive} />
            </>
          )
        }
      />
      {archived && <ArchivedNotice reason={organisation.archiveReason} archivedAt={organisation.archivedAt} />}
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Section title={t('common.details')}>
            <DefinitionList
              items={[
                { label: t('org.code'), value: organisation.code },
                { label: t('common.area'), value: `${organisation.area.name} (${organisation.areaCode})` },
                { label: t('org.address'), value: organisation.address },
                {
                  label: t('org.parent'),
                  value: organisation.parent ? (
                    <Anchor component={Link} to={`/organisations/${organisation.parent.id}`} inherit>
                      {organisation.parent.name}
                    </Anchor>
                  ) : null,
                },
                { label: t('org.shouldHaveWorker'), value: organisation.shouldHaveWorker ? t('common.yes') : t('common.no') },
                {
                  label: t('org.accreditation'),
                  value: organisation.accreditationGrade
                    ? `${organisation.accreditationGrade}${organisation.accreditationExpiresOn ? ` · ${t('org.accreditationExpiresOn')} ${formatDate(organisation.accreditationExpiresOn)}` : ''}`
                    : null,
                },
              ]}
            />
          </Section>
          <Section title={t('org.activeWorkers')}>
            {organisation.activeWorkers.length === 0 ? (
              <Text size="sm" c={organisation.shouldHaveWorker ? 'red.7' : 'dimmed'}>
                {t('org.noWorkers')}
              </Text>
            ) : (
              <Stack gap="xs">
                {organisation.activeWorkers.map((worker) => (
                  <Group key={worker.id} gap="xs">
                    <Anchor component={Link} to={`/workers/${worker.id}`} size="sm" fw={600}>
                      {worker.fullName}
                    </Anchor>
                    <CertificationBadge status={worker.certificationStatus} />
                  </Group>
                ))}
              </Stack>
            )}
          </Section>
        </SimpleGrid>
        <Section title={t('org.assignments')}>
          <ShownOf shown={organisation.assignments.nodes.length} total={organisation.assignments.totalCount} />
          {organisation.assignments.nodes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('org.noAssignments')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('assign.worker')}</Table.Th>
                    <Table.Th>{t('common.from')}</Table.Th>
                    <Table.Th>{t('common.until')}</Table.Th>
                    <Table.Th>{t('common.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {organisation.assignments.nodes.map((assignment) => (
                    <Table.Tr key={assignment.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/workers/${assignment.worker.id}`} size="sm">
                          {assignment.worker.fullName}
                        </Anchor>
                        {assignment.isPrimary && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            · {t('worker.primary')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{formatDate(assignment.startsOn)}</Table.Td>
                      <Table.Td>
                        {assignment.endsOn ? formatDate(assignment.endsOn) : t('common.ongoing')}
                        {assignment.endReason && (
                          <Text size="xs" c="dimmed">
                            {assignment.endReason}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={assignment.isActive ? 'teal' : 'gray'} variant="light">
                          {assignment.isActive ? t('common.active') : t('common.ended')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
        <Section title={t('org.cases')}>
          <ShownOf shown={organisation.cases.nodes.length} total={organisation.cases.totalCount} />
          {organisation.cases.nodes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('org.noCases')}
            </Text>
          ) : (
            <Stack gap="xs">
              {organisation.cases.nodes.map((item) => (
                <Group key={item.id} gap="xs">
                  <Anchor component={Link} to={`/cases/${item.id}`} size="sm" fw={600}>
                    {item.reference}
                  </Anchor>
                  <Text size="sm">{locale === 'en' ? item.pmksCategory.labelEn : item.pmksCategory.labelId}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDate(item.openedOn)}
                  </Text>
                  <Badge variant="light" color={item.status === 'OPEN' ? 'blue' : 'gray'}>
                    {label(caseStatusLabel(item.status))}
                  </Badge>
                </Group>
              ))}
            </Stack>
          )}
        </Section>
        <RecordHistory id={organisation.id} />
      </Stack>
    </>
  );
}

/** Says that a long list shows only its newest entries (the API pages nested lists). */
function ShownOf({ shown, total }: { shown: number; total: number }) {
  const { t } = useI18n();
  if (shown >= total) return null;
  return (
    <Text size="xs" c="dimmed">
      {t('common.newestOf', { shown, total })}
    </Text>
  );
}
