import { Paper, Text } from '@mantine/core';
import { useId } from 'react';
import { useI18n } from '../../../i18n/locale.js';

/** At most this many bars: the areas with the most organisations lacking a worker. */
const MAX_BARS = 12;
/** Each area takes a row: its name on one line, its bar under it (so the text keeps its size on a phone). */
const ROW = 44;
const BAR = 16;
/** The longest bar's share of the width, leaving room for its number. */
const LONGEST = 88;

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
  const height = bars.length * ROW;
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
      {/* No viewBox: lengths in CSS pixels and percentages, so the bars follow the width and the text does not shrink. */}
      <svg role="img" aria-label={described} data-testid="breakdown-chart" width="100%" height={height} style={{ display: 'block' }}>
        {bars.map((row, index) => {
          const y = index * ROW;
          const share = `${((row.organisationsLackingWorker / largest) * LONGEST).toFixed(2)}%`;
          return (
            <g key={row.area.code} aria-hidden="true">
              <text x={0} y={y + 13} fontSize={13} fill="var(--mantine-color-text)">
                {row.area.name}
              </text>
              <rect x={0} y={y + 20} width={share} height={BAR} rx={3} fill="var(--mantine-color-red-7)" />
              <text x={share} dx={6} y={y + 20 + BAR / 2} dominantBaseline="central" fontSize={13} fill="var(--mantine-color-text)">
                {formatNumber(row.organisationsLackingWorker)}
              </text>
            </g>
          );
        })}
      </svg>
    </Paper>
  );
}
