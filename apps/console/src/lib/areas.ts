/** Kota Cimahi, the area the console starts from. */
export const CITY_AREA_CODE = '32.77';

