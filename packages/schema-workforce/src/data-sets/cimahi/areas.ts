import { AreaLevel } from '@peksos/types';

export interface SeedArea {
  code: string;
  name: string;
  level: AreaLevel;
  population: number | null;
  populationYear: number | null;
  populationSource: string | null;
}

const CIVIL_REGISTRY_2021 = 'Disdukcapil Kota Cimahi, semester I 2021';
/** The report gives no kelurahan figures: these split each kecamatan's registry total, marked as estimates. */
const KELURAHAN_ESTIMATE = 'Perkiraan data demo: jumlah kecamatan (Disdukcapil, semester I 2021) dibagi per kelurahan';

function kelurahan(code: string, name: string, population: number): SeedArea {
  return {
    code,
    name,
    level: AreaLevel.VILLAGE,
    population,
    populationYear: 2021,
    populationSource: KELURAHAN_ESTIMATE,
  };
}

/** Jawa Barat, Kota Cimahi, its 3 kecamatan and 15 kelurahan (Kemendagri codes; see docs/sources.md). */
export const CIMAHI_AREAS: SeedArea[] = [
  { code: '32', name: 'Jawa Barat', level: AreaLevel.PROVINCE, population: null, populationYear: null, populationSource: null },
  {
    code: '32.77',
    name: 'Kota Cimahi',
    level: AreaLevel.REGENCY_OR_CITY,
    population: 582_000,
    populationYear: 2024,
    populationSource: 'Perkiraan pertengahan 2024 (sensus 2020: sekitar 568.400)',
  },
  {
    code: '32.77.01',
    name: 'Cimahi Selatan',
    level: AreaLevel.DISTRICT,
    population: 235_028,
    populationYear: 2021,
    populationSource: CIVIL_REGISTRY_2021,
  },
  {
    code: '32.77.02',
    name: 'Cimahi Tengah',
    level: AreaLevel.DISTRICT,
    population: 161_002,
    populationYear: 2021,
    populationSource: CIVIL_REGISTRY_2021,
  },
  {
    code: '32.77.03',
    name: 'Cimahi Utara',
    level: AreaLevel.DISTRICT,
    population: 164_482,
    populationYear: 2021,
    populationSource: CIVIL_REGISTRY_2021,
  },
  kelurahan('32.77.01.1001', 'Melong', 61_107),
  kelurahan('32.77.01.1002', 'Cibeureum', 56_407),
  kelurahan('32.77.01.1003', 'Utama', 39_955),
  kelurahan('32.77.01.1004', 'Leuwigajah', 44_655),
  kelurahan('32.77.01.1005', 'Cibeber', 32_904),
  kelurahan('32.77.02.1001', 'Baros', 21_214),
  kelurahan('32.77.02.1002', 'Cigugur Tengah', 38_640),
  kelurahan('32.77.02.1003', 'Karangmekar', 20_417),
  kelurahan('32.77.02.1004', 'Setiamanah', 21_159),
  kelurahan('32.77.02.1005', 'Padasuka', 33_810),
  kelurahan('32.77.02.1006', 'Cimahi', 25_762),
  kelurahan('32.77.03.1001', 'Pasirkaliki', 26_317),
  kelurahan('32.77.03.1002', 'Cibabat', 54_279),
  kelurahan('32.77.03.1003', 'Citeureup', 44_410),
  kelurahan('32.77.03.1004', 'Cipageran', 39_476),
];

export const CIMAHI_KELURAHAN = CIMAHI_AREAS.filter((area) => area.level === AreaLevel.VILLAGE);
