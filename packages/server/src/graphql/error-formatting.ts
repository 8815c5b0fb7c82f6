import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { DomainError, ErrorCode, translateDatabaseError, type ConstraintMeanings, type Logger } from '@peksos/schema-kit';

/** The first failing property of a class-validator error tree, as a dotted path, with its message. */
function firstViolation(errors: ValidationError[], prefix = ''): { field: string; message: string } | null {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (message) return { field: path, message };
    const nested = firstViolation(error.children ?? [], path);
    if (nested) return nested;
  }
  return null;
}

/**
 * Maps every error to the codes clients act on, in one place: domain errors keep their code and field; input
 * validation becomes BAD_USER_INPUT naming the field; a violated database constraint gets the meaning its module
 * declared; anything else is an INTERNAL_SERVER_ERROR whose details are logged (without the statement's values or
 * personal data: logging.ts in @peksos/schema-kit), and hidden in production.
 */
export function createErrorFormatter(meanings: ConstraintMeanings, production: boolean, logger: Logger) {
  const format = formatter(meanings, production, logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    if (!JSON.stringify(result).includes('Did you mean')) return result;
    // Also the stack trace development servers send: its first line is the message.
    const stacktrace = result.extensions?.stacktrace;
    return {
      ...result,
      message: withoutSuggestions(result.message),
      ...(Array.isArray(stacktrace)
        ? { extensions: { ...result.extensions, stacktrace: stacktrace.map((line) => withoutSuggestions(String(line))) } }
        : {}),
    };
  };
}

/** graphql-js's "Did you mean …?" hints (fields, types, arguments, enum values). */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The message without graphql-js's suggestions: they would map the schema for anyone who guesses (a field, an enum
 * value of a variable), so no caller gets them, signed in or not, in production or not (docs/access.md).
 */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

function formatter(meanings: ConstraintMeanings, production: boolean, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);

    if (original instanceof ArgumentValidationError) {
      const violation = firstViolation(original.extensions.validationErrors);
      return {
        message: violation?.message ?? 'The input is not valid',
        path: formatted.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, ...(violation ? { field: violation.field } : {}) },
      };
    }

    const translated = translateDatabaseError(original, meanings);
    if (translated instanceof DomainError && translated.code === ErrorCode.SERVICE_UNAVAILABLE && translated !== original) {
      // The client is told to try again; the operator needs to know why the database could not answer.
      logger.warn({ err: original, path: formatted.path }, 'graphql: database unavailable');
    }
    if (translated instanceof DomainError) {
      return {
        message: translated.message,
        path: formatted.path,
        // The domain error's own extensions (code, field, and such as retryAfterSeconds), nothing else.
        extensions: { ...translated.extensions, code: translated.code, ...(translated.field ? { field: translated.field } : {}) },
      };
    }

    const code = formatted.extensions?.code;
    if (code === ErrorCode.BAD_USER_INPUT && !formatted.extensions?.field) {
      // A variable that failed coercion: name the input field at fault by its path within the variable, as the
      // services do (`areaCode` for "input.areaCode", `rows.3.workerId` for "input.rows[3].workerId"), or the variable
      // (`ids.2` for "ids[2]", `first` for $first itself, left out or null though required).
      const match = /^Variable "\$(\w+)" (?:got invalid value|of required type|of non-null type)/.exec(formatted.message);
      if (match) {
        const within = (/at "[\w$]+((?:\.\w+|\[\d+\])*)"/.exec(formatted.message)?.[1] ?? '').replace(/\[(\d+)\]/g, '.$1').slice(1);
        const field = within === '' ? match[1] : /^\d/.test(within) ? `${match[1]}.${within}` : within;
        return { ...formatted, extensions: { ...formatted.extensions, field } };
      }
    }
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;

    logger.error({ err: original, path: formatted.path }, 'graphql: unexpected error');
    return production
      ? { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }
      : { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
