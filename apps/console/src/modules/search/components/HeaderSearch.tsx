import { useQuery } from '@apollo/client/react';
import { ActionIcon, Combobox, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useI18n, type MessageKey } from '../../../i18n/locale.js';
import { HeaderSearchQuery } from '../graphql/queries.js';

/** How many of each kind the drop-down shows; the rest are one click away in the list, filtered by the same text. */
const SHOWN = 5;
/** Fewer characters than this find too much to be useful. */
const MIN_LENGTH = 2;

interface ResultGroup {
  label: MessageKey;
  /** The list page, filtered by the text (`q`), for "all N". */
  list: string;
  total: number;
  items: { to: string; title: string; detail: string | null }[];
}

/**
 * One search box in the header for workers, organisations and cases: by name, code, kecamatan or kelurahan (the
 * server's `search` of each list). Choosing a result opens it; "all N" opens the list with the same search.
 * An ARIA combobox: arrow keys move through the results, Enter opens one, Escape closes the list.
 */
export function HeaderSearch({ onDone, autoFocus = false }: { onDone?: () => void; autoFocus?: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [value, setValue] = useState('');
  const [search] = useDebouncedValue(value.trim(), 250);
  const enabled = search.length >= MIN_LENGTH;
  const { data, previousData, loading, error } = useQuery(HeaderSearchQuery, { variables: { search, first: SHOWN }, skip: !enabled });
  const result = enabled ? (data ?? previousData) : undefined;
  const encoded = encodeURIComponent(search);
  const groups: ResultGroup[] = result
    ? [
        {
          label: 'nav.workers',
          list: `/workers?q=${encoded}`,
          total: result.workers.totalCount,
          items: result.workers.nodes.map((worker) => ({
            to: `/workers/${worker.id}`,
            title: worker.fullName,
            detail: worker.activeAssignments.map((assignment) => assignment.organisation.name).join(', ') || null,
          })),
        },
        {
          label: 'nav.organisations',
          list: `/organisations?q=${encoded}`,
          total: result.organisations.totalCount,
          items: result.organisations.nodes.map((organisation) => ({
            to: `/organisations/${organisation.id}`,
            title: organisation.name,
            detail: `${organisation.code} · ${organisation.area.name}`,
          })),
        },
        {
          label: 'nav.cases',
          list: `/cases?q=${encoded}`,
          total: result.cases.totalCount,
          items: result.cases.nodes.map((someCase) => ({
            to: `/cases/${someCase.id}`,
            title: someCase.reference,
            detail: someCase.organisation.name,
          })),
        },
      ].filter((group): group is ResultGroup => group.total > 0)
    : [];

  function open(to: string) {
    navigate(to);
    setValue('');
    combobox.closeDropdown();
    onDone?.();
  }

  let content: ReactNode;
  if (!enabled) content = <Combobox.Empty>{t('search.hint')}</Combobox.Empty>;
  else if (error) content = <Combobox.Empty>{t('search.failed')}</Combobox.Empty>;
  else if (!result) content = <Combobox.Empty>{t('common.loading')}</Combobox.Empty>;
  else if (groups.length === 0) content = <Combobox.Empty>{t('search.nothing', { text: search })}</Combobox.Empty>;
  else {
    content = groups.map((group) => (
      <Combobox.Group key={group.label} label={`${t(group.label)} (${group.total})`}>
        {group.items.map((item) => (
          <Combobox.Option key={item.to} value={item.to}>
            <Text size="sm" fw={500} lh={1.3}>
              {item.title}
            </Text>
            {item.detail && (
              <Text size="xs" c="dimmed" lh={1.3}>
                {item.detail}
              </Text>
            )}
          </Combobox.Option>
        ))}
        {group.total > group.items.length && (
          <Combobox.Option value={group.list}>
            <Text size="sm" c="teal.9" td="underline">
              {t('search.all', { count: group.total, list: t(group.label).toLowerCase() })}
            </Text>
          </Combobox.Option>
        )}
      </Combobox.Group>
    ));
  }

  return (
    <Combobox store={combobox} onOptionSubmit={open} width="min(480px, calc(100vw - 16px))" position="bottom-end">
      <Combobox.Target>
        <TextInput
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          leftSection={loading ? <Loader size={14} /> : <IconSearch size={16} aria-hidden />}
          rightSection={
            value ? (
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('search.clear')} onClick={() => setValue('')}>
                <IconX size={14} />
              </ActionIcon>
            ) : null
          }
          type="search"
          role="combobox"
          aria-autocomplete="list"
          size="sm"
          w={{ base: '100%', sm: 300 }}
          autoFocus={autoFocus}
          value={value}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onDone?.();
          }}
          data-testid="header-search"
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options aria-label={t('search.results')}>{content}</Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** The header's search on a phone: a button that opens the box in the header, and closes it. */
export function HeaderSearchToggle({ opened, onToggle }: { opened: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <ActionIcon variant="default" size="lg" aria-label={opened ? t('search.close') : t('search.label')} aria-expanded={opened} onClick={onToggle}>
      {opened ? <IconX size={18} /> : <IconSearch size={18} />}
    </ActionIcon>
  );
}
