import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';

/** The table every process's counts live in (migration RateLimits1764600010000). */
export const RATE_LIMIT_TABLE = 'rate_limit';

/**
 * Where the counts of the rate limits live: the database's `rate_limit` table, so that every server process in front
 * of one PostgreSQL applies one limit together (docs/operating.md, "Several processes"). The embedded database uses
 * the same table (one process owns it, so nothing is shared there, but the code and its behaviour are the same).
 *
 * The statements go straight to the primary's pool (never to a read replica, never inside a request's transaction)
 * through rate-limiter-flexible's PostgreSQL store: one upsert per counted request.
 */
export interface RateLimitStore {
  /** pg's pool of the primary (TypeORM's `driver.master`). */
  pool: unknown;
}

export function rateLimitStore(dataSource: DataSource): RateLimitStore {
  return { pool: (dataSource.driver as unknown as { master: unknown }).master };
}

/**
 * Counts events per key (an address, an API key, a username and address) in fixed windows, in the shared store.
 *
 * Should the store fail (the database unreachable for a moment), this process's own memory decides meanwhile
 * (rate-limiter-flexible's insurance limiter): a limit is then per process until the store answers again, rather
 * than no limit or a refusal of everything.
 */
export class RateLimiter {
  private readonly limiter: RateLimiterPostgres | null;

  constructor(
    store: RateLimitStore,
    options: {
      /** Distinguishes this limit's keys from the other limits' in the one table. */
      name: string;
      /** Events allowed per window (0: no limit). */
      points: number;
      /** The window, in seconds. */
      seconds: number;
      /** Whether this limiter deletes long-expired rows now and then (one per process is enough). */
      sweeps?: boolean;
    },
  ) {
    this.limiter =
      options.points <= 0
        ? null
        : new RateLimiterPostgres({
            storeClient: store.pool,
            storeType: 'pool',
            tableName: RATE_LIMIT_TABLE,
            tableCreated: true,
            clearExpiredByTimeout: options.sweeps ?? false,
            keyPrefix: options.name,
            points: options.points,
            duration: options.seconds,
            // Once the store refuses a key, this process refuses it from memory until the window ends, without asking
            // the database again: a flood from one caller does not become a flood of statements.
            inMemoryBlockOnConsumed: options.points + 1,
            insuranceLimiter: new RateLimiterMemory({ keyPrefix: options.name, points: options.points, duration: options.seconds }),
          });
  }

  /** Counts one event for `key`; returns 0 when allowed, otherwise the seconds until the window ends. */
  async take(key: string): Promise<number> {
    if (!this.limiter) return 0;
    try {
      await this.limiter.consume(key);
      return 0;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw refusal;
    }
  }

  /** How many events `key` has in its current window (0 when none). */
  async count(key: string): Promise<number> {
    if (!this.limiter) return 0;
    return (await this.limiter.get(key))?.consumedPoints ?? 0;
  }

  /** Counts `points` events for `key` without refusing; returns the count in the window afterwards. */
  async add(key: string, points = 1): Promise<number> {
    if (!this.limiter) return 0;
    try {
      return (await this.limiter.consume(key, points)).consumedPoints;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return refusal.consumedPoints;
      throw refusal;
    }
  }

  /** Blocks `key` for `seconds` from now (its count starts afresh after). */
  async block(key: string, seconds: number): Promise<void> {
    if (this.limiter) await this.limiter.block(key, seconds);
  }

  /** Milliseconds until `key`'s block ends (0 when it is not blocked). */
  async blockedFor(key: string): Promise<number> {
    if (!this.limiter) return 0;
    const state = await this.limiter.get(key);
    return state && state.consumedPoints > this.limiter.points ? state.msBeforeNext : 0;
  }

  /** Forgets `key`'s count. */
  async forget(key: string): Promise<void> {
    if (this.limiter) await this.limiter.delete(key);
  }
}
