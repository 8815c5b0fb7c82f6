import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import type { MessageKey, Values } from '../i18n/locale.js';

/** What went wrong, in terms a person can act on. */
export interface ParsedError {
  kind: 'network' | 'notFound' | 'conflict' | 'badInput' | 'unknown';
  /** The server's own message (English), shown inside a translated sentence. */
  message: string;
  /** Field-level messages keyed by input field name (the server's `extensions.field`, without `input.`). */
  fieldErrors: Record<string, string>;
}

interface ErrorExtensions {
  code?: unknown;
  field?: unknown;
}

export function fieldName(path: string): string {
  return path.replace(/^input\./, '');
}

export function parseError(error: unknown): ParsedError {
  if (CombinedGraphQLErrors.is(error)) {
    const fieldErrors: Record<string, string> = {};
    let kind: ParsedError['kind'] = 'unknown';
    for (const graphQLError of error.errors) {
      const extensions = (graphQLError.extensions ?? {}) as ErrorExtensions;
      const code = typeof extensions.code === 'string' ? extensions.code : '';
      if (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED') kind = 'badInput';
      else if (code === 'NOT_FOUND' && kind === 'unknown') kind = 'notFound';
      else if (code === 'CONFLICT' && kind !== 'badInput') kind = 'conflict';
      if (typeof extensions.field === 'string') {
        const name = fieldName(extensions.field);
        fieldErrors[name] ??= graphQLError.message;
      }
    }
    return { kind, message: error.errors.map((e) => e.message).join('; '), fieldErrors };
  }
  if (ServerError.is(error) || ServerParseError.is(error)) {
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
    case 'unknown':
      return { key: 'error.unknown', values: { message: parsed.message } };
  }
}
