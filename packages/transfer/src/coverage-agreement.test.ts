import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';

interface Gaps {
  totalCount: number;
  nodes: { code: string; name: string }[];
}

/**
 * The headline question asked three ways must get one answer (issue 16, item 6): the API's gap list
 * (`organisationsLackingWorker`), the gap export (`/api/export/coverage-gaps.csv`) and the printable report
 * (`/report/workforce-summary`, its figures and its list), for the same area, date and certifiedOnly. They share the
 * workforce module's one definition (`coverageGapSql`); this holds them to it.
 */
describe(`the gap list, the gap export and the report agree (${testDatabaseKind()})`, () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
  });
  afterAll(() => api?.close());

  async function gapList(areaCode: string, asOf: string, certifiedOnly: boolean): Promise<Gaps> {
    const result = await api.graphql<{ organisationsLackingWorker: Gaps }>(
      `query ($filter: CoverageGapFilter) { organisationsLackingWorker(filter: $filter, first: 100) { totalCount nodes { code name } } }`,
      { filter: { areaCode, asOf, certifiedOnly } },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.organisationsLackingWorker;
  }

  /** The organisation codes of the export, in its order (codes hold no commas or quotes; the code is column 1). */
  async function exportedCodes(areaCode: string, asOf: string, certifiedOnly: boolean): Promise<string[]> {
    const response = await api.fetch(`/api/export/coverage-gaps.csv?${new URLSearchParams({ areaCode, asOf, certifiedOnly: String(certifiedOnly) })}`);
    expect(response.status).toBe(200);
    const [, ...rows] = (await response.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    return rows.filter((row) => row.length > 0).map((row) => row.split(',')[0]!);
  }

  async function report(areaCode: string, asOf: string) {
    const response = await api.fetch(`/report/workforce-summary?${new URLSearchParams({ areaCode, asOf })}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const figure = (label: string) => Number(new RegExp(`<b>([\\d.]+)</b><span>${label}</span>`).exec(html)?.[1]?.replace(/\./g, ''));
    const unescape = (text: string) => text.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const section = html.slice(html.indexOf('<h2>Organisasi tanpa Peksos'));
    return {
      lacking: figure('organisasi tanpa Peksos'),
      lackingCertified: figure('organisasi tanpa Peksos tersertifikasi'),
      listed: Number(/<h2>Organisasi tanpa Peksos \(([\d.]+)\)<\/h2>/.exec(section)?.[1]?.replace(/\./g, '')),
      names: [...section.matchAll(/<li>(.*?) <span class="muted">/g)].map((match) => unescape(match[1]!)),
      uncertifiedOnly: Number(/Selain itu ([\d.]+) organisasi memiliki Peksos/.exec(section)?.[1]?.replace(/\./g, '') ?? 0),
    };
  }

  // The city, a kecamatan and a kelurahan; today and a date before most placements began.
  const cases = ['32.77', '32.77.03', '32.77.01.1001'].flatMap((areaCode) => ['2016-01-01', '2026-01-01'].map((asOf) => ({ areaCode, asOf })));

  it.each(cases)('for $areaCode on $asOf', async ({ areaCode, asOf }) => {
    const any = await gapList(areaCode, asOf, false);
    const certified = await gapList(areaCode, asOf, true);
    expect(any.totalCount).toBeLessThanOrEqual(100);
    expect(certified.totalCount).toBeGreaterThanOrEqual(any.totalCount);

    // The export: the same organisations, in the same order, with and without certifiedOnly.
    expect(await exportedCodes(areaCode, asOf, false)).toEqual(any.nodes.map((node) => node.code));
    expect(await exportedCodes(areaCode, asOf, true)).toEqual(certified.nodes.map((node) => node.code));

    // The report: its two figures, its list (at most 18 names shown) and its count of those with uncertified workers.
    const printed = await report(areaCode, asOf);
    expect(printed.lacking).toBe(any.totalCount);
    expect(printed.lackingCertified).toBe(certified.totalCount);
    expect(printed.listed).toBe(any.totalCount);
    expect(printed.names).toEqual(any.nodes.slice(0, 18).map((node) => node.name));
    expect(printed.uncertifiedOnly).toBe(certified.totalCount - any.totalCount);
  });

  it('finds gaps of both kinds in the cases above, so that the agreement says something', async () => {
    const city = await gapList('32.77', '2026-01-01', false);
    const cityCertified = await gapList('32.77', '2026-01-01', true);
    expect(city.totalCount).toBeGreaterThan(0);
    expect(cityCertified.totalCount).toBeGreaterThan(city.totalCount);
    expect((await gapList('32.77', '2016-01-01', false)).totalCount).not.toBe(city.totalCount);
  });
});
