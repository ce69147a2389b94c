// The reference kernels: plain loops, written to be read and trusted, not to be fast.
// The WASM kernels are tested against these on random shapes.
import type { Kernels, SparseRows } from './kernels.ts';
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
