import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import type { Locale } from '@peksos/types';
import type { MessageKey, Values } from '../i18n/locale.js';
import { serverMessage } from '../i18n/server-messages.js';

/** What went wrong, in terms a person can act on. */
export interface ParsedError {
  kind: 'network' | 'notFound' | 'conflict' | 'badInput' | 'forbidden' | 'unauthenticated' | 'tooManyRequests' | 'unknown';
  /** What the server said, in the chosen language (from its code and field, src/i18n/server-messages.ts). */
  message: string;
  /** Field-level messages in the chosen language, keyed by input field name (`extensions.field`, without `input.`). */
  fieldErrors: Record<string, string>;
  /** How long to wait before trying again (TOO_MANY_REQUESTS), in seconds. */
  retryAfterSeconds?: number;
}

/** The language to read the server's errors in, and the signed-in coordinator's area by name (for refusals). */
export interface ErrorWords {
  locale: Locale;
  /** The coordinator's area by name (falls back to its code); null for other roles. */
  areaName: string | null;
}

interface ErrorExtensions {
  code?: unknown;
  field?: unknown;
  retryAfterSeconds?: unknown;
}

/** The JSON body of an HTTP-level refusal (bad key, CSRF, rate limit): `{ errors: [{ message, extensions: { code } }] }`. */
interface RefusalBody {
  errors?: { message?: unknown; extensions?: ErrorExtensions }[];
}

function parseRefusal(statusCode: number, bodyText: string, words: ErrorWords): ParsedError | null {
  let body: RefusalBody;
  try {
    body = JSON.parse(bodyText) as RefusalBody;
  } catch {
    body = {};
  }
  const first = body.errors?.[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : '';
  // A refusal at the door (CSRF, a key) is not about an area: the role's sentence, not the coordinator's.
  const message = serverMessage(words.locale, 'FORBIDDEN', null, { area: '', coordinator: false }) ?? '';
  const retryAfterSeconds = typeof first?.extensions?.retryAfterSeconds === 'number' ? first.extensions.retryAfterSeconds : undefined;
  if (code === 'TOO_MANY_REQUESTS' || statusCode === 429) return { kind: 'tooManyRequests', message, fieldErrors: {}, retryAfterSeconds };
  if (code === 'UNAUTHENTICATED' || statusCode === 401) return { kind: 'unauthenticated', message, fieldErrors: {} };
  if (code === 'FORBIDDEN' || statusCode === 403) return { kind: 'forbidden', message, fieldErrors: {} };
  return null;
}

export function fieldName(path: string): string {
  return path.replace(/^input\./, '');
}

/** One server error in the chosen language; an unknown code keeps a general sentence, never the English text. */
function translated(words: ErrorWords, code: string, field: string | null): string {
  const values = { area: words.areaName ?? '', coordinator: words.areaName !== null };
  return serverMessage(words.locale, code, field, values) ?? serverMessage(words.locale, 'BAD_USER_INPUT', null, values) ?? '';
}

export function parseError(error: unknown, words: ErrorWords): ParsedError {
  if (CombinedGraphQLErrors.is(error)) {
    const fieldErrors: Record<string, string> = {};
    const messages: string[] = [];
    let kind: ParsedError['kind'] = 'unknown';
    let retryAfterSeconds: number | undefined;
    for (const graphQLError of error.errors) {
      const extensions = (graphQLError.extensions ?? {}) as ErrorExtensions;
      const code = typeof extensions.code === 'string' ? extensions.code : '';
      if (code === 'UNAUTHENTICATED') kind = 'unauthenticated';
      else if (code === 'TOO_MANY_REQUESTS' && kind !== 'unauthenticated') {
        kind = 'tooManyRequests';
        if (typeof extensions.retryAfterSeconds === 'number') retryAfterSeconds = extensions.retryAfterSeconds;
      } else if (code === 'FORBIDDEN' && (kind === 'unknown' || kind === 'notFound' || kind === 'conflict' || kind === 'badInput')) kind = 'forbidden';
      else if ((code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED') && (kind === 'unknown' || kind === 'notFound' || kind === 'conflict')) kind = 'badInput';
      else if (code === 'NOT_FOUND' && kind === 'unknown') kind = 'notFound';
      else if (code === 'CONFLICT' && (kind === 'unknown' || kind === 'notFound')) kind = 'conflict';
      const field = typeof extensions.field === 'string' ? fieldName(extensions.field) : null;
      const text = translated(words, code, field);
      if (!messages.includes(text)) messages.push(text);
      if (field) fieldErrors[field] ??= text;
    }
    return { kind, message: messages.join(' '), fieldErrors, retryAfterSeconds };
  }
  if (ServerError.is(error) || ServerParseError.is(error)) {
    const refusal = parseRefusal(error.statusCode, error.bodyText, words);
    if (refusal) return refusal;
    return { kind: 'network', message: error.message, fieldErrors: {} };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TypeError || /fetch|network/i.test(message)) return { kind: 'network', message, fieldErrors: {} };
  return { kind: 'unknown', message, fieldErrors: {} };
}

/** The translated sentence for an error. */
export function errorMessage(parsed: ParsedError): { key: MessageKey; values: Values } {
  switch (parsed.kind) {
    case 'network':
      return { key: 'error.network', values: {} };
    case 'notFound':
      return { key: 'error.notFound', values: {} };
    case 'conflict':
      return { key: 'error.conflict', values: { message: parsed.message } };
    case 'badInput':
      return { key: 'error.badInput', values: { message: parsed.message } };
    case 'forbidden':
      return { key: 'error.forbidden', values: { message: parsed.message } };
    case 'unauthenticated':
      return { key: 'error.unauthenticated', values: {} };
    case 'tooManyRequests':
      return { key: 'error.tooManyRequests', values: { seconds: parsed.retryAfterSeconds ?? 60 } };
    case 'unknown':
      return { key: 'error.unknown', values: { message: parsed.message } };
  }
}
