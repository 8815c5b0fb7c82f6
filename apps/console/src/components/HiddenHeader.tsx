import { Table, type TableThProps } from '@mantine/core';

/** A column header that is read aloud but not shown (a column of buttons): no table header is left empty. */
export function HiddenHeader({ children, ...props }: TableThProps & { children: string }) {
  return (
    <Table.Th {...props}>
      <span className="visually-hidden">{children}</span>
    </Table.Th>
  );
}
