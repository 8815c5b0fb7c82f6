import { createHash } from 'node:crypto';
import { DomainError, ErrorCode } from '@peksos/schema-kit';
import { RateLimiter, type RateLimitStore } from '../http/rate-limiter.js';
import type { AccessSettings } from '../settings.js';

/** Who is trying a password: the account's username (as typed, normalised) and the caller's address. */
export interface PasswordAttempt {
  username: string;
  address: string;
}

/** How long failures are remembered after the first of a series (then the pair starts afresh). */
const FAILURE_MEMORY_SECONDS = 60 * 60;

/**
 * Guards every password check (sign-in and changeMyPassword) (docs/access.md, "Sign-in"):
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
 * The first two are counted in the database (`rate_limit`), so they hold across every server process of one
 * PostgreSQL: an attacker gains nothing by reaching another process behind the proxy. The third is about this
 * process's own threads and memory, so it stays in this process.
 *
 * Refusals are TOO_MANY_REQUESTS with `retryAfterSeconds`, before any account is read or any hashing, so they take
 * the same short time for every username.
 */
export class SignInGuard {
  private readonly attempts: RateLimiter;
  private readonly failures: RateLimiter;
  private readonly blocks: RateLimiter;
  private readonly hashingAddresses = new Set<string>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;

  constructor(
    store: RateLimitStore,
    private readonly settings: Pick<
      AccessSettings,
      | 'freeFailedSignIns'
      | 'signInBlockSeconds'
      | 'signInBlockMaxSeconds'
      | 'signInsPerMinutePerAddress'
      | 'concurrentPasswordHashes'
      | 'passwordHashQueue'
    >,
  ) {
    this.attempts = new RateLimiter(store, { name: 'sign-in-address', points: settings.signInsPerMinutePerAddress, seconds: 60 });
    // Counted without a ceiling: what matters is how many, to double the wait.
    this.failures = new RateLimiter(store, { name: 'sign-in-failures', points: 1_000_000, seconds: FAILURE_MEMORY_SECONDS });
    this.blocks = new RateLimiter(store, { name: 'sign-in-block', points: 1, seconds: Math.max(1, settings.signInBlockMaxSeconds) });
  }

  /**
   * Checks a password with `check` (which returns whether it was right) under the limits above; counts a wrong one.
   * Throws TOO_MANY_REQUESTS without calling `check` when a limit refuses.
   */
  async check<T extends boolean>(attempt: PasswordAttempt, check: () => Promise<T>): Promise<T> {
    // The address's count first: once it is over, this process refuses from memory (rate-limiter.ts), so a flood
    // costs no statement.
    const rateWait = await this.attempts.take(attempt.address);
    if (rateWait) throw tooManyAttempts(rateWait);
    const key = failureKey(attempt);
    const blockedMs = await this.blocks.blockedFor(key);
    if (blockedMs > 0) throw tooManyAttempts(Math.ceil(blockedMs / 1000));

    const right = await this.hashing(attempt.address, check);
    if (right) await this.failures.forget(key);
    else await this.recordFailure(key);
    return right;
  }

  private async recordFailure(key: string): Promise<void> {
    const { freeFailedSignIns, signInBlockSeconds, signInBlockMaxSeconds } = this.settings;
    const failures = await this.failures.add(key);
    if (failures >= freeFailedSignIns) {
      const seconds = Math.min(signInBlockSeconds * 2 ** (failures - freeFailedSignIns), signInBlockMaxSeconds);
      await this.blocks.block(key, seconds);
    }
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
}

/** A fixed-length key for a username as typed (any length) and an address. */
function failureKey(attempt: PasswordAttempt): string {
  return createHash('sha256').update(`${attempt.username.trim().toLowerCase()}\u0000${attempt.address}`).digest('base64url');
}

export function tooManyAttempts(retryAfterSeconds: number): DomainError {
  const error = new DomainError(
    ErrorCode.TOO_MANY_REQUESTS,
    `Too many sign-in attempts: try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'second' : 'seconds'}`,
  );
  error.extensions.retryAfterSeconds = retryAfterSeconds;
  return error;
}

function busy(): DomainError {
  const error = new DomainError(ErrorCode.TOO_MANY_REQUESTS, 'Too many sign-in attempts at once: try again in a second');
  error.extensions.retryAfterSeconds = 1;
  return error;
}
