import type { BilingualLabel } from './labels.js';

export enum CaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export const CASE_STATUS_LABELS: Record<CaseStatus, BilingualLabel> = {
  [CaseStatus.OPEN]: { id: 'Terbuka', en: 'Open' },
  [CaseStatus.CLOSED]: { id: 'Ditutup', en: 'Closed' },
};

/** The 26 PMKS (PPKS) categories of Permensos 8/2012, which classify a case's client. */
export const PMKS_CATEGORIES: ReadonlyArray<{ code: string; label: BilingualLabel }> = [
  { code: 'ANAK_BALITA_TERLANTAR', label: { id: 'Anak balita terlantar', en: 'Neglected child under five' } },
  { code: 'ANAK_TERLANTAR', label: { id: 'Anak terlantar', en: 'Neglected child' } },
  { code: 'ANAK_BERHADAPAN_DENGAN_HUKUM', label: { id: 'Anak berhadapan dengan hukum', en: 'Child in conflict with the law' } },
  { code: 'ANAK_JALANAN', label: { id: 'Anak jalanan', en: 'Street child' } },
  { code: 'ANAK_DENGAN_KEDISABILITASAN', label: { id: 'Anak dengan kedisabilitasan', en: 'Child with a disability' } },
  { code: 'ANAK_KORBAN_TINDAK_KEKERASAN', label: { id: 'Anak korban tindak kekerasan', en: 'Child victim of violence' } },
  {
    code: 'ANAK_MEMERLUKAN_PERLINDUNGAN_KHUSUS',
    label: { id: 'Anak yang memerlukan perlindungan khusus', en: 'Child in need of special protection' },
  },
  { code: 'LANJUT_USIA_TERLANTAR', label: { id: 'Lanjut usia terlantar', en: 'Neglected elderly person' } },
  { code: 'PENYANDANG_DISABILITAS', label: { id: 'Penyandang disabilitas', en: 'Person with a disability' } },
  { code: 'TUNA_SUSILA', label: { id: 'Tuna susila', en: 'Person in prostitution' } },
  { code: 'GELANDANGAN', label: { id: 'Gelandangan', en: 'Homeless person' } },
  { code: 'PENGEMIS', label: { id: 'Pengemis', en: 'Beggar' } },
  { code: 'PEMULUNG', label: { id: 'Pemulung', en: 'Scavenger' } },
  { code: 'KELOMPOK_MINORITAS', label: { id: 'Kelompok minoritas', en: 'Minority group' } },
  {
    code: 'BEKAS_WARGA_BINAAN_LAPAS',
    label: { id: 'Bekas warga binaan lembaga pemasyarakatan', en: 'Former prison inmate' },
  },
  { code: 'ODHA', label: { id: 'Orang dengan HIV/AIDS', en: 'Person living with HIV/AIDS' } },
  { code: 'KORBAN_NAPZA', label: { id: 'Korban penyalahgunaan NAPZA', en: 'Victim of drug abuse' } },
  { code: 'KORBAN_PERDAGANGAN_ORANG', label: { id: 'Korban perdagangan orang', en: 'Victim of human trafficking' } },
  { code: 'KORBAN_TINDAK_KEKERASAN', label: { id: 'Korban tindak kekerasan', en: 'Victim of violence' } },
  {
    code: 'PEKERJA_MIGRAN_BERMASALAH_SOSIAL',
    label: { id: 'Pekerja migran bermasalah sosial', en: 'Migrant worker with social problems' },
  },
  { code: 'KORBAN_BENCANA_ALAM', label: { id: 'Korban bencana alam', en: 'Victim of a natural disaster' } },
  { code: 'KORBAN_BENCANA_SOSIAL', label: { id: 'Korban bencana sosial', en: 'Victim of a social disaster' } },
  {
    code: 'PEREMPUAN_RAWAN_SOSIAL_EKONOMI',
    label: { id: 'Perempuan rawan sosial ekonomi', en: 'Socio-economically vulnerable woman' },
  },
  { code: 'FAKIR_MISKIN', label: { id: 'Fakir miskin', en: 'Person in poverty' } },
  {
    code: 'KELUARGA_BERMASALAH_SOSIAL_PSIKOLOGIS',
    label: { id: 'Keluarga bermasalah sosial psikologis', en: 'Family with psychosocial problems' },
  },
  { code: 'KOMUNITAS_ADAT_TERPENCIL', label: { id: 'Komunitas adat terpencil', en: 'Remote indigenous community' } },
];
