import { describe, expect, it } from 'vitest';
import { compareGradient } from './gradient-check.ts';

describe('compareGradient', () => {
  it('leaves the elements marked as across a kink out of every figure, and counts them', () => {
    const analytic = [1, 2, 3, 4];
    const numeric = [1, 2, 3.5, 4]; // element 2: a central difference across a kink
    const raw = compareGradient('W', analytic, numeric);
    expect(raw.kinks).toBe(0);
    expect(raw.maxAbs).toBeCloseTo(0.5);
    const kept = compareGradient('W', analytic, numeric, [0, 0, 1, 0]);
    expect(kept).toMatchObject({ kinks: 1, maxAbs: 0, meanAbs: 0, relative: 0 });
    // The scale of the gradients comes from the elements compared.
    expect(kept.scale).toBe(4);
  });

  it('still fails a wrong gradient outside the kinks', () => {
    const wrong = compareGradient('W', [2, 4, 6], [1, 2, 3], [1, 0, 0]);
    expect(wrong.kinks).toBe(1);
    expect(wrong.relative).toBeCloseTo(1 / 3);
  });
});
