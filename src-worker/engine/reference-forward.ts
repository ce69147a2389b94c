// A float64 re-implementation of every layer's forward pass, the book's formulas written as plainly
// as possible. It exists for numerical gradients: central differences need a loss that is smooth at
// the scale of h, and a float32 loss is not (its rounding error, ~1e-7·|L|, divided by 2h = 2e-4
// would swamp the gradients). Tests check these functions against the float32 layers.
import type { Param } from './param.ts';
import { Affine } from './layers/affine.ts';
import { BatchNorm } from './layers/batch-norm.ts';
import { Dropout } from './layers/dropout.ts';
import type { Layer } from './layers/layer.ts';
import { Relu } from './layers/relu.ts';
import { Sigmoid } from './layers/sigmoid.ts';
import { CROSS_ENTROPY_DELTA, type Labels } from './layers/softmax-with-loss.ts';
import { Tanh } from './layers/tanh.ts';

/** np.dot(x, W) + b, x rows×inSize, W inSize×outSize. */
export function affineForward64(
  x: ArrayLike<number>,
  rows: number,
  inSize: number,
  outSize: number,
  W: ArrayLike<number>,
  b: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(rows * outSize);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < outSize; j++) out[i * outSize + j] = b[j];
    for (let p = 0; p < inSize; p++) {
      const a = x[i * inSize + p];
      if (a === 0) continue;
      const w = p * outSize;
      for (let j = 0; j < outSize; j++) out[i * outSize + j] += a * W[w + j];
    }
  }
  return out;
}

export function reluForward64(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x, (v) => (v > 0 ? v : 0));
}

export function sigmoidForward64(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x, (v) => 1 / (1 + Math.exp(-v)));
}

export function tanhForward64(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x, (v) => Math.tanh(v));
}

export type BatchNormMode = { training: true } | { training: false; runningMean: ArrayLike<number>; runningVar: ArrayLike<number> };

/** The book's BatchNormalization.forward, without updating any running statistics. */
export function batchNormForward64(
  x: ArrayLike<number>,
  rows: number,
  size: number,
  gamma: ArrayLike<number>,
  beta: ArrayLike<number>,
  eps: number,
  mode: BatchNormMode,
): Float64Array {
  const mean = new Float64Array(size);
  const variance = new Float64Array(size);
  if (mode.training) {
    // mu = x.mean(axis=0); var = np.mean((x - mu)**2, axis=0)
    for (let i = 0; i < rows; i++) for (let j = 0; j < size; j++) mean[j] += x[i * size + j];
    for (let j = 0; j < size; j++) mean[j] /= rows;
    for (let i = 0; i < rows; i++) for (let j = 0; j < size; j++) variance[j] += (x[i * size + j] - mean[j]) ** 2;
    for (let j = 0; j < size; j++) variance[j] /= rows;
  } else {
    mean.set(mode.runningMean);
    variance.set(mode.runningVar);
  }
  const out = new Float64Array(rows * size);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < size; j++) {
      const xn = (x[i * size + j] - mean[j]) / Math.sqrt(variance[j] + eps);
      out[i * size + j] = gamma[j] * xn + beta[j];
    }
  }
  return out;
}

/** Training: x * mask; inference: x * (1 - ratio). */
export function dropoutForward64(x: ArrayLike<number>, mask: ArrayLike<number>, ratio: number, training: boolean): Float64Array {
  return training ? Float64Array.from(x, (v, i) => v * mask[i]) : Float64Array.from(x, (v) => v * (1 - ratio));
}

/**
 * Mean cross-entropy of softmax(scores) against integer labels, -Σ log(y_t + delta) / N. The book's
 * backward, (y - t)/N, is the exact gradient of the delta = 0 loss.
 */
export function softmaxWithLoss64(
  scores: ArrayLike<number>,
  t: Labels,
  rows: number,
  classes: number,
  delta = CROSS_ENTROPY_DELTA,
): number {
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, scores[i * classes + j]);
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += Math.exp(scores[i * classes + j] - max);
    const y = Math.exp(scores[i * classes + t[i]] - max) / sum;
    loss -= Math.log(y + delta);
  }
  return loss / rows;
}

/**
 * Watches the inputs of every ReLU of a forward (in order): the first forward records their signs
 * in `signs`; after it, `crossed` turns true when any input is on the other side of 0 (a kink:
 * a central difference across it measures neither slope).
 */
export interface ReluWatch {
  signs: Uint8Array[] | null;
  crossed: boolean;
}

/** Records the signs of one ReLU's inputs (the first forward) or compares them with the recorded ones. */
function watchRelu(watch: ReluWatch, layer: number, input: Float64Array, record: Uint8Array[]): void {
  if (watch.signs === null) {
    record.push(Uint8Array.from(input, (v) => (v > 0 ? 1 : 0)));
    return;
  }
  if (watch.crossed) return;
  const signs = watch.signs[layer];
  for (let i = 0; i < input.length; i++) {
    if ((input[i] > 0 ? 1 : 0) !== signs[i]) {
      watch.crossed = true;
      return;
    }
  }
}

/**
 * The loss of a network made of `layers` followed by SoftmaxWithLoss, plus ½·λ·ΣW² over the
 * Affine weights, in float64. Parameter values are read from `values` (float64 copies, which the
 * caller perturbs), not from the Params. BatchNorm uses batch statistics when `training` (and
 * leaves the running ones alone); Dropout replays the mask it last used for `rows` rows.
 */
export function networkLoss64(
  layers: readonly Layer[],
  values: ReadonlyMap<Param, Float64Array>,
  x: ArrayLike<number>,
  t: Labels,
  rows: number,
  classes: number,
  weightDecayLambda: number,
  training: boolean,
  crossEntropyDelta = CROSS_ENTROPY_DELTA,
  relu?: ReluWatch,
): number {
  const valueOf = (p: Param): Float64Array => {
    const v = values.get(p);
    if (v === undefined) throw new Error(`no float64 copy of ${p.name}`);
    return v;
  };
  let h: Float64Array = Float64Array.from(x);
  let weightDecay = 0;
  let reluIndex = 0;
  const recorded: Uint8Array[] = [];
  for (const layer of layers) {
    if (layer instanceof Affine) {
      const W = valueOf(layer.W);
      h = affineForward64(h, rows, layer.inputSize, layer.outputSize, W, valueOf(layer.b));
      let sumSq = 0;
      for (let i = 0; i < W.length; i++) sumSq += W[i] * W[i];
      weightDecay += 0.5 * weightDecayLambda * sumSq;
    } else if (layer instanceof Relu) {
      if (relu) watchRelu(relu, reluIndex++, h, recorded);
      h = reluForward64(h);
    } else if (layer instanceof Sigmoid) {
      h = sigmoidForward64(h);
    } else if (layer instanceof Tanh) {
      h = tanhForward64(h);
    } else if (layer instanceof BatchNorm) {
      const mode: BatchNormMode = training
        ? { training: true }
        : { training: false, runningMean: layer.runningMean, runningVar: layer.runningVar };
      h = batchNormForward64(h, rows, layer.size, valueOf(layer.gamma), valueOf(layer.beta), layer.eps, mode);
    } else if (layer instanceof Dropout) {
      h = dropoutForward64(h, training ? layer.maskFor(rows) : [], layer.ratio, training);
    } else {
      throw new Error(`networkLoss64: no float64 forward for layer ${layer.name}`);
    }
  }
  if (relu && relu.signs === null) relu.signs = recorded;
  return softmaxWithLoss64(h, t, rows, classes, crossEntropyDelta) + weightDecay;
}
