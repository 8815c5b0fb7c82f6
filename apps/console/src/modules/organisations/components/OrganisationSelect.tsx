import { useQuery } from '@apollo/client/react';
import { Select, type SelectProps } from '@mantine/core';
import { useI18n } from '../../../i18n/locale.js';
import { OrganisationOptionsQuery } from '../graphql/queries.js';

/** One active organisation, searchable by name. */
export function OrganisationSelect({ exclude, ...props }: Omit<SelectProps, 'data'> & { exclude?: string }) {
  const { t } = useI18n();
  const { data, loading } = useQuery(OrganisationOptionsQuery);
  const options = (data?.organisations.nodes ?? []).filter((o) => o.id !== exclude).map((o) => ({ value: o.id, label: o.name }));
  return <Select searchable clearable nothingFoundMessage={loading ? t('common.loading') : t('org.empty')} {...props} data={options} />;
}
