/**
 * How big a synthetic data set is. The areas are Indonesia's official ones (Kemendagri, `idn-area-data`): the first
 * `provinces` of PROVINCE_ORDER (Jawa Barat first), and under each parent either all its official children (no range)
 * or as many as drawn between `min` and `max` (inclusive, at most those there are), picked by the seed.
 */
export interface DataSetSize {
  name: string;
  provinces: number;
  citiesPerProvince?: [min: number, max: number];
  districtsPerCity?: [min: number, max: number];
  villagesPerDistrict?: [min: number, max: number];
  /** Social-welfare institutions (LKS), spread over the villages. */
  institutions: number;
  workers: number;
  cases: number;
  /** Case involvements per case: one lead and the rest supporting (at least 1). */
  involvementsPerCase: number;
}

/**
 * `national`: all of Indonesia's official areas (38 provinces, 514 regencies and cities, 7,285 kecamatan, 83,762
 * villages), ~100,800 organisations (a village office per village, 4 city-wide units per regency or city, 15,000
 * institutions), 50,000 workers, 1,000,000 cases and 2,000,000 case involvements. `small` is a province-sized run for
 * quick checks; `province` one province (Jawa Barat) sampled to the shape it had (the coverage planner's benchmark,
 * docs/coverage-planner.md); `tiny` is for tests.
 */
export const SIZES = {
  national: {
    name: 'national',
    provinces: 38,
    institutions: 15_000,
    workers: 50_000,
    cases: 1_000_000,
    involvementsPerCase: 2,
  },
  small: {
    name: 'small',
    provinces: 4,
    citiesPerProvince: [4, 8],
    districtsPerCity: [5, 9],
    villagesPerDistrict: [5, 10],
    institutions: 1_200,
    workers: 3_000,
    cases: 60_000,
    involvementsPerCase: 2,
  },
  // One province sampled to the shape the planner's benchmark had (about 2,700 organisations, 1,300 workers).
  province: {
    name: 'province',
    provinces: 1,
    // Jawa Barat's kecamatan have fewer villages than the invented ones had (9.5 on average): every village of a
    // chosen kecamatan, and more regencies and cities, for about the number of organisations the benchmark had.
    citiesPerProvince: [17, 24],
    districtsPerCity: [10, 18],
    institutions: 400,
    workers: 1_320,
    cases: 26_000,
    involvementsPerCase: 2,
  },
  tiny: {
    name: 'tiny',
    provinces: 2,
    citiesPerProvince: [2, 3],
    districtsPerCity: [2, 3],
    villagesPerDistrict: [2, 4],
    institutions: 15,
    workers: 40,
    cases: 120,
    involvementsPerCase: 2,
  },
} satisfies Record<string, DataSetSize>;

export type SizeName = keyof typeof SIZES;

export function isSizeName(value: string): value is SizeName {
  return value in SIZES;
}
