import { useQuery } from '@apollo/client/react';
import { Select, type SelectProps } from '@mantine/core';
import { useI18n } from '../../../i18n/locale.js';
import { CITY_AREA_CODE } from '../../../lib/areas.js';
import { AllAreasQuery } from '../graphql/queries.js';

/** One area of Kota Cimahi (the city, a kecamatan or a kelurahan), grouped by kecamatan. */
export function AreaSelect(props: Omit<SelectProps, 'data'>) {
  const { t } = useI18n();
  const { data, loading } = useQuery(AllAreasQuery);
  const areas = (data?.areas.nodes ?? []).filter((area) => area.code.startsWith(CITY_AREA_CODE));
  const names = new Map(areas.map((area) => [area.code, area.name]));
  const city = areas.filter((area) => area.code === CITY_AREA_CODE);
  const kecamatan = areas.filter((area) => area.level === 'DISTRICT').sort((a, b) => a.code.localeCompare(b.code));
  const groups = [
    ...(city.length ? [{ group: t('common.area'), items: city.map((area) => ({ value: area.code, label: `${area.name} (${area.code})` })) }] : []),
    ...kecamatan.map((district) => ({
      group: district.name,
      items: [
        { value: district.code, label: `${t('common.kecamatan')} ${district.name} (${district.code})` },
        ...areas
          .filter((area) => area.parentCode === district.code)
          .sort((a, b) => a.code.localeCompare(b.code))
          .map((area) => ({ value: area.code, label: `${area.name}, ${names.get(district.code) ?? ''} (${area.code})` })),
      ],
    })),
  ];
  return <Select searchable clearable nothingFoundMessage={loading ? t('common.loading') : undefined} {...props} data={groups} />;
}
