/**
 * The order in which a data set of fewer than 38 provinces takes them (by population, Jawa Barat first: the benchmark
 * asks about area 32): Kemendagri codes; the names, and every area under them, come from the official hierarchy.
 */
export const PROVINCE_ORDER: readonly string[] = [
  '32', '35', '33', '12', '31', '36', '73', '16', '18', '14', '13', '53', '11', '52', '61', '51', '64', '63', '34',
  '15', '72', '62', '74', '71', '21', '17', '81', '19', '76', '82', '75', '65', '91', '92', '93', '94', '95', '96',
];

/** Syllables and words the synthetic street, institution and person names are made of. */
export const SYLLABLES = [
  'ba', 'bo', 'ci', 'da', 'di', 'ga', 'gu', 'ja', 'ka', 'ke', 'la', 'lu', 'ma', 'me', 'na', 'ni', 'pa', 'pu', 'ra',
  'ri', 'sa', 'si', 'su', 'ta', 'te', 'tu', 'wa', 'wi', 'ya', 'jo', 'ng', 'ha',
];
export const PLACE_SUFFIXES = ['', '', '', ' Jaya', ' Baru', ' Utara', ' Selatan', ' Timur', ' Barat', ' Tengah', ' Indah', ' Makmur'];
export const FIRST_NAMES_FEMALE = [
  'Siti', 'Dewi', 'Sri', 'Nur', 'Ayu', 'Rina', 'Wulan', 'Lestari', 'Fitri', 'Yuni', 'Ratna', 'Intan', 'Maya', 'Putri',
  'Eka', 'Indah', 'Nining', 'Euis', 'Neneng', 'Ani',
];
export const FIRST_NAMES_MALE = [
  'Agus', 'Budi', 'Dedi', 'Eko', 'Hendra', 'Asep', 'Joko', 'Rudi', 'Yusuf', 'Ahmad', 'Bambang', 'Dadang', 'Iwan',
  'Taufik', 'Wahyu', 'Fajar', 'Rizki', 'Arif', 'Ujang', 'Cecep',
];
export const FAMILY_NAMES = [
  'Setiawan', 'Hidayat', 'Saputra', 'Kurniawan', 'Susanti', 'Rahmawati', 'Nugroho', 'Wijaya', 'Pratama', 'Lestari',
  'Permana', 'Gunawan', 'Suryani', 'Maulana', 'Hasanah', 'Firmansyah', 'Sulistyo', 'Rahayu', 'Santoso', 'Siregar',
  'Nasution', 'Simanjuntak', 'Pangaribuan', 'Manurung', 'Daulay', 'Sembiring', 'Tanjung', 'Harahap', 'Lubis', 'Sinaga',
];
export const INSTITUTION_WORDS = [
  'Panti Sosial', 'Yayasan', 'LKSA', 'Rumah Singgah', 'Panti Werdha', 'LKS Disabilitas', 'Yayasan Peduli', 'Rumah Perlindungan',
];
