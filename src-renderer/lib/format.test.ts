import { describe, expect, it } from 'vitest';
import { formatWhen } from '../history/when.ts';
import { formatDateTime, formatDuration, formatInteger, formatPercent } from './format.ts';

describe('dates and durations on screen', () => {
  it('shows a dash for a date that is none, instead of throwing (one bad row must not break the history)', () => {
    for (const bad of [NaN, Infinity, 1e20, -1e20]) {
      expect(formatDateTime(bad, 'en')).toBe('—');
      expect(formatWhen(bad, 'ko')).toBe('—');
    }
    expect(formatDateTime(Date.UTC(2026, 0, 2, 3, 4), 'en')).toMatch(/2026/);
  });

  it('shows a dash for a duration that is none', () => {
    expect(formatDuration(NaN, 'en')).toBe('—');
    expect(formatDuration(-1, 'ko')).toBe('—');
    expect(formatDuration(12_345, 'en')).toBe('12 s');
    expect(formatDuration(3_723_000, 'en')).toBe('1:02:03');
  });

  it('formats each language in its own way, from formatters made once (one per kind and language)', () => {
    const at = Date.UTC(2025, 10, 26, 10, 2);
    const en = formatDateTime(at, 'en');
    expect(formatDateTime(at, 'ko')).not.toBe(en);
    expect(formatDateTime(at, 'ko')).toMatch(/11월/);
    expect(formatDateTime(at, 'en')).toBe(en);
    expect(formatInteger(1234567, 'en')).toBe('1,234,567');
    expect(formatPercent(0.125, 'en')).toBe('12.5%');
    // The list's compact date has the year only when it is not this year's: two formatters.
    const now = Date.UTC(2026, 5, 1);
    expect(formatWhen(Date.UTC(2026, 0, 2, 3, 4), 'en', now)).not.toMatch(/2026/);
    expect(formatWhen(Date.UTC(2025, 0, 2, 3, 4), 'en', now)).toMatch(/2025/);
    expect(formatWhen(Date.UTC(2026, 0, 2, 3, 4), 'en', now)).not.toMatch(/2026/);
  });
});
