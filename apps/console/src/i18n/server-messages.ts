import type { Locale } from '@peksos/types';

/**
 * The server's errors in the console's languages, chosen by `extensions.code` and `extensions.field` (never by the
 * English text, which is for developers and logs and may change): `CODE.field` first, then `CODE`. A field inside a
 * list of the input (`replacements.2.workerId`) is looked up without its index (`replacements.workerId`), then by its
 * last name (`workerId`). `{area}` is the signed-in coordinator's area by name. See docs/console-errors.md for why the
 * console translates, not the server.
 */
const SERVER_MESSAGES: Record<string, Record<Locale, string>> = {
  // Refusals: a coordinator's record outside their area, or a role that may not change the registry.
  'FORBIDDEN.coordinator': {
    id: 'Koordinator hanya dapat mengubah data di wilayahnya sendiri ({area}).',
    en: 'Coordinators change only records within their own area ({area}).',
  },
  'FORBIDDEN.coordinator.workerId': {
    id: 'Pekerja ini milik wilayah lain; koordinator hanya dapat mengatur pekerja wilayahnya sendiri ({area}).',
    en: 'This worker belongs to another area; coordinators manage only the workers of their own area ({area}).',
  },
  FORBIDDEN: { id: 'Peran Anda tidak dapat mengubah data ini.', en: 'Your role may not change this.' },
  'FORBIDDEN.limitOverrideReason': {
    id: 'Hanya admin yang dapat mengecualikan batas beban kerja.',
    en: 'Only an admin may override a workload limit.',
  },

  // Beyond the office's workload limits (placements at once, open cases); an admin may override with a reason.
  WORKLOAD_LIMIT_EXCEEDED: {
    id: 'Peksos ini sudah mencapai batas beban kerja yang ditetapkan kantor (jumlah penempatan atau kasus terbuka). Hanya admin yang dapat mengecualikannya, dengan alasan.',
    en: 'This worker has reached the office’s workload limit (placements or open cases). Only an admin may override it, with a reason.',
  },

  CONFLICT: {
    id: 'Data ini sudah diubah orang lain atau bertentangan dengan data lain (misalnya masih ada penugasan berjalan, atau sudah diarsipkan atau selesai). Muat ulang lalu periksa.',
    en: 'Someone changed this meanwhile, or it conflicts with other records (current assignments, say, or it is already archived or ended). Reload and check.',
  },
  'CONFLICT.code': { id: 'Organisasi lain sudah memakai kode ini.', en: 'Another organisation already has this code.' },
  'CONFLICT.nationalIdNumber': {
    id: 'Pekerja lain sudah terdaftar dengan NIK ini.',
    en: 'Another worker is registered with this national ID number.',
  },
  'CONFLICT.reference': { id: 'Kasus dengan nomor rujukan ini sudah ada.', en: 'A case with this reference already exists.' },
  'CONFLICT.username': { id: 'Nama pengguna ini sudah dipakai.', en: 'This username is taken.' },
  'CONFLICT.certificateNumber': { id: 'Nomor sertifikat ini sudah tercatat.', en: 'This certificate number is already recorded.' },
  'CONFLICT.organisationId': {
    id: 'Organisasi ini sudah diarsipkan, atau pekerja sudah ditugaskan di sana pada periode itu.',
    en: 'The organisation is archived, or the worker is already assigned there for that period.',
  },
  'CONFLICT.workerId': {
    id: 'Pekerja ini sudah diarsipkan atau sudah terdaftar.',
    en: 'The worker is archived or already enrolled.',
  },
  // A handover's replacement (replacements.N.*): the worker taking over, or what is the placement's or the case's.
  'CONFLICT.replacements.workerId': {
    id: 'Pekerja ini tidak dapat mengambil alih: sudah diarsipkan, sudah bertugas di organisasi ini, atau sudah memegang peran ini dalam kasus.',
    en: 'This worker cannot take it over: archived, already serving at this organisation, or already in this role in the case.',
  },
  'CONFLICT.replacements.involvementId': {
    id: 'Keterlibatan ini tidak dapat diambil alih sekarang: kasus sudah ditutup, atau sudah ada ketua kasus sejak tanggal itu.',
    en: 'This involvement cannot be taken over now: the case is closed, or it has a lead from that day.',
  },
  'BAD_USER_INPUT.replacements.assignmentId': {
    id: 'Penempatan ini tidak lagi dipegang pada tanggal itu. Muat ulang lalu periksa.',
    en: 'This placement is no longer held on that day. Reload and check.',
  },
  'BAD_USER_INPUT.replacements.involvementId': {
    id: 'Keterlibatan ini tidak lagi dipegang pada tanggal itu. Muat ulang lalu periksa.',
    en: 'This involvement is no longer held on that day. Reload and check.',
  },
  'CONFLICT.id': { id: 'Data ini sudah berubah. Muat ulang halaman.', en: 'This record has changed. Reload the page.' },

  BAD_USER_INPUT: { id: 'Isian belum benar.', en: 'Something in the form is not right.' },
  'BAD_USER_INPUT.endsOn': { id: 'Tanggal selesai harus sesudah tanggal mulai.', en: 'The end must come after the start.' },
  'BAD_USER_INPUT.closedOn': {
    id: 'Tanggal penutupan tidak boleh sebelum kasus dibuka atau sebelum keterlibatan terakhir dimulai.',
    en: 'The case cannot close before it opened, nor before its last involvement began.',
  },
  'BAD_USER_INPUT.openedOn': { id: 'Kasus tidak dapat dibuka di masa depan.', en: 'A case cannot be opened in the future.' },
  'BAD_USER_INPUT.issuedOn': { id: 'Sertifikat tidak dapat terbit di masa depan.', en: 'A certificate cannot be issued in the future.' },
  'BAD_USER_INPUT.expiresOn': {
    id: 'Tanggal berakhir harus sesudah tanggal terbit.',
    en: 'The certificate must expire after the day it was issued.',
  },
  'BAD_USER_INPUT.startsOn': { id: 'Tanggal mulai belum benar.', en: 'The start date is not right.' },
  'BAD_USER_INPUT.reason': { id: 'Tuliskan alasannya (paling banyak 500 karakter).', en: 'Give the reason (at most 500 characters).' },
  'BAD_USER_INPUT.note': { id: 'Catatan terlalu panjang.', en: 'The note is too long.' },
  'BAD_USER_INPUT.closingNote': { id: 'Catatan penutupan terlalu panjang.', en: 'The closing note is too long.' },
  'BAD_USER_INPUT.parentId': {
    id: 'Organisasi induk tidak dapat dipakai: sudah diarsipkan, organisasi ini sendiri, atau salah satu sub-organisasinya.',
    en: 'This parent cannot be used: it is archived, the organisation itself, or one of its sub-organisations.',
  },
  'BAD_USER_INPUT.certificateNumber': {
    id: 'Hanya uji kompetensi yang lulus memberi sertifikat, dan sertifikat memerlukan nomornya.',
    en: 'Only a passed competency test gives a certificate, and it needs its number.',
  },
  'BAD_USER_INPUT.areaCode': { id: 'Kode wilayah belum benar untuk peran ini.', en: 'The area is not right for this role.' },
  'BAD_USER_INPUT.homeAreaCode': { id: 'Kode wilayah belum benar.', en: 'The area code is not right.' },
  'BAD_USER_INPUT.workerId': {
    id: 'Anda mengelola pekerja ini: tugaskan langsung, tanpa permintaan.',
    en: 'You manage this worker: assign them yourself, without a request.',
  },
  'BAD_USER_INPUT.username': {
    id: 'Nama pengguna 3–64 huruf kecil, angka, titik, garis bawah atau tanda hubung.',
    en: 'A username is 3 to 64 lower-case letters, digits, dots, underscores or hyphens.',
  },
  'BAD_USER_INPUT.password': {
    id: 'Kata sandi belum memenuhi syarat (panjangnya, dan tidak memuat nama pengguna).',
    en: 'The password does not meet the rules (its length, and not containing the username).',
  },
  'BAD_USER_INPUT.newPassword': {
    id: 'Kata sandi baru belum memenuhi syarat (panjangnya, dan tidak memuat nama pengguna).',
    en: 'The new password does not meet the rules (its length, and not containing the username).',
  },
  'BAD_USER_INPUT.currentPassword': { id: 'Kata sandi saat ini salah.', en: 'The current password is not right.' },
  'BAD_USER_INPUT.role': { id: 'Peran ini tidak dapat dipilih.', en: 'This role cannot be chosen.' },
  'BAD_USER_INPUT.disabled': { id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.', en: 'You cannot disable your own account.' },
  'BAD_USER_INPUT.name': { id: 'Beri nama (paling banyak 200 karakter).', en: 'Give a name (at most 200 characters).' },
  'BAD_USER_INPUT.organisationIds': {
    id: 'Pilih setidaknya satu organisasi (dan tidak terlalu banyak).',
    en: 'Choose at least one organisation (and not too many).',
  },

  NOT_FOUND: { id: 'Data yang diminta tidak ada (lagi).', en: 'The record asked for does not exist (any more).' },
};

/** A server error in the chosen language, from its code and field; null for a code the console does not know. */
export function serverMessage(locale: Locale, code: string, field: string | null, values: { area: string; coordinator: boolean }): string | null {
  const fields = field ? [...new Set([field, field.replace(/\.\d+(?=\.|$)/g, ''), field.split('.').at(-1)!])] : [];
  const keys = [
    ...(code === 'FORBIDDEN' && values.coordinator ? [...fields.map((name) => `FORBIDDEN.coordinator.${name}`), 'FORBIDDEN.coordinator'] : []),
    ...fields.map((name) => `${code}.${name}`),
    code,
  ];
  for (const key of keys) {
    const entry = SERVER_MESSAGES[key];
    if (entry) return entry[locale].replace('{area}', values.area);
  }
  return null;
}
