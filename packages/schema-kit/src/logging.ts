import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Runs of 10 or more digits: a NIK (16), a family card number, a phone number. Masked wherever free text reaches the
 * log (error messages, stacks, SQL), since a database error can quote the value it refused.
 */
const LONG_NUMBER = /\d{10,}/g;

export function maskLongNumbers(text: string): string {
  return text.replace(LONG_NUMBER, (digits) => `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`);
}

/** Fields of a database driver's error that carry no values: which constraint, table, column, what kind of failure. */
const SAFE_ERROR_FIELDS = ['code', 'constraint', 'table', 'column', 'schema', 'routine', 'severity'] as const;

/**
 * An error as the log keeps it: its kind, message and stack, and what a database error says about where it failed,
 * with long numbers masked. Never its `parameters` (TypeORM's QueryFailedError carries every value of the statement:
 * the NIKs of an import), nor PostgreSQL's `detail` and `where`, which quote the row's values.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: maskLongNumbers(String(error)) };
  const fields = error as unknown as Record<string, unknown>;
  const driver = (fields.driverError ?? {}) as Record<string, unknown>;
  const logged: Record<string, unknown> = { type: error.name, message: maskLongNumbers(error.message) };
  for (const key of SAFE_ERROR_FIELDS) {
    const value = fields[key] ?? driver[key];
    if (typeof value === 'string' || typeof value === 'number') logged[key] = value;
  }
  if (typeof fields.query === 'string') logged.query = maskLongNumbers(fields.query.slice(0, 2_000));
  if (error.stack) logged.stack = maskLongNumbers(error.stack);
  if (error.cause !== undefined && depth < 3) logged.cause = serializeError(error.cause, depth + 1);
  return logged;
}

/**
 * Paths pino replaces with "[redacted]" in whatever object is logged: statement values, request secrets and the
 * personal data fields of the registry (docs/operating.md, "Logs").
 */
export const REDACTED_LOG_PATHS = [
  'parameters',
  '*.parameters',
  'detail',
  '*.detail',
  'variables',
  '*.variables',
  'password',
  '*.password',
  'nationalIdNumber',
  '*.nationalIdNumber',
  'phone',
  '*.phone',
  'email',
  '*.email',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
];

/**
 * The server's log: one JSON object a line (pino), errors through `serializeError`, personal data and secrets
 * redacted. To standard output unless given a destination (tests capture it).
 */
export function createLogger(options: { destination?: DestinationStream; level?: string } = {}): Logger {
  const settings = {
    level: options.level ?? 'info',
    serializers: { err: (error: unknown) => serializeError(error), error: (error: unknown) => serializeError(error) },
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
