/** The benchmark's questions, each as the API, the floor and the peer are asked it. */
export interface BenchQuery {
  key: string;
  title: string;
  /** GraphQL for the Peksos API. */
  ours: string;
  /** The floor's path (one hand-written SQL statement behind a node:http handler). */
  floor: string;
  /** GraphQL for PostGraphile (with the SQL functions of peer-functions.ts). */
  peer: string;
}

export interface QueryParams {
  /** A province code, such as 32. */
  area: string;
  /** A past date for the asOf question. */
  pastDate: string;
  /** Page size. */
  first: number;
}

const lackingNodes = 'totalCount nodes { id name kind area { code name } }';
const lackingNodesPeer = 'totalCount nodes { id: rowId name kind area: areaByAreaCode { code name } }';
const summaryFields = `workers certifiedWorkers uncertifiedWorkers unplacedWorkers organisations organisationsNeedingWorker
  organisationsLackingWorker organisationsLackingCertifiedWorker population workersPer100k workersByPlacementKind { kind workers }`;

const summaryFieldsPeer = summaryFields
  .replace('workersPer100k', 'workersPer100k: workersPerHundredThousand')
  .replace('workersByPlacementKind { kind workers }', 'workersByPlacementKind');

const breakdownFields = `area { code name } workers certifiedWorkers population workersPer100k certifiedWorkersPer100k
  organisationsNeedingWorker organisationsLackingWorker organisationsLackingCertifiedWorker`;
const breakdownFieldsPeer = breakdownFields
  .replace('area { code name }', 'area')
  .replace('workersPer100k', 'workersPer100k: workersPerHundredThousand')
  .replace('certifiedWorkersPer100k', 'certifiedWorkersPer100k: certifiedWorkersPerHundredThousand');

export function benchQueries({ area, pastDate, first }: QueryParams): BenchQuery[] {
  const a = JSON.stringify(area);
  const d = JSON.stringify(pastDate);
  return [
    {
      key: 'lacking',
      title: `organisationsLackingWorker(areaCode ${area}, first ${first})`,
      ours: `{ organisationsLackingWorker(filter: { areaCode: ${a} }, first: ${first}) { ${lackingNodes} } }`,
      floor: `/lacking?area=${area}&first=${first}`,
      peer: `{ organisationsLackingWorker(areaCode: ${a}, first: ${first}) { ${lackingNodesPeer} } }`,
    },
    {
      key: 'lackingCertified',
      title: `… certifiedOnly, asOf ${pastDate}`,
      ours: `{ organisationsLackingWorker(filter: { areaCode: ${a}, certifiedOnly: true, asOf: ${d} }, first: ${first}) { ${lackingNodes} } }`,
      floor: `/lacking?area=${area}&first=${first}&certifiedOnly=1&asOf=${pastDate}`,
      peer: `{ organisationsLackingWorker(areaCode: ${a}, certifiedOnly: true, asOf: ${d}, first: ${first}) { ${lackingNodesPeer} } }`,
    },
    {
      key: 'summary',
      title: `workforceSummary(areaCode ${area})`,
      ours: `{ workforceSummary(areaCode: ${a}) { ${summaryFields} } }`,
      floor: `/summary?area=${area}`,
      peer: `{ workforceSummary(areaCode: ${a}) { ${summaryFieldsPeer} } }`,
    },
    {
      key: 'nested',
      title: `organisations(first ${first}) → activeWorkers → cases(OPEN)`,
      ours: `{ organisations(first: ${first}) { nodes { id name activeWorkers { id fullName cases(status: OPEN, first: 100) { nodes { id reference } } } } } }`,
      floor: `/nested?first=${first}`,
      peer: `{ activeOrganisations(first: ${first}) {
        nodes { id: rowId name activeWorkers { nodes { id: rowId fullName cases(status: "OPEN") { nodes { id: rowId reference } } } } } } }`,
    },
    {
      key: 'breakdownNational',
      title: 'areaBreakdown of Indonesia (38 provinces)',
      ours: `{ areaBreakdown(parentCode: null) { rows { ${breakdownFields} } } }`,
      floor: '/breakdown',
      peer: `{ areaBreakdown { rows: nodes { ${breakdownFieldsPeer} } } }`,
    },
    {
      key: 'breakdownProvince',
      title: `areaBreakdown of province ${area}`,
      ours: `{ areaBreakdown(parentCode: ${a}) { rows { ${breakdownFields} } } }`,
      floor: `/breakdown?parent=${area}`,
      peer: `{ areaBreakdown(parentCode: ${a}) { rows: nodes { ${breakdownFieldsPeer} } } }`,
    },
  ];
}

/**
 * A comparable form of an answer: `{ nodes: [...] }` wrappers (PostGraphile's connections) unwrapped, lists of
 * records sorted by id, numbers as numbers, `extensions` dropped. Two contenders agree when these forms are equal.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    if (items.every((item) => item && typeof item === 'object' && 'id' in (item as object))) {
      items.sort((x, y) => String((x as { id: unknown }).id).localeCompare(String((y as { id: unknown }).id)));
    }
    return items;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => key !== 'extensions');
    if (keys.length === 1 && keys[0] === 'nodes' && Array.isArray(record.nodes)) return canonical(record.nodes);
    const result: Record<string, unknown> = {};
    for (const key of keys.sort()) result[key] = canonical(record[key]);
    return result;
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}
