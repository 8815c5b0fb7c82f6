import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CertificationBadge } from '../../../components/CertificationBadge.js';
import type { WorkerSortField, WorkersListQuery } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { employmentStatusLabel } from '../../../lib/labels.js';
import { CardTable } from '../../../components/CardTable.js';
import { SortableTh } from '../../../components/SortControls.js';
import type { ListState } from '../../../lib/list-state.js';

/** What the workers list sorts by (its sort controls and the name column's header). */
export const WORKER_SORT_FIELDS: WorkerSortField[] = ['FULL_NAME', 'CREATED_AT'];

/** The workers of a list page; the home area (personal data) only for those who may see it. */
export function WorkersTable({
  workers,
  showHomeArea,
  list,
}: {
  workers: WorkersListQuery['workers']['nodes'];
  showHomeArea: boolean;
  /** The list's state, for sorting by the name column. */
  list: ListState;
}) {
  const { t, label } = useI18n();
  return (
    <CardTable minWidth={860} striped highlightOnHover verticalSpacing="sm" data-testid="workers-table">
        <Table.Thead>
          <Table.Tr>
            <SortableTh list={list} field="FULL_NAME" fields={WORKER_SORT_FIELDS} defaultField="FULL_NAME">
              {t('worker.fullName')}
            </SortableTh>
            <Table.Th>{t('worker.certificationStatus')}</Table.Th>
            <Table.Th>{t('worker.placement')}</Table.Th>
            <Table.Th>{t('workload.label')}</Table.Th>
            <Table.Th>{t('worker.employmentStatus')}</Table.Th>
            {showHomeArea && <Table.Th>{t('worker.homeArea')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {workers.map((worker) => (
            <Table.Tr key={worker.id} data-testid="worker-row">
              <Table.Td>
                <Anchor component={Link} to={`/workers/${worker.id}`} fw={600}>
                  {worker.fullName}
                </Anchor>
                {worker.archivedAt && (
                  <Badge ml="xs" size="xs" color="gray">
                    {t('common.archived')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <CertificationBadge status={worker.certificationStatus} />
              </Table.Td>
              <Table.Td>
                {worker.activeAssignments.length === 0 ? (
                  <Text size="sm" c="orange.8">
                    {t('worker.unplaced')}
                  </Text>
                ) : (
                  worker.activeAssignments.map((assignment) => (
                    <Text size="sm" key={assignment.id}>
                      <Anchor component={Link} to={`/organisations/${assignment.organisation.id}`} inherit>
                        {assignment.organisation.name}
                      </Anchor>
                    </Text>
                  ))
                )}
              </Table.Td>
              <Table.Td data-testid="worker-workload">
                <Text size="sm" c={worker.workload.activePlacements >= worker.workload.maxPlacements || worker.workload.openCases > worker.workload.recommendedOpenCases ? 'orange.8' : undefined}>
                  {t('workload.short', {
                    placements: String(worker.workload.activePlacements),
                    maxPlacements: String(worker.workload.maxPlacements),
                    cases: String(worker.workload.openCases),
                  })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{label(employmentStatusLabel(worker.employmentStatus))}</Text>
              </Table.Td>
              {showHomeArea && (
                <Table.Td>
                  <Text size="sm">{worker.homeArea?.name ?? t('common.none')}</Text>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </CardTable>
  );
}
