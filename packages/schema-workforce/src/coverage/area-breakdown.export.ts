import { isValidLocalDate } from '@peksos/types';
import { Access, badInput, type ExportCell, type ModuleExport } from '@peksos/schema-kit';
import { AreaBreakdownService } from './area-breakdown.service.js';

/** Who may read the drill-down, in the API (`Query.areaBreakdown`) and as a file: one rule for both. */
export const AREA_BREAKDOWN_ACCESS = Access.signedIn;

/**
 * `/api/export/area-breakdown.{csv|xlsx}?parentCode=32.77[&asOf=YYYY-MM-DD]`: the rows of `areaBreakdown`, read
 * through the same service with the caller (so a coordinator gets their own subtree only, FORBIDDEN naming
 * `parentCode` otherwise), one row per child area with the same figures; no parentCode is Indonesia's provinces.
 */
export const areaBreakdownExport: ModuleExport = {
  name: 'area-breakdown',
  access: AREA_BREAKDOWN_ACCESS,
  title: 'Rincian wilayah',
  columns: [
    { header: { id: 'Kode wilayah', en: 'Area code' }, type: 'text', width: 16 },
    { header: { id: 'Nama wilayah', en: 'Area name' }, type: 'text', width: 28 },
    { header: { id: 'Tanggal data', en: 'As of' }, type: 'date' },
    { header: { id: 'Jumlah penduduk', en: 'Population' }, type: 'number', width: 14 },
    { header: { id: 'Peksos', en: 'Workers' }, type: 'number' },
    { header: { id: 'Tersertifikasi', en: 'Certified' }, type: 'number' },
    { header: { id: 'Peksos per 100.000 penduduk', en: 'Workers per 100,000' }, type: 'number' },
    { header: { id: 'Peksos tersertifikasi per 100.000 penduduk', en: 'Certified workers per 100,000' }, type: 'number' },
    { header: { id: 'Organisasi yang perlu Peksos', en: 'Organisations needing a worker' }, type: 'number' },
    { header: { id: 'Organisasi tanpa Peksos', en: 'Organisations lacking a worker' }, type: 'number' },
    { header: { id: 'Organisasi tanpa Peksos tersertifikasi', en: 'Organisations lacking a certified worker' }, type: 'number' },
  ],
  async rows({ dataSource, actor, today }, query) {
    if (query.asOf && !isValidLocalDate(query.asOf)) throw badInput('asOf', 'asOf must be a date written YYYY-MM-DD');
    // Checked (access, parent) and read before the first byte: an error is an error answer, not half a file.
    const breakdown = await new AreaBreakdownService(dataSource, today).breakdown(query.parentCode || null, query.asOf || undefined, actor);
    return (async function* (): AsyncGenerator<ExportCell[]> {
      for (const row of breakdown.rows) {
        yield [
          row.area.code,
          row.area.name,
          breakdown.asOf,
          row.population,
          row.workers,
          row.certifiedWorkers,
          row.workersPer100k,
          row.certifiedWorkersPer100k,
          row.organisationsNeedingWorker,
          row.organisationsLackingWorker,
          row.organisationsLackingCertifiedWorker,
        ];
      }
    })();
  },
};
