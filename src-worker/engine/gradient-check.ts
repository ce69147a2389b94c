// Backprop against central differences, the book's gradient_check: per parameter, how far the
// analytic gradient is from the numerical one.
import { CROSS_ENTROPY_DELTA, type Labels } from './layers/softmax-with-loss.ts';
import type { MultiLayerNet } from './multi-layer-net.ts';

export interface GradientDifference {
  /** The book's parameter name (W1, b1, gamma1, …). */
  name: string;
  /** The book's printout: np.average(np.abs(grad_backprop - grad_numerical)). */
  meanAbs: number;
  maxAbs: number;
  /** The largest |numerical gradient| of the parameter, to read the differences against. */
  scale: number;
  /** The largest |backprop gradient|. */
  backpropMax: number;
  /** ‖backprop − numerical‖₂ / (‖backprop‖₂ + ‖numerical‖₂): 0 when they agree, 1 when unrelated. */
  relative: number;
  /**
   * Elements left out of `relative`, `meanAbs` and `maxAbs`: θ ± h moved a ReLU's input across 0,
   * so the central difference straddles the kink and measures neither slope (backprop's is right).
   */
  kinks: number;
}

export function compareGradient(
  name: string,
  analytic: ArrayLike<number>,
  numeric: ArrayLike<number>,
  kink?: ArrayLike<number>,
): GradientDifference {
  if (analytic.length !== numeric.length) throw new RangeError(`${name}: ${analytic.length} vs ${numeric.length} values`);
  let kinks = 0;
  let sum = 0;
  let maxAbs = 0;
  let scale = 0;
  let backpropMax = 0;
  let diffSq = 0;
  let analyticSq = 0;
  let numericSq = 0;
  for (let i = 0; i < numeric.length; i++) {
    if (kink?.[i]) {
      kinks++;
      continue;
    }
    const d = Math.abs(analytic[i] - numeric[i]);
    sum += d;
    if (d > maxAbs) maxAbs = d;
    scale = Math.max(scale, Math.abs(numeric[i]));
    backpropMax = Math.max(backpropMax, Math.abs(analytic[i]));
    diffSq += d * d;
    analyticSq += analytic[i] * analytic[i];
    numericSq += numeric[i] * numeric[i];
  }
  const norms = Math.sqrt(analyticSq) + Math.sqrt(numericSq);
  return {
    name,
    meanAbs: numeric.length === kinks ? 0 : sum / (numeric.length - kinks),
    maxAbs,
    scale,
    backpropMax,
    relative: norms > 0 ? Math.sqrt(diffSq) / norms : 0,
    kinks,
  };
}

/**
 * Runs `net.gradient` (one training forward + backward) and `net.numericalGradient` on the same
 * batch, with the same dropout masks, and compares them parameter by parameter, leaving out the
 * elements whose difference crosses a ReLU kink.
 * `crossEntropyDelta`: see MultiLayerNet.numericalGradient (the book's check keeps 1e-7).
 */
export function checkNetworkGradients(
  net: MultiLayerNet,
  x: Float32Array,
  t: Labels,
  rows: number,
  h = 1e-4,
  crossEntropyDelta = CROSS_ENTROPY_DELTA,
): GradientDifference[] {
  net.gradient(x, t, rows);
  const analytic = net.params().map((p) => ({ name: p.name, grad: Float64Array.from(p.grad) }));
  // numericalGradient replays each Dropout layer's mask of the forward above.
  const kinks: Record<string, Uint8Array> = {};
  const numeric = net.numericalGradient(x, t, rows, h, crossEntropyDelta, kinks);
  return analytic.map(({ name, grad }) => compareGradient(name, grad, numeric[name], kinks[name]));
}
