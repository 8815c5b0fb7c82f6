import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planScore, solveCoveragePlan, nearness, type PlannedPair, type PlannerInput } from './coverage-plan.solver.js';

/** Areas of two cities, with kecamatan and kelurahan, and a city-wide level. */
const AREAS = ['32.77', '32.77.01', '32.77.01.1001', '32.77.01.1002', '32.77.02.1001', '32.73.01.1001', '32.73'];

/** Every plan that respects the rules: each organisation gets at most one worker of its city, each worker up to their capacity. */
function* allPlans(input: PlannerInput, organisation = 0, used: number[] = input.workers.map(() => 0), pairs: PlannedPair[] = []): Generator<PlannedPair[]> {
  if (organisation === input.organisations.length) {
    yield pairs;
    return;
  }
  yield* allPlans(input, organisation + 1, used, pairs);
  for (const [w, worker] of input.workers.entries()) {
    if (used[w]! >= worker.capacity || nearness(worker.locationCode, input.organisations[organisation]!.areaCode) === null) continue;
    used[w]!++;
    yield* allPlans(input, organisation + 1, used, [...pairs, { worker: w, organisation }]);
    used[w]!--;
  }
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function bestByBruteForce(input: PlannerInput): number[] {
  let best: number[] | null = null;
  for (const plan of allPlans(input)) {
    const score = planScore(input, plan);
    if (!best || compare(score, best) > 0) best = score;
  }
  return best!;
}

function assertValid(input: PlannerInput, plan: PlannedPair[]): void {
  const organisations = plan.map((pair) => pair.organisation);
  expect(new Set(organisations).size).toBe(organisations.length);
  input.workers.forEach((worker, w) => expect(plan.filter((pair) => pair.worker === w).length).toBeLessThanOrEqual(worker.capacity));
  for (const pair of plan) expect(nearness(input.workers[pair.worker]!.locationCode, input.organisations[pair.organisation]!.areaCode)).not.toBeNull();
}

const area = fc.constantFrom(...AREAS);
const instance = fc.record({
  workers: fc.array(fc.record({ locationCode: area, capacity: fc.integer({ min: 0, max: 2 }), load: fc.integer({ min: 0, max: 3 }), certified: fc.boolean() }), { maxLength: 4 }),
  organisations: fc.array(fc.record({ areaCode: area, urgent: fc.boolean() }), { maxLength: 5 }),
});

describe('the coverage planner’s solver', () => {
  it('covers the most organisations, then the nearest, then the least loaded, as brute force does', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (input) => {
        const plan = await solveCoveragePlan(input);
        assertValid(input, plan);
        expect(planScore(input, plan)).toEqual(bestByBruteForce(input));
      }),
      { numRuns: 150 },
    );
  });

  it('prefers the same kelurahan over covering by a farther worker, when coverage is equal', async () => {
    const input: PlannerInput = {
      workers: [
        { locationCode: '32.77.02.1001', capacity: 1, load: 0 },
        { locationCode: '32.77.01.1001', capacity: 1, load: 1 },
      ],
      organisations: [{ areaCode: '32.77.01.1001' }, { areaCode: '32.77' }],
    };
    const plan = await solveCoveragePlan(input);
    expect(plan).toHaveLength(2);
    expect(plan.find((pair) => pair.organisation === 0)?.worker).toBe(1);
  });

  it('gives a placement to the less loaded of two equally near workers', async () => {
    const input: PlannerInput = {
      workers: [
        { locationCode: '32.77.01.1001', capacity: 2, load: 1 },
        { locationCode: '32.77.01.1001', capacity: 2, load: 0 },
      ],
      organisations: [{ areaCode: '32.77.01.1001' }],
    };
    expect(await solveCoveragePlan(input)).toEqual([{ worker: 1, organisation: 0 }]);
  });

  it('proposes nothing across cities', async () => {
    const input: PlannerInput = { workers: [{ locationCode: '32.73.01.1001', capacity: 1, load: 0 }], organisations: [{ areaCode: '32.77.01.1001' }] };
    expect(await solveCoveragePlan(input)).toEqual([]);
  });
});
