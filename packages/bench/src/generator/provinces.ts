/** Indonesia's 38 provinces with their Kemendagri codes (the names are real; everything under them is synthetic). */
export const PROVINCES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['32', 'Jawa Barat'],
  ['35', 'Jawa Timur'],
  ['33', 'Jawa Tengah'],
  ['12', 'Sumatera Utara'],
  ['31', 'DKI Jakarta'],
  ['36', 'Banten'],
  ['73', 'Sulawesi Selatan'],
  ['16', 'Sumatera Selatan'],
  ['18', 'Lampung'],
  ['14', 'Riau'],
  ['13', 'Sumatera Barat'],
  ['53', 'Nusa Tenggara Timur'],
  ['11', 'Aceh'],
  ['52', 'Nusa Tenggara Barat'],
  ['61', 'Kalimantan Barat'],
  ['51', 'Bali'],
  ['64', 'Kalimantan Timur'],
  ['63', 'Kalimantan Selatan'],
  ['34', 'DI Yogyakarta'],
  ['15', 'Jambi'],
  ['72', 'Sulawesi Tengah'],
  ['62', 'Kalimantan Tengah'],
  ['74', 'Sulawesi Tenggara'],
  ['71', 'Sulawesi Utara'],
  ['21', 'Kepulauan Riau'],
  ['17', 'Bengkulu'],
  ['81', 'Maluku'],
  ['19', 'Kepulauan Bangka Belitung'],
  ['76', 'Sulawesi Barat'],
  ['82', 'Maluku Utara'],
  ['75', 'Gorontalo'],
  ['65', 'Kalimantan Utara'],
  ['91', 'Papua'],
  ['92', 'Papua Barat'],
  ['93', 'Papua Selatan'],
  ['94', 'Papua Tengah'],
  ['95', 'Papua Pegunungan'],
  ['96', 'Papua Barat Daya'],
];

/** Syllables and words the synthetic place and person names are made of. */
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
