import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * A headline figure. With `to` or `onClick` it is also the way to the list it counts (a link, or a button that sets
 * the list's filter, `pressed` while that filter is on); without, it is a plain figure and does not look clickable.
 */
export function StatCard({
  label,
  value,
  hint,
  color,
  testId,
  to,
  onClick,
  pressed,
}: {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  color?: string;
  testId?: string;
  to?: string;
  onClick?: () => void;
  pressed?: boolean;
}) {
  const content = (
    <>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" component="span" display="block">
        {label}
      </Text>
      <Text fz={28} fw={700} c={color} lh={1.2} component="span" display="block" data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" component="span" display="block">
          {hint}
        </Text>
      )}
    </>
  );
  if (to) {
    return (
      <Paper withBorder p="md" radius="md" component={Link} to={to} className="stat-card-action" data-testid={testId}>
        {content}
      </Paper>
    );
  }
  if (onClick) {
    return (
      <Paper
        withBorder
        p="md"
        radius="md"
        component="button"
        type="button"
        onClick={onClick}
        aria-pressed={pressed}
        className="stat-card-action"
        data-testid={testId}
      >
        {content}
      </Paper>
    );
  }
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      {content}
    </Paper>
  );
}
