import { describe, expect, it } from 'vitest';
import { emaCurve, smoothCurve } from '../../src-shared/smoothing.ts';
import { EMA_ALPHA, StreamSmoother } from './smoothing.ts';

function noisy(n: number): number[] {
  let s = 12345;
  return Array.from({ length: n }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return 2.3 * Math.exp(-i / 300) + (s / 2 ** 31 - 0.5) * 0.4;
  });
}

describe('StreamSmoother', () => {
  it('matches the book smoothing bit for bit while the curve grows by uneven chunks', () => {
    const all = noisy(700);
    const growing: number[] = [];
    const smoother = new StreamSmoother('kaiser');
    for (const chunk of [1, 1, 2, 3, 5, 1, 8, 13, 40, 1, 1, 200, 425]) {
      growing.push(...all.slice(growing.length, growing.length + chunk));
      expect(smoother.update(growing)).toEqual(smoothCurve(growing));
    }
  });

  it('matches the EMA and the identity', () => {
    const all = noisy(300);
    const growing: number[] = [];
    const ema = new StreamSmoother('ema');
    const none = new StreamSmoother('none');
    for (const chunk of [1, 4, 10, 85, 200]) {
      growing.push(...all.slice(growing.length, growing.length + chunk));
      expect(ema.update(growing)).toEqual(emaCurve(growing, EMA_ALPHA));
      expect(none.update(growing)).toEqual(growing);
    }
  });

  it('starts over when the curve is replaced', () => {
    const smoother = new StreamSmoother('kaiser');
    smoother.update(noisy(50));
    const replaced = noisy(20).map((v) => v * 2);
    expect(smoother.update(replaced)).toEqual(smoothCurve(replaced));
  });
});
