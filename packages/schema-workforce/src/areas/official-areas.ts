import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import type { DataSource, EntityManager } from 'typeorm';
import { AreaLevel } from '@peksos/types';
import { AreaService, type OfficialAreaLoad } from './area.service.js';

/** One area of Indonesia's official hierarchy: its Kemendagri code, name and level (the parent follows from the code). */
export interface OfficialArea {
  code: string;
  name: string;
  level: AreaLevel;
}

/**
 * Where the official areas come from: the `idn-area-data` package (its code under the MIT licence, its data under the
 * Open Database License 1.0), which publishes the Kemendagri codes and names from the government sources its own
 * docs/references.md lists. It has no populations: those stay as a source gave them (docs/sources.md).
 */
export const OFFICIAL_AREAS_SOURCE = 'idn-area-data 4.0.1 (Kemendagri codes and names; data under ODbL 1.0)';

/** The whole hierarchy, parents before children: 38 provinces, 514 regencies and cities, 7,285 kecamatan, 83,762 villages. */
export async function readOfficialAreas(): Promise<OfficialArea[]> {
  const [provinces, regencies, districts, villages] = await Promise.all([getProvinces(), getRegencies(), getDistricts(), getVillages()]);
  const area = (level: AreaLevel) => (row: { code: string; name: string }): OfficialArea => ({ code: row.code, name: row.name.trim(), level });
  return [
    ...provinces.map(area(AreaLevel.PROVINCE)),
    ...regencies.map(area(AreaLevel.REGENCY_OR_CITY)),
    ...districts.map(area(AreaLevel.DISTRICT)),
    ...villages.map(area(AreaLevel.VILLAGE)),
  ];
}

/** Loads the official hierarchy through the area service (`pnpm areas:load`, and data sets that need it). */
export async function loadOfficialAreas(db: DataSource | EntityManager): Promise<OfficialAreaLoad[]> {
  return new AreaService(db).loadOfficial(await readOfficialAreas());
}
