import type { BilingualLabel, RowErrorCode } from '@peksos/types';

type Params = Record<string, string | number>;
type MessageDefinition = { code: RowErrorCode; text: (p: Params) => BilingualLabel };

/**
 * Every message an import can give about a row, keyed by a stable message key (a console may translate by key),
 * each with its Indonesian and English text.
 */
export const MESSAGES = {
  missingColumn: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({
      id: `Kolom wajib "${p.column}" tidak ada di baris judul`,
      en: `The required column "${p.column}" is missing from the header row`,
    }),
  },
  emptyFile: {
    code: 'BAD_USER_INPUT',
    text: () => ({ id: 'Berkas kosong: baris pertama harus berisi judul kolom', en: 'The file is empty: the first row must hold the column headers' }),
  },
  duplicateColumn: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({
      id: `Kolom "${p.column}" muncul lebih dari sekali`,
      en: `The column "${p.column}" appears more than once`,
    }),
  },
  required: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({ id: `${p.column} wajib diisi`, en: `${p.column} is required` }),
  },
  tooLong: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({ id: `${p.column} paling panjang ${p.max} karakter`, en: `${p.column} may be at most ${p.max} characters` }),
  },
  badDate: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({
      id: `Tanggal "${p.value}" tidak dikenali: tulis dd/mm/yyyy (mis. 17/08/2018) atau yyyy-mm-dd`,
      en: `Date "${p.value}" not understood: write dd/mm/yyyy (e.g. 17/08/2018) or yyyy-mm-dd`,
    }),
  },
  badNationalId: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({
      id: `NIK "${p.value}" tidak valid: NIK terdiri dari 16 angka`,
      en: `National ID number (NIK) "${p.value}" is not valid: it is 16 digits`,
    }),
  },
  nationalIdAsNumber: {
    code: 'BAD_USER_INPUT',
    text: () => ({
      id: 'NIK tersimpan sebagai angka dan digitnya hilang: format kolom NIK sebagai teks',
      en: 'The NIK was stored as a number and lost digits: format the NIK column as text',
    }),
  },
  badChoice: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({
      id: `${p.column} "${p.value}" tidak dikenali; pilihan: ${p.choices}`,
      en: `${p.column} "${p.value}" is not recognised; choose one of: ${p.choices}`,
    }),
  },
  badBoolean: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({ id: `${p.column} "${p.value}": isi Ya atau Tidak`, en: `${p.column} "${p.value}": write Yes or No` }),
  },
  badPhone: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({
      id: `Nomor telepon "${p.value}" tidak valid: 8 sampai 15 angka, boleh diawali +`,
      en: `Phone number "${p.value}" is not valid: 8 to 15 digits, optionally after a +`,
    }),
  },
  badEmail: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({ id: `Alamat email "${p.value}" tidak valid`, en: `E-mail address "${p.value}" is not valid` }),
  },
  badAreaCode: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({
      id: `Kode wilayah "${p.value}" tidak valid: tulis kode Kemendagri seperti 32.77.01.1001`,
      en: `Area code "${p.value}" is not valid: write a Kemendagri code such as 32.77.01.1001`,
    }),
  },
  unknownArea: {
    code: 'NOT_FOUND',
    text: (p) => ({
      id: `Kode wilayah ${p.value} tidak terdaftar`,
      en: `Area code ${p.value} does not exist in the registry`,
    }),
  },
  badOrganisationCode: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({
      id: `Kode organisasi "${p.value}" tidak valid: huruf, angka, titik, garis bawah dan tanda hubung, paling panjang 64`,
      en: `Organisation code "${p.value}" is not valid: letters, digits, dot, underscore and dash, at most 64`,
    }),
  },
  unknownOrganisation: {
    code: 'NOT_FOUND',
    text: (p) => ({ id: `Organisasi dengan kode ${p.value} tidak terdaftar`, en: `No organisation has the code ${p.value}` }),
  },
  unknownWorker: {
    code: 'NOT_FOUND',
    text: (p) => ({ id: `Tidak ada Peksos dengan NIK ${p.value}`, en: `No worker has the national ID number ${p.value}` }),
  },
  duplicateInFile: {
    code: 'CONFLICT',
    text: (p) => ({
      id: `${p.what} ini sudah ada di baris ${p.firstRow} berkas ini`,
      en: `This ${p.whatEn} already appears in row ${p.firstRow} of this file`,
    }),
  },
  ownParent: {
    code: 'BAD_USER_INPUT',
    text: () => ({ id: 'Organisasi tidak dapat menjadi induk dirinya sendiri', en: 'An organisation cannot be its own parent' }),
  },
  parentCycle: {
    code: 'BAD_USER_INPUT',
    text: () => ({
      id: 'Induk organisasi membentuk lingkaran (organisasi menjadi induk dari induknya sendiri)',
      en: 'The parent would be one of the organisation’s own sub-organisations',
    }),
  },
  parentArchived: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({ id: `Organisasi induk ${p.value} sudah diarsipkan`, en: `The parent organisation ${p.value} is archived` }),
  },
  accreditationIncomplete: {
    code: 'BAD_USER_INPUT',
    text: () => ({
      id: 'Akreditasi memerlukan peringkat dan tanggal berakhir sekaligus',
      en: 'An accreditation needs both a grade and an expiry date',
    }),
  },
  archived: {
    code: 'CONFLICT',
    text: (p) => ({
      id: `${p.what} ini sudah diarsipkan; pulihkan dulu sebelum mengubahnya`,
      en: `This ${p.whatEn} is archived; restore it before changing it`,
    }),
  },
  certificateFieldsMissing: {
    code: 'BAD_USER_INPUT',
    text: (p) => ({
      id: `Sertifikat memerlukan ${p.column}`,
      en: `A certificate needs ${p.columnEn}`,
    }),
  },
  certificateInFuture: {
    code: 'BAD_USER_INPUT',
    text: () => ({ id: 'Tanggal terbit sertifikat tidak boleh di masa depan', en: 'A certificate cannot be issued in the future' }),
  },
  expiresBeforeIssued: {
    code: 'BAD_USER_INPUT',
    text: () => ({
      id: 'Sertifikat harus berakhir setelah tanggal terbitnya',
      en: 'The certificate must expire after the day it was issued',
    }),
  },
  certificateTaken: {
    code: 'CONFLICT',
    text: (p) => ({
      id: `Nomor sertifikat ${p.value} sudah tercatat untuk Peksos lain`,
      en: `Certificate number ${p.value} is already recorded for another worker`,
    }),
  },
  endsBeforeStart: {
    code: 'BAD_USER_INPUT',
    text: () => ({ id: 'Tanggal selesai harus setelah tanggal mulai', en: 'The end must come after the start' }),
  },
  endReasonWithoutEnd: {
    code: 'BAD_USER_INPUT',
    text: () => ({ id: 'Alasan selesai hanya diisi bila ada tanggal selesai', en: 'An end reason needs an end date' }),
  },
  outOfReach: {
    code: 'FORBIDDEN',
    text: (p) => ({
      id: `${p.column}: di luar wilayah yang boleh Anda ubah${p.value ? ` (${p.value})` : ''}`,
      en: `${p.column}: outside what you may change${p.value ? ` (${p.value})` : ''}`,
    }),
  },
  changedDuringImport: {
    code: 'CONFLICT',
    text: (p) => ({
      id: `${p.what} ini diubah orang lain selama impor berjalan; periksa perubahan itu, lalu impor lagi`,
      en: `This ${p.whatEn} was changed by someone else while the import ran; check that change, then import again`,
    }),
  },
  assignmentOverlap: {
    code: 'CONFLICT',
    text: () => ({
      id: 'Peksos sudah ditempatkan di organisasi ini pada periode tersebut',
      en: 'The worker is already assigned to this organisation for that period',
    }),
  },
  primaryOverlap: {
    code: 'CONFLICT',
    text: () => ({
      id: 'Peksos sudah memiliki penempatan utama pada periode tersebut',
      en: 'The worker already has a primary placement for that period',
    }),
  },
  workloadLimitExceeded: {
    code: 'WORKLOAD_LIMIT_EXCEEDED',
    text: (p) => ({
      id: `Peksos ${p.value} sudah memegang ${p.held} penempatan pada periode tersebut; batas kantor paling banyak ${p.maximum}`,
      en: `The worker ${p.value} already holds ${p.held} placement(s) in that period; the office allows at most ${p.maximum}`,
    }),
  },
} satisfies Record<string, MessageDefinition>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey, params: Params = {}): { code: RowErrorCode; message: BilingualLabel } {
  const definition: MessageDefinition = MESSAGES[key];
  return { code: definition.code, message: definition.text(params) };
}
