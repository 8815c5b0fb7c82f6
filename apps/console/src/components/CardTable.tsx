import { Table, type TableProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useLayoutEffect, useRef } from 'react';

/**
 * A table that becomes a list of cards on a phone (under 48em): each row a card, each cell under its column's name
 * (copied from the header into data-label, shown by styles.css), so nothing scrolls sideways out of sight and the
 * row's button stays on screen. On wider screens, a table that scrolls sideways below minWidth.
 */
export function CardTable({ minWidth, children, ...props }: TableProps & { minWidth: number }) {
  const ref = useRef<HTMLTableElement>(null);
  const phone = useMediaQuery('(max-width: 47.99em)');
  useLayoutEffect(() => {
    const table = ref.current;
    if (!table) return;
    const labels = Array.from(table.querySelectorAll('thead th')).map((th) =>
      th.querySelector('.visually-hidden') ? '' : (th.textContent ?? '').trim(),
    );
    for (const row of Array.from(table.querySelectorAll('tbody tr'))) {
      Array.from(row.children).forEach((cell, index) => cell.setAttribute('data-label', labels[index] ?? ''));
    }
  });
  return (
    <Table.ScrollContainer minWidth={phone ? 0 : minWidth}>
      <Table ref={ref} className="card-table" {...props}>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
