import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/locale.js';
import type { ListState } from '../lib/list-state.js';

/** Free-text search kept in the URL (`q`), sent to the server a moment after typing stops. */
export function SearchInput({ list, label }: { list: ListState; label?: string }) {
  const { t } = useI18n();
  const current = list.get('q') ?? '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  const commit = useDebouncedCallback((next: string) => list.set({ q: next.trim() || null }, { replace: true }), 300);
  return (
    <TextInput
      label={label ?? t('common.search')}
      placeholder={t('common.searchPlaceholder')}
      leftSection={<IconSearch size={16} />}
      value={value}
      type="search"
      onChange={(event) => {
        setValue(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      data-testid="list-search"
    />
  );
}
