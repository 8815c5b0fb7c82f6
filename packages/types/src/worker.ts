import type { BilingualLabel } from './labels.js';

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}

export const GENDER_LABELS: Record<Gender, BilingualLabel> = {
  [Gender.FEMALE]: { id: 'Perempuan', en: 'Female' },
  [Gender.MALE]: { id: 'Laki-laki', en: 'Male' },
};

export enum EmploymentStatus {
  /** Pegawai Negeri Sipil. */
  CIVIL_SERVANT = 'CIVIL_SERVANT',
  /** PPPK: government employee on a work agreement. */
  GOVERNMENT_CONTRACT = 'GOVERNMENT_CONTRACT',
  /** Contracted by a national programme (PKH facilitators, Sakti Peksos). */
  PROGRAMME_CONTRACT = 'PROGRAMME_CONTRACT',
  VOLUNTEER = 'VOLUNTEER',
}

export const EMPLOYMENT_STATUS_LABELS: Record<EmploymentStatus, BilingualLabel> = {
  [EmploymentStatus.CIVIL_SERVANT]: { id: 'PNS', en: 'Civil servant' },
  [EmploymentStatus.GOVERNMENT_CONTRACT]: { id: 'PPPK', en: 'Government contract (PPPK)' },
  [EmploymentStatus.PROGRAMME_CONTRACT]: { id: 'Kontrak program', en: 'Programme contract' },
  [EmploymentStatus.VOLUNTEER]: { id: 'Relawan', en: 'Volunteer' },
};

/** Indonesian national ID number (NIK): sixteen digits. */
export const NATIONAL_ID_NUMBER_PATTERN = /^\d{16}$/;
/** Phone numbers as written in Indonesia: +62… or 08…, digits only after the optional plus. */
export const PHONE_PATTERN = /^\+?\d{8,15}$/;
