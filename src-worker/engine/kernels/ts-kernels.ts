// The reference kernels: plain loops, written to be read and trusted, not to be fast.
// The WASM kernels are tested against these on random shapes.
import type { BatchNormState, Kernels, SparseRows } from './kernels.ts';
import { checkSparseGemm, checkToSparse, checkTranspose, SPARSE_SLACK, sparseCapacity, sparseRows } from './sparse-rows.ts';
import { checkAllocGroups, checkGroupedGemm, ENTRY_WORDS, GROUP_ROWS, rowGroups } from './row-groups.ts';

/** The non-zero values of element i = 0 … rows × s.cols - 1 into s, or -1 (holding no rows) when they and the slack do not fit. */
function compactRows(rows: number, s: SparseRows, valueAt: (i: number) => number): number {
  let e = 0;
  s.start[0] = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < s.cols; j++) {
      const v = valueAt(i * s.cols + j);
      if (v === 0) continue;
      if (e + SPARSE_SLACK > s.capacity) {
        s.rows = 0;
        return -1;
      }
      s.index[e] = j;
      s.value[e++] = v;
    }
    s.start[i + 1] = e;
  }
  s.rows = rows;
  return e;
}

export function createTsKernels(): Kernels {
  let allocated = 0;
  return {
    kind: 'ts',

    alloc: (length) => {
      allocated += length * 4;
      return new Float32Array(length);
    },

    reset() {
      // Plain arrays: the garbage collector reclaims them.
      allocated = 0;
    },

    allocatedBytes: () => allocated,

    gemm(m, n, k, a, transA, b, transB, c, accumulate) {
      // Transposes swap strides instead of copying (as tfjs-backend-cpu's BatchMatMul does).
      const [aRow, aCol] = transA ? [1, m] : [k, 1];
      const [bRow, bCol] = transB ? [1, k] : [n, 1];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let p = 0; p < k; p++) sum += a[i * aRow + p * aCol] * b[p * bRow + j * bCol];
          c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
        }
      }
    },

    addBias(rows, cols, x, bias, relu) {
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const v = x[i * cols + j] + bias[j];
          x[i * cols + j] = relu && v < 0 ? 0 : v;
        }
      }
    },

    allocSparse(maxRows, cols, entries) {
      const capacity = sparseCapacity(maxRows, cols, entries);
      allocated += (maxRows + 1 + 2 * capacity) * 4;
      return sparseRows(maxRows, cols, new Int32Array(maxRows + 1), new Int32Array(capacity), new Float32Array(capacity));
    },

    toSparse(rows, x, s) {
      checkToSparse(rows, x, s);
      return compactRows(rows, s, (i) => x[i]);
    },

    sparseFromBytes(rows, bytes, s) {
      checkToSparse(rows, bytes, s);
      return compactRows(rows, s, (i) => bytes[i] / 255);
    },

    transposeSparse(s, t) {
      checkTranspose(s, t);
      const count = new Int32Array(s.cols + 1);
      for (let e = 0; e < s.start[s.rows]; e++) count[s.index[e] + 1]++;
      for (let c = 0; c < s.cols; c++) count[c + 1] += count[c];
      t.start.set(count);
      for (let i = 0; i < s.rows; i++) {
        for (let e = s.start[i]; e < s.start[i + 1]; e++) {
          const slot = count[s.index[e]]++;
          t.index[slot] = i;
          t.value[slot] = s.value[e];
        }
      }
      t.rows = s.cols;
    },

    sparseGemm(n, s, b, c, accumulate) {
      checkSparseGemm(n, s, b, c);
      for (let i = 0; i < s.rows; i++) {
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let e = s.start[i]; e < s.start[i + 1]; e++) sum += s.value[e] * b[s.index[e] * n + j];
          c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
        }
      }
    },

    allocGroups(maxGroups, cols, capacity) {
      const words = checkAllocGroups(maxGroups, cols, capacity);
      allocated += (maxGroups + 1 + words) * 4;
      const entries = new ArrayBuffer(words * 4);
      return rowGroups(maxGroups, cols, new Int32Array(maxGroups + 1), new Int32Array(entries), new Float32Array(entries));
    },

    groupedGemm(n, g, b, c) {
      checkGroupedGemm(n, g, b, c);
      for (let i = 0; i < g.rows; i++) {
        const group = Math.floor(i / GROUP_ROWS);
        const r = i % GROUP_ROWS;
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let e = g.start[group]; e < g.start[group + 1]; e++) {
            sum += g.value[e * ENTRY_WORDS + 1 + r] * b[g.word[e * ENTRY_WORDS] * n + j];
          }
          c[i * n + j] = sum;
        }
      }
    },

    allocF64: (length) => {
      allocated += length * 8;
      return new Float64Array(length);
    },

    batchNormForward,
    batchNormBackward,
    batchNormInference,

    allocBytes: (length) => {
      allocated += length;
      return new Uint8Array(length);
    },

    unitFromBytes(n, bytes, out) {
      for (let i = 0; i < n; i++) out[i] = bytes[i] / 255;
    },

    sumSquares(n, x) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[i] * x[i];
      return sum;
    },

    reluBackward(n, dout, y, dx) {
      for (let i = 0; i < n; i++) dx[i] = y[i] > 0 ? dout[i] : 0;
    },

    mul(n, a, b, out) {
      for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
    },

    scale(n, x, s, out = x) {
      for (let i = 0; i < n; i++) out[i] = x[i] * s;
    },

    axpy(n, alpha, x, y) {
      for (let i = 0; i < n; i++) y[i] += alpha * x[i];
    },

    colSums(rows, cols, x, out) {
      out.fill(0, 0, cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j] += x[i * cols + j];
    },

    softmax(rows, cols, x, y) {
      for (let i = 0; i < rows; i++) {
        const o = i * cols;
        let max = -Infinity;
        for (let j = 0; j < cols; j++) max = Math.max(max, x[o + j]);
        let sum = 0;
        for (let j = 0; j < cols; j++) {
          y[o + j] = Math.exp(x[o + j] - max);
          sum += y[o + j];
        }
        for (let j = 0; j < cols; j++) y[o + j] /= sum;
      }
    },

    sgd(n, p, g, lr) {
      for (let i = 0; i < n; i++) p[i] -= lr * g[i];
    },

    momentum(n, p, g, v, lr, m) {
      for (let i = 0; i < n; i++) {
        v[i] = m * v[i] - lr * g[i];
        p[i] += v[i];
      }
    },

    nesterov(n, p, g, v, lr, m) {
      for (let i = 0; i < n; i++) {
        p[i] += m * m * v[i];
        p[i] -= (1 + m) * lr * g[i];
        v[i] = m * v[i] - lr * g[i];
      }
    },

    adagrad(n, p, g, h, lr) {
      for (let i = 0; i < n; i++) {
        h[i] += g[i] * g[i];
        p[i] -= (lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
      }
    },

    rmsprop(n, p, g, h, lr, decay) {
      for (let i = 0; i < n; i++) {
        h[i] = decay * h[i] + (1 - decay) * g[i] * g[i];
        p[i] -= (lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
      }
    },

    adam(n, p, g, m, v, lrT, beta1, beta2, eps) {
      for (let i = 0; i < n; i++) {
        m[i] += (1 - beta1) * (g[i] - m[i]);
        v[i] += (1 - beta2) * (g[i] * g[i] - v[i]);
        p[i] -= (lrT * m[i]) / (Math.sqrt(v[i]) + eps);
      }
    },
  };
}

// Batch norm, the book's formulas line by line (numpy's in the comments), per-feature values in
// float64. scripts/wasm/batch-norm-kernels.mjs computes the same operations in the same order.

/** The four float64 columns of a state's work (std first: the forward leaves it for the backward). */
function workColumns(s: BatchNormState): [Float64Array, Float64Array, Float64Array, Float64Array] {
  const D = s.cols;
  return [s.work.subarray(0, D), s.work.subarray(D, 2 * D), s.work.subarray(2 * D, 3 * D), s.work.subarray(3 * D, 4 * D)];
}

function batchNormForward(rows: number, x: Float32Array, s: BatchNormState, xc: Float32Array, xn: Float32Array, y: Float32Array): void {
  const D = s.cols;
  const N = rows;
  const { gamma, beta } = s;
  const [std, mu, variance, invStd] = workColumns(s);
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
  // std = np.sqrt(var + 10e-7); running_mean = momentum * running_mean + (1-momentum) * mu (same for var)
  const m = s.momentum;
  for (let j = 0; j < D; j++) {
    variance[j] /= N;
    std[j] = Math.sqrt(variance[j] + s.eps);
    invStd[j] = 1 / std[j];
    s.runningMean[j] = m * s.runningMean[j] + (1 - m) * mu[j];
    s.runningVar[j] = m * s.runningVar[j] + (1 - m) * variance[j];
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
}

function batchNormBackward(rows: number, dout: Float32Array, s: BatchNormState, xc: Float32Array, xn: Float32Array, dx: Float32Array): void {
  const D = s.cols;
  const N = rows;
  const { gamma } = s;
  const [std, dgamma, dbeta, sumDxnXc] = workColumns(s);
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
  // dstd = -Σ (dxn * xc) / (std * std); dvar = 0.5 * dstd / std. Per column: (2/N)·dvar, gamma/std
  const twoDvarOverN = dgamma;
  const gammaOverStd = sumDxnXc;
  const twoOverN = 2 / N;
  for (let j = 0; j < D; j++) {
    s.gammaGrad[j] = dgamma[j];
    s.betaGrad[j] = dbeta[j];
    const sd = std[j];
    const dstd = -sumDxnXc[j] / (sd * sd);
    twoDvarOverN[j] = twoOverN * ((0.5 * dstd) / sd);
    gammaOverStd[j] = gamma[j] / sd;
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
}

function batchNormInference(rows: number, x: Float32Array, s: BatchNormState, y: Float32Array): void {
  const D = s.cols;
  const { gamma, beta, runningMean, runningVar } = s;
  const invStd = workColumns(s)[3];
  for (let j = 0; j < D; j++) invStd[j] = 1 / Math.sqrt(runningVar[j] + s.eps);
  // xn = (x - running_mean) / np.sqrt(running_var + 10e-7); out = gamma * xn + beta
  for (let i = 0; i < rows; i++) {
    const o = i * D;
    for (let j = 0; j < D; j++) y[o + j] = gamma[j] * ((x[o + j] - runningMean[j]) * invStd[j]) + beta[j];
  }
}
