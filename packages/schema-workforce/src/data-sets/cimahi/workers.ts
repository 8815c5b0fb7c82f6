import { CertificationLevel, EmploymentStatus, Gender } from '@peksos/types';

export interface SeedWorker {
  fullName: string;
  gender: Gender;
  employmentStatus: EmploymentStatus;
  homeAreaCode: string;
  /** Code of the organisation of the primary placement; null for the worker the report leaves unplaced. */
  placementCode: string | null;
  placedOn: string;
  certificate?: { level: CertificationLevel; number: string; issuedOn: string };
  /** Further, non-primary assignments (a kelurahan Peksos who also serves a welfare institution there). */
  alsoServes?: { code: string; startsOn: string }[];
  /** An earlier placement that has ended: history the registry keeps. */
  earlier?: { code: string; startsOn: string; endsOn: string; reason: string };
}

const { FEMALE, MALE } = Gender;
const { CIVIL_SERVANT, GOVERNMENT_CONTRACT, PROGRAMME_CONTRACT } = EmploymentStatus;
const { ASSISTANT, GENERALIST, SPECIALIST } = CertificationLevel;

/** Issuer of every competency certificate in the data set. */
export const CERTIFICATE_ISSUER = 'Lembaga Sertifikasi Pekerja Sosial (LSPS)';
/** The report (3 December 2017) says the 23 not yet certified will sit the competency test soon. */
export const SCHEDULED_TEST_DATE = '2018-02-20';

function certificate(level: CertificationLevel, serial: number, issuedOn: string): SeedWorker['certificate'] {
  return { level, number: `LSPS/${issuedOn.slice(0, 4)}/${String(serial).padStart(4, '0')}`, issuedOn };
}

/**
 * The 36 social workers of Kota Cimahi (names invented; no real person's data), 13 of them certified:
 * 15 at the kelurahan offices (one each), 10 at PKH, 2 at LK3, 3 at the city office, 5 at Sakti Peksos, 1 unplaced.
 */
export const CIMAHI_WORKERS: SeedWorker[] = [
  // Dinas Sosial (DinsosP2KBPA): 3 "Peksos khusus", 2 certified.
  { fullName: 'Agus Firmansyah', gender: MALE, employmentStatus: CIVIL_SERVANT, homeAreaCode: '32.77.02.1006', placementCode: 'DINSOS-3277', placedOn: '2012-03-01', certificate: certificate(SPECIALIST, 11, '2016-05-12') },
  { fullName: 'Rina Marlina', gender: FEMALE, employmentStatus: CIVIL_SERVANT, homeAreaCode: '32.77.02.1002', placementCode: 'DINSOS-3277', placedOn: '2014-01-02', certificate: certificate(GENERALIST, 12, '2016-05-12') },
  { fullName: 'Dadan Ramdani', gender: MALE, employmentStatus: CIVIL_SERVANT, homeAreaCode: '32.77.03.1004', placementCode: 'DINSOS-3277', placedOn: '2016-02-01' },

  // PKH: 10 facilitators, 4 certified.
  { fullName: 'Euis Komalasari', gender: FEMALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.01.1001', placementCode: 'PKH-3277', placedOn: '2013-07-01', certificate: certificate(GENERALIST, 21, '2016-09-20') },
  { fullName: 'Yayan Sopyan', gender: MALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.01.1002', placementCode: 'PKH-3277', placedOn: '2013-07-01', certificate: certificate(GENERALIST, 22, '2016-09-20') },
  { fullName: 'Neng Siti Rohmah', gender: FEMALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.02.1005', placementCode: 'PKH-3277', placedOn: '2014-07-01', certificate: certificate(ASSISTANT, 23, '2017-03-15') },
  { fullName: 'Cecep Supriatna', gender: MALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.03.1002', placementCode: 'PKH-3277', placedOn: '2016-07-01', certificate: certificate(ASSISTANT, 24, '2017-03-15'),
    earlier: { code: 'SAKTI-3277', startsOn: '2015-01-05', endsOn: '2016-07-01', reason: 'Pindah tugas ke PKH' } },
  { fullName: 'Iis Aisyah', gender: FEMALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.01.1004', placementCode: 'PKH-3277', placedOn: '2015-07-01' },
  { fullName: 'Ujang Rahmat Hidayat', gender: MALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.01.1005', placementCode: 'PKH-3277', placedOn: '2015-07-01' },
  { fullName: 'Wulan Purnamasari', gender: FEMALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.02.1003', placementCode: 'PKH-3277', placedOn: '2016-01-04' },
  { fullName: 'Hendra Gunawan', gender: MALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.03.1001', placementCode: 'PKH-3277', placedOn: '2016-01-04' },
  { fullName: 'Tati Rosmiati', gender: FEMALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.03.1003', placementCode: 'PKH-3277', placedOn: '2017-01-02' },
  { fullName: 'Rudi Hermawan', gender: MALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.02.1004', placementCode: 'PKH-3277', placedOn: '2017-01-02' },

  // LK3: 2 counsellors, 1 certified.
  { fullName: 'Lilis Nurhayati', gender: FEMALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.02.1001', placementCode: 'LK3-3277', placedOn: '2014-03-03', certificate: certificate(GENERALIST, 31, '2016-11-08') },
  { fullName: 'Asep Saepudin', gender: MALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.01.1003', placementCode: 'LK3-3277', placedOn: '2016-03-01' },

  // Sakti Peksos: 5 child-protection workers, 3 certified.
  { fullName: 'Fitri Handayani', gender: FEMALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.02.1006', placementCode: 'SAKTI-3277', placedOn: '2014-02-03', certificate: certificate(GENERALIST, 41, '2015-10-21') },
  { fullName: 'Dede Kurniawan', gender: MALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.01.1002', placementCode: 'SAKTI-3277', placedOn: '2014-02-03', certificate: certificate(GENERALIST, 42, '2015-10-21') },
  { fullName: 'Nining Suningsih', gender: FEMALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.03.1002', placementCode: 'SAKTI-3277', placedOn: '2015-02-02', certificate: certificate(ASSISTANT, 43, '2017-03-15') },
  { fullName: 'Yudi Prasetyo', gender: MALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.02.1002', placementCode: 'SAKTI-3277', placedOn: '2016-08-01' },
  { fullName: 'Anisa Rahmawati', gender: FEMALE, employmentStatus: PROGRAMME_CONTRACT, homeAreaCode: '32.77.01.1001', placementCode: 'SAKTI-3277', placedOn: '2017-02-01' },

  // Kelurahan offices: one Peksos each, 3 certified; four of them also serve a welfare institution in their kelurahan.
  { fullName: 'Entin Kartini', gender: FEMALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.01.1001', placementCode: 'KEL-32.77.01.1001', placedOn: '2015-01-05', certificate: certificate(GENERALIST, 51, '2016-09-20'),
    alsoServes: [{ code: 'LKS-001', startsOn: '2016-01-04' }] },
  { fullName: 'Jajang Nurjaman', gender: MALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.01.1002', placementCode: 'KEL-32.77.01.1002', placedOn: '2015-01-05',
    alsoServes: [{ code: 'LKS-002', startsOn: '2016-06-01' }] },
  { fullName: 'Siti Maryam', gender: FEMALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.01.1003', placementCode: 'KEL-32.77.01.1003', placedOn: '2015-01-05' },
  { fullName: 'Ahmad Fauzi', gender: MALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.01.1004', placementCode: 'KEL-32.77.01.1004', placedOn: '2015-01-05' },
  { fullName: 'Yuyun Yuningsih', gender: FEMALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.01.1005', placementCode: 'KEL-32.77.01.1005', placedOn: '2015-01-05' },
  { fullName: 'Irfan Maulana', gender: MALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.02.1001', placementCode: 'KEL-32.77.02.1001', placedOn: '2015-01-05', certificate: certificate(GENERALIST, 52, '2017-03-15'),
    alsoServes: [{ code: 'LKS-007', startsOn: '2017-01-02' }] },
  { fullName: 'Nurul Hidayah', gender: FEMALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.02.1002', placementCode: 'KEL-32.77.02.1002', placedOn: '2015-01-05' },
  { fullName: 'Dodi Suhendar', gender: MALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.02.1003', placementCode: 'KEL-32.77.02.1003', placedOn: '2015-01-05' },
  { fullName: 'Rika Susanti', gender: FEMALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.02.1004', placementCode: 'KEL-32.77.02.1004', placedOn: '2015-01-05' },
  { fullName: 'Hadi Sutrisna', gender: MALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.02.1005', placementCode: 'KEL-32.77.02.1005', placedOn: '2015-01-05' },
  { fullName: 'Mila Karmila', gender: FEMALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.02.1006', placementCode: 'KEL-32.77.02.1006', placedOn: '2015-01-05' },
  { fullName: 'Taufik Hidayat', gender: MALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.03.1001', placementCode: 'KEL-32.77.03.1001', placedOn: '2015-01-05' },
  { fullName: 'Ratna Sari Dewi', gender: FEMALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.03.1002', placementCode: 'KEL-32.77.03.1002', placedOn: '2015-01-05', certificate: certificate(GENERALIST, 53, '2017-03-15') },
  { fullName: 'Ujang Koswara', gender: MALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.03.1003', placementCode: 'KEL-32.77.03.1003', placedOn: '2015-01-05',
    alsoServes: [{ code: 'LKS-017', startsOn: '2017-05-02' }] },
  { fullName: 'Yeni Rahayu', gender: FEMALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.03.1004', placementCode: 'KEL-32.77.03.1004', placedOn: '2015-01-05' },

  // The 36th worker: the report lists no placement for one of them.
  { fullName: 'Deni Setiadi', gender: MALE, employmentStatus: GOVERNMENT_CONTRACT, homeAreaCode: '32.77.02.1002', placementCode: null, placedOn: '' },
];

/** An invented national ID number: region 32.77.99 does not exist, so it can be no real person's NIK. */
export function demoNationalIdNumber(index: number, gender: Gender): string {
  const day = 1 + ((index * 7) % 28) + (gender === FEMALE ? 40 : 0);
  const month = 1 + ((index * 5) % 12);
  const year = 70 + ((index * 3) % 25);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `327799${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${pad(index + 1, 4)}`;
}

export function demoPhone(index: number): string {
  return `08122${String(770_000 + index * 37).padStart(6, '0')}`;
}
