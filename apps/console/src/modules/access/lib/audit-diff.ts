/** One field of an audited row: its value before and after, and whether it changed. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields of a row before and after a change, in the row's own order (the `after` row's, then fields only
 * `before` had). An INSERT has no before, a DELETE no after: every field counts as changed then.
 */
export function diffRows(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): FieldChange[] {
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  return fields.map((field) => {
    const was = before ? before[field] : undefined;
    const is = after ? after[field] : undefined;
    return { field, before: was, after: is, changed: !before || !after || !same(was, is) };
  });
}

/** A value of a row as text: null and absent as an empty mark, objects as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Jakarta has no daylight saving: a calendar day there starts at 00:00+07:00. */
const REGISTRY_OFFSET = '+07:00';

/** The start of a calendar day (YYYY-MM-DD) in the registry's time zone, as an ISO instant; null if not a date. */
export function startOfDay(date: string | null | undefined): string | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const instant = new Date(`${date}T00:00:00${REGISTRY_OFFSET}`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

/** The start of the day after (the filter's `to` is exclusive, so "until 3 Dec" includes all of 3 Dec). */
export function startOfNextDay(date: string | null | undefined): string | null {
  const start = startOfDay(date);
  return start ? new Date(new Date(start).getTime() + 86_400_000).toISOString() : null;
}

/** Where a record of an audited table is shown in the console, if it has a page. */
export function recordPath(tableName: string, recordId: string | null | undefined): string | null {
  if (!recordId) return null;
  const pages: Record<string, string> = { organisation: 'organisations', worker: 'workers', social_case: 'cases' };
  return pages[tableName] ? `/${pages[tableName]}/${recordId}` : null;
}
