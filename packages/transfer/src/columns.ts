import {
  ACCREDITATION_VALIDITY_YEARS,
  CERTIFICATION_LEVEL_LABELS,
  CertificationLevel,
  EMPLOYMENT_STATUS_LABELS,
  EmploymentStatus,
  GENDER_LABELS,
  Gender,
  ORGANISATION_KIND_LABELS,
  OrganisationKind,
  AccreditationGrade,
  type BilingualLabel,
  type ImportKind,
} from '@peksos/types';
import { Choices, normaliseKey } from './values.js';

/** One column of an import file: its field, its headers in both languages, other accepted spellings. */
export interface ColumnSpec {
  field: string;
  header: BilingualLabel;
  aliases: string[];
  required: boolean;
  /** The value of the template's example row. */
  example: string;
  /** What to write, shown on the template's instructions sheet. */
  help: BilingualLabel;
}

export const GENDERS = new Choices<Gender>(GENDER_LABELS, {
  [Gender.FEMALE]: ['P', 'F', 'Wanita', 'Perempuan'],
  [Gender.MALE]: ['L', 'M', 'Laki laki', 'Pria', 'Lelaki'],
});

export const EMPLOYMENT_STATUSES = new Choices<EmploymentStatus>(EMPLOYMENT_STATUS_LABELS, {
  [EmploymentStatus.CIVIL_SERVANT]: ['Pegawai Negeri Sipil', 'ASN PNS', 'ASN'],
  [EmploymentStatus.GOVERNMENT_CONTRACT]: ['Pegawai Pemerintah dengan Perjanjian Kerja', 'ASN PPPK', 'P3K', 'Honorer', 'Kontrak pemerintah'],
  [EmploymentStatus.PROGRAMME_CONTRACT]: ['Kontrak', 'Pendamping PKH', 'Programme contract', 'Program contract'],
  [EmploymentStatus.VOLUNTEER]: ['Sukarelawan'],
});

export const CERTIFICATION_LEVELS = new Choices<CertificationLevel>(CERTIFICATION_LEVEL_LABELS, {
  [CertificationLevel.ASSISTANT]: ['Asisten', 'Assistant', 'Asisten Peksos'],
  [CertificationLevel.GENERALIST]: ['Generalis', 'Generalist', 'Peksos Generalis'],
  [CertificationLevel.SPECIALIST]: ['Spesialis', 'Specialist', 'Peksos Spesialis'],
});

export const ORGANISATION_KINDS = new Choices<OrganisationKind>(ORGANISATION_KIND_LABELS, {
  [OrganisationKind.SOCIAL_AFFAIRS_OFFICE]: ['Dinsos', 'Dinas', 'Social affairs office'],
  [OrganisationKind.VILLAGE_OFFICE]: ['Kelurahan', 'Desa', 'Kantor kelurahan', 'Kantor desa'],
  [OrganisationKind.PKH_UNIT]: ['PKH', 'UPPKH'],
  [OrganisationKind.SAKTI_PEKSOS_UNIT]: ['Sakti', 'Satuan Bakti Pekerja Sosial'],
  [OrganisationKind.SOCIAL_WELFARE_INSTITUTION]: ['LKS', 'Orsos', 'Organisasi Sosial', 'Lembaga Kesejahteraan Sosial'],
});

const GRADE_LABELS = Object.fromEntries(
  Object.values(AccreditationGrade).map((grade) => [
    grade,
    { id: grade, en: `${grade} (${ACCREDITATION_VALIDITY_YEARS[grade]})` },
  ]),
) as Record<AccreditationGrade, BilingualLabel>;
export const ACCREDITATION_GRADES = new Choices<AccreditationGrade>(GRADE_LABELS);

const DATE_HELP: BilingualLabel = { id: 'Tanggal: dd/mm/yyyy atau yyyy-mm-dd', en: 'Date: dd/mm/yyyy or yyyy-mm-dd' };

function column(
  field: string,
  header: BilingualLabel,
  options: { required?: boolean; aliases?: string[]; example?: string; help: BilingualLabel },
): ColumnSpec {
  return {
    field,
    header,
    aliases: options.aliases ?? [],
    required: options.required ?? false,
    example: options.example ?? '',
    help: options.help,
  };
}

const NIK = column('nationalIdNumber', { id: 'NIK', en: 'National ID number' }, {
  required: true,
  aliases: ['nomor induk kependudukan', 'no ktp', 'nomor ktp', 'ktp', 'national id', 'nik peksos'],
  example: '3277010101900001',
  help: { id: 'Nomor Induk Kependudukan, 16 angka (format sel sebagai teks)', en: '16 digits (format the cells as text)' },
});

export const ORGANISATION_COLUMNS: ColumnSpec[] = [
  column('code', { id: 'Kode organisasi', en: 'Organisation code' }, {
    required: true,
    aliases: ['kode', 'code', 'kode lembaga', 'kode lks'],
    example: 'LKS-101',
    help: { id: 'Kode tetap organisasi: huruf, angka, titik, garis bawah, tanda hubung', en: 'Stable code: letters, digits, . _ -' },
  }),
  column('name', { id: 'Nama organisasi', en: 'Organisation name' }, {
    required: true,
    aliases: ['nama', 'name', 'nama lembaga', 'nama lks'],
    example: 'LKS Harapan Bunda',
    help: { id: 'Nama lengkap, paling panjang 200 karakter', en: 'Full name, at most 200 characters' },
  }),
  column('kind', { id: 'Jenis', en: 'Kind' }, {
    required: true,
    aliases: ['jenis organisasi', 'jenis lembaga', 'organisation kind', 'type'],
    example: ORGANISATION_KIND_LABELS[OrganisationKind.SOCIAL_WELFARE_INSTITUTION].id,
    help: { id: `Salah satu: ${ORGANISATION_KINDS.describe()}`, en: `One of: ${Object.values(OrganisationKind).join(', ')} (or their labels)` },
  }),
  column('areaCode', { id: 'Kode wilayah', en: 'Area code' }, {
    required: true,
    aliases: ['kode kelurahan', 'kode wilayah kemendagri', 'area', 'kode area', 'wilayah'],
    example: '32.77.01.1001',
    help: { id: 'Kode Kemendagri kelurahan (atau kecamatan/kota untuk unit se-kota)', en: 'Kemendagri code of the kelurahan (or city for city-wide units)' },
  }),
  column('parentCode', { id: 'Kode organisasi induk', en: 'Parent organisation code' }, {
    aliases: ['kode induk', 'induk', 'parent code', 'parent'],
    example: '',
    help: { id: 'Kode organisasi induk, bila ada', en: 'Code of the parent organisation, if any' },
  }),
  column('shouldHaveWorker', { id: 'Perlu Peksos', en: 'Should have worker' }, {
    aliases: ['membutuhkan peksos', 'wajib peksos', 'needs worker'],
    example: 'Ya',
    help: { id: 'Ya atau Tidak (kosong: Ya)', en: 'Yes or No (empty: Yes)' },
  }),
  column('accreditationGrade', { id: 'Akreditasi', en: 'Accreditation grade' }, {
    aliases: ['peringkat akreditasi', 'nilai akreditasi', 'accreditation'],
    example: 'B',
    help: { id: 'A, B atau C; kosong bila belum terakreditasi', en: 'A, B or C; empty when not accredited' },
  }),
  column('accreditationExpiresOn', { id: 'Akreditasi berlaku sampai', en: 'Accreditation expires on' }, {
    aliases: ['masa berlaku akreditasi', 'tanggal akhir akreditasi', 'accreditation expiry'],
    example: '31/12/2026',
    help: DATE_HELP,
  }),
  column('address', { id: 'Alamat', en: 'Address' }, {
    aliases: ['alamat lengkap'],
    example: 'Jl. Contoh No. 1, Cimahi',
    help: { id: 'Paling panjang 500 karakter', en: 'At most 500 characters' },
  }),
];

export const WORKER_COLUMNS: ColumnSpec[] = [
  NIK,
  column('fullName', { id: 'Nama lengkap', en: 'Full name' }, {
    required: true,
    aliases: ['nama', 'name', 'nama peksos', 'nama pekerja sosial'],
    example: 'Siti Nurjanah',
    help: { id: 'Paling panjang 200 karakter', en: 'At most 200 characters' },
  }),
  column('gender', { id: 'Jenis kelamin', en: 'Gender' }, {
    required: true,
    aliases: ['jk', 'l p', 'sex'],
    example: 'Perempuan',
    help: { id: 'Perempuan/P atau Laki-laki/L', en: 'Female/F or Male/M' },
  }),
  column('employmentStatus', { id: 'Status kepegawaian', en: 'Employment status' }, {
    required: true,
    aliases: ['status', 'status pegawai', 'status kerja'],
    example: EMPLOYMENT_STATUS_LABELS[EmploymentStatus.GOVERNMENT_CONTRACT].id,
    help: { id: `Salah satu: ${EMPLOYMENT_STATUSES.describe()}`, en: 'Civil servant, Government contract (PPPK), Programme contract, Volunteer' },
  }),
  column('phone', { id: 'Telepon', en: 'Phone' }, {
    aliases: ['no hp', 'nomor hp', 'no telepon', 'nomor telepon', 'hp', 'telp', 'phone number'],
    example: '081234567890',
    help: { id: '08… atau +62…, 8 sampai 15 angka', en: '08… or +62…, 8 to 15 digits' },
  }),
  column('email', { id: 'Email', en: 'E-mail' }, {
    aliases: ['e mail', 'surel', 'alamat email'],
    example: 'siti@example.org',
    help: { id: 'Alamat email', en: 'E-mail address' },
  }),
  column('homeAreaCode', { id: 'Kode wilayah domisili', en: 'Home area code' }, {
    aliases: ['kode kelurahan domisili', 'domisili', 'kode wilayah', 'kode kelurahan', 'home area'],
    example: '32.77.01.1001',
    help: { id: 'Kode Kemendagri kelurahan tempat tinggal', en: 'Kemendagri code of the kelurahan where the worker lives' },
  }),
  column('certificationLevel', { id: 'Jenjang sertifikasi', en: 'Certification level' }, {
    aliases: ['tingkat sertifikasi', 'jenjang', 'level sertifikasi', 'level'],
    example: CERTIFICATION_LEVEL_LABELS[CertificationLevel.GENERALIST].id,
    help: { id: 'Asisten, Generalis atau Spesialis (wajib bila ada sertifikat atau jadwal uji)', en: 'Assistant, Generalist or Specialist (required with a certificate or a test date)' },
  }),
  column('certificateNumber', { id: 'Nomor sertifikat', en: 'Certificate number' }, {
    aliases: ['no sertifikat', 'nomor sertifikat kompetensi'],
    example: 'LSPS/2018/0101',
    help: { id: 'Nomor sertifikat kompetensi, bila sudah tersertifikasi', en: 'Competency certificate number, if certified' },
  }),
  column('certificateIssuer', { id: 'Penerbit sertifikat', en: 'Certificate issuer' }, {
    aliases: ['penerbit', 'lembaga penerbit', 'issuer', 'lembaga sertifikasi'],
    example: 'Lembaga Sertifikasi Pekerja Sosial (LSPS)',
    help: { id: 'Wajib bila ada nomor sertifikat', en: 'Required with a certificate number' },
  }),
  column('certificateIssuedOn', { id: 'Tanggal terbit sertifikat', en: 'Certificate issued on' }, {
    aliases: ['tanggal terbit', 'tanggal sertifikat', 'issued on', 'issue date'],
    example: '15/03/2018',
    help: DATE_HELP,
  }),
  column('certificateExpiresOn', { id: 'Sertifikat berlaku sampai', en: 'Certificate expires on' }, {
    aliases: ['berlaku sampai', 'masa berlaku sertifikat', 'tanggal kedaluwarsa', 'expires on', 'expiry date'],
    example: '',
    help: { id: 'Hari terakhir berlaku; kosong bila tidak kedaluwarsa', en: 'Last valid day; empty if it does not expire' },
  }),
  column('testDate', { id: 'Tanggal uji kompetensi', en: 'Competency test date' }, {
    aliases: ['jadwal uji kompetensi', 'tanggal uji', 'test date', 'uji kompetensi'],
    example: '',
    help: { id: 'Tanggal uji kompetensi terjadwal, bila belum tersertifikasi', en: 'Date of a scheduled competency test, if not yet certified' },
  }),
];

export const ASSIGNMENT_COLUMNS: ColumnSpec[] = [
  { ...NIK, aliases: [...NIK.aliases, 'nik pekerja', 'worker national id number'] },
  column('organisationCode', { id: 'Kode organisasi', en: 'Organisation code' }, {
    required: true,
    aliases: ['kode', 'organisation', 'kode lembaga', 'kode penempatan'],
    example: 'LKS-101',
    help: { id: 'Kode organisasi tempat penempatan', en: 'Code of the organisation of the placement' },
  }),
  column('startsOn', { id: 'Tanggal mulai', en: 'Starts on' }, {
    required: true,
    aliases: ['mulai', 'tmt', 'tanggal penempatan', 'start date'],
    example: '02/01/2018',
    help: DATE_HELP,
  }),
  column('endsOn', { id: 'Tanggal selesai', en: 'Ends on' }, {
    aliases: ['selesai', 'tanggal berakhir', 'end date'],
    example: '',
    help: { id: 'Hari pertama tidak lagi bertugas; kosong bila masih bertugas', en: 'First day no longer served; empty while serving' },
  }),
  column('isPrimary', { id: 'Penempatan utama', en: 'Primary' }, {
    aliases: ['utama', 'is primary', 'primary placement'],
    example: 'Ya',
    help: { id: 'Ya atau Tidak (kosong: Ya)', en: 'Yes or No (empty: Yes)' },
  }),
  column('endReason', { id: 'Alasan selesai', en: 'End reason' }, {
    aliases: ['alasan', 'keterangan selesai', 'reason'],
    example: '',
    help: { id: 'Hanya bila ada tanggal selesai', en: 'Only with an end date' },
  }),
];

export const IMPORT_COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  organisations: ORGANISATION_COLUMNS,
  workers: WORKER_COLUMNS,
  assignments: ASSIGNMENT_COLUMNS,
};

/** Columns an export adds for people to read; an import of the exported file ignores them without a warning. */
export const INFORMATIONAL_HEADERS: Record<ImportKind, BilingualLabel[]> = {
  organisations: [
    { id: 'Nama wilayah', en: 'Area name' },
    { id: 'Peksos aktif', en: 'Active workers' },
    { id: 'Peksos tersertifikasi aktif', en: 'Active certified workers' },
  ],
  workers: [
    { id: 'Nama wilayah domisili', en: 'Home area name' },
    { id: 'Status sertifikasi', en: 'Certification status' },
    { id: 'Kode penempatan utama', en: 'Primary placement code' },
    { id: 'Penempatan utama', en: 'Primary placement' },
  ],
  assignments: [
    { id: 'Nama Peksos', en: 'Worker name' },
    { id: 'Nama organisasi', en: 'Organisation name' },
  ],
};

export interface HeaderMapping {
  /** Column index of each field found. */
  indexOf: Map<string, number>;
  /** The header as written in the file, per field (for messages). */
  headerOf: Map<string, string>;
  missing: ColumnSpec[];
  duplicates: string[];
  ignored: string[];
}

/** Matches a file's header row to the kind's columns, in Indonesian or English or a known alias. */
export function mapHeaders(kind: ImportKind, headers: string[]): HeaderMapping {
  const specs = IMPORT_COLUMNS[kind];
  const byKey = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    for (const name of [spec.field, spec.header.id, spec.header.en, ...spec.aliases]) {
      const key = normaliseKey(name);
      if (!byKey.has(key)) byKey.set(key, spec);
    }
  }
  const informational = new Set(INFORMATIONAL_HEADERS[kind].flatMap((label) => [normaliseKey(label.id), normaliseKey(label.en)]));
  const indexOf = new Map<string, number>();
  const headerOf = new Map<string, string>();
  const duplicates: string[] = [];
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const key = normaliseKey(header);
    if (key === '') return;
    const spec = byKey.get(key);
    if (!spec) {
      if (!informational.has(key)) ignored.push(header);
      return;
    }
    if (indexOf.has(spec.field)) {
      duplicates.push(header);
      return;
    }
    indexOf.set(spec.field, index);
    headerOf.set(spec.field, header.trim());
  });
  const missing = specs.filter((spec) => spec.required && !indexOf.has(spec.field));
  return { indexOf, headerOf, missing, duplicates, ignored };
}
