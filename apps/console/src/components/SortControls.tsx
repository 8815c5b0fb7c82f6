import { Group, Select, Table, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/locale.js';
import type { ListState } from '../lib/list-state.js';

/** Sort field and direction, kept in the URL as `sort` and `dir`. */
export function SortControls({
  list,
  options,
  defaultField,
  defaultDirection = 'ASC',
}: {
  list: ListState;
  options: { value: string; label: string }[];
  defaultField: string;
  defaultDirection?: 'ASC' | 'DESC';
}) {
  const { t } = useI18n();
  const field = sortField(list, options.map((o) => o.value), defaultField);
  const direction = sortDirection(list, defaultDirection);
  return (
    // Wraps on a phone rather than clipping: "Descending (Z–A)" needs about 190 px with the select's chevron.
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label={t('common.sortBy')}
        data={options}
        value={field}
        allowDeselect={false}
        onChange={(value) => value && list.set({ sort: value === defaultField ? null : value })}
        w={170}
      />
      <Select
        aria-label={t('common.sortBy')}
        data={[
          { value: 'ASC', label: t('common.ascending') },
          { value: 'DESC', label: t('common.descending') },
        ]}
        value={direction}
        allowDeselect={false}
        onChange={(value) => value && list.set({ dir: value === defaultDirection ? null : value })}
        w={190}
      />
    </Group>
  );
}

export function sortField<T extends string>(list: ListState, allowed: readonly T[], fallback: T): T {
  const value = list.get('sort') as T | null;
  return value && allowed.includes(value) ? value : fallback;
}

export function sortDirection(list: ListState, fallback: 'ASC' | 'DESC' = 'ASC'): 'ASC' | 'DESC' {
  const value = list.get('dir');
  return value === 'ASC' || value === 'DESC' ? value : fallback;
}

/**
 * A column header that sorts the list by its field (the same `sort` and `dir` as SortControls): a click sorts by the
 * column, a second click turns the direction. The header says the current order to assistive technology (aria-sort).
 */
export function SortableTh({
  list,
  field,
  fields,
  defaultField,
  defaultDirection = 'ASC',
  children,
}: {
  list: ListState;
  field: string;
  /** Every field the list sorts by (to read the current one). */
  fields: readonly string[];
  defaultField: string;
  defaultDirection?: 'ASC' | 'DESC';
  children: ReactNode;
}) {
  const active = sortField(list, fields, defaultField) === field;
  // As the list reads it (sortDirection with the list's default); a column chosen anew starts from A to Z (or, for the
  // list's default column, from its default direction).
  const direction = sortDirection(list, defaultDirection);
  const next = active ? (direction === 'ASC' ? 'DESC' : 'ASC') : field === defaultField ? defaultDirection : 'ASC';
  const Icon = !active ? IconSelector : direction === 'ASC' ? IconChevronUp : IconChevronDown;
  return (
    <Table.Th aria-sort={active ? (direction === 'ASC' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton
        className="sortable-header"
        onClick={() => list.set({ sort: field === defaultField ? null : field, dir: next === defaultDirection ? null : next })}
      >
        {children}
        <Icon size={14} aria-hidden style={{ flexShrink: 0, opacity: active ? 1 : 0.5 }} />
      </UnstyledButton>
    </Table.Th>
  );
}
