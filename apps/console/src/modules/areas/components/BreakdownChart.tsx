import { Paper, Text } from '@mantine/core';
import { useId } from 'react';
import { useI18n } from '../../../i18n/locale.js';

/** At most this many bars: the areas with the most organisations lacking a worker. */
const MAX_BARS = 12;
const BAR = 22;
const GAP = 6;
const LABEL_WIDTH = 180;
const WIDTH = 640;

interface ChartRow {
  area: { code: string; name: string };
  organisationsLackingWorker: number;
}

/**
 * Organisations lacking a worker per child area, as horizontal bars in plain SVG (no chart library): the areas with
 * the most first. Screen readers get the same numbers as text (the image's name), and the table below has them all.
 */
export function BreakdownChart({ rows }: { rows: readonly ChartRow[] }) {
  const { t, formatNumber } = useI18n();
  const titleId = useId();
  const lacking = rows.filter((row) => row.organisationsLackingWorker > 0);
  const bars = [...lacking]
    .sort((a, b) => b.organisationsLackingWorker - a.organisationsLackingWorker || a.area.name.localeCompare(b.area.name, 'id'))
    .slice(0, MAX_BARS);
  const title = t('areas.chart.title');
  if (bars.length === 0) {
    return (
      <Paper withBorder p="md" radius="md" mb="md">
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Text size="sm" c="dimmed" data-testid="breakdown-chart-empty">
          {t('areas.chart.none')}
        </Text>
      </Paper>
    );
  }
  const largest = bars[0]!.organisationsLackingWorker;
  const height = bars.length * (BAR + GAP);
  const scale = (WIDTH - LABEL_WIDTH - 48) / largest;
  const truncated = lacking.length > MAX_BARS;
  const described = [
    t('areas.chart.alt', { title, list: bars.map((row) => `${row.area.name} ${formatNumber(row.organisationsLackingWorker)}`).join(', ') }),
    // Only where every area with a gap is drawn: the others have none.
    !truncated && lacking.length < rows.length ? t('areas.chart.othersNone') : '',
  ].join(' ').trim();
  return (
    <Paper withBorder p="md" radius="md" mb="md" component="figure" style={{ margin: 0 }}>
      <Text component="figcaption" fw={600} size="sm" id={titleId} mb="xs">
        {title}
        {truncated ? ` (${t('areas.chart.top', { count: MAX_BARS })})` : ''}
      </Text>
      <svg
        role="img"
        aria-label={described}
        data-testid="breakdown-chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: WIDTH, display: 'block' }}
        preserveAspectRatio="xMinYMin meet"
      >
        {bars.map((row, index) => {
          const y = index * (BAR + GAP);
          const width = Math.max(2, row.organisationsLackingWorker * scale);
          return (
            <g key={row.area.code} aria-hidden="true">
              <text x={LABEL_WIDTH - 8} y={y + BAR / 2} textAnchor="end" dominantBaseline="central" fontSize={13} fill="var(--mantine-color-text)">
                {row.area.name.length > 24 ? `${row.area.name.slice(0, 23)}…` : row.area.name}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={width} height={BAR} rx={3} fill="var(--mantine-color-red-7)" />
              <text x={LABEL_WIDTH + width + 6} y={y + BAR / 2} dominantBaseline="central" fontSize={13} fill="var(--mantine-color-text)">
                {formatNumber(row.organisationsLackingWorker)}
              </text>
            </g>
          );
        })}
      </svg>
    </Paper>
  );
}
