import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Button, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DownloadMenu } from '../../../components/DownloadMenu.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { StatCard } from '../../../components/StatCard.js';
import type { WorkforceDashboardQuery } from '../../../generated/gql/graphql.js';
import { useI18n } from '../../../i18n/locale.js';
import { kindLabel } from '../../../lib/labels.js';

type Summary = WorkforceDashboardQuery['workforceSummary'];

function ChartCard({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="figure" m={0}>
      <Title order={2} size="h5" mb="sm" component="figcaption">
        {title}
      </Title>
      {children}
      {note && (
        <Text size="xs" c="dimmed" mt="xs">
          {note}
        </Text>
      )}
    </Paper>
  );
}

export function DashboardPage({ summary }: { summary: Summary }) {
  const { t, label, formatNumber, formatDate } = useI18n();
  const decimal = (value: number | null) => (value === null ? '—' : formatNumber(value, { maximumFractionDigits: 2, minimumFractionDigits: 2 }));
  const covered = summary.organisationsNeedingWorker - summary.organisationsLackingWorker;
  const percent = summary.workers
    ? formatNumber(summary.certifiedWorkers / summary.workers, { style: 'percent', maximumFractionDigits: 0 })
    : '—';

  const byKind = [
    ...summary.workersByPlacementKind.map((entry) => ({ kind: label(kindLabel(entry.kind)), workers: entry.workers })),
    { kind: t('dashboard.unplaced'), workers: summary.unplacedWorkers },
  ];
  const byKecamatan = summary.subAreas.map((area) => ({
    kecamatan: area.area.name,
    certified: area.certifiedWorkers,
    uncertified: area.uncertifiedWorkers,
    lacking: area.organisationsLackingWorker,
    lackingCertified: area.organisationsLackingCertifiedWorker,
    per100k: area.workersPer100k ?? 0,
  }));
  const valueFormatter = (value: number) => formatNumber(value);
  // Workers placed at city-level offices (Dinas Sosial, PKH, LK3, Sakti Peksos) lie in no kecamatan.
  const cityLevel = summary.workers - summary.subAreas.reduce((sum, area) => sum + area.workers, 0);

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        lead={t('dashboard.lead', { date: formatDate(summary.asOf) })}
        actions={
          <>
            <DownloadMenu
              list="workforce-summary"
              filters={{ areaCode: summary.area.code, asOf: summary.asOf }}
              printable={{ areaCode: summary.area.code, asOf: summary.asOf }}
            />
            <Button component={Link} to="/" variant="light">
              {t('dashboard.seeGaps')}
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" mb="lg">
        <StatCard label={t('dashboard.workers')} value={formatNumber(summary.workers)} testId="stat-workers" to="/workers" />
        <StatCard
          label={t('dashboard.certified')}
          value={formatNumber(summary.certifiedWorkers)}
          hint={t('dashboard.certifiedShare', { percent })}
          color="teal.8"
          testId="stat-certified"
          to="/workers?status=CERTIFIED"
        />
        <StatCard label={t('dashboard.uncertified')} value={formatNumber(summary.uncertifiedWorkers)} color="orange.8" testId="stat-uncertified" />
        <StatCard label={t('dashboard.unplaced')} value={formatNumber(summary.unplacedWorkers)} testId="stat-unplaced" to="/workers?placed=0" />
        <StatCard
          label={t('dashboard.per100k')}
          value={decimal(summary.workersPer100k)}
          hint={`${t('dashboard.certifiedPer100k')}: ${decimal(summary.certifiedWorkersPer100k)}`}
          testId="stat-per100k"
        />
        <StatCard
          label={t('dashboard.orgsCovered')}
          value={t('dashboard.orgsCoveredValue', {
            covered: formatNumber(covered),
            total: formatNumber(summary.organisationsNeedingWorker),
          })}
          hint={
            <Anchor component={Link} to="/" size="xs">
              {t('coverage.stat.lacking')}: {formatNumber(summary.organisationsLackingWorker)}
            </Anchor>
          }
          testId="stat-covered"
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mb="lg">
        <ChartCard title={t('dashboard.byKind')}>
          <BarChart
            h={280}
            data={byKind}
            dataKey="kind"
            orientation="vertical"
            yAxisProps={{ width: 150 }}
            series={[{ name: 'workers', label: t('dashboard.workers'), color: 'teal.6' }]}
            valueFormatter={valueFormatter}
            withBarValueLabel
            gridAxis="x"
          />
        </ChartCard>
        <ChartCard title={t('dashboard.byKecamatan')} note={cityLevel > 0 ? t('dashboard.cityLevelNote', { count: formatNumber(cityLevel) }) : undefined}>
          <BarChart
            h={280}
            data={byKecamatan}
            dataKey="kecamatan"
            type="stacked"
            series={[
              { name: 'certified', label: t('dashboard.certified'), color: 'teal.6' },
              { name: 'uncertified', label: t('dashboard.uncertified'), color: 'orange.4' },
            ]}
            valueFormatter={valueFormatter}
            withLegend
          />
        </ChartCard>
        <ChartCard title={t('dashboard.gapsByKecamatan')}>
          <BarChart
            h={280}
            data={byKecamatan}
            dataKey="kecamatan"
            series={[
              { name: 'lacking', label: t('coverage.stat.lacking'), color: 'red.6' },
              { name: 'lackingCertified', label: t('coverage.stat.lackingCertified'), color: 'orange.5' },
            ]}
            valueFormatter={valueFormatter}
            withLegend
          />
        </ChartCard>
        <ChartCard title={t('dashboard.per100kByKecamatan')}>
          <BarChart
            h={280}
            data={byKecamatan}
            dataKey="kecamatan"
            series={[{ name: 'per100k', label: t('dashboard.per100k'), color: 'blue.6' }]}
            valueFormatter={(value) => formatNumber(value, { maximumFractionDigits: 2 })}
            withBarValueLabel
          />
        </ChartCard>
      </SimpleGrid>

      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h5" mb="sm">
          {t('dashboard.table')}
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="kecamatan-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.kecamatan')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.population')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.workers')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.certified')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.per100k')}</Table.Th>
                <Table.Th ta="right">{t('coverage.stat.lacking')}</Table.Th>
                <Table.Th ta="right">{t('coverage.stat.lackingCertified')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.subAreas.map((area) => (
                <Table.Tr key={area.area.code}>
                  <Table.Td>
                    <Anchor component={Link} to={`/?kec=${encodeURIComponent(area.area.code)}`}>
                      {area.area.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">{area.population === null ? '—' : formatNumber(area.population)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(area.workers)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(area.certifiedWorkers)}</Table.Td>
                  <Table.Td ta="right">{decimal(area.workersPer100k)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(area.organisationsLackingWorker)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(area.organisationsLackingCertifiedWorker)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {cityLevel > 0 && `${t('dashboard.cityLevelNote', { count: formatNumber(cityLevel) })} `}
          {summary.area.name}: {formatNumber(summary.workers)} {t('dashboard.workers')} ·{' '}
          {summary.population === null ? '' : `${t('dashboard.population')} ${formatNumber(summary.population)}`}
        </Text>
      </Paper>
    </>
  );
}
