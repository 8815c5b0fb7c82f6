import { DomainError, ErrorCode } from '@peksos/schema-kit';
import { RateLimiter } from '../http/rate-limiter.js';
import type { AccessSettings } from '../settings.js';

/** Who is trying a password: the account's username (as typed, normalised) and the caller's address. */
export interface PasswordAttempt {
  username: string;
  address: string;
}

interface FailureRecord {
  failures: number;
  blockedUntil: number;
  lastAt: number;
}

/** How long a failure is remembered after the last one (then the pair starts afresh). */
const FAILURE_MEMORY_MS = 60 * 60 * 1000;

/**
 * Guards every password check (sign-in and changeMyPassword) in this server process (docs/access.md, "Sign-in"):
 *
 * - **Attempts per address**: at most `signInsPerMinutePerAddress` a minute, whether they succeed or not.
 * - **Failures per username and address**: after `freeFailedSignIns` failures in a row for one username from one
 *   address, each further attempt from that address must wait (doubling up to `signInBlockMaxSeconds`). The username
 *   need not exist: known and unknown ones answer alike. Another address is not affected, so nobody can lock a person
 *   out of their own account from elsewhere.
 * - **Hashing**: at most `concurrentPasswordHashes` password hashes run at once (scrypt takes a thread of Node's pool
 *   and 128 MiB each), at most one per address, and at most `passwordHashQueue` wait; beyond that the attempt is
 *   refused at once. A flood from one address then holds one hashing slot, and a sign-in from elsewhere waits for at
 *   most the queue ahead of it.
 *
 * Refusals are TOO_MANY_REQUESTS with `retryAfterSeconds`, before any database read or hashing, so they take the same
 * short time for every username.
 */
export class SignInGuard {
  private readonly attempts: RateLimiter;
  private readonly failures = new Map<string, FailureRecord>();
  private readonly hashingAddresses = new Set<string>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private lastSweep = 0;

  constructor(
    private readonly settings: Pick<
      AccessSettings,
      | 'freeFailedSignIns'
      | 'signInBlockSeconds'
      | 'signInBlockMaxSeconds'
      | 'signInsPerMinutePerAddress'
      | 'concurrentPasswordHashes'
      | 'passwordHashQueue'
    >,
    private readonly now: () => number = Date.now,
  ) {
    this.attempts = new RateLimiter(settings.signInsPerMinutePerAddress, now);
  }

  /**
   * Checks a password with `check` (which returns whether it was right) under the limits above; counts a wrong one.
   * Throws TOO_MANY_REQUESTS without calling `check` when a limit refuses.
   */
  async check<T extends boolean>(attempt: PasswordAttempt, check: () => Promise<T>): Promise<T> {
    const key = failureKey(attempt);
    const now = this.now();
    this.sweep(now);
    const record = this.failures.get(key);
    if (record && record.blockedUntil > now) throw tooManyAttempts(Math.ceil((record.blockedUntil - now) / 1000));
    const rateWait = this.attempts.take(attempt.address);
    if (rateWait) throw tooManyAttempts(rateWait);

    const right = await this.hashing(attempt.address, check);
    if (right) this.failures.delete(key);
    else this.recordFailure(key);
    return right;
  }

  private recordFailure(key: string): void {
    const { freeFailedSignIns, signInBlockSeconds, signInBlockMaxSeconds } = this.settings;
    const now = this.now();
    const record = this.failures.get(key) ?? { failures: 0, blockedUntil: 0, lastAt: now };
    record.failures += 1;
    record.lastAt = now;
    if (record.failures >= freeFailedSignIns) {
      const seconds = Math.min(signInBlockSeconds * 2 ** (record.failures - freeFailedSignIns), signInBlockMaxSeconds);
      record.blockedUntil = now + seconds * 1000;
    }
    this.failures.set(key, record);
  }

  /** Runs one hashing `work` when a slot is free: one per address, `concurrentPasswordHashes` in all, a bounded queue. */
  private async hashing<T>(address: string, work: () => Promise<T>): Promise<T> {
    const { concurrentPasswordHashes, passwordHashQueue } = this.settings;
    if (concurrentPasswordHashes <= 0) return work();
    if (this.hashingAddresses.has(address) || (this.running >= concurrentPasswordHashes && this.waiting.length >= passwordHashQueue)) {
      throw busy();
    }
    this.hashingAddresses.add(address);
    try {
      if (this.running < concurrentPasswordHashes) this.running += 1;
      // The slot is handed over by the one finishing (running stays the same).
      else await new Promise<void>((resolve) => this.waiting.push(resolve));
      try {
        return await work();
      } finally {
        const next = this.waiting.shift();
        if (next) next();
        else this.running -= 1;
      }
    } finally {
      this.hashingAddresses.delete(address);
    }
  }

  /** Forgets failures an hour old, so memory stays bounded by the callers of the last hour. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, record] of this.failures) {
      if (now - record.lastAt >= FAILURE_MEMORY_MS && record.blockedUntil <= now) this.failures.delete(key);
    }
  }
}

function failureKey(attempt: PasswordAttempt): string {
  return `${attempt.username.trim().toLowerCase()}\u0000${attempt.address}`;
}

export function tooManyAttempts(retryAfterSeconds: number): DomainError {
  const error = new DomainError(
    ErrorCode.TOO_MANY_REQUESTS,
    `Too many sign-in attempts: try again in ${retryAfterSeconds} seconds`,
  );
  error.extensions.retryAfterSeconds = retryAfterSeconds;
  return error;
}

function busy(): DomainError {
  const error = new DomainError(ErrorCode.TOO_MANY_REQUESTS, 'Too many sign-in attempts at once: try again in a second');
  error.extensions.retryAfterSeconds = 1;
  return error;
}
