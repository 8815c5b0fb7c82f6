import { DEFAULT_PASSWORD_COST_LOG2 } from './passwords.js';
import type { SignInGuard } from './sessions/sign-in-guard.js';

/** How access behaves; apps/api reads these from its environment (docs/operating.md). */
export interface AccessSettings {
  /** scrypt cost of new password hashes, as log2(N). */
  passwordCostLog2: number;
  /** How long a console session lasts after sign-in. */
  sessionHours: number;
  /** Cookies only over HTTPS (production). */
  secureCookies: boolean;
  /** Failed sign-ins in a row for one username from one address before each further attempt from there must wait. */
  freeFailedSignIns: number;
  /** The first wait after those; it doubles with each further failure, up to signInBlockMaxSeconds. */
  signInBlockSeconds: number;
  signInBlockMaxSeconds: number;
  /** Password checks (sign-in, changeMyPassword) per minute from one address (0: no limit). */
  signInsPerMinutePerAddress: number;
  /** Password hashes at once in this process (0: no limit); each takes a thread of Node's pool and 128 MiB. */
  concurrentPasswordHashes: number;
  /** Password checks that may wait for a hashing slot; beyond them TOO_MANY_REQUESTS. */
  passwordHashQueue: number;
  /** Requests per minute from one address without an API key (0: no limit). */
  requestsPerMinutePerAddress: number;
  /** Requests per minute with one API key (0: no limit). */
  requestsPerMinutePerKey: number;
}

export const DEFAULT_ACCESS_SETTINGS: AccessSettings = {
  passwordCostLog2: DEFAULT_PASSWORD_COST_LOG2,
  sessionHours: 8,
  secureCookies: false,
  freeFailedSignIns: 5,
  signInBlockSeconds: 2,
  signInBlockMaxSeconds: 15 * 60,
  signInsPerMinutePerAddress: 30,
  concurrentPasswordHashes: 2,
  passwordHashQueue: 16,
  requestsPerMinutePerAddress: 600,
  requestsPerMinutePerKey: 1200,
};

/** What the access resolvers need from the HTTP layer for one request. */
export interface AccessRequest {
  settings: AccessSettings;
  /** The session the request came with, if any. */
  sessionId: string | null;
  /** The caller's address (behind a proxy, as `PEKSOS_TRUST_PROXY` says to find it). */
  address: string;
  /** The limits on password checks, one for the server process. */
  signIns: SignInGuard;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export const SESSION_COOKIE = 'peksos_session';
/** Cookie-authenticated requests that change something must carry this header (a cross-site form cannot). */
export { CSRF_HEADER } from '@peksos/types';
