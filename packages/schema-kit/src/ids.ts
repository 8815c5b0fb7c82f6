import { notFound } from './errors.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** An id that is not even well formed names nothing: it is reported as NOT_FOUND, like any unknown id. */
export function assertUuid(value: string, what: string, field?: string): void {
  if (!isUuid(value)) throw notFound(what, JSON.stringify(value), field);
}

/** Escapes a user's search text for use inside a LIKE pattern. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
