import { describe, expect, it } from 'vitest';
import { besselI0, emaCurve, kaiserWindow, smoothCurve, SMOOTH_WEIGHTS } from './smoothing.ts';

describe("smoothCurve (the book's smooth_curve)", () => {
  it('uses the normalized Kaiser(11, β=2) weights .05245 .07309 .09178 .10666 .11625 .11955 …', () => {
    const half = [0.05245, 0.07309, 0.09178, 0.10666, 0.11625, 0.11955];
    const expected = [...half, ...half.slice(0, 5).reverse()];
    SMOOTH_WEIGHTS.forEach((w, i) => expect(w).toBeCloseTo(expected[i], 5));
    // I0(2) = 1 + 1 + 1/4 + 1/36 + 1/576 + … = 2.2795853
    expect(besselI0(2)).toBeCloseTo(2.2795853, 7);
    expect(besselI0(0)).toBe(1);
    expect(kaiserWindow(11, 2)[0]).toBeCloseTo(1 / besselI0(2), 12); // the ends are I0(0)/I0(β)
  });

  it('keeps a constant curve constant and the length unchanged', () => {
    for (const n of [1, 2, 5, 11, 40]) {
      const y = smoothCurve(new Array(n).fill(0.75));
      expect(y.length).toBe(n);
      for (const v of y) expect(v).toBeCloseTo(0.75, 12);
    }
    expect(smoothCurve([])).toEqual([]);
  });

  it('spreads an impulse into the window', () => {
    const x = new Array(21).fill(0);
    x[10] = 1;
    const y = smoothCurve(x);
    for (let i = 0; i < 21; i++) expect(y[i]).toBeCloseTo(i >= 5 && i <= 15 ? SMOOTH_WEIGHTS[i - 5] : 0, 12);
  });

  it("mirrors the edges as the book's slices do (worked by hand on 0, 1, …, 11)", () => {
    const y = smoothCurve(Array.from({ length: 12 }, (_, i) => i));
    // Left: x[-k] → x[k], so y0 = Σ w_d·|d| = 2·(.05245·5 + .07309·4 + .09178·3 + .10666·2 + .11625) = 2.31901
    expect(y[0]).toBeCloseTo(2.31901, 4);
    // Right: x[11+k] → x[11-k+1]: y11 = .11955·11 + .11625·(10+11) + .10666·(9+10) + .09178·(8+9)
    //   + .07309·(7+8) + .05245·(6+7) = 9.12130
    expect(y[11]).toBeCloseTo(9.1213, 3);
    // Away from the edges a straight line stays straight.
    expect(y[5]).toBeCloseTo(5, 12);
    expect(y[6]).toBeCloseTo(6, 12);
  });

  it("matches numpy running the book's smooth_curve", () => {
    const x = Array.from({ length: 14 }, (_, i) => (i * i) % 7);
    // numpy: smooth_curve(np.array([(i*i) % 7 for i in range(14)], float))
    const expected = [
      2.16482702, 2.05108522, 1.96952159, 1.89697968, 1.89697968, 1.96952159, 2.05108522, 2.16482702, 2.05108522, 2.02196676, 2.12740939,
      2.10314992, 2.20532814, 2.40864707,
    ];
    smoothCurve(x).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 7));
  });

  it('handles inputs shorter than the window by mirroring again', () => {
    // n = 3, y0 = Σ w_d·x[mirror(d)] for d = -5..5. Left: -k → k; right: 2+k → 3-k (repeats x[2]),
    // applied until inside: -5 → 5 → 0, -4 → 4 → 1, -3 → 3 → 2, -2 → 2, -1 → 1, then 0 1 2, 3 → 2, 4 → 1, 5 → 0.
    const x = [1, 2, 4];
    const idx = [0, 1, 2, 2, 1, 0, 1, 2, 2, 1, 0];
    const y0 = idx.reduce((s, j, k) => s + SMOOTH_WEIGHTS[k] * x[j], 0);
    expect(smoothCurve(x)[0]).toBeCloseTo(y0, 12);
  });
});

describe('emaCurve', () => {
  it('starts at the first value and weighs each new value by alpha', () => {
    // 1; 0.5·3 + 0.5·1 = 2; 0.5·2 + 0.5·2 = 2; 0.5·6 + 0.5·2 = 4
    expect(emaCurve([1, 3, 2, 6], 0.5)).toEqual([1, 2, 2, 4]);
    expect(emaCurve([1, 3, 2], 1)).toEqual([1, 3, 2]);
    expect(() => emaCurve([1], 0)).toThrow(RangeError);
  });
});
