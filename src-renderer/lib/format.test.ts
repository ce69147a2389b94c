import { describe, expect, it } from 'vitest';
import { formatWhen } from '../history/when.ts';
import { formatDateTime, formatDuration } from './format.ts';

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
});
