import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconLock, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CertificationBadge } from '../../../components/CertificationBadge.js';
import { DefinitionList } from '../../../components/DefinitionList.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Section } from '../../../components/Section.js';
import type { CaseDetailQuery } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { caseStatusLabel } from '../../../lib/labels.js';
import { useAccess } from '../../access/lib/access.js';
import { RecordHistory } from '../../history/components/RecordHistory.js';
import { HiddenHeader } from '../../../components/HiddenHeader.js';

type Case = CaseDetailQuery['case'];

export function CaseDetailPage({
  item,
  onEdit,
  onInvolve,
  onClose,
  onEndInvolvement,
}: {
  item: Case;
  onEdit(): void;
  onInvolve(): void;
  onClose(): void;
  onEndInvolvement(id: string): void;
}) {
  const { t, label, locale, formatDate } = useI18n();
  // The actions only where the server says this caller may change the case (a coordinator: their area's).
  const canEdit = useAccess().canEdit && item.viewerCanManage;
  const open = item.status === 'OPEN';
  const text = (value: { labelId: string; labelEn: string }) => (locale === 'en' ? value.labelEn : value.labelId);
  return (
    <>
      <PageHeader
        back={{ to: '/cases', label: t('case.title') }}
        title={
          <Group gap="sm">
            <span>{item.reference}</span>
            <Badge variant="light" color={open ? 'blue' : 'gray'}>
              {label(caseStatusLabel(item.status))}
            </Badge>
          </Group>
        }
        lead={text(item.pmksCategory)}
        actions={
          open &&
          canEdit && (
            <>
              <Button leftSection={<IconUserPlus size={16} />} onClick={onInvolve}>
                {t('case.involve')}
              </Button>
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
                {t('common.edit')}
              </Button>
              <Button variant="default" leftSection={<IconLock size={16} />} onClick={onClose}>
                {t('case.close')}
              </Button>
            </>
          )
        }
      />
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Section title={t('common.details')}>
            <DefinitionList
              items={[
                {
                  label: t('case.organisation'),
                  value: (
                    <Anchor component={Link} to={`/organisations/${item.organisation.id}`} inherit>
                      {item.organisation.name}
                    </Anchor>
                  ),
                },
                { label: t('case.category'), value: text(item.pmksCategory) },
                { label: t('case.openedOn'), value: formatDate(item.openedOn) },
                { label: t('case.closedOn'), value: item.closedOn ? formatDate(item.closedOn) : null },
              ]}
            />
          </Section>
          <Section title={t('case.summary')}>
            <Text size="sm">{item.summary ?? t('common.none')}</Text>
            {item.closingNote && (
              <Alert color="gray" mt="sm" title={t('case.closingNote')}>
                {item.closingNote}
              </Alert>
            )}
          </Section>
        </SimpleGrid>
        <Section title={t('case.involvements')}>
          {item.involvements.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('case.noInvolvements')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table data-testid="case-involvements">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('assign.worker')}</Table.Th>
                    <Table.Th>{t('case.role')}</Table.Th>
                    <Table.Th>{t('common.from')}</Table.Th>
                    <Table.Th>{t('common.until')}</Table.Th>
                    {canEdit && <HiddenHeader>{t('coverage.col.action')}</HiddenHeader>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {item.involvements.map((involvement) => (
                    <Table.Tr key={involvement.id}>
                      <Table.Td>
                        <Group gap="xs">
                          <Anchor component={Link} to={`/workers/${involvement.worker.id}`} size="sm" fw={600}>
                            {involvement.worker.fullName}
                          </Anchor>
                          <CertificationBadge status={involvement.worker.certificationStatus} />
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/roles/${involvement.role.code}`} size="sm">
                          {text(involvement.role)}
                        </Anchor>
                        {involvement.isLead && (
                          <Badge ml="xs" size="xs" variant="light">
                            {t('worker.lead')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{formatDate(involvement.startsOn)}</Table.Td>
                      <Table.Td>{involvement.endsOn ? formatDate(involvement.endsOn) : t('common.ongoing')}</Table.Td>
                      {canEdit && (
                        <Table.Td ta="right">
                          {open && !involvement.endsOn && (
                            <Button size="xs" variant="subtle" onClick={() => onEndInvolvement(involvement.id)}>
                              {t('case.endInvolvement')}
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
        <RecordHistory id={item.id} />
      </Stack>
    </>
  );
}
