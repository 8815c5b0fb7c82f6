import highsPackage from 'highs';

// The package is CommonJS with a default export: TypeScript sees the module object, Node's ESM import the function.
type LoadHighs = typeof highsPackage.default;
const loadHighs = ((highsPackage as { default?: LoadHighs }).default ?? highsPackage) as LoadHighs;

/**
 * The coverage planner's model, solved exactly with HiGHS (docs/coverage-planner.md). Pure: no database, so tests
 * compare it with brute force on small cases.
 */

/** How near a worker is to an organisation, nearest first. */
export enum Nearness {
  SAME_KELURAHAN = 'SAME_KELURAHAN',
  SAME_KECAMATAN = 'SAME_KECAMATAN',
  SAME_CITY = 'SAME_CITY',
}

export interface PlannerWorker {
  /** Certified on the day: among otherwise equal plans, certified workers are placed first. */
  certified?: boolean;
  /** Where the worker is: their home area, else the area of their placement (a Kemendagri code). */
  locationCode: string;
  /** Placements the worker may still take (the office's maximum less those they hold). */
  capacity: number;
  /** Placements the worker holds already. */
  load: number;
}

export interface PlannerOrganisation {
  areaCode: string;
  /**
   * Covered first among equals: with certified workers only, an organisation that has no worker at all goes before
   * one whose worker is not yet certified.
   */
  urgent?: boolean;
}

export interface PlannerInput {
  workers: PlannerWorker[];
  organisations: PlannerOrganisation[];
}

/** One proposed placement: indexes into the input's workers and organisations. */
export interface PlannedPair {
  worker: number;
  organisation: number;
}

const segments = (code: string) => code.split('.');

/** The kota/kabupaten of an area code (its first two segments), or the code itself above that level. */
export function regencyOf(code: string): string {
  return segments(code).slice(0, 2).join('.');
}

function kecamatanOf(code: string): string | null {
  const parts = segments(code);
  return parts.length >= 3 ? parts.slice(0, 3).join('.') : null;
}

/**
 * How near a worker at `workerCode` is to an organisation at `organisationCode`, or null when they are in different
 * kota/kabupaten (the planner proposes no placement across them).
 */
export function nearness(workerCode: string, organisationCode: string): Nearness | null {
  if (regencyOf(workerCode) !== regencyOf(organisationCode)) return null;
  if (segments(organisationCode).length >= 4 && workerCode === organisationCode) return Nearness.SAME_KELURAHAN;
  const kecamatan = kecamatanOf(organisationCode);
  if (kecamatan && kecamatanOf(workerCode) === kecamatan) return Nearness.SAME_KECAMATAN;
  return Nearness.SAME_CITY;
}

/**
 * The plan's score, compared lexicographically (larger is better): organisations covered, urgent ones among them,
 * placements in the same kelurahan, placements in the same kecamatan (those in the same kelurahan included),
 * placements of certified workers, and the negated workload cost:
 * each worker's n new placements cost (load+1) + … + (load+n), so a placement goes to the less loaded worker first.
 */
export function planScore(input: PlannerInput, pairs: PlannedPair[]): [number, number, number, number, number, number] {
  let urgent = 0;
  let certified = 0;
  let sameKelurahan = 0;
  let sameKecamatan = 0;
  const added = new Map<number, number>();
  let cost = 0;
  for (const pair of pairs) {
    if (input.organisations[pair.organisation]!.urgent) urgent++;
    if (input.workers[pair.worker]!.certified) certified++;
    const near = nearness(input.workers[pair.worker]!.locationCode, input.organisations[pair.organisation]!.areaCode);
    if (near === Nearness.SAME_KELURAHAN) sameKelurahan++;
    if (near === Nearness.SAME_KELURAHAN || near === Nearness.SAME_KECAMATAN) sameKecamatan++;
    const n = (added.get(pair.worker) ?? 0) + 1;
    added.set(pair.worker, n);
    cost += input.workers[pair.worker]!.load + n;
  }
  return [pairs.length, urgent, sameKelurahan, sameKecamatan, certified, -cost];
}

type Term = [coefficient: number, variable: string];

function expression(terms: Term[]): string {
  // Short lines: the LP format continues an expression on the next line.
  const parts = terms.map(([coefficient, variable], index) => {
    const sign = coefficient < 0 ? '-' : index === 0 ? '' : '+';
    const magnitude = Math.abs(coefficient);
    return `${sign} ${magnitude === 1 ? '' : `${magnitude} `}${variable}`;
  });
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n  ');
}

let highsPromise: ReturnType<typeof loadHighs> | null = null;

/** The HiGHS runtime (WebAssembly), loaded once per process. */
function highs(): ReturnType<typeof loadHighs> {
  highsPromise ??= loadHighs();
  return highsPromise;
}

/**
 * Proposes placements: each organisation gets at most one worker, each worker at most `capacity` new placements, and
 * only within one kota/kabupaten. Maximises, in this order: organisations covered; urgent organisations covered;
 * placements in the same kelurahan; placements in the same kecamatan; placements of certified workers; balance
 * (minimum workload cost, see `planScore`). Solved as a sequence of MIPs, each
 * keeping the optimum of the previous objectives as a constraint (lexicographic optimisation).
 *
 * To keep the model small for a province, pairs in the same kecamatan are variables of their own (x), and every other
 * pair of a kota/kabupaten goes through one pool per kota (a worker sends y placements to it, an organisation takes
 * z from it): all such pairs score alike, so any matching of the pool's workers to its organisations is optimal.
 */
export async function solveCoveragePlan(input: PlannerInput): Promise<PlannedPair[]> {
  const { workers, organisations } = input;
  const x: { name: string; worker: number; organisation: number; sameKelurahan: boolean }[] = [];
  const workerTerms = workers.map(() => [] as Term[]);
  const organisationTerms = organisations.map(() => [] as Term[]);
  const pools = new Map<string, { workers: number[]; organisations: number[] }>();
  const pool = (code: string) => {
    const key = regencyOf(code);
    let found = pools.get(key);
    if (!found) pools.set(key, (found = { workers: [], organisations: [] }));
    return found;
  };

  const byKecamatan = new Map<string, number[]>();
  workers.forEach((worker, index) => {
    if (worker.capacity <= 0) return;
    pool(worker.locationCode).workers.push(index);
    const kecamatan = kecamatanOf(worker.locationCode);
    if (kecamatan) byKecamatan.set(kecamatan, [...(byKecamatan.get(kecamatan) ?? []), index]);
  });
  organisations.forEach((organisation, o) => {
    pool(organisation.areaCode).organisations.push(o);
    const kecamatan = kecamatanOf(organisation.areaCode);
    for (const w of kecamatan ? (byKecamatan.get(kecamatan) ?? []) : []) {
      const name = `x${x.length}`;
      x.push({ name, worker: w, organisation: o, sameKelurahan: nearness(workers[w]!.locationCode, organisation.areaCode) === Nearness.SAME_KELURAHAN });
      workerTerms[w]!.push([1, name]);
      organisationTerms[o]!.push([1, name]);
    }
  });

  const constraints: string[] = [];
  const binaries: string[] = x.map((variable) => variable.name);
  const bounds: string[] = [];
  const generals: string[] = [];
  const covered: Term[] = x.map((variable) => [1, variable.name]);
  const urgent: Term[] = x.filter((variable) => organisations[variable.organisation]!.urgent).map((variable) => [1, variable.name]);
  const slots: Term[] = [];
  const certifiedTerms: Term[] = x.filter((variable) => workers[variable.worker]!.certified).map((variable) => [1, variable.name]);
  let poolIndex = 0;
  const poolVariables: { pool: { workers: number[]; organisations: number[] }; y: string[]; z: string[] }[] = [];
  for (const members of pools.values()) {
    if (members.workers.length === 0 || members.organisations.length === 0) continue;
    const p = poolIndex++;
    const y = members.workers.map((w) => `y${p}_${w}`);
    const z = members.organisations.map((o) => `z${p}_${o}`);
    members.workers.forEach((w, i) => {
      if (workers[w]!.certified) certifiedTerms.push([1, y[i]!]);
      workerTerms[w]!.push([1, y[i]!]);
      bounds.push(`0 <= ${y[i]} <= ${workers[w]!.capacity}`);
      generals.push(y[i]!);
    });
    members.organisations.forEach((o, i) => {
      organisationTerms[o]!.push([1, z[i]!]);
      binaries.push(z[i]!);
      covered.push([1, z[i]!]);
      if (organisations[members.organisations[i]!]!.urgent) urgent.push([1, z[i]!]);
    });
    constraints.push(`pool${p}: ${expression([...y.map((name): Term => [1, name]), ...z.map((name): Term => [-1, name])])} = 0`);
    poolVariables.push({ pool: members, y, z });
  }
  if (covered.length === 0) return [];

  workerTerms.forEach((terms, w) => {
    if (terms.length === 0) return;
    const worker = workers[w]!;
    const slotTerms: Term[] = [];
    for (let k = 1; k <= worker.capacity; k++) {
      const name = `s${w}_${k}`;
      binaries.push(name);
      slotTerms.push([-1, name]);
      slots.push([worker.load + k, name]);
    }
    constraints.push(`w${w}: ${expression([...terms, ...slotTerms])} = 0`);
  });
  organisationTerms.forEach((terms, o) => {
    if (terms.length > 1) constraints.push(`o${o}: ${expression(terms)} <= 1`);
  });

  const nearnessTerms: Term[] = x.map((variable) => [variable.sameKelurahan ? organisations.length + 2 : 1, variable.name]);
  const objectives: { sense: 'Maximize' | 'Minimize'; terms: Term[] }[] = [
    { sense: 'Maximize', terms: covered },
    { sense: 'Maximize', terms: urgent },
    { sense: 'Maximize', terms: nearnessTerms },
    { sense: 'Maximize', terms: certifiedTerms },
    { sense: 'Minimize', terms: slots },
  ];

  const solver = await highs();
  let solution: Record<string, { Primal: number }> = {};
  const kept: string[] = [];
  for (const [index, objective] of objectives.entries()) {
    if (objective.terms.length === 0) continue;
    const text = [
      objective.sense,
      ` obj: ${expression(objective.terms)}`,
      'Subject To',
      ...constraints.map((line) => ` ${line}`),
      ...kept.map((line) => ` ${line}`),
      ...(bounds.length ? ['Bounds', ...bounds.map((line) => ` ${line}`)] : []),
      ...(generals.length ? ['Generals', ...chunk(generals).map((line) => ` ${line}`)] : []),
      'Binaries',
      ...chunk(binaries).map((line) => ` ${line}`),
      'End',
    ].join('\n');
    const result = solver.solve(text, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-6 });
    if (result.Status !== 'Optimal') throw new Error(`The coverage planner's solver stopped with status ${result.Status}`);
    solution = result.Columns as Record<string, { Primal: number }>;
    // The objectives have integer coefficients, so their optima are integers: keep each as a bound on the next.
    const optimum = Math.round(result.ObjectiveValue);
    kept.push(`keep${index}: ${expression(objective.terms)} ${objective.sense === 'Maximize' ? '>=' : '<='} ${optimum}`);
  }

  const chosen = (name: string) => (solution[name]?.Primal ?? 0) > 0.5;
  const pairs: PlannedPair[] = x.filter((variable) => chosen(variable.name)).map(({ worker, organisation }) => ({ worker, organisation }));
  for (const { pool, y, z } of poolVariables) {
    const senders: number[] = [];
    pool.workers.forEach((w, i) => {
      for (let n = Math.round(solution[y[i]!]?.Primal ?? 0); n > 0; n--) senders.push(w);
    });
    const takers = pool.organisations.filter((_, i) => chosen(z[i]!));
    takers.forEach((o, i) => pairs.push({ worker: senders[i]!, organisation: o }));
  }
  return pairs;
}

function chunk(names: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 20) lines.push(names.slice(i, i + 20).join(' '));
  return lines;
}
