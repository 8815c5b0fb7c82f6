import { CSRF_HEADER } from '@peksos/types';

/**
 * The console talks to its own server with the session cookie. Every request that can change data must then carry
 * the CSRF header (the server's rule: a page of another site cannot add it); the console sends it on every request.
 */
export const CSRF_HEADERS: Readonly<Record<string, string>> = { [CSRF_HEADER]: '1' };

/**
 * fetch for the server's plain HTTP routes (/api/*, /report/*): same-origin credentials and the CSRF header. A
 * refusal comes back as JSON `{ errors: [{ message, extensions: { code } }] }` with 401, 403 or 429.
 */
export function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(CSRF_HEADERS)) headers.set(name, value);
  return fetch(path, { ...init, headers, credentials: 'same-origin' });
}
