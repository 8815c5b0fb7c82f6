import type { BilingualLabel } from './labels.js';

/** Levels of the Kemendagri administrative tree. */
export enum AreaLevel {
  PROVINCE = 'PROVINCE',
  REGENCY_OR_CITY = 'REGENCY_OR_CITY',
  DISTRICT = 'DISTRICT',
  VILLAGE = 'VILLAGE',
}

export const AREA_LEVEL_LABELS: Record<AreaLevel, BilingualLabel> = {
  [AreaLevel.PROVINCE]: { id: 'Provinsi', en: 'Province' },
  [AreaLevel.REGENCY_OR_CITY]: { id: 'Kabupaten/Kota', en: 'Regency/City' },
  [AreaLevel.DISTRICT]: { id: 'Kecamatan', en: 'District (kecamatan)' },
  [AreaLevel.VILLAGE]: { id: 'Kelurahan/Desa', en: 'Village (kelurahan/desa)' },
};

/**
 * Kemendagri area codes: `32` (province), `32.77` (city), `32.77.01` (kecamatan), `32.77.01.1001` (kelurahan).
 * The level follows from the shape of the code.
 */
export const AREA_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export function areaLevelOfCode(code: string): AreaLevel | null {
  if (!AREA_CODE_PATTERN.test(code)) return null;
  const parts = code.split('.').length;
  return [AreaLevel.PROVINCE, AreaLevel.REGENCY_OR_CITY, AreaLevel.DISTRICT, AreaLevel.VILLAGE][parts - 1] ?? null;
}

export function parentAreaCode(code: string): string | null {
  const cut = code.lastIndexOf('.');
  return cut < 0 ? null : code.slice(0, cut);
}
