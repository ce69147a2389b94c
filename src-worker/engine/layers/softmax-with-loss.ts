// The output layer: softmax (after subtracting each row's max) and cross-entropy against integer
// class labels, averaged over the batch. Backward is (y - t) / N with t one-hot.
import type { Kernels } from '../kernels/kernels.ts';
import { RowBuffers } from './layer.ts';

/** Class labels 0..classes-1, one per row (not one-hot). */
export type Labels = ArrayLike<number>;

/** The book's `delta` in cross_entropy_error: log(y + 1e-7) never sees log(0). */
export const CROSS_ENTROPY_DELTA = 1e-7;

export class SoftmaxWithLoss {
  readonly name = 'SoftmaxWithLoss';
  readonly classes: number;
  private readonly kernels: Kernels;
  private readonly probabilities: RowBuffers;
  private readonly dx: RowBuffers;
  private y: Float32Array = new Float32Array(0);
  private t: Labels = [];

  constructor(kernels: Kernels, classes: number) {
    this.kernels = kernels;
    this.classes = classes;
    this.probabilities = RowBuffers.inKernels(kernels, classes);
    this.dx = RowBuffers.inKernels(kernels, classes);
  }

  /** The mean cross-entropy loss of the scores `x` (rows×classes) against labels `t`. */
  forward(x: Float32Array, t: Labels, rows: number): number {
    const C = this.classes;
    const y = this.probabilities.get(rows);
    checkLabels(t, rows, C);
    // y = softmax(x), computed after subtracting the row max
    this.kernels.softmax(rows, C, x, y);
    // -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += Math.log(y[i * C + t[i]] + CROSS_ENTROPY_DELTA);
    this.y = y;
    this.t = t;
    return -sum / rows;
  }

  /** dL/dx for the last forward: (y - onehot(t)) / N. */
  backward(rows: number): Float32Array {
    const C = this.classes;
    const n = rows * C;
    const y = this.y;
    const t = this.t;
    const dx = this.dx.get(rows);
    // dx = y.copy(); dx[np.arange(batch_size), t] -= 1; dx = dx / batch_size
    for (let i = 0; i < n; i++) dx[i] = y[i];
    for (let i = 0; i < rows; i++) dx[i * C + t[i]] -= 1;
    for (let i = 0; i < n; i++) dx[i] /= rows;
    return dx;
  }

  /** The softmax output of the last forward (rows×classes). */
  probabilitiesOfLastForward(): Float32Array {
    return this.y;
  }
}

export function checkLabels(t: Labels, rows: number, classes: number): void {
  if (t.length < rows) throw new RangeError(`need ${rows} labels, got ${t.length}`);
  for (let i = 0; i < rows; i++) {
    const label = t[i];
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
      throw new RangeError(`label ${label} at row ${i} is not a class in 0..${classes - 1}`);
    }
  }
}
