import type { DataSource } from 'typeorm';
import { AREA_LEVEL_LABELS, ORGANISATION_KIND_LABELS, OrganisationKind, type AreaLevel } from '@peksos/types';
import { areaParams, coverageGapSql, inAreaSql, lacksWorkerSql } from '@peksos/schema-workforce';
import { childAreas, findArea, summarise, type SummaryFigures } from '../export/summary.js';

const GAP_LIST_LIMIT = 18;

function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const number = new Intl.NumberFormat('id-ID');
const decimal = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function longDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${number.format(Math.round((part / whole) * 100))}%`;
}

/**
 * A one-page printable report of an area's workforce, in Bahasa Indonesia, for the head of the office: the headline
 * figures, placements by kind, the figures of each area under it, and the organisations still without a worker.
 * Returns null when the area does not exist.
 */
export async function renderWorkforceReport(
  dataSource: DataSource,
  areaCode: string,
  asOf: string,
  printedOn: string,
): Promise<string | null> {
  const area = await findArea(dataSource, areaCode);
  if (!area) return null;
  const summary = await summarise(dataSource, area, asOf);
  const children = await childAreas(dataSource, areaCode);
  const subSummaries: SummaryFigures[] = [];
  for (const child of children) subSummaries.push(await summarise(dataSource, child, asOf));
  // The gaps as the workforce module defines them (the `organisationsLackingWorker` query, the coverage-gaps export):
  // those lacking a certified worker, listed when they lack any worker, counted when their workers are uncertified.
  const gaps = (await dataSource.query(
    `SELECT o.name, o.kind, ar.name AS area_name, NOT ${lacksWorkerSql('o', { date: '$3' })} AS has_worker
     FROM organisation o JOIN area ar ON ar.code = o.area_code
     WHERE ${inAreaSql('o.area_code', ['$1', '$2'])} AND ${coverageGapSql('o', { certifiedOnly: true, date: '$3' })}
     ORDER BY has_worker, lower(o.name), o.id`,
    [areaCode, areaParams(areaCode).areaPrefix, asOf],
  )) as { name: string; kind: OrganisationKind; area_name: string; has_worker: boolean }[];
  const withoutWorker = gaps.filter((gap) => !gap.has_worker);

  const levelLabel = AREA_LEVEL_LABELS[area.level as AreaLevel]?.id ?? '';
  const byKind = new Map(summary.workersByPlacementKind.map((entry) => [entry.kind, entry.workers]));
  const kindRows = Object.values(OrganisationKind)
    .filter((kind) => byKind.has(kind))
    .map((kind) => `<tr><td>${escapeHtml(ORGANISATION_KIND_LABELS[kind].id)}</td><td class="n">${number.format(byKind.get(kind)!)}</td></tr>`)
    .join('');
  const subRows = subSummaries
    .map(
      (s) => `<tr><td>${escapeHtml(s.area.name)}</td><td class="n">${s.population === null ? '–' : number.format(s.population)}</td>
        <td class="n">${number.format(s.workers)}</td><td class="n">${number.format(s.certifiedWorkers)}</td>
        <td class="n">${number.format(s.organisationsNeedingWorker)}</td><td class="n">${number.format(s.organisationsLackingWorker)}</td>
        <td class="n">${number.format(s.organisationsLackingCertifiedWorker)}</td></tr>`,
    )
    .join('');
  const gapItems = withoutWorker
    .slice(0, GAP_LIST_LIMIT)
    .map((gap) => `<li>${escapeHtml(gap.name)} <span class="muted">(${escapeHtml(gap.area_name)})</span></li>`)
    .join('');
  const more = withoutWorker.length > GAP_LIST_LIMIT ? `<p class="muted">dan ${withoutWorker.length - GAP_LIST_LIMIT} organisasi lainnya.</p>` : '';

  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Ringkasan Pekerja Sosial – ${escapeHtml(area.name)} – ${escapeHtml(asOf)}</title>
<style>
  @page { size: A4 portrait; margin: 14mm 16mm; }
  * { box-sizing: border-box; }
  body { font-family: "Segoe UI", "Noto Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 180mm; line-height: 1.35; }
  header { border-bottom: 2px solid #1d4e89; padding-bottom: 4mm; margin-bottom: 4mm; }
  h1 { font-size: 15pt; margin: 0 0 1mm; color: #1d4e89; }
  h2 { font-size: 11pt; margin: 5mm 0 2mm; color: #1d4e89; border-bottom: 1px solid #ccd; padding-bottom: 1mm; }
  .sub { margin: 0; color: #444; }
  .figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; }
  .figure { border: 1px solid #ccd; border-radius: 2mm; padding: 2.5mm 3mm; }
  .figure b { display: block; font-size: 17pt; color: #1d4e89; }
  .figure span { font-size: 8.5pt; color: #333; }
  .alert b { color: #a4262c; }
  table { width: 100%; border-collapse: collapse; font-size: 9pt; }
  th, td { border-bottom: 1px solid #dde; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
  th { background: #eef2f8; }
  td.n, th.n { text-align: right; white-space: nowrap; }
  .cols { display: grid; grid-template-columns: 1fr; gap: 0; }
  table.kinds { width: 60%; }
  ul.gaps { columns: 2; column-gap: 6mm; margin: 0; padding-left: 4mm; font-size: 9pt; }
  .muted { color: #666; }
  footer { margin-top: 5mm; border-top: 1px solid #ccd; padding-top: 2mm; font-size: 8pt; color: #555; }
  @media screen { body { padding: 10mm; } .print-button { float: right; } }
  @media print { .print-button { display: none; } h2, table, .figures { break-inside: avoid; } }
</style>
</head>
<body>
<header>
  <button class="print-button" type="button">Cetak</button>
  <h1>Ringkasan Pekerja Sosial (Peksos) – ${escapeHtml(area.name)}</h1>
  <p class="sub">${escapeHtml(levelLabel)}: ${escapeHtml(area.name)} (kode ${escapeHtml(area.code)}) · keadaan per ${escapeHtml(longDate(asOf))}</p>
</header>

<section class="figures">
  <div class="figure"><b>${number.format(summary.workers)}</b><span>Peksos bertugas atau berdomisili di wilayah ini</span></div>
  <div class="figure"><b>${number.format(summary.certifiedWorkers)}</b><span>tersertifikasi (${percent(summary.certifiedWorkers, summary.workers)}); ${number.format(summary.uncertifiedWorkers)} belum</span></div>
  <div class="figure ${summary.unplacedWorkers > 0 ? 'alert' : ''}"><b>${number.format(summary.unplacedWorkers)}</b><span>Peksos belum ditempatkan</span></div>
  <div class="figure"><b>${summary.workersPer100k === null ? '–' : decimal.format(summary.workersPer100k)}</b><span>Peksos per 100.000 penduduk${summary.certifiedWorkersPer100k === null ? '' : `; tersertifikasi ${decimal.format(summary.certifiedWorkersPer100k)}`}</span></div>
  <div class="figure"><b>${number.format(summary.organisationsNeedingWorker)}</b><span>organisasi yang seharusnya memiliki Peksos (dari ${number.format(summary.organisations)})</span></div>
  <div class="figure alert"><b>${number.format(summary.organisationsLackingWorker)}</b><span>organisasi tanpa Peksos</span></div>
  <div class="figure alert"><b>${number.format(summary.organisationsLackingCertifiedWorker)}</b><span>organisasi tanpa Peksos tersertifikasi</span></div>
  <div class="figure"><b>${summary.population === null ? '–' : number.format(summary.population)}</b><span>penduduk${area.populationYear ? ` (${area.populationYear})` : ''}</span></div>
</section>

<div class="cols">
  <section>
    <h2>Penempatan utama menurut jenis</h2>
    <table class="kinds"><thead><tr><th>Jenis organisasi</th><th class="n">Peksos</th></tr></thead><tbody>${kindRows || '<tr><td colspan="2" class="muted">Belum ada penempatan</td></tr>'}</tbody></table>
  </section>
  <section>
    <h2>Menurut wilayah</h2>
    ${
      subRows
        ? `<table><thead><tr><th>Wilayah</th><th class="n">Penduduk</th><th class="n">Peksos</th><th class="n">Tersertifikasi</th><th class="n">Perlu Peksos</th><th class="n">Tanpa Peksos</th><th class="n">Tanpa Peksos tersertifikasi</th></tr></thead><tbody>${subRows}</tbody></table>
    <p class="muted">Unit se-kota (PKH, LK3, Sakti Peksos, Dinas) dihitung di tingkat kota, sehingga jumlah kota lebih besar dari jumlah kecamatannya.</p>`
        : '<p class="muted">Tidak ada wilayah di bawahnya.</p>'
    }
  </section>
</div>

<section>
  <h2>Organisasi tanpa Peksos (${number.format(withoutWorker.length)})</h2>
  ${gapItems ? `<ul class="gaps">${gapItems}</ul>${more}` : '<p>Semua organisasi yang perlu Peksos sudah memiliki Peksos.</p>'}
  ${
    gaps.length > withoutWorker.length
      ? `<p class="muted">Selain itu ${number.format(gaps.length - withoutWorker.length)} organisasi memiliki Peksos, tetapi belum ada yang tersertifikasi.</p>`
      : ''
  }
</section>

<footer>
  Sumber: Registri Pekerja Sosial (Peksos). Peksos dihitung di wilayah tempat ia bertugas, atau tempat tinggalnya bila belum ditempatkan;
  organisasi yang diarsipkan tidak dihitung. Dicetak ${escapeHtml(longDate(printedOn))}.
</footer>
<script src="/report/print.js"></script>
</body>
</html>`;
}

/**
 * The report's one script: its print button. It is served from the server, not written inline, because the
 * Content-Security-Policy allows scripts from this origin only (no inline scripts or `onclick` attributes).
 */
export const REPORT_PRINT_SCRIPT = `document.querySelector('.print-button')?.addEventListener('click', () => window.print());\n`;
