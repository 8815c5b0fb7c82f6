import { AccreditationGrade, OrganisationKind } from '@peksos/types';
import { CIMAHI_KELURAHAN } from './areas.js';

export interface SeedOrganisation {
  code: string;
  name: string;
  kind: OrganisationKind;
  areaCode: string;
  parentCode: string | null;
  accreditation?: { grade: AccreditationGrade; expiresOn: string };
  address?: string;
  archived?: { at: string; reason: string };
}

export const DINSOS_CODE = 'DINSOS-3277';

/** The city office and the city-wide units named in the report. */
const CITY_UNITS: SeedOrganisation[] = [
  {
    code: DINSOS_CODE,
    name: 'Dinas Sosial, Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak (DinsosP2KBPA) Kota Cimahi',
    kind: OrganisationKind.SOCIAL_AFFAIRS_OFFICE,
    areaCode: '32.77',
    parentCode: null,
  },
  { code: 'PKH-3277', name: 'Unit Pelaksana PKH Kota Cimahi', kind: OrganisationKind.PKH_UNIT, areaCode: '32.77', parentCode: DINSOS_CODE },
  { code: 'LK3-3277', name: 'LK3 Kota Cimahi', kind: OrganisationKind.LK3, areaCode: '32.77', parentCode: DINSOS_CODE },
  {
    code: 'SAKTI-3277',
    name: 'Sakti Peksos Kota Cimahi',
    kind: OrganisationKind.SAKTI_PEKSOS_UNIT,
    areaCode: '32.77',
    parentCode: DINSOS_CODE,
  },
];

/** One office for each of the 15 kelurahan. */
const VILLAGE_OFFICES: SeedOrganisation[] = CIMAHI_KELURAHAN.map((area) => ({
  code: `KEL-${area.code}`,
  name: `Kantor Kelurahan ${area.name}`,
  kind: OrganisationKind.VILLAGE_OFFICE,
  areaCode: area.code,
  parentCode: null,
}));

function lks(number: number, name: string, areaCode: string, accreditation?: SeedOrganisation['accreditation']): SeedOrganisation {
  return {
    code: `LKS-${String(number).padStart(3, '0')}`,
    name,
    kind: OrganisationKind.SOCIAL_WELFARE_INSTITUTION,
    areaCode,
    parentCode: null,
    ...(accreditation ? { accreditation } : {}),
  };
}

/** Social-welfare institutions (invented names) across the kelurahan: the organisations the report says need a Peksos. */
const WELFARE_INSTITUTIONS: SeedOrganisation[] = [
  lks(1, 'LKSA Panti Asuhan Bina Harapan Melong', '32.77.01.1001', { grade: AccreditationGrade.B, expiresOn: '2027-06-30' }),
  lks(2, 'LKS Lanjut Usia Sejahtera Cibeureum', '32.77.01.1002'),
  lks(3, 'Yayasan Disabilitas Mandiri Utama', '32.77.01.1003', { grade: AccreditationGrade.C, expiresOn: '2026-03-31' }),
  lks(4, 'LKSA Kasih Ibu Leuwigajah', '32.77.01.1004'),
  lks(5, 'LKS Rehabilitasi NAPZA Tunas Baru', '32.77.01.1004'),
  lks(6, 'Yayasan Peduli Anak Cibeber', '32.77.01.1005'),
  lks(7, 'LKSA Darul Ilmi Baros', '32.77.02.1001', { grade: AccreditationGrade.A, expiresOn: '2028-09-30' }),
  lks(8, 'LKS Karya Mandiri Cigugur', '32.77.02.1002'),
  lks(9, 'Yayasan Perlindungan Perempuan Karangmekar', '32.77.02.1003'),
  lks(10, 'LKS Lansia Setia Budi Setiamanah', '32.77.02.1004'),
  lks(11, 'LKSA Cahaya Hati Padasuka', '32.77.02.1005'),
  lks(12, 'Rumah Singgah Anak Jalanan Cimahi', '32.77.02.1006'),
  lks(13, 'LKS Difabel Berdaya Cimahi', '32.77.02.1006', { grade: AccreditationGrade.B, expiresOn: '2029-01-31' }),
  lks(14, 'LKSA Al-Amanah Pasirkaliki', '32.77.03.1001'),
  lks(15, 'LKS Keluarga Sakinah Cibabat', '32.77.03.1002'),
  lks(16, 'Yayasan Rehabilitasi Sosial Cibabat', '32.77.03.1002'),
  lks(17, 'LKSA Mutiara Citeureup', '32.77.03.1003'),
  lks(18, 'LKS Pemberdayaan Fakir Miskin Cipageran', '32.77.03.1004'),
  lks(19, 'Yayasan Lansia Bahagia Cipageran', '32.77.03.1004'),
  lks(20, 'LKS Korban Kekerasan Pelita Melong', '32.77.01.1001'),
  {
    ...lks(21, 'Yayasan Bina Remaja Utama', '32.77.01.1003'),
    archived: { at: '2016-12-31T00:00:00+07:00', reason: 'Yayasan berhenti beroperasi pada akhir 2016' },
  },
];

export const CIMAHI_ORGANISATIONS: SeedOrganisation[] = [...CITY_UNITS, ...VILLAGE_OFFICES, ...WELFARE_INSTITUTIONS];
