import type { BilingualLabel } from './labels.js';

export enum CertificationLevel {
  ASSISTANT = 'ASSISTANT',
  GENERALIST = 'GENERALIST',
  SPECIALIST = 'SPECIALIST',
}

export const CERTIFICATION_LEVEL_LABELS: Record<CertificationLevel, BilingualLabel> = {
  [CertificationLevel.ASSISTANT]: { id: 'Asisten Pekerja Sosial', en: 'Assistant Social Worker' },
  [CertificationLevel.GENERALIST]: { id: 'Pekerja Sosial Generalis', en: 'Generalist Social Worker' },
  [CertificationLevel.SPECIALIST]: { id: 'Pekerja Sosial Spesialis', en: 'Specialist Social Worker' },
};

/** What a certification record is: a scheduled competency test, or a certificate obtained. */
export enum CertificationRecordKind {
  SCHEDULED_TEST = 'SCHEDULED_TEST',
  CERTIFICATE = 'CERTIFICATE',
}

/**
 * A worker's certification status on a date, derived from the records:
 * CERTIFIED while a certificate is valid; EXPIRED when every certificate has expired;
 * SCHEDULED when a competency test is on record and no certificate yet; NOT_TESTED otherwise.
 */
export enum CertificationStatus {
  NOT_TESTED = 'NOT_TESTED',
  SCHEDULED = 'SCHEDULED',
  CERTIFIED = 'CERTIFIED',
  EXPIRED = 'EXPIRED',
}

export const CERTIFICATION_STATUS_LABELS: Record<CertificationStatus, BilingualLabel> = {
  [CertificationStatus.NOT_TESTED]: { id: 'Belum uji kompetensi', en: 'Not tested' },
  [CertificationStatus.SCHEDULED]: { id: 'Terjadwal uji kompetensi', en: 'Competency test scheduled' },
  [CertificationStatus.CERTIFIED]: { id: 'Tersertifikasi', en: 'Certified' },
  [CertificationStatus.EXPIRED]: { id: 'Sertifikat kedaluwarsa', en: 'Certificate expired' },
};
