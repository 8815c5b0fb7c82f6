import type { BilingualLabel } from './labels.js';

export enum OrganisationKind {
  /** Dinas Sosial (in Cimahi: DinsosP2KBPA), the city's social-affairs office. */
  SOCIAL_AFFAIRS_OFFICE = 'SOCIAL_AFFAIRS_OFFICE',
  /** Kantor kelurahan / desa: the urban-village office. */
  VILLAGE_OFFICE = 'VILLAGE_OFFICE',
  /** Unit Pelaksana Program Keluarga Harapan. */
  PKH_UNIT = 'PKH_UNIT',
  /** Lembaga Konsultasi Kesejahteraan Keluarga. */
  LK3 = 'LK3',
  /** Satuan Bakti Pekerja Sosial (child protection). */
  SAKTI_PEKSOS_UNIT = 'SAKTI_PEKSOS_UNIT',
  /** Lembaga Kesejahteraan Sosial / Organisasi Sosial. */
  SOCIAL_WELFARE_INSTITUTION = 'SOCIAL_WELFARE_INSTITUTION',
  OTHER = 'OTHER',
}

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, BilingualLabel> = {
  [OrganisationKind.SOCIAL_AFFAIRS_OFFICE]: { id: 'Dinas Sosial', en: 'Social-affairs office' },
  [OrganisationKind.VILLAGE_OFFICE]: { id: 'Kantor kelurahan/desa', en: 'Village office' },
  [OrganisationKind.PKH_UNIT]: { id: 'Unit PKH', en: 'PKH unit' },
  [OrganisationKind.LK3]: { id: 'LK3', en: 'LK3 (family-welfare consultation)' },
  [OrganisationKind.SAKTI_PEKSOS_UNIT]: { id: 'Sakti Peksos', en: 'Sakti Peksos unit' },
  [OrganisationKind.SOCIAL_WELFARE_INSTITUTION]: {
    id: 'Lembaga Kesejahteraan Sosial (LKS)',
    en: 'Social-welfare institution (LKS)',
  },
  [OrganisationKind.OTHER]: { id: 'Lainnya', en: 'Other' },
};

/** Accreditation grades of social-welfare institutions and how long each is valid. */
export enum AccreditationGrade {
  A = 'A',
  B = 'B',
  C = 'C',
}

export const ACCREDITATION_VALIDITY_YEARS: Record<AccreditationGrade, number> = {
  [AccreditationGrade.A]: 5,
  [AccreditationGrade.B]: 3,
  [AccreditationGrade.C]: 2,
};
