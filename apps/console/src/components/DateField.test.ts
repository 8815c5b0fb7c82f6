import { describe, expect, it } from 'vitest';
import { parseDayMonthYear } from './DateField.js';

describe('dates typed day first', () => {
  it('reads dd/mm/yyyy and its usual variants as the calendar date they name', () => {
    expect(parseDayMonthYear('01/12/2026')).toBe('2026-12-01');
    expect(parseDayMonthYear('1/12/2026')).toBe('2026-12-01');
    expect(parseDayMonthYear('1-3-2026')).toBe('2026-03-01');
    expect(parseDayMonthYear('01.03.2026')).toBe('2026-03-01');
    expect(parseDayMonthYear('01122026')).toBe('2026-12-01');
    expect(parseDayMonthYear(' 29/02/2028 ')).toBe('2028-02-29');
  });

  it('refuses what is no date, or not yet one', () => {
    for (const text of ['31/02/2026', '29/02/2027', '12/13/2026', '00/01/2026', '01/12/26', '01/12', '2026-12-01', 'besok', '']) {
      expect(parseDayMonthYear(text)).toBeNull();
    }
  });
});
