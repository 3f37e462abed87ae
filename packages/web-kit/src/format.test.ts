import { describe, expect, it } from 'vitest';
import { formatDateTimeLong, formatDateTimeShort, formatDuration, formatMonth, formatTime } from './format';

describe('formatDuration', () => {
  it.each([
    [30, '30 min'],
    [60, '1 h'],
    [90, '1 h 30'],
    [120, '2 h'],
    [125, '2 h 05'],
  ])('%i minutes -> %s', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});

describe('formatDateTimeLong', () => {
  it('formats in French', () => {
    expect(formatDateTimeLong('2026-11-26T13:05:00.000Z', 'Europe/Paris')).toBe('26 novembre 2026 à 14:05');
  });
  it('returns an empty string for nothing or garbage', () => {
    expect(formatDateTimeLong(null)).toBe('');
    expect(formatDateTimeLong('not a date')).toBe('');
  });
});

describe('short forms', () => {
  it('write a dash for nothing', () => {
    expect(formatDateTimeShort(null)).toBe('—');
    expect(formatTime(undefined)).toBe('—');
  });
  it('writes a table date with day, month, year and time', () => {
    expect(formatDateTimeShort('2026-11-26T13:05:00.000Z')).toMatch(/^\d{2}\/\d{2}\/2026 \d{2}:\d{2}$/);
  });
});

describe('formatMonth', () => {
  it('writes a capitalised French month', () => {
    expect(formatMonth('2026-11')).toBe('Novembre 2026');
    expect(formatMonth('2026-01-15')).toBe('Janvier 2026');
  });
  it('leaves anything else as it is', () => {
    expect(formatMonth('soon')).toBe('soon');
  });
});
