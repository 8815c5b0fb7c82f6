import { useQuery } from '@apollo/client/react';
import { Select } from '@mantine/core';
import { useI18n } from '../../../i18n/locale.js';
import { CITY_AREA_CODE } from '../../../lib/areas.js';
import { AreaChildrenQuery } from '../graphql/queries.js';

/** Kecamatan, then kelurahan within it (loaded from the server); empty means all of Kota Cimahi. */
export function AreaSelects({
  kecamatan,
  kelurahan,
  onChange,
}: {
  kecamatan: string | null;
  kelurahan: string | null;
  onChange(change: { kecamatan: string | null; kelurahan: string | null }): void;
}) {
  const { t } = useI18n();
  const kecamatanQuery = useQuery(AreaChildrenQuery, { variables: { parentCode: CITY_AREA_CODE } });
  const kelurahanQuery = useQuery(AreaChildrenQuery, {
    variables: { parentCode: kecamatan ?? '' },
    skip: !kecamatan,
  });
  const kecamatanOptions = (kecamatanQuery.data?.areas.nodes ?? []).map((area) => ({ value: area.code, label: area.name }));
  const kelurahanOptions = (kelurahanQuery.data?.areas.nodes ?? []).map((area) => ({ value: area.code, label: area.name }));
  return (
    <>
      <Select
        label={t('common.kecamatan')}
        placeholder={t('common.allKecamatan')}
        data={kecamatanOptions}
        value={kecamatan}
        clearable
        searchable
        allowDeselect
        nothingFoundMessage={kecamatanQuery.loading ? t('common.loading') : undefined}
        error={kecamatanQuery.error ? t('error.network') : undefined}
        onChange={(value) => onChange({ kecamatan: value, kelurahan: null })}
        comboboxProps={{ withinPortal: true }}
        data-testid="filter-kecamatan"
      />
      <Select
        label={t('common.kelurahan')}
        placeholder={t('common.allKelurahan')}
        data={kelurahanOptions}
        value={kelurahan}
        disabled={!kecamatan}
        clearable
        searchable
        onChange={(value) => onChange({ kecamatan, kelurahan: value })}
        data-testid="filter-kelurahan"
      />
    </>
  );
}
