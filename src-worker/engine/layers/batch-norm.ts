// Batch normalization (Ioffe & Szegedy 2015) for fully connected layers, the book's
// BatchNormalization: per feature, normalize by the batch mean/variance in training and by the
// running statistics in inference, then scale by gamma and shift by beta.
//
// Book details kept: ε = 1e-6 (written `10e-7`) inside the square root; running mean/var start
// at 0 and update as 0.9·running + 0.1·batch; the biased batch variance (mean of squares).
// Per-feature statistics are accumulated in float64; per-element buffers are float32.
import type { Kernels } from '../kernels/kernels.ts';
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
  private readonly out: RowBuffers;
  private readonly dx: RowBuffers;
  private readonly xcBuffers: RowBuffers;
  private readonly xnBuffers: RowBuffers;
  private readonly std: Float64Array;
  private readonly colA: Float64Array;
  private readonly colB: Float64Array;
  private readonly colC: Float64Array;
  private xc: Float32Array = NO_INPUT_GRADIENT;
  private xn: Float32Array = NO_INPUT_GRADIENT;

  constructor(kernels: Kernels, size: number, options: { index: number }) {
    this.size = size;
    this.name = `BatchNorm${options.index}`;
    this.gamma = createParam(kernels, `gamma${options.index}`, [size]);
    this.beta = createParam(kernels, `beta${options.index}`, [size]);
    this.gamma.value.fill(1);
    this.runningMean = new Float64Array(size);
    this.runningVar = new Float64Array(size);
    this.out = RowBuffers.inKernels(kernels, size);
    this.dx = RowBuffers.inKernels(kernels, size);
    // Only this layer's loops read xc/xn, so they need not live in kernel memory.
    this.xcBuffers = RowBuffers.plain(size);
    this.xnBuffers = RowBuffers.plain(size);
    this.std = new Float64Array(size);
    this.colA = new Float64Array(size);
    this.colB = new Float64Array(size);
    this.colC = new Float64Array(size);
  }

  forward(x: Float32Array, rows: number, training: boolean): Float32Array {
    return training ? this.forwardTraining(x, rows) : this.forwardInference(x, rows);
  }

  backward(dout: Float32Array, rows: number): Float32Array {
    const D = this.size;
    const N = rows;
    const dx = this.dx.get(rows);
    const xc = this.xc;
    const xn = this.xn;
    const std = this.std;
    const gamma = this.gamma.value;
    const dgamma = this.colA;
    const dbeta = this.colB;
    const sumDxnXc = this.colC;
    dgamma.fill(0);
    dbeta.fill(0);
    sumDxnXc.fill(0);
    for (let i = 0; i < N; i++) {
      const o = i * D;
      for (let j = 0; j < D; j++) {
        const d = dout[o + j];
        // dbeta = dout.sum(axis=0); dgamma = np.sum(xn * dout, axis=0)
        dbeta[j] += d;
        dgamma[j] += xn[o + j] * d;
        // Σ (dxn * xc), dxn = gamma * dout
        sumDxnXc[j] += gamma[j] * d * xc[o + j];
      }
    }
    const g = this.gamma.grad;
    const b = this.beta.grad;
    for (let j = 0; j < D; j++) {
      g[j] = dgamma[j];
      b[j] = dbeta[j];
    }
    // dstd = -Σ (dxn * xc) / (std * std); dvar = 0.5 * dstd / std. Per column: (2/N)·dvar, gamma/std
    const twoDvarOverN = dgamma;
    const gammaOverStd = sumDxnXc;
    for (let j = 0; j < D; j++) {
      const s = std[j];
      const dstd = -sumDxnXc[j] / (s * s);
      twoDvarOverN[j] = (2 / N) * ((0.5 * dstd) / s);
      gammaOverStd[j] = gamma[j] / s;
    }
    // dxc = dxn / std + (2.0 / batch_size) * xc * dvar; dmu = np.sum(dxc, axis=0)
    const dmu = dbeta;
    dmu.fill(0);
    for (let i = 0; i < N; i++) {
      const o = i * D;
      for (let j = 0; j < D; j++) {
        const dxc = gammaOverStd[j] * dout[o + j] + xc[o + j] * twoDvarOverN[j];
        dx[o + j] = dxc;
        dmu[j] += dxc;
      }
    }
    // dx = dxc - dmu / batch_size
    for (let j = 0; j < D; j++) dmu[j] /= N;
    for (let i = 0; i < N; i++) {
      const o = i * D;
      for (let j = 0; j < D; j++) dx[o + j] -= dmu[j];
    }
    return dx;
  }

  params(): Param[] {
    return [this.gamma, this.beta];
  }

  private forwardTraining(x: Float32Array, rows: number): Float32Array {
    const D = this.size;
    const N = rows;
    const y = this.out.get(rows);
    const xc = this.xcBuffers.get(rows);
    const xn = this.xnBuffers.get(rows);
    const mu = this.colA;
    const variance = this.colB;
    const std = this.std;
    const gamma = this.gamma.value;
    const beta = this.beta.value;
    mu.fill(0);
    variance.fill(0);
    // mu = x.mean(axis=0)
    for (let i = 0; i < N; i++) {
      const o = i * D;
      for (let j = 0; j < D; j++) mu[j] += x[o + j];
    }
    for (let j = 0; j < D; j++) mu[j] /= N;
    // xc = x - mu; var = np.mean(xc**2, axis=0)
    for (let i = 0; i < N; i++) {
      const o = i * D;
      for (let j = 0; j < D; j++) {
        const c = x[o + j] - mu[j];
        xc[o + j] = c;
        variance[j] += c * c;
      }
    }
    // std = np.sqrt(var + 10e-7)
    const invStd = this.colC;
    for (let j = 0; j < D; j++) {
      variance[j] /= N;
      std[j] = Math.sqrt(variance[j] + this.eps);
      invStd[j] = 1 / std[j];
    }
    // xn = xc / std; out = gamma * xn + beta
    for (let i = 0; i < N; i++) {
      const o = i * D;
      for (let j = 0; j < D; j++) {
        const n = xc[o + j] * invStd[j];
        xn[o + j] = n;
        y[o + j] = gamma[j] * n + beta[j];
      }
    }
    // running_mean = momentum * running_mean + (1-momentum) * mu (same for var)
    const m = this.momentum;
    const rm = this.runningMean;
    const rv = this.runningVar;
    for (let j = 0; j < D; j++) {
      rm[j] = m * rm[j] + (1 - m) * mu[j];
      rv[j] = m * rv[j] + (1 - m) * variance[j];
    }
    this.xc = xc;
    this.xn = xn;
    return y;
  }

  private forwardInference(x: Float32Array, rows: number): Float32Array {
    const D = this.size;
    const y = this.out.get(rows);
    const rm = this.runningMean;
    const invStd = this.colC;
    const gamma = this.gamma.value;
    const beta = this.beta.value;
    for (let j = 0; j < D; j++) invStd[j] = 1 / Math.sqrt(this.runningVar[j] + this.eps);
    // xn = (x - running_mean) / np.sqrt(running_var + 10e-7); out = gamma * xn + beta
    for (let i = 0; i < rows; i++) {
      const o = i * D;
      for (let j = 0; j < D; j++) y[o + j] = gamma[j] * ((x[o + j] - rm[j]) * invStd[j]) + beta[j];
    }
    return y;
  }
}
