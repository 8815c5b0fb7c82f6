import { Group, Select } from '@mantine/core';
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
    <Group gap="xs" align="flex-end" wrap="nowrap">
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
        w={150}
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
