import { DEFAULT_PASSWORD_COST_LOG2 } from './passwords.js';

/** How access behaves; apps/api reads these from its environment (docs/operating.md). */
export interface AccessSettings {
  /** scrypt cost of new password hashes, as log2(N). */
  passwordCostLog2: number;
  /** How long a console session lasts after sign-in. */
  sessionHours: number;
  /** Cookies only over HTTPS (production). */
  secureCookies: boolean;
  /** Failed sign-ins in a row an account allows before each further attempt must wait. */
  freeFailedSignIns: number;
  /** The first wait after those; it doubles with each further failure, up to signInBlockMaxSeconds. */
  signInBlockSeconds: number;
  signInBlockMaxSeconds: number;
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
  requestsPerMinutePerAddress: 600,
  requestsPerMinutePerKey: 1200,
};

/** What the access resolvers need from the HTTP layer for one request. */
export interface AccessRequest {
  settings: AccessSettings;
  /** The session the request came with, if any. */
  sessionId: string | null;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export const SESSION_COOKIE = 'peksos_session';
/** Cookie-authenticated requests that change something must carry this header (a cross-site form cannot). */
export const CSRF_HEADER = 'x-peksos-csrf';
