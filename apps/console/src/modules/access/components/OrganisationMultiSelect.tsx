import { useQuery } from '@apollo/client/react';
import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/locale.js';
import { OrganisationChoicesQuery } from '../graphql/queries.js';

/** Organisations by name or code, searched on the server (a city has hundreds); the chosen ones keep their names. */
export function OrganisationMultiSelect({
  value,
  onChange,
  ...props
}: Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string[];
  onChange(value: string[]): void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const { data, loading } = useQuery(OrganisationChoicesQuery, { variables: { search: debounced || null, first: 50 } });
  const names = useRef(new Map<string, string>());
  const options = useMemo(() => {
    for (const node of data?.organisations.nodes ?? []) names.current.set(node.id, `${node.name} (${node.areaCode})`);
    const found = (data?.organisations.nodes ?? []).map((node) => node.id);
    // The chosen ones stay among the options, or MultiSelect would forget their labels.
    const ids = [...new Set([...value, ...found])];
    return ids.map((id) => ({ value: id, label: names.current.get(id) ?? id }));
  }, [data, value]);
  return (
    <MultiSelect
      {...props}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search; the chosen ones must stay visible whatever is typed.
      filter={({ options: all }) => all}
      nothingFoundMessage={loading ? t('common.loading') : t('org.empty')}
      maxDropdownHeight={280}
      hidePickedOptions
    />
  );
}
