import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconArrowsExchange, IconCertificate, IconEye, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { CertificationBadge } from '../../../components/CertificationBadge.js';
import { DefinitionList } from '../../../components/DefinitionList.js';
import { ArchivedNotice, EditArchiveButtons } from '../../../components/ArchiveControls.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Section } from '../../../components/Section.js';
import type { WorkerDetailQuery } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey } from '../../../i18n/locale.js';
import { caseStatusLabel, certificationLevelLabel, employmentStatusLabel, genderLabel, kindLabel } from '../../../lib/labels.js';
import { useAccess } from '../../access/lib/access.js';
import type { CertificationMode } from './CertificationDialog.js';
import { RevealNikDialog } from './RevealNikDialog.js';
import { HiddenHeader } from '../../../components/HiddenHeader.js';
import { RecordHistory } from '../../history/components/RecordHistory.js';

type Worker = WorkerDetailQuery['worker'];

const MISSING: Record<Worker['certificationStatus'], MessageKey> = {
  CERTIFIED: 'worker.missing.CERTIFIED',
  SCHEDULED: 'worker.missing.SCHEDULED',
  NOT_TESTED: 'worker.missing.NOT_TESTED',
  EXPIRED: 'worker.missing.EXPIRED',
};


export function WorkerDetailPage({
  worker,
  onEdit,
  onArchive,
  onCertification,
  onEndAssignment,
  onHandover,
}: {
  worker: Worker;
  onEdit(): void;
  onArchive(): void;
  onCertification(mode: CertificationMode): void;
  onEndAssignment(assignmentId: string): void;
  /** Hands over everything the worker holds (they resign, move or go on leave). */
  onHandover(): void;
}) {
  const { t, label, locale, formatDate } = useI18n();
  const { canEdit, seesPersonalData, isAdmin } = useAccess();
  const [revealing, setRevealing] = useState(false);
  const archived = !!worker.archivedAt;
  // Only where the server would allow it: the worker's home area is the coordinator's (the same rule, asked of the server).
  const manages = canEdit && worker.viewerCanManage;
  return (
    <>
      <PageHeader
        back={{ to: '/workers', label: t('worker.title') }}
        title={
          <Group gap="sm">
            <span>{worker.fullName}</span>
            <CertificationBadge status={worker.certificationStatus} />
            {archived && <Badge color="gray">{t('common.archived')}</Badge>}
          </Group>
        }
        actions={
          !archived &&
          manages && (
            <>
              <Button variant="default" leftSection={<IconArrowsExchange size={16} />} onClick={onHandover} data-testid="handover-open">
                {t('handover.open')}
              </Button>
              <EditArchiveButtons onEdit={onEdit} onArchive={onArchive} />
            </>
          )
        }
      />
      {archived && <ArchivedNotice reason={worker.archiveReason} archivedAt={worker.archivedAt} />}
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Section title={t('common.details')}>
            <DefinitionList
              items={[
                { label: t('worker.gender'), value: label(genderLabel(worker.gender)) },
                { label: t('worker.employmentStatus'), value: label(employmentStatusLabel(worker.employmentStatus)) },
                ...(seesPersonalData
                  ? [
                      { label: t('worker.phone'), value: worker.phone },
                      { label: t('worker.email'), value: worker.email },
                      {
                        label: t('worker.nik'),
                        value: (
                          <Group gap="xs" component="span">
                            <span data-testid="masked-nik">{worker.maskedNationalIdNumber ?? '—'}</span>
                            {isAdmin && worker.maskedNationalIdNumber && (
                              <Button size="compact-xs" variant="light" color="orange" leftSection={<IconEye size={12} />} onClick={() => setRevealing(true)}>
                                {t('worker.revealNik')}
                              </Button>
                            )}
                          </Group>
                        ),
                      },
                      { label: t('worker.homeArea'), value: worker.homeArea?.name },
                    ]
                  : []),
              ]}
            />
            {!seesPersonalData && (
              <Text size="xs" c="dimmed" mt="sm" data-testid="personal-data-hidden">
                <IconLock size={12} style={{ verticalAlign: 'middle', marginRight: 4 }} />
                {t('worker.personalHidden')}
              </Text>
            )}
          </Section>
          <Section
            title={t('worker.certification')}
            actions={
              !archived &&
              manages && (
                <>
                  <Button size="xs" variant="default" onClick={() => onCertification('schedule')}>
                    {t('worker.scheduleTest')}
                  </Button>
                  <Button size="xs" variant="default" leftSection={<IconCertificate size={14} />} onClick={() => onCertification('record')}>
                    {t('worker.recordCertificate')}
                  </Button>
                </>
              )
            }
          >
            <Alert color={worker.certificationStatus === 'CERTIFIED' ? 'teal' : 'orange'} mb="sm" data-testid="certification-missing">
              {t(MISSING[worker.certificationStatus])}
            </Alert>
            {worker.certifications.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('worker.noCertifications')}
              </Text>
            ) : (
              <Stack gap="xs">
                {worker.certifications.map((certification) => (
                  <Paper key={certification.id} withBorder p="xs" radius="sm">
                    <Text size="sm" fw={600}>
                      {t(certification.kind === 'CERTIFICATE' ? 'worker.cert.CERTIFICATE' : 'worker.cert.SCHEDULED_TEST')}:{' '}
                      {label(certificationLevelLabel(certification.level))}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {certification.kind === 'CERTIFICATE'
                        ? `${certification.certificateNumber ?? ''} · ${certification.issuer ?? ''} · ${t('worker.cert.issuedOn')} ${formatDate(certification.issuedOn)} · ${
                            certification.expiresOn ? `${t('worker.cert.expiresOn')} ${formatDate(certification.expiresOn)}` : t('worker.cert.noExpiry')
                          }`
                        : `${t('worker.cert.testDate')} ${formatDate(certification.testDate)}`}
                    </Text>
                  </Paper>
                ))}
              </Stack>
            )}
          </Section>
        </SimpleGrid>

        <Section title={t('worker.assignments')}>
          {worker.assignments.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('worker.noAssignments')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table data-testid="worker-assignments">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('coverage.col.organisation')}</Table.Th>
                    <Table.Th>{t('common.from')}</Table.Th>
                    <Table.Th>{t('common.until')}</Table.Th>
                    <Table.Th>{t('common.status')}</Table.Th>
                    {canEdit && <HiddenHeader>{t('coverage.col.action')}</HiddenHeader>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {worker.assignments.map((assignment) => (
                    <Table.Tr key={assignment.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/organisations/${assignment.organisation.id}`} size="sm">
                          {assignment.organisation.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {label(kindLabel(assignment.organisation.kind))}
                          {assignment.isPrimary ? ` · ${t('worker.primary')}` : ''}
                        </Text>
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
                      {canEdit && (
                        <Table.Td ta="right">
                          {/* Either side may end it: the worker's coordinator or the organisation's. */}
                          {!assignment.endsOn && (manages || assignment.organisation.viewerCanManage) && (
                            <Button size="xs" variant="subtle" onClick={() => onEndAssignment(assignment.id)}>
                              {t('worker.endAssignment')}
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

        <Section title={t('worker.cases')}>
          {worker.caseInvolvements.totalCount > worker.caseInvolvements.nodes.length && (
            <Text size="xs" c="dimmed">
              {t('common.newestOf', { shown: worker.caseInvolvements.nodes.length, total: worker.caseInvolvements.totalCount })}
            </Text>
          )}
          {worker.caseInvolvements.nodes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('worker.noCases')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table data-testid="worker-cases">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('case.reference')}</Table.Th>
                    <Table.Th>{t('worker.role')}</Table.Th>
                    <Table.Th>{t('case.category')}</Table.Th>
                    <Table.Th>{t('common.from')}</Table.Th>
                    <Table.Th>{t('common.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {worker.caseInvolvements.nodes.map((involvement) => (
                    <Table.Tr key={involvement.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/cases/${involvement.case.id}`} size="sm" fw={600}>
                          {involvement.case.reference}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {involvement.case.organisation.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/roles/${involvement.role.code}`} size="sm">
                          {locale === 'en' ? involvement.role.labelEn : involvement.role.labelId}
                        </Anchor>
                        {involvement.isLead && (
                          <Badge ml="xs" size="xs" variant="light">
                            {t('worker.lead')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{locale === 'en' ? involvement.case.pmksCategory.labelEn : involvement.case.pmksCategory.labelId}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {formatDate(involvement.startsOn)} – {involvement.endsOn ? formatDate(involvement.endsOn) : t('common.ongoing')}
                        </Text>
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
        <RecordHistory id={worker.id} />
      </Stack>
      {isAdmin && <RevealNikDialog worker={worker} opened={revealing} onClose={() => setRevealing(false)} />}
    </>
  );
}
