// Batch normalization (Ioffe & Szegedy 2015) for fully connected layers, the book's
// BatchNormalization: per feature, normalize by the batch mean/variance in training and by the
// running statistics in inference, then scale by gamma and shift by beta.
//
// Book details kept: ε = 1e-6 (written `10e-7`) inside the square root; running mean/var start
// at 0 and update as 0.9·running + 0.1·batch; the biased batch variance (mean of squares).
// Per-feature statistics are accumulated in float64; per-element buffers are float32. The
// formulas themselves are kernels (batchNormForward/Backward/Inference: ts-kernels.ts has them line
// by line, the WASM build two features at a time in float64x2), alike bit for bit on every kernel.
import type { BatchNormState, Kernels } from '../kernels/kernels.ts';
import { createParam, type Param } from '../param.ts';
import { NO_INPUT_GRADIENT, RowBuffers, type Layer } from './layer.ts';

/** The book's `10e-7`. */
export const BATCH_NORM_EPS = 1e-6;
/** The book's running-statistics momentum. */
export const BATCH_NORM_MOMENTUM = 0.9;

export class BatchNorm implements Layer {
  readonly name: string;
  readonly size: number;
  readonly gamma: Param;
  readonly beta: Param;
  readonly eps = BATCH_NORM_EPS;
  readonly momentum = BATCH_NORM_MOMENTUM;
  /** Running mean and variance used in inference; they start at 0 as in the book. */
  readonly runningMean: Float64Array;
  readonly runningVar: Float64Array;
  private readonly kernels: Kernels;
  private readonly state: BatchNormState;
  private readonly out: RowBuffers;
  private readonly dx: RowBuffers;
  private readonly xcBuffers: RowBuffers;
  private readonly xnBuffers: RowBuffers;
  private xc: Float32Array = NO_INPUT_GRADIENT;
  private xn: Float32Array = NO_INPUT_GRADIENT;

  constructor(kernels: Kernels, size: number, options: { index: number }) {
    this.kernels = kernels;
    this.size = size;
    this.name = `BatchNorm${options.index}`;
    this.gamma = createParam(kernels, `gamma${options.index}`, [size]);
    this.beta = createParam(kernels, `beta${options.index}`, [size]);
    this.gamma.value.fill(1);
    this.runningMean = kernels.allocF64(size);
    this.runningVar = kernels.allocF64(size);
    this.state = {
      cols: size,
      eps: this.eps,
      momentum: this.momentum,
      gamma: this.gamma.value,
      beta: this.beta.value,
      gammaGrad: this.gamma.grad,
      betaGrad: this.beta.grad,
      runningMean: this.runningMean,
      runningVar: this.runningVar,
      work: kernels.allocF64(4 * size),
    };
    this.out = RowBuffers.inKernels(kernels, size);
    this.dx = RowBuffers.inKernels(kernels, size);
    this.xcBuffers = RowBuffers.inKernels(kernels, size);
    this.xnBuffers = RowBuffers.inKernels(kernels, size);
  }

  forward(x: Float32Array, rows: number, training: boolean): Float32Array {
    const y = this.out.get(rows);
    if (!training) {
      this.kernels.batchNormInference(rows, x, this.state, y);
      return y;
    }
    this.xc = this.xcBuffers.get(rows);
    this.xn = this.xnBuffers.get(rows);
    this.kernels.batchNormForward(rows, x, this.state, this.xc, this.xn, y);
    return y;
  }

  backward(dout: Float32Array, rows: number): Float32Array {
    const dx = this.dx.get(rows);
    this.kernels.batchNormBackward(rows, dout, this.state, this.xc, this.xn, dx);
    return dx;
  }

  params(): Param[] {
    return [this.gamma, this.beta];
  }
}
