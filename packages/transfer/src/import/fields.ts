import { AREA_CODE_PATTERN, NATIONAL_ID_NUMBER_PATTERN, PHONE_PATTERN } from '@peksos/types';
import type { Actor } from '@peksos/schema-kit';
import type { AreaService } from '@peksos/schema-workforce';
import { parseBoolean, parseDate, type Choices } from '../values.js';
import type { RowReader } from './engine.js';

/** The same rules as the database's constraints and the API's input validation (see the workforce migration). */
export const ORGANISATION_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A NIK: 16 digits. Spaces and a leading apostrophe (Excel's "store as text" mark) are dropped. */
export function readNationalId(reader: RowReader, field = 'nationalIdNumber'): string | null {
  const raw = reader.raw(field);
  if (typeof raw === 'number') {
    // A spreadsheet that stored the NIK as a number: exact only while it is a safe integer.
    if (!Number.isSafeInteger(raw)) {
      reader.error(field, 'nationalIdAsNumber');
      return null;
    }
  }
  const text = reader.text(field);
  if (text === null) {
    reader.error(field, 'required');
    return null;
  }
  const value = text.replace(/^'/, '').replace(/\s+/g, '');
  if (!NATIONAL_ID_NUMBER_PATTERN.test(value)) {
    reader.error(field, 'badNationalId');
    return null;
  }
  return value;
}

export function readAreaCode(reader: RowReader, field: string, required: boolean): string | null | undefined {
  const text = reader.text(field);
  if (text === null) {
    if (required) reader.error(field, 'required');
    return required ? undefined : null;
  }
  if (!AREA_CODE_PATTERN.test(text)) {
    reader.error(field, 'badAreaCode');
    return undefined;
  }
  return text;
}

export function readOrganisationCode(reader: RowReader, field: string): string | null {
  const text = reader.text(field);
  if (text === null) {
    reader.error(field, 'required');
    return null;
  }
  if (!ORGANISATION_CODE_PATTERN.test(text)) {
    reader.error(field, 'badOrganisationCode');
    return null;
  }
  return text;
}

/** undefined: invalid (error recorded); null: empty. */
export function readDate(reader: RowReader, field: string, required = false): string | null | undefined {
  const raw = reader.raw(field);
  if (reader.text(field) === null) {
    if (required) {
      reader.error(field, 'required');
      return undefined;
    }
    return null;
  }
  const date = parseDate(raw);
  if (!date) reader.error(field, 'badDate');
  return date;
}

export function readChoice<T extends string>(reader: RowReader, field: string, choices: Choices<T>, required: boolean): T | null | undefined {
  const text = reader.text(field);
  if (text === null) {
    if (required) {
      reader.error(field, 'required');
      return undefined;
    }
    return null;
  }
  const value = choices.parse(text);
  if (!value) reader.error(field, 'badChoice', { choices: choices.describe() });
  return value;
}

export function readBoolean(reader: RowReader, field: string, fallback: boolean): boolean | undefined {
  if (reader.text(field) === null) return fallback;
  const value = parseBoolean(reader.raw(field));
  if (value === undefined) reader.error(field, 'badBoolean');
  return value;
}

/** A phone number; spaces, dashes, dots and brackets are dropped. A number cell lost its leading 0: put back. */
export function readPhone(reader: RowReader, field: string): string | null | undefined {
  const raw = reader.raw(field);
  let text = reader.text(field);
  if (text === null) return null;
  if (typeof raw === 'number' && /^8\d{7,13}$/.test(text)) text = `0${text}`;
  const value = text.replace(/^'/, '').replace(/[\s().-]/g, '');
  if (!PHONE_PATTERN.test(value)) {
    reader.error(field, 'badPhone');
    return undefined;
  }
  return value;
}

export function readEmail(reader: RowReader, field: string): string | null | undefined {
  const text = reader.text(field);
  if (text === null) return null;
  if (text.length > 254 || !EMAIL_PATTERN.test(text)) {
    reader.error(field, 'badEmail');
    return undefined;
  }
  return text;
}

/**
 * Which of these area codes exist, and which the importing actor manages (may place a worker or an organisation in),
 * asked of the workforce module's AreaService, with a cache across the batches of one import.
 */
export class AreaChecker {
  private readonly known = new Map<string | null, { exists: boolean; managed: boolean }>();

  constructor(
    private readonly areas: AreaService,
    private readonly actor: Actor,
  ) {}

  async load(codes: Iterable<string | null>): Promise<void> {
    const missing = [...new Set(codes)].filter((code) => !this.known.has(code));
    if (missing.length === 0) return;
    const found = new Set<string | null>((await this.areas.byCodes(missing.filter((code) => code !== null))).map((area) => area.code));
    const managed = await this.areas.managedBy(this.actor, missing);
    for (const code of missing) this.known.set(code, { exists: found.has(code), managed: managed.has(code) });
  }

  exists(code: string): boolean {
    return this.known.get(code)?.exists === true;
  }

  /** Whether the actor may place records in the area (null: no area, the admins'); ask after `load`. */
  managed(code: string | null): boolean {
    return this.known.get(code)?.managed === true;
  }
}

/** Changed fields between stored values and those a row gives (only the fields the row gives). */
export function changedFields<T extends object>(current: T, next: Partial<T>): string[] {
  return (Object.keys(next) as (keyof T)[]).filter((key) => next[key] !== undefined && (next[key] ?? null) !== (current[key] ?? null)) as string[];
}
