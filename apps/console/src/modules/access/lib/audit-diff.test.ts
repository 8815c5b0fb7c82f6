import { describe, expect, it } from 'vitest';
import { diffRows, formatValue, recordPath, startOfDay, startOfNextDay } from './audit-diff.js';

describe('audit diff', () => {
  it('marks the fields an update changed, keeping the row order', () => {
    const changes = diffRows({ id: 'w1', full_name: 'Ani', version: 1, phone: null }, { id: 'w1', full_name: 'Ani S.', version: 2, phone: null });
    expect(changes.map((c) => [c.field, c.changed])).toEqual([
      ['id', false],
      ['full_name', true],
      ['version', true],
      ['phone', false],
    ]);
  });

  it('counts every field as changed for an insert or a delete', () => {
    expect(diffRows(null, { id: 'a', name: 'x' }).every((c) => c.changed && c.before === undefined)).toBe(true);
    expect(diffRows({ id: 'a' }, null)).toEqual([{ field: 'id', before: 'a', after: undefined, changed: true }]);
  });

  it('writes values plainly', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue('Cibabat')).toBe('Cibabat');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(['a', 'b'])).toBe('["a","b"]');
  });

  it('turns calendar days in Jakarta into instants, the end exclusive', () => {
    expect(startOfDay('2026-11-29')).toBe('2026-11-28T17:00:00.000Z');
    expect(startOfNextDay('2026-11-29')).toBe('2026-11-29T17:00:00.000Z');
    expect(startOfDay('29/11/2026')).toBeNull();
    expect(startOfDay('')).toBeNull();
  });

  it('links the records that have a page', () => {
    expect(recordPath('worker', 'abc')).toBe('/workers/abc');
    expect(recordPath('social_case', 'c1')).toBe('/cases/c1');
    expect(recordPath('session', 's1')).toBeNull();
    expect(recordPath('worker', null)).toBeNull();
  });
});
