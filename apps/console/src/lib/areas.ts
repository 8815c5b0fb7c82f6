/** Kota Cimahi, the area the console starts from. */
export const CITY_AREA_CODE = '32.77';

/** The kecamatan (district) an area code lies in, e.g. 32.77.03.1002 → 32.77.03; null above kecamatan level. */
export function kecamatanOf(areaCode: string | null | undefined): string | null {
  if (!areaCode) return null;
  const parts = areaCode.split('.');
  return parts.length >= 3 ? parts.slice(0, 3).join('.') : null;
}

/** Whether `code` is the area `own` or lies under it (32.77.03 ⊂ 32.77): what a coordinator of `own` may open. */
export function withinArea(own: string, code: string | null): boolean {
  return code !== null && (code === own || code.startsWith(`${own}.`));
}
