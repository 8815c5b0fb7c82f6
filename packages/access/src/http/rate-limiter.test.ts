import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate, openDatabase, type Database } from '@peksos/db';
import { createTestDatabaseLocation, testDatabaseKind, type TestDatabaseLocation } from '@peksos/db/testing';
import { RateLimits1764600010000 } from '../migrations/1764600010000-rate-limits.js';
import { SignInGuard } from '../sessions/sign-in-guard.js';
import { RateLimiter, rateLimitStore } from './rate-limiter.js';

/**
 * The limits' counts live in the database. On PostgreSQL two data sources stand for two server processes (each its
 * own pool, as each process has); on the embedded database, which one process owns, two limiters on one database.
 */
describe(`rate limits in the database (${testDatabaseKind()})`, () => {
  let location: TestDatabaseLocation;
  let first: Database;
  let second: Database;

  beforeAll(async () => {
    location = await createTestDatabaseLocation();
    first = await openDatabase({ location: location.location, entities: [], migrations: [RateLimits1764600010000] });
    await migrate(first.dataSource);
    second =
      location.location.kind === 'postgres'
        ? await openDatabase({ location: location.location, entities: [], migrations: [RateLimits1764600010000] })
        : first;
  });
  afterAll(async () => {
    if (second !== first) await second?.close();
    await first?.close();
    await location?.dispose();
  });
  afterEach(() => vi.useRealTimers());

  it('holds one limit for the processes together, per key, and starts again in the next window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000_000);
    const limit = { name: 'test-requests', points: 3, seconds: 60 };
    const inFirst = new RateLimiter(rateLimitStore(first.dataSource), limit);
    const inSecond = new RateLimiter(rateLimitStore(second.dataSource), limit);
    expect([await inFirst.take('a'), await inSecond.take('a'), await inFirst.take('a')]).toEqual([0, 0, 0]);
    expect(await inSecond.take('a')).toBe(60);
    expect(await inFirst.take('b')).toBe(0); // another caller has its own count
    vi.setSystemTime(1_000_030_000);
    expect(await inFirst.take('a')).toBe(30);
    vi.setSystemTime(1_000_060_000);
    expect(await inSecond.take('a')).toBe(0);
    const rows = await first.dataSource.query(`SELECT key, points FROM rate_limit WHERE key LIKE 'test-requests:%' ORDER BY key`);
    expect(rows).toEqual([
      { key: 'test-requests:a', points: 1 },
      { key: 'test-requests:b', points: 1 },
    ]);
  });

  it('does not limit, nor write, when the limit is 0', async () => {
    const limiter = new RateLimiter(rateLimitStore(first.dataSource), { name: 'test-unlimited', points: 0, seconds: 60 });
    for (let index = 0; index < 100; index += 1) expect(await limiter.take('a')).toBe(0);
    expect(await first.dataSource.query(`SELECT count(*) AS rows FROM rate_limit WHERE key LIKE 'test-unlimited:%'`)).toEqual([{ rows: 0 }]);
  });

  it('throttles a username and address after failures in any process, doubling the wait, and not other addresses', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(2_000_000_000);
    const settings = {
      freeFailedSignIns: 2,
      signInBlockSeconds: 2,
      signInBlockMaxSeconds: 900,
      signInsPerMinutePerAddress: 0,
      concurrentPasswordHashes: 0,
      passwordHashQueue: 0,
    };
    const guards = [new SignInGuard(rateLimitStore(first.dataSource), settings), new SignInGuard(rateLimitStore(second.dataSource), settings)];
    const attempt = { username: 'siti', address: '10.0.0.1' };
    const wrong = async () => false;
    expect(await guards[0]!.check(attempt, wrong)).toBe(false);
    expect(await guards[1]!.check(attempt, wrong)).toBe(false); // the second failure: a 2 s wait starts
    await expect(guards[0]!.check(attempt, async () => true)).rejects.toMatchObject({ extensions: { retryAfterSeconds: 2 } });
    expect(await guards[1]!.check({ ...attempt, address: '10.0.0.2' }, async () => true)).toBe(true);
    vi.setSystemTime(2_000_002_001);
    expect(await guards[0]!.check(attempt, wrong)).toBe(false); // the third: 4 s
    await expect(guards[1]!.check(attempt, async () => true)).rejects.toMatchObject({ extensions: { retryAfterSeconds: 4 } });
    vi.setSystemTime(2_000_006_002);
    expect(await guards[1]!.check(attempt, async () => true)).toBe(true); // right: the failures are forgotten
    expect(await guards[0]!.check(attempt, wrong)).toBe(false);
    expect(await guards[0]!.check(attempt, async () => true)).toBe(true); // one failure: no wait
  });
});
