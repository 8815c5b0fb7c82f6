import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '@peksos/db/testing';
import { startTestServer, type TestServer } from './testing/test-server.js';

/** A small seeded generator, so that every run makes the same inserts and deletes. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { below: (n: number) => Math.floor(next() * n), pick: <T>(items: T[]) => items[Math.floor(next() * items.length)]! };
}

interface ListSpec {
  name: string;
  /** The connection field with its arguments but the paging ones, e.g. `workers(orderBy: {…})`. */
  field: (paging: string) => string;
  /** Adds a row that lands anywhere in the order. */
  insert: (api: TestServer, random: ReturnType<typeof generator>, serial: number) => Promise<void>;
  /** Takes a row out of the list (deletes or archives it). */
  remove: (api: TestServer, id: string) => Promise<void>;
}

const KINDS = ['SOCIAL_AFFAIRS_OFFICE', 'VILLAGE_OFFICE', 'PKH_UNIT', 'LK3', 'SAKTI_PEKSOS_UNIT', 'SOCIAL_WELFARE_INSTITUTION', 'OTHER'];
const dayOf = (random: ReturnType<typeof generator>) => `20${10 + random.below(9)}-0${1 + random.below(9)}-1${random.below(9)}`;
const nameOf = (random: ReturnType<typeof generator>) => `${'ABCDEFGHIJKLMNOPRSTUWY'[random.below(22)]}uji ${random.below(1000)}`;

const LISTS: ListSpec[] = [
  {
    name: 'workers by name (ascending)',
    field: (paging) => `workers(${paging}, orderBy: { field: FULL_NAME, direction: ASC })`,
    insert: (api, random) =>
      api.systemSql(`INSERT INTO worker (full_name, gender, employment_status) VALUES ($1, 'FEMALE', 'VOLUNTEER')`, [nameOf(random)]),
    remove: (api, id) => api.systemSql(`UPDATE worker SET archived_at = now(), archive_reason = 'uji' WHERE id = $1`, [id]),
  },
  {
    name: 'workers by creation (descending, timestamps with microseconds)',
    field: (paging) => `workers(${paging}, orderBy: { field: CREATED_AT, direction: DESC })`,
    insert: (api, random) =>
      api.systemSql(
        `INSERT INTO worker (full_name, gender, employment_status, created_at)
         VALUES ($1, 'MALE', 'VOLUNTEER', now() - make_interval(secs => $2::double precision / 1000))`,
        [nameOf(random), random.below(5_000_000)],
      ),
    remove: (api, id) => api.systemSql(`UPDATE worker SET archived_at = now(), archive_reason = 'uji' WHERE id = $1`, [id]),
  },
  {
    name: 'organisations by kind (descending, many ties)',
    field: (paging) => `organisations(${paging}, orderBy: { field: KIND, direction: DESC })`,
    insert: (api, random, serial) =>
      api.systemSql(`INSERT INTO organisation (code, name, kind, area_code) VALUES ($1, $2, $3, '32.77.01')`, [
        `UJI-${serial}`,
        nameOf(random),
        random.pick(KINDS),
      ]),
    remove: (api, id) => api.systemSql(`UPDATE organisation SET archived_at = now(), archive_reason = 'uji' WHERE id = $1`, [id]),
  },
  {
    name: 'cases by opening day (descending)',
    field: (paging) => `cases(${paging}, orderBy: { field: OPENED_ON, direction: DESC })`,
    insert: (api, random, serial) =>
      api.systemSql(
        `INSERT INTO social_case (reference, pmks_category_code, organisation_id, opened_on)
         SELECT $1, 'ANAK_TERLANTAR', (SELECT id FROM organisation ORDER BY code LIMIT 1), $2::date`,
        [`UJI/${serial}`, dayOf(random)],
      ),
    remove: async (api, id) => {
      await api.systemSql(`DELETE FROM case_involvement WHERE case_id = $1`, [id]);
      await api.systemSql(`DELETE FROM social_case WHERE id = $1`, [id]);
    },
  },
  {
    name: 'assignments (start descending, then id ascending)',
    field: (paging) => `assignments(${paging})`,
    insert: (api, random) =>
      api.systemSql(
        `WITH w AS (INSERT INTO worker (full_name, gender, employment_status) VALUES ($1, 'FEMALE', 'VOLUNTEER') RETURNING id)
         INSERT INTO assignment (worker_id, organisation_id, starts_on, is_primary)
         SELECT w.id, (SELECT id FROM organisation ORDER BY code LIMIT 1), $2::date, true FROM w`,
        [nameOf(random), dayOf(random)],
      ),
    remove: (api, id) => api.systemSql(`DELETE FROM assignment WHERE id = $1`, [id]),
  },
];

/**
 * Keyset cursors: while a partner reads a list page by page, rows are inserted and others taken out between the pages;
 * every row that was in the list before the walk and still is after it is read exactly once, and no row twice.
 */
describe(`keyset paging under concurrent changes (${testDatabaseKind()})`, () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ dataSet: 'cimahi' });
  });
  afterAll(() => api?.close());

  const allIds = async (list: ListSpec): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: any = await api.query(`query ($after: String) { list: ${list.field('first: 100, after: $after')} {
        nodes { id } pageInfo { hasNextPage endCursor } } }`, { after });
      ids.push(...data.list.nodes.map((node: { id: string }) => node.id));
      if (!data.list.pageInfo.hasNextPage) return ids;
      after = data.list.pageInfo.endCursor;
    }
  };

  let serial = 0;
  for (const list of LISTS) {
    for (const direction of ['forward', 'backward'] as const) {
      it(`${list.name}, paging ${direction}: no row that existed throughout is repeated or skipped`, async () => {
        const random = generator(16_01 + serial);
        const before = await allIds(list);
        expect(before.length).toBeGreaterThan(6);
        const removed = new Set<string>();
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages < 200; pages += 1) {
          const paging = direction === 'forward' ? 'first: 4, after: $cursor' : 'last: 4, before: $cursor';
          const data: any = await api.query(
            `query ($cursor: String) { list: ${list.field(paging)} {
              nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
            { cursor },
          );
          const ids: string[] = data.list.nodes.map((node: { id: string }) => node.id);
          seen.push(...(direction === 'forward' ? ids : [...ids].reverse()));
          const more = direction === 'forward' ? data.list.pageInfo.hasNextPage : data.list.pageInfo.hasPreviousPage;
          if (!more) break;
          cursor = direction === 'forward' ? data.list.pageInfo.endCursor : data.list.pageInfo.startCursor;
          // Between pages: two rows in, one row out (anywhere: read already, on this page, or still to come).
          for (let n = 0; n < 2; n += 1) await list.insert(api, random, (serial += 1));
          const current = await allIds(list);
          const victim = random.pick(current);
          await list.remove(api, victim);
          removed.add(victim);
        }
        expect(seen.length, 'no row read twice').toBe(new Set(seen).size);
        const throughout = before.filter((id) => !removed.has(id));
        const missed = throughout.filter((id) => !seen.includes(id));
        expect(missed, 'rows that existed throughout and were skipped').toEqual([]);
        // And the rows read come in the list's order.
        const after = await allIds(list);
        const order = new Map(after.map((id, index) => [id, index]));
        const positions = seen.filter((id) => order.has(id)).map((id) => order.get(id)!);
        const expected = direction === 'forward' ? [...positions].sort((a, b) => a - b) : [...positions].sort((a, b) => b - a);
        expect(positions).toEqual(expected);
      });
    }
  }

  it('pages back from the end with last/before, and refuses first with last', async () => {
    const everything = await allIds(LISTS[0]!);
    const data: any = await api.query(`{ workers(last: 3, orderBy: { field: FULL_NAME, direction: ASC }) {
      nodes { id } pageInfo { hasPreviousPage hasNextPage startCursor } } }`);
    expect(data.workers.nodes.map((node: { id: string }) => node.id)).toEqual(everything.slice(-3));
    expect(data.workers.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const previous: any = await api.query(
      `query ($before: String) { workers(last: 3, before: $before, orderBy: { field: FULL_NAME, direction: ASC }) { nodes { id } } }`,
      { before: data.workers.pageInfo.startCursor },
    );
    expect(previous.workers.nodes.map((node: { id: string }) => node.id)).toEqual(everything.slice(-6, -3));
    const both = await api.graphql(`{ workers(first: 2, last: 2) { totalCount } }`);
    expect(both.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
    const otherOrder = await api.graphql(
      `query ($after: String) { workers(after: $after, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount } }`,
      { after: data.workers.pageInfo.startCursor },
    );
    expect(otherOrder.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
