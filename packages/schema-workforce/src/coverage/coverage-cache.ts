import { EntityManager, type DataSource } from 'typeorm';

/**
 * An exact cache of the coverage answers (the gap list and its count, the workforce summary, the area breakdown),
 * one per DataSource (so one per API process), valid while the workforce version (migration
 * 1764400099950-workforce-version.ts) is the one it was stored under. Every request reads the version from the
 * database first, in one statement, so several processes behind a proxy stay exact: a write committed through any
 * of them bumps it, and the next request anywhere misses.
 *
 * - The version is read before the answer is computed: the data an answer is computed from is at least as new as the
 *   version it is stored under, never older.
 * - A reader inside a transaction that wrote the workforce's tables (not yet committed, so not yet bumped) computes
 *   without the cache and stores nothing: it must see its own writes, and nobody else may.
 * - Keys hold the question and every argument that decides the answer, the resolved date included. The answers
 *   depend on no caller (the tables are readable by every role); who may ask is checked before the cache is asked.
 * - With a read replica, all statements of a request go to one server (db/read-routing.ts), so the version and the data
 *   it guards come from the same one; a lagging replica's older version misses, and its answer does not replace a
 *   newer one stored by a request on the primary.
 * - At most `MAX_ENTRIES` answers per DataSource, least recently used first out. Concurrent misses of one key and
 *   version share one computation. Entries are shared between requests: each reader gets its own copy (`copy`).
 * - `PEKSOS_COVERAGE_CACHE=off` turns it off (no version statement either): to measure, or to rule it out.
 */
export const MAX_ENTRIES = 500;

/** What a request read of the version: the version, or null when it must compute without the cache. */
export interface CoverageCacheView {
  readonly version: bigint | null;
}

const BYPASS: CoverageCacheView = { version: null };

interface Entry {
  version: bigint;
  answer: Promise<unknown>;
}

/** A least-recently-used map of answers by key, each with the version it was computed at. */
export class CoverageCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries = MAX_ENTRIES) {}

  get size(): number {
    return this.entries.size;
  }

  /** The answer stored under `key` at `version`, else `compute`'s, stored unless a newer one is there already. */
  answer<T>(key: string, version: bigint, compute: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry?.version === version) {
      this.hits += 1;
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.answer as Promise<T>;
    }
    this.misses += 1;
    const answer = compute();
    if (entry && entry.version > version) return answer;
    const stored: Entry = { version, answer };
    this.entries.delete(key);
    this.entries.set(key, stored);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // A failed computation is not kept: the next request tries again.
    answer.catch(() => {
      if (this.entries.get(key) === stored) this.entries.delete(key);
    });
    return answer;
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<DataSource, CoverageCache>();

function dataSourceOf(db: DataSource | EntityManager): DataSource {
  return db instanceof EntityManager ? db.dataSource : db;
}

/** The cache of a DataSource (one per process and database). */
export function coverageCacheOf(db: DataSource | EntityManager): CoverageCache {
  const dataSource = dataSourceOf(db);
  let cache = caches.get(dataSource);
  if (!cache) caches.set(dataSource, (cache = new CoverageCache()));
  return cache;
}

/** Whether the cache is on unless a caller says otherwise: `PEKSOS_COVERAGE_CACHE=off` turns it off. */
export function coverageCacheEnabled(): boolean {
  return process.env.PEKSOS_COVERAGE_CACHE !== 'off';
}

/**
 * Reads the version the answers of this request are checked against (one statement, on `db`: inside its
 * transaction when it is a transaction's manager), or the bypass when the cache is off or that transaction wrote.
 */
export async function readCoverageVersion(db: DataSource | EntityManager, enabled = coverageCacheEnabled()): Promise<CoverageCacheView> {
  if (!enabled) return BYPASS;
  const [row] = (await db.query(
    `SELECT version::text AS version, current_setting('peksos.workforce_written', true) AS written FROM workforce_version`,
  )) as { version: string; written: string | null }[];
  return row && row.written !== 'on' ? { version: BigInt(row.version) } : BYPASS;
}

/**
 * The answer to `key` (the question and all its arguments), from the cache when stored at the version `view` read,
 * else computed by `compute` (the service's own computation) and stored. `copy` makes a reader's own copy of a stored
 * answer, so no request changes what another gets.
 */
export async function cachedAnswer<T>(
  db: DataSource | EntityManager,
  view: CoverageCacheView,
  key: readonly unknown[],
  compute: () => Promise<T>,
  copy: (answer: T) => T,
): Promise<T> {
  if (view.version === null) return compute();
  return copy(await coverageCacheOf(db).answer(JSON.stringify(key), view.version, compute));
}

/** A shallow copy of an entity (its class kept), for `cachedAnswer`'s `copy`. */
export function copyEntity<T extends object>(entity: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(entity) as object) as T, entity);
}
