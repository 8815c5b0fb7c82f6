import { GraphQLError } from 'graphql';

/**
 * The error codes a client can act on. Every error the API returns carries one in `extensions.code`, and, where one
 * input field is at fault, its name in `extensions.field` (the property of the input object, such as `fullName`, or
 * the argument, such as `endsOn`).
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /**
   * The change would take a worker beyond a workload maximum the office set (placements, open cases):
   * `extensions.limit` names it, `extensions.maximum` gives it; an admin may override with a reason.
   */
  WORKLOAD_LIMIT_EXCEEDED = 'WORKLOAD_LIMIT_EXCEEDED',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** Too many requests or failed sign-ins: wait `extensions.retryAfterSeconds`. */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** A broken rule or bad input, raised by services; the API turns it into a GraphQL error with its code and field. */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message, { extensions: { code, ...(field ? { field } : {}) } });
    this.name = 'DomainError';
  }
}

export function badInput(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, field);
}

export function notFound(what: string, id: string, field?: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`, field);
}

/** A workload maximum (`maxPlacements`, `maxOpenCases`) would be exceeded; `field` is the input naming the worker. */
export function workloadLimitExceeded(limit: string, maximum: number, message: string, field: string): DomainError {
  const error = new DomainError(ErrorCode.WORKLOAD_LIMIT_EXCEEDED, message, field);
  Object.assign(error.extensions, { limit, maximum });
  return error;
}

export function conflict(message: string, field?: string): DomainError {
  return new DomainError(ErrorCode.CONFLICT, message, field);
}

/** What a violated database constraint means to a client. Each schema module declares its constraints' meanings. */
export interface ConstraintMeaning {
  code: ErrorCode.BAD_USER_INPUT | ErrorCode.CONFLICT | ErrorCode.NOT_FOUND;
  field?: string;
  message: string;
}

export type ConstraintMeanings = Record<string, ConstraintMeaning>;

const POSTGRES_INSUFFICIENT_PRIVILEGE = '42501';
const POSTGRES_CONSTRAINT_ERRORS = new Set(['23505', '23P01', '23514', '23503', '23502']);
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300']);
const NETWORK_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENOENT']);
const LOST_CONNECTION = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|Connection is not established|not queryable/i;

/**
 * TypeORM's errors for a connection that is gone: after PostgreSQL terminated a connection, TypeORM releases the query
 * runner holding it, and the transaction's next statement (or its ROLLBACK) fails with QueryRunnerAlreadyReleasedError
 * (or, from the entity manager bound to that runner, QueryRunnerProviderAlreadyReleasedError);
 * during a stop, a request that reaches a closed DataSource gets CannotExecuteNotConnectedError.
 */
const LOST_CONNECTION_ERRORS = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'CannotExecuteNotConnectedError',
  'ConnectionIsNotSetError',
]);

/** The database cannot be reached or went away mid-request: a condition to retry, not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidate = error as PostgresErrorLike & { message?: string; name?: string };
  if (candidate?.name && LOST_CONNECTION_ERRORS.has(candidate.name)) return true;
  const code = candidate?.driverError?.code ?? candidate?.code;
  if (code && (POSTGRES_UNAVAILABLE.has(code) || NETWORK_FAILURES.has(code))) return true;
  const message = (candidate?.driverError as { message?: string } | undefined)?.message ?? candidate?.message ?? '';
  return LOST_CONNECTION.test(message);
}

interface PostgresErrorLike {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

/**
 * Turns a database error into a DomainError when it is one a client caused (a constraint the service did not check
 * first, typically because of a concurrent request). The database is the last line: services check the rules they
 * can explain better, and this catches what slipped past, such as two identical assignments sent at once.
 */
export function translateDatabaseError(error: unknown, meanings: ConstraintMeanings): unknown {
  if (error instanceof DomainError) return error;
  const pgError = error as PostgresErrorLike;
  const code = pgError?.driverError?.code ?? pgError?.code;
  const constraint = pgError?.driverError?.constraint ?? pgError?.constraint;
  if (isDatabaseUnavailable(error)) {
    return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The database is not available; try again shortly');
  }
  if (code === POSTGRES_INSUFFICIENT_PRIVILEGE) {
    // Row-level security refused a row (WITH CHECK), or the application role lacks the right: the database's last word
    // on a write the service should have refused first, naming the field.
    return new DomainError(ErrorCode.FORBIDDEN, 'The database refused a change outside your reach');
  }
  if (!code || !POSTGRES_CONSTRAINT_ERRORS.has(code)) return error;
  const meaning = constraint ? meanings[constraint] : undefined;
  if (meaning) return new DomainError(meaning.code, meaning.message, meaning.field);
  if (code === '23505' || code === '23P01') {
    return new DomainError(ErrorCode.CONFLICT, 'The change conflicts with an existing record');
  }
  return new DomainError(ErrorCode.BAD_USER_INPUT, 'The change breaks a rule of the registry');
}
