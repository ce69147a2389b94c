// Display smoothing of loss curves. Raw values are what is stored; these are views of them.

/** The modified Bessel function of the first kind, order 0: I0(x) = Σ_k ((x/2)^k / k!)². */
export function besselI0(x: number): number {
  const q = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** np.kaiser(length, beta): w[n] = I0(β·sqrt(1 - (2n/(M-1) - 1)²)) / I0(β). */
export function kaiserWindow(length: number, beta: number): Float64Array {
  const w = new Float64Array(length);
  if (length === 1) {
    w[0] = 1;
    return w;
  }
  const denominator = besselI0(beta);
  for (let n = 0; n < length; n++) {
    const r = (2 * n) / (length - 1) - 1;
    w[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / denominator;
  }
  return w;
}

const WINDOW_LENGTH = 11;
const HALF = (WINDOW_LENGTH - 1) / 2;
/** The book's weights: np.kaiser(11, 2) normalized to sum 1 (.05245 .07309 … .11955 … .05245). */
export const SMOOTH_WEIGHTS: Float64Array = (() => {
  const w = kaiserWindow(WINDOW_LENGTH, 2);
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / sum);
})();

/**
 * The book's smooth_curve (common/util.py):
 *   s = np.r_[x[10:0:-1], x, x[-1:-11:-1]]; y = np.convolve(w/w.sum(), s, 'valid'); return y[5:-5]
 * i.e. a centered 11-tap Kaiser(β=2) average where the left edge is mirrored without repeating
 * x[0] (x[-k] → x[k]) and the right edge with repeating x[n-1] (x[n-1+k] → x[n-k]) — exactly the
 * book's slices. Output length = input length.
 *
 * Short inputs (n < 11): the book's slices clip there (x[10:0:-1] has only n-1 values), so its
 * output is not n long. Here the output keeps the definition above — a centered 11-weight average
 * with the same two mirror rules — and when the window is wider than the data the rules are applied
 * again until the index lands inside the array. Weights still sum to 1 (a constant stays constant).
 * n = 0 gives [], n = 1 gives [x0] (up to rounding). For n >= 11 the result is the book's.
 */
export function smoothCurve(values: ArrayLike<number>): number[] {
  const n = values.length;
  const out = new Array<number>(n);
  const w = SMOOTH_WEIGHTS;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let d = -HALF; d <= HALF; d++) sum += w[d + HALF] * values[mirrorIndex(i + d, n)];
    out[i] = sum;
  }
  return out;
}

function mirrorIndex(index: number, n: number): number {
  let i = index;
  while (i < 0 || i > n - 1) i = i < 0 ? -i : 2 * n - 1 - i;
  return i;
}

/**
 * Exponential moving average: s0 = x0, s_i = α·x_i + (1 - α)·s_(i-1). α in (0, 1] is the weight
 * of the newest value (α = 1: no smoothing; small α: heavy smoothing).
 */
export function emaCurve(values: ArrayLike<number>, alpha: number): number[] {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`EMA alpha must be in (0, 1], got ${alpha}`);
  const n = values.length;
  const out = new Array<number>(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    s = i === 0 ? values[0] : alpha * values[i] + (1 - alpha) * s;
    out[i] = s;
  }
  return out;
}
