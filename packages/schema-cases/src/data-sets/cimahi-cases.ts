import type { EntityManager } from 'typeorm';

export interface SeedCase {
  reference: string;
  pmksCategoryCode: string;
  organisationCode: string;
  openedOn: string;
  closedOn?: string;
  summary: string;
  closingNote?: string;
  involvements: { worker: string; roleCode: string; startsOn: string; endsOn?: string; isLead?: boolean }[];
}

/** Cases handled by the city's units, with workers involved in several roles. No client data: only the category. */
export const CIMAHI_CASES: SeedCase[] = [
  {
    reference: 'CMH-2017-001',
    pmksCategoryCode: 'ANAK_KORBAN_TINDAK_KEKERASAN',
    organisationCode: 'SAKTI-3277',
    openedOn: '2017-02-14',
    summary: 'Pendampingan anak korban kekerasan dalam rumah tangga',
    involvements: [
      { worker: 'Fitri Handayani', roleCode: 'FACILITATOR', startsOn: '2017-02-14', isLead: true },
      { worker: 'Dede Kurniawan', roleCode: 'BROKER', startsOn: '2017-02-20' },
      { worker: 'Agus Firmansyah', roleCode: 'EXPERT', startsOn: '2017-03-01', endsOn: '2017-06-01' },
    ],
  },
  {
    reference: 'CMH-2017-002',
    pmksCategoryCode: 'ANAK_BERHADAPAN_DENGAN_HUKUM',
    organisationCode: 'SAKTI-3277',
    openedOn: '2017-04-03',
    closedOn: '2017-10-30',
    summary: 'Pendampingan anak dalam proses diversi',
    closingNote: 'Diversi berhasil; anak kembali ke keluarga',
    involvements: [
      { worker: 'Nining Suningsih', roleCode: 'FACILITATOR', startsOn: '2017-04-03', endsOn: '2017-10-30', isLead: true },
      { worker: 'Yudi Prasetyo', roleCode: 'BROKER', startsOn: '2017-04-10', endsOn: '2017-10-30' },
    ],
  },
  {
    reference: 'CMH-2017-003',
    pmksCategoryCode: 'FAKIR_MISKIN',
    organisationCode: 'PKH-3277',
    openedOn: '2017-01-16',
    summary: 'Keluarga penerima PKH: akses layanan kesehatan dan pendidikan',
    involvements: [
      { worker: 'Euis Komalasari', roleCode: 'BROKER', startsOn: '2017-01-16', isLead: true },
      { worker: 'Iis Aisyah', roleCode: 'EDUCATOR', startsOn: '2017-02-01' },
    ],
  },
  {
    reference: 'CMH-2017-004',
    pmksCategoryCode: 'KELUARGA_BERMASALAH_SOSIAL_PSIKOLOGIS',
    organisationCode: 'LK3-3277',
    openedOn: '2017-05-08',
    summary: 'Konsultasi keluarga dengan konflik berkepanjangan',
    involvements: [
      { worker: 'Lilis Nurhayati', roleCode: 'EXPERT', startsOn: '2017-05-08', isLead: true },
      { worker: 'Asep Saepudin', roleCode: 'EDUCATOR', startsOn: '2017-05-15' },
    ],
  },
  {
    reference: 'CMH-2017-005',
    pmksCategoryCode: 'LANJUT_USIA_TERLANTAR',
    organisationCode: 'KEL-32.77.02.1004',
    openedOn: '2017-06-12',
    summary: 'Lansia tinggal sendiri tanpa pengasuh',
    involvements: [
      { worker: 'Rika Susanti', roleCode: 'BROKER', startsOn: '2017-06-12', isLead: true },
      { worker: 'Rina Marlina', roleCode: 'SOCIAL_PLANNER', startsOn: '2017-07-03' },
    ],
  },
  {
    reference: 'CMH-2017-006',
    pmksCategoryCode: 'ANAK_JALANAN',
    organisationCode: 'DINSOS-3277',
    openedOn: '2017-03-20',
    summary: 'Penjangkauan anak jalanan di sekitar stasiun',
    involvements: [
      { worker: 'Agus Firmansyah', roleCode: 'CHANGE_ACCELERATOR', startsOn: '2017-03-20', isLead: true },
      { worker: 'Dadan Ramdani', roleCode: 'FACILITATOR', startsOn: '2017-03-20' },
      { worker: 'Anisa Rahmawati', roleCode: 'SOCIAL_CONTROL', startsOn: '2017-04-01' },
    ],
  },
  {
    reference: 'CMH-2017-007',
    pmksCategoryCode: 'PENYANDANG_DISABILITAS',
    organisationCode: 'KEL-32.77.01.1003',
    openedOn: '2017-08-07',
    summary: 'Rujukan alat bantu dan pelatihan kerja bagi penyandang disabilitas',
    involvements: [{ worker: 'Siti Maryam', roleCode: 'BROKER', startsOn: '2017-08-07', isLead: true }],
  },
  {
    reference: 'CMH-2017-008',
    pmksCategoryCode: 'KORBAN_BENCANA_ALAM',
    organisationCode: 'DINSOS-3277',
    openedOn: '2017-02-06',
    closedOn: '2017-04-28',
    summary: 'Pendampingan warga terdampak banjir',
    closingNote: 'Bantuan tersalurkan; warga kembali ke rumah',
    involvements: [
      { worker: 'Rina Marlina', roleCode: 'SOCIAL_PLANNER', startsOn: '2017-02-06', endsOn: '2017-04-28', isLead: true },
      { worker: 'Yuyun Yuningsih', roleCode: 'FACILITATOR', startsOn: '2017-02-06', endsOn: '2017-04-28' },
      { worker: 'Ahmad Fauzi', roleCode: 'FACILITATOR', startsOn: '2017-02-06', endsOn: '2017-04-28' },
    ],
  },
  {
    reference: 'CMH-2017-009',
    pmksCategoryCode: 'KORBAN_NAPZA',
    organisationCode: 'KEL-32.77.03.1002',
    openedOn: '2017-09-18',
    summary: 'Rujukan rehabilitasi sosial korban penyalahgunaan NAPZA',
    involvements: [
      { worker: 'Ratna Sari Dewi', roleCode: 'BROKER', startsOn: '2017-09-18', isLead: true },
      { worker: 'Cecep Supriatna', roleCode: 'EDUCATOR', startsOn: '2017-10-02' },
    ],
  },
  {
    reference: 'CMH-2017-010',
    pmksCategoryCode: 'PEREMPUAN_RAWAN_SOSIAL_EKONOMI',
    organisationCode: 'PKH-3277',
    openedOn: '2017-10-09',
    summary: 'Pendampingan usaha ekonomi produktif bagi perempuan kepala keluarga',
    involvements: [
      { worker: 'Neng Siti Rohmah', roleCode: 'EDUCATOR', startsOn: '2017-10-09', isLead: true },
      { worker: 'Wulan Purnamasari', roleCode: 'CHANGE_ACCELERATOR', startsOn: '2017-10-16' },
    ],
  },
];

/** Loads the Cimahi cases; the workforce part of the data set (organisations, workers) must be loaded first. */
export async function loadCimahiCases(manager: EntityManager): Promise<void> {
  const ids = async (sql: string) => new Map(((await manager.query(sql)) as { key: string; id: string }[]).map((row) => [row.key, row.id]));
  const organisations = await ids(`SELECT code AS key, id FROM organisation WHERE code IS NOT NULL`);
  const workers = await ids(`SELECT full_name AS key, id FROM worker`);
  const lookup = (map: Map<string, string>, key: string, what: string) => {
    const id = map.get(key);
    if (!id) throw new Error(`Cimahi data set: unknown ${what} ${key}`);
    return id;
  };
  for (const socialCase of CIMAHI_CASES) {
    const [row] = (await manager.query(
      `INSERT INTO social_case (reference, pmks_category_code, organisation_id, status, opened_on, closed_on, summary, closing_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        socialCase.reference,
        socialCase.pmksCategoryCode,
        lookup(organisations, socialCase.organisationCode, 'organisation'),
        socialCase.closedOn ? 'CLOSED' : 'OPEN',
        socialCase.openedOn,
        socialCase.closedOn ?? null,
        socialCase.summary,
        socialCase.closingNote ?? null,
      ],
    )) as { id: string }[];
    for (const involvement of socialCase.involvements) {
      await manager.query(
        `INSERT INTO case_involvement (case_id, worker_id, role_code, starts_on, ends_on, is_lead) VALUES ($1, $2, $3, $4, $5, $6)`,
        [row!.id, lookup(workers, involvement.worker, 'worker'), involvement.roleCode, involvement.startsOn, involvement.endsOn ?? null, involvement.isLead ?? false],
      );
    }
  }
}
