import { describe, expect, it } from 'vitest';
import { isValidLocalDate, todayIn } from './dates.js';
import { areaLevelOfCode, AreaLevel, parentAreaCode } from './area.js';
import { PMKS_CATEGORIES } from './case.js';

describe('local dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isValidLocalDate('2017-12-03')).toBe(true);
    expect(isValidLocalDate('2024-02-29')).toBe(true);
    expect(isValidLocalDate('2023-02-29')).toBe(false);
    expect(isValidLocalDate('03/12/2017')).toBe(false);
    expect(isValidLocalDate('2017-13-01')).toBe(false);
  });

  it('takes today in the registry time zone, not UTC', () => {
    // 20:00 UTC on 2 December is already 3 December in Jakarta (UTC+7).
    expect(todayIn('Asia/Jakarta', new Date('2017-12-02T20:00:00Z'))).toBe('2017-12-03');
  });
});

describe('area codes', () => {
  it('derives the level and parent from the Kemendagri code', () => {
    expect(areaLevelOfCode('32')).toBe(AreaLevel.PROVINCE);
    expect(areaLevelOfCode('32.77')).toBe(AreaLevel.REGENCY_OR_CITY);
    expect(areaLevelOfCode('32.77.01')).toBe(AreaLevel.DISTRICT);
    expect(areaLevelOfCode('32.77.01.1001')).toBe(AreaLevel.VILLAGE);
    expect(areaLevelOfCode('32.7')).toBeNull();
    expect(parentAreaCode('32.77.01.1001')).toBe('32.77.01');
    expect(parentAreaCode('32')).toBeNull();
  });
});

describe('PMKS categories', () => {
  it('lists the 26 categories of Permensos 8/2012 once each', () => {
    expect(PMKS_CATEGORIES).toHaveLength(26);
    expect(new Set(PMKS_CATEGORIES.map((category) => category.code)).size).toBe(26);
  });
});
