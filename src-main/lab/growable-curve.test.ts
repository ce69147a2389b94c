import { describe, expect, it } from 'vitest';
import { GrowableCurve, STORE_CHUNK_POINTS, STORE_MAX_AGE_MS } from './growable-curve.ts';

const ramp = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

describe('a curve being recorded', () => {
  it('hands the store a chunk once a chunk’s worth of points waits, appended where the stored part ends', () => {
    const curve = new GrowableCurve();
    curve.append(ramp(STORE_CHUNK_POINTS - 1), 0);
    expect(curve.unstored(1, false)).toBeNull();
    curve.append([1], 2);
    const chunk = curve.unstored(3, false)!;
    expect(chunk.start).toBe(0);
    expect(chunk.points).toHaveLength(STORE_CHUNK_POINTS);
    curve.markStored(STORE_CHUNK_POINTS, 3);
    curve.append([5, 6], 4);
    expect(curve.unstored(5, false)).toBeNull();
    expect(curve.hasUnstored()).toBe(true);
    expect(curve.unstored(5, true)).toEqual({ start: STORE_CHUNK_POINTS, points: new Float32Array([5, 6]) });
  });

  it('hands the store fewer points once the oldest of them waited the max age (what a killed app can lose)', () => {
    const curve = new GrowableCurve();
    curve.append([1], 1000);
    curve.append([2], 1000 + STORE_MAX_AGE_MS - 1);
    expect(curve.unstored(1000 + STORE_MAX_AGE_MS - 1, false)).toBeNull();
    expect(curve.unstored(1000 + STORE_MAX_AGE_MS, false)?.points).toEqual(new Float32Array([1, 2]));
    curve.markStored(2, 1000 + STORE_MAX_AGE_MS);
    expect(curve.hasUnstored()).toBe(false);
    expect(curve.unstored(10 * STORE_MAX_AGE_MS, false)).toBeNull(); // nothing waits: nothing to write
  });

  it('hands the store a replaced curve whole, at once', () => {
    const curve = new GrowableCurve();
    curve.append([1, 2, 3], 0);
    curve.markStored(3, 0);
    curve.replace([7, 8], 1);
    expect(curve.unstored(1, false)).toEqual({ points: new Float32Array([7, 8]) });
  });

  it('gives listeners only what is new, and a view opened now exactly what they were told', () => {
    const curve = new GrowableCurve();
    curve.append(ramp(100), 0);
    expect(curve.takeUnsent()).toEqual({ points: ramp(100), replace: false });
    curve.append(ramp(50, 100), 1);
    expect(curve.sent()).toEqual(new Float32Array(ramp(100)));
    expect(curve.takeUnsent().points).toEqual(ramp(50, 100));
    expect(curve.sent()).toHaveLength(150);
  });
});
