// Incremental versions of the display smoothings of src-worker/engine/smooth.ts, for curves that
// grow while a run trains: each update costs the new points (plus, for the book's Kaiser window,
// the last 5 points, which depend on the mirrored right edge and change as points arrive).
import { SMOOTH_WEIGHTS } from '../../src-shared/smoothing.ts';

export type SmoothingMode = 'kaiser' | 'ema' | 'none';

/** EMA weight of the newest value: an effective window of ~(2/α − 1) = 19 iterations. */
export const EMA_ALPHA = 0.1;

const HALF = (SMOOTH_WEIGHTS.length - 1) / 2; // 5

/** How many trailing smoothed points may still change when more points arrive. */
export function revisedTail(mode: SmoothingMode): number {
  return mode === 'kaiser' ? HALF : 0;
}

function mirrorIndex(index: number, n: number): number {
  let i = index;
  while (i < 0 || i > n - 1) i = i < 0 ? -i : 2 * n - 1 - i;
  return i;
}

/**
 * Keeps `out` equal to the smoothing of `values` while `values` only grows: same result as
 * smoothCurve / emaCurve / a copy, bit for bit, at the cost of the new points.
 */
export class StreamSmoother {
  readonly mode: SmoothingMode;
  /** The smoothed curve; a NEW array whenever the source is replaced (so charts rebuild). */
  out: number[] = [];
  #source: ArrayLike<number> | null = null;
  /** Points of the source already folded in. */
  #seen = 0;
  #ema = 0;

  constructor(mode: SmoothingMode) {
    this.mode = mode;
  }

  /** Brings `out` up to date with `values` (a new array, or a shorter one, starts over). */
  update(values: ArrayLike<number>): number[] {
    const n = values.length;
    if (values !== this.#source || n < this.#seen) {
      this.#source = values;
      this.#seen = 0;
      if (this.out.length > 0) this.out = [];
    }
    const m = this.#seen;
    if (n === m) return this.out;
    if (this.mode === 'none') {
      for (let i = m; i < n; i++) this.out[i] = values[i];
    } else if (this.mode === 'ema') {
      let s = this.#ema;
      for (let i = m; i < n; i++) {
        s = i === 0 ? values[0] : EMA_ALPHA * values[i] + (1 - EMA_ALPHA) * s;
        this.out[i] = s;
      }
      this.#ema = s;
    } else {
      // Points below m - HALF had their whole window inside [0, m-1] (or mirrored at the left edge,
      // which needs indices ≤ HALF < m): they stay. Short curves start over.
      const from = m > HALF ? m - HALF : 0;
      const w = SMOOTH_WEIGHTS;
      for (let i = from; i < n; i++) {
        let sum = 0;
        if (i >= HALF && i + HALF < n) {
          for (let d = -HALF; d <= HALF; d++) sum += w[d + HALF] * values[i + d];
        } else {
          for (let d = -HALF; d <= HALF; d++) sum += w[d + HALF] * values[mirrorIndex(i + d, n)];
        }
        this.out[i] = sum;
      }
    }
    this.out.length = n;
    this.#seen = n;
    return this.out;
  }
}
