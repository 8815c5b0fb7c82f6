import { isValidLocalDate, type BilingualLabel } from '@peksos/types';

/** A cell as read from a file: CSV gives text; XLSX may give numbers, dates and booleans too. */
export type CellValue = string | number | boolean | Date | null;

/** Lower case, accents and punctuation removed, single spaces: how headers and choices are compared. */
export function normaliseKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The cell as trimmed text; empty text is null. The apostrophe the exports put before text that a spreadsheet would
 * take for a formula (export/writers.ts, csvSafeText) is removed, so an exported file imports as it was.
 */
export function cellText(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const raw = String(value);
  const text = (/^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw).trim();
  return text === '' ? null : text;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * A calendar date as `YYYY-MM-DD`. Accepts yyyy-mm-dd and the Indonesian day-first dd/mm/yyyy (also with - or .),
 * and XLSX date cells. Returns undefined when the value is not a valid date.
 */
export function parseDate(value: CellValue): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    // XLSX dates carry no time zone: readers give midnight UTC of the calendar day.
    const iso = value.toISOString().slice(0, 10);
    return isValidLocalDate(iso) ? iso : undefined;
  }
  const text = cellText(value);
  if (text === null) return undefined;
  let year: string, month: string, day: string;
  const iso = ISO.exec(text);
  const dayFirst = DAY_FIRST.exec(text);
  if (iso) [, year, month, day] = iso as unknown as [string, string, string, string];
  else if (dayFirst) [, day, month, year] = dayFirst as unknown as [string, string, string, string];
  else return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isValidLocalDate(date) ? date : undefined;
}

/** A choice among enum values, matched on the code or either label (case, accents and punctuation ignored). */
export class Choices<T extends string> {
  private readonly byKey = new Map<string, T>();

  constructor(
    labels: Record<T, BilingualLabel>,
    extraAliases: Partial<Record<T, string[]>> = {},
  ) {
    for (const [code, label] of Object.entries(labels) as [T, BilingualLabel][]) {
      for (const alias of [code, label.id, label.en, ...(extraAliases[code] ?? [])]) {
        this.byKey.set(normaliseKey(alias), code);
      }
    }
    this.labels = labels;
  }

  readonly labels: Record<T, BilingualLabel>;

  parse(value: string): T | undefined {
    return this.byKey.get(normaliseKey(value));
  }

  /** The choices as a person would write them, for messages. */
  describe(): string {
    return Object.values<BilingualLabel>(this.labels)
      .map((label) => label.id)
      .join(', ');
  }
}

const TRUE = new Set(['ya', 'y', 'yes', 'true', '1', 'benar', 'iya']);
const FALSE = new Set(['tidak', 't', 'no', 'n', 'false', '0', 'salah', 'bukan']);

export function parseBoolean(value: CellValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  const text = cellText(value);
  if (text === null) return undefined;
  const key = normaliseKey(text);
  if (TRUE.has(key)) return true;
  if (FALSE.has(key)) return false;
  return undefined;
}

export function formatBoolean(value: boolean, locale: 'id' | 'en'): string {
  if (locale === 'en') return value ? 'Yes' : 'No';
  return value ? 'Ya' : 'Tidak';
}
