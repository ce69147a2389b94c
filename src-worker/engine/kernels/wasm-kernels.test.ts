import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { bestKernelKind, createKernels } from './create-kernels.ts';
import type { BatchNormState, Kernels } from './kernels.ts';
import { createTsKernels } from './ts-kernels.ts';
import { createWasmKernels, wasmBinary, wasmSupported, type WasmKernels } from './wasm-kernels.ts';
import { uniformSource as rng } from '../test-helpers.ts';

// ---------------------------------------------------------------------------------------------
// Tolerances. The reference (ts-kernels) computes in double and rounds once when it stores a
// float32; the WASM kernels round after every float32 operation and sum in another order (k
// blocks, SIMD lanes, fused multiply-adds in the relaxed build). So they are compared with bounds
// on float32 rounding error, not for equality:
//  - GEMM: any summation order of a k-term dot product in float32 is off by at most
//    γ_k·Σ|a·b| with γ_k ≈ k·u (u = 2^-24; Higham, Accuracy and Stability, §3.1); we allow
//    2·(k+2)·u·(Σ_p |a_ip·b_pj| + |c_ij|). The bound is relative to Σ|a·b|, not to the result,
//    because a dot product of random signs can cancel to ~0. A wrong index or a dropped term
//    errs by ~|a·b| ≈ Σ|a·b|/k, far above the bound for the k used here.
//  - element-wise kernels made of a few float32 operations on O(1) values: |w - r| <= 1e-6·(1 + |r|),
//    about 16 ulps at 1; any bug (a wrong sign, a missing term, a skipped tail) errs by ~lr·g >= 1e-3.
//  - operations that are exact in both (add, mul, max, compare, the row-order column sums) must
//    match bit for bit.
// ---------------------------------------------------------------------------------------------
const U = 2 ** -24;

function randArray(rand: () => number, n: number, lo = -1, hi = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * rand();
  return a;
}

/** A copy of `data` in the context's memory. */
function put(k: Kernels, data: Float32Array): Float32Array {
  const a = k.alloc(data.length);
  a.set(data);
  return a;
}

function expectClose(actual: Float32Array, expected: Float32Array, what: string, rel = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const r = expected[i];
    const w = actual[i];
    if (Number.isNaN(r) ? !Number.isNaN(w) : !(Math.abs(w - r) <= rel * (1 + Math.abs(r)))) {
      expect.fail(`${what}: element ${i} is ${w}, the reference has ${r}`);
    }
  }
}

function expectSame(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`${what}: element ${i} is ${actual[i]}, the reference has ${expected[i]}`);
  }
}

const ref = createTsKernels();

interface GemmCase {
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
  accumulate: boolean;
}

/** Runs one GEMM in both implementations and checks every element against the error bound. */
function checkGemm(w: Kernels, rand: () => number, g: GemmCase, cInit?: Float32Array): void {
  const { m, n, k, transA, transB, accumulate } = g;
  const A = randArray(rand, m * k);
  const B = randArray(rand, k * n);
  const C0 = cInit ?? randArray(rand, m * n);
  const expected = C0.slice();
  ref.gemm(m, n, k, A, transA, B, transB, expected, accumulate);
  const a = put(w, A);
  const b = put(w, B);
  const c = put(w, C0);
  w.gemm(m, n, k, a, transA, b, transB, c, accumulate);
  const label = `${m}x${k}x${n}${transA ? ' tA' : ''}${transB ? ' tB' : ''}${accumulate ? ' acc' : ''}`;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let mag = accumulate ? Math.abs(C0[i * n + j]) : 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? A[p * m + i] : A[i * k + p];
        const bv = transB ? B[j * k + p] : B[p * n + j];
        mag += Math.abs(av * bv);
      }
      const tol = 2 * (k + 2) * U * mag;
      const r = expected[i * n + j];
      const v = c[i * n + j];
      if (!(Math.abs(v - r) <= tol)) expect.fail(`${label}: C[${i},${j}] is ${v}, the reference has ${r} (tolerance ${tol})`);
    }
  }
}

const VARIANTS = [
  { name: 'wasm-relaxed', relaxed: true },
  { name: 'wasm-simd', relaxed: false },
] as const;

describe.each(VARIANTS)('$name kernels', ({ relaxed }) => {
  const make = (): WasmKernels => createWasmKernels(relaxed);

  it('are supported by this Node (the binaries validate)', () => {
    expect(wasmSupported(relaxed)).toBe(true);
    expect(make().kind).toBe(relaxed ? 'wasm-relaxed' : 'wasm-simd');
  });

  // ---- GEMM -----------------------------------------------------------------------------------

  it('gemm matches the reference on random shapes with either operand transposed', () => {
    const w = make();
    const rand = rng(relaxed ? 1 : 2);
    for (let t = 0; t < 160; t++) {
      const big = t % 8 === 0;
      checkGemm(w, rand, {
        m: 1 + Math.floor(rand() * (big ? 70 : 24)),
        n: 1 + Math.floor(rand() * (big ? 70 : 24)),
        k: 1 + Math.floor(rand() * (big ? 300 : 40)),
        transA: (t & 1) === 1,
        transB: (t & 2) === 2,
        accumulate: (t & 4) === 4,
      });
    }
  });

  it('gemm handles every tile tail: 6- and 4-row strips, 1-3 last rows, 8- and 4-wide panels, 1-3 last columns', () => {
    const w = make();
    const rand = rng(3);
    // m from 1 to 13 and a few larger: the relaxed build runs 6-row strips over the first
    // 12·floor(m/12) rows, then 4-row strips, then a packed 1-3 row tail.
    for (const m of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 18, 22, 25, 27]) {
      for (let n = 1; n <= 17; n++) {
        for (let t = 0; t < 4; t++) {
          checkGemm(w, rand, { m, n, k: [1, 3, 6, 9][t], transA: (t & 1) === 1, transB: (t & 2) === 2, accumulate: t === 3 });
        }
      }
    }
  });

  it('gemm handles sizes of 1 in every position', () => {
    const w = make();
    const rand = rng(4);
    const sizes = [
      [1, 1, 1],
      [1, 1, 300],
      [1, 300, 1],
      [300, 1, 1],
      [1, 37, 29],
      [37, 1, 29],
      [37, 29, 1],
    ];
    for (const [m, n, k] of sizes) {
      for (let t = 0; t < 8; t++) {
        checkGemm(w, rand, { m, n, k, transA: (t & 1) === 1, transB: (t & 2) === 2, accumulate: (t & 4) === 4 });
      }
    }
  });

  it('gemm blocks k larger than 256 (several k blocks, accumulating across them) without changing the result', () => {
    const w = make();
    const rand = rng(5);
    for (const k of [252, 255, 256, 257, 259, 300, 511, 512, 513, 784, 1031]) {
      for (let t = 0; t < 8; t++) {
        checkGemm(w, rand, { m: 9, n: 14, k, transA: (t & 1) === 1, transB: (t & 2) === 2, accumulate: (t & 4) === 4 });
      }
    }
  });

  it("gemm computes the training step's products of the 784-100-100-100-100-10 net at batch 128", () => {
    const w = make();
    const rand = rng(6);
    const shapes: [string, GemmCase][] = [
      ['X·W1 (forward, layer 1)', { m: 128, k: 784, n: 100, transA: false, transB: false, accumulate: false }],
      ['dW1 = Xᵀ·dY', { m: 784, k: 128, n: 100, transA: true, transB: false, accumulate: false }],
      ['dX1 = dY·W1ᵀ', { m: 128, k: 100, n: 784, transA: false, transB: true, accumulate: false }],
      ['hidden forward', { m: 128, k: 100, n: 100, transA: false, transB: false, accumulate: false }],
      ['output forward', { m: 128, k: 100, n: 10, transA: false, transB: false, accumulate: false }],
      ['dW5 = Hᵀ·dY', { m: 100, k: 128, n: 10, transA: true, transB: false, accumulate: false }],
      ['dH = dY·W5ᵀ', { m: 128, k: 10, n: 100, transA: false, transB: true, accumulate: false }],
      ['a last, odd batch', { m: 37, k: 784, n: 100, transA: false, transB: false, accumulate: false }],
    ];
    for (const [, g] of shapes) checkGemm(w, rand, g);
  });

  it('gemm without accumulate overwrites C without reading it (NaN garbage in C is ignored)', () => {
    const w = make();
    const rand = rng(7);
    for (const [m, n, k] of [
      [5, 10, 7],
      [8, 8, 300],
      [3, 3, 3],
      [13, 17, 9],
    ]) {
      for (let t = 0; t < 4; t++) {
        checkGemm(
          w,
          rand,
          { m, n, k, transA: (t & 1) === 1, transB: (t & 2) === 2, accumulate: false },
          new Float32Array(m * n).fill(Number.NaN),
        );
      }
    }
  });

  it('gemm with k = 0 zeroes C, or leaves it as it is when accumulating; m = 0 or n = 0 does nothing', () => {
    const w = make();
    const c = put(w, Float32Array.from([1, 2, 3, 4, 5, 6]));
    const a = w.alloc(8);
    const b = w.alloc(8);
    w.gemm(2, 3, 0, a, false, b, false, c, true);
    expect([...c]).toEqual([1, 2, 3, 4, 5, 6]);
    w.gemm(0, 3, 2, a, false, b, false, c, false);
    w.gemm(2, 0, 2, a, false, b, false, c, false);
    expect([...c]).toEqual([1, 2, 3, 4, 5, 6]);
    w.gemm(2, 3, 0, a, false, b, false, c, false);
    expect([...c]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('gemm writes nothing outside C and works on unaligned subarray views', () => {
    const w = make();
    const rand = rng(8);
    for (const [m, n, k] of [
      [6, 11, 5],
      [9, 3, 260],
      [4, 8, 4],
      [7, 14, 33],
    ]) {
      for (let t = 0; t < 4; t++) {
        const transA = (t & 1) === 1;
        const transB = (t & 2) === 2;
        const A = randArray(rand, m * k);
        const B = randArray(rand, k * n);
        // Operands at odd float offsets (4-byte, not 16-byte aligned), C between sentinels.
        const aBuf = w.alloc(m * k + 3);
        const bBuf = w.alloc(k * n + 2);
        const cBuf = w.alloc(m * n + 10).fill(7);
        const a = aBuf.subarray(3);
        const b = bBuf.subarray(1, 1 + k * n);
        const c = cBuf.subarray(5, 5 + m * n);
        a.set(A);
        b.set(B);
        w.gemm(m, n, k, a, transA, b, transB, c, false);
        const expected = new Float32Array(m * n);
        ref.gemm(m, n, k, A, transA, B, transB, expected, false);
        expectClose(c, expected, `unaligned ${m}x${k}x${n}`, 1e-4);
        expect([...cBuf.subarray(0, 5), ...cBuf.subarray(5 + m * n)]).toEqual(new Array(10).fill(7));
      }
    }
  });

  // ---- element-wise kernels -------------------------------------------------------------------

  const LENGTHS = [0, 1, 2, 3, 4, 5, 7, 8, 13, 100, 1001];
  const SHAPES = [
    [1, 1],
    [1, 3],
    [3, 1],
    [2, 4],
    [5, 6],
    [7, 10],
    [128, 10],
    [16, 100],
    [3, 101],
  ];

  it('addBias (with and without relu) matches the reference bit for bit, including -0 and tails', () => {
    const w = make();
    const rand = rng(9);
    for (const [rows, cols] of SHAPES) {
      for (const relu of [false, true]) {
        const X = randArray(rand, rows * cols);
        X[0] = -0;
        const bias = randArray(rand, cols);
        bias[0] = 0;
        const expected = X.slice();
        ref.addBias(rows, cols, expected, bias, relu);
        const x = put(w, X);
        w.addBias(rows, cols, x, put(w, bias), relu);
        expectSame(x, expected, `addBias ${rows}x${cols} relu=${relu}`);
      }
    }
  });

  it('reluBackward matches the reference bit for bit, also in place (dx = dout)', () => {
    const w = make();
    const rand = rng(10);
    for (const n of LENGTHS) {
      const dout = randArray(rand, n);
      const y = randArray(rand, n);
      for (let i = 0; i < n; i += 3) y[i] = i % 2 ? 0 : -0; // y == 0 blocks the gradient
      const expected = new Float32Array(n);
      ref.reluBackward(n, dout, y, expected);
      const wd = put(w, dout);
      const dx = w.alloc(n);
      w.reluBackward(n, wd, put(w, y), dx);
      expectSame(dx, expected, `reluBackward n=${n}`);
      w.reluBackward(n, wd, put(w, y), wd);
      expectSame(wd, expected, `reluBackward in place n=${n}`);
    }
  });

  it('mul matches the reference bit for bit, also when out aliases an input', () => {
    const w = make();
    const rand = rng(11);
    for (const n of LENGTHS) {
      const A = randArray(rand, n);
      const B = randArray(rand, n);
      const expected = new Float32Array(n);
      ref.mul(n, A, B, expected);
      const out = w.alloc(n);
      w.mul(n, put(w, A), put(w, B), out);
      expectSame(out, expected, `mul n=${n}`);
      const a = put(w, A);
      w.mul(n, a, put(w, B), a);
      expectSame(a, expected, `mul in place n=${n}`);
    }
  });

  it('scale (in place or into another array) and axpy match the reference', () => {
    const w = make();
    const rand = rng(12);
    for (const n of LENGTHS) {
      const X = randArray(rand, n);
      const Y = randArray(rand, n);
      const s = 0.3 + rand();
      const ex = X.slice();
      ref.scale(n, ex, s);
      const x = put(w, X);
      const into = w.alloc(n);
      w.scale(n, x, s, into);
      expectSame(x, X, `scale n=${n} leaves x`);
      expectClose(into, ex, `scale into n=${n}`);
      w.scale(n, x, s);
      expectClose(x, ex, `scale n=${n}`);
      const ey = Y.slice();
      ref.axpy(n, -0.01 * s, X, ey);
      const y = put(w, Y);
      w.axpy(n, -0.01 * s, put(w, X), y);
      expectClose(y, ey, `axpy n=${n}`);
    }
  });

  it('colSums matches the reference bit for bit (same row order) and overwrites out', () => {
    const w = make();
    const rand = rng(13);
    for (const [rows, cols] of [...SHAPES, [0, 5], [128, 100]]) {
      const X = randArray(rand, rows * cols);
      const expected = new Float32Array(cols);
      ref.colSums(rows, cols, X, expected);
      const out = put(w, randArray(rand, cols));
      w.colSums(rows, cols, put(w, X), out);
      expectSame(out, expected, `colSums ${rows}x${cols}`);
    }
  });

  it('batch norm (training forward, backward, inference) matches the reference bit for bit, odd widths included', () => {
    const rand = rng(31);
    /** A batch-norm state of `cols` features in `k`, its gamma and beta from `init`. */
    const stateIn = (k: Kernels, cols: number, init: Float32Array): BatchNormState => {
      const gamma = put(k, init.subarray(0, cols));
      const beta = put(k, init.subarray(cols, 2 * cols));
      return {
        cols,
        eps: 1e-6,
        momentum: 0.9,
        gamma,
        beta,
        gammaGrad: k.alloc(cols),
        betaGrad: k.alloc(cols),
        runningMean: k.allocF64(cols),
        runningVar: k.allocF64(cols),
        work: k.allocF64(4 * cols),
      };
    };
    for (const [rows, cols] of [[1, 1], [2, 3], [7, 5], [100, 100], [13, 64], [128, 33]]) {
      const w = make();
      const params = randArray(rand, 2 * cols, 0.5, 1.5);
      const sw = stateIn(w, cols, params);
      const sr = stateIn(ref, cols, params);
      const n = rows * cols;
      const [xcW, xnW, yW, dxW] = [0, 1, 2, 3].map(() => w.alloc(n));
      const [xcR, xnR, yR, dxR] = [0, 1, 2, 3].map(() => new Float32Array(n));
      const what = `${rows}x${cols}`;
      for (let step = 0; step < 3; step++) {
        // inputs off-centre and of another scale per feature, so that the statistics matter
        const x = randArray(rand, n, -3, 5);
        const dout = randArray(rand, n);
        w.batchNormForward(rows, put(w, x), sw, xcW, xnW, yW);
        ref.batchNormForward(rows, x, sr, xcR, xnR, yR);
        expectSame(yW, yR, `forward y ${what}`);
        expectSame(xnW, xnR, `forward xn ${what}`);
        expectSame(new Float32Array(sw.runningVar), new Float32Array(sr.runningVar), `running var ${what}`);
        expect(Array.from(sw.runningMean)).toEqual(Array.from(sr.runningMean));
        w.batchNormBackward(rows, put(w, dout), sw, xcW, xnW, dxW);
        ref.batchNormBackward(rows, dout, sr, xcR, xnR, dxR);
        expectSame(dxW, dxR, `backward dx ${what}`);
        expectSame(sw.gammaGrad, sr.gammaGrad, `dgamma ${what}`);
        expectSame(sw.betaGrad, sr.betaGrad, `dbeta ${what}`);
        w.batchNormInference(rows, put(w, x), sw, yW);
        ref.batchNormInference(rows, x, sr, yR);
        expectSame(yW, yR, `inference ${what}`);
      }
      if (rows > 1) expect(sw.runningVar.some((v) => v > 0)).toBe(true); // one row has no variance
    }
  });

  it('softmax matches the reference on rows of every width, narrow- and wide-ranged, also in place', () => {
    const w = make();
    const rand = rng(14);
    for (const [rows, cols, range] of [...SHAPES, [4, 2], [3, 3], [2, 7], [5, 11], [64, 1000]].flatMap(([r, c]) => [
      [r, c, 3],
      [r, c, 60],
    ])) {
      // Logits within ±3 (every term matters), and up to ±60 apart (some e^(x - max) underflow
      // to 0 or to subnormals).
      const X = randArray(rand, rows * cols, -range, range);
      const expected = new Float32Array(rows * cols);
      ref.softmax(rows, cols, X, expected);
      const x = put(w, X);
      const y = w.alloc(rows * cols);
      w.softmax(rows, cols, x, y);
      // Each output: e^(x-max) (<= 1 ulp), a sum of cols terms in another order, one division.
      expectClose(y, expected, `softmax ${rows}x${cols} ±${range}`, 4e-6);
      w.softmax(rows, cols, x, x);
      expectSame(x, y, `softmax in place ${rows}x${cols}`);
      for (let r = 0; r < rows; r++) {
        let sum = 0;
        for (let j = 0; j < cols; j++) sum += y[r * cols + j];
        expect(Math.abs(sum - 1)).toBeLessThan(1e-5);
      }
    }
  });

  it('softmax of a row with -Infinity gives those entries 0, and one with NaN gives NaN like the reference', () => {
    const w = make();
    const X = Float32Array.from([1, -Infinity, 2, 3, -Infinity, /* row 2 */ 0, Number.NaN, 1, 2, 3]);
    const expected = new Float32Array(10);
    ref.softmax(2, 5, X, expected);
    const y = w.alloc(10);
    w.softmax(2, 5, put(w, X), y);
    expectClose(y, expected, 'softmax with infinities', 1e-6);
  });

  it('exp is within 1 ulp of e^x over the whole float32 range (normal and subnormal results) and handles NaN and ±Infinity', () => {
    const w = make();
    const n = 200_003; // not a multiple of 4: the scalar tail is exercised too
    const x = w.alloc(n);
    for (let i = 0; i < n; i++) x[i] = -110 + (110 + 92) * (i / (n - 1));
    const y = w.alloc(n);
    w.exp(n, x, y);
    const f = new Float32Array(1);
    const bits = new Uint32Array(f.buffer);
    const ulp = (v: number) => {
      // spacing of float32 at |v| (v already a float32)
      f[0] = Math.abs(v);
      bits[0] += 1;
      const next = f[0];
      return next - Math.abs(v);
    };
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const exact = Math.exp(x[i]);
      const rounded = Math.fround(exact);
      if (rounded === Infinity) {
        expect(y[i]).toBe(Infinity);
        continue;
      }
      const err = Math.abs(y[i] - exact) / ulp(rounded);
      if (err > worst) worst = err;
      if (!(err <= 1)) expect.fail(`exp(${x[i]}) = ${y[i]}, e^x = ${exact} (${err.toFixed(2)} ulp)`);
    }
    expect(worst).toBeGreaterThan(0); // the comparison ran
    const special = put(w, Float32Array.from([Number.NaN, Infinity, -Infinity, 0, -0, 1, -1]));
    w.exp(7, special, special);
    expect([...special]).toEqual([Number.NaN, Infinity, 0, 1, 1, Math.fround(Math.E), Math.fround(1 / Math.E)]);
  });

  // ---- optimizer updates ------------------------------------------------------------------------

  type StepFn = (k: Kernels, n: number, p: Float32Array, g: Float32Array, s1: Float32Array, s2: Float32Array) => void;
  const OPTIMIZERS: [string, StepFn][] = [
    ['sgd', (k, n, p, g) => k.sgd(n, p, g, 0.01)],
    ['momentum', (k, n, p, g, v) => k.momentum(n, p, g, v, 0.01, 0.9)],
    ['nesterov', (k, n, p, g, v) => k.nesterov(n, p, g, v, 0.01, 0.9)],
    ['adagrad', (k, n, p, g, h) => k.adagrad(n, p, g, h, 0.01)],
    ['rmsprop', (k, n, p, g, h) => k.rmsprop(n, p, g, h, 0.01, 0.99)],
    ['adam', (k, n, p, g, m, v) => k.adam(n, p, g, m, v, (0.001 * Math.sqrt(1 - 0.999 ** 3)) / (1 - 0.9 ** 3), 0.9, 0.999, 1e-8)],
  ];

  it.each(OPTIMIZERS)('%s update matches the reference over three steps, state included', (name, step) => {
    const w = make();
    const rand = rng(15);
    for (const n of LENGTHS) {
      const P = randArray(rand, n);
      // state starts at 0 as in the book (lazily created), then evolves
      const rp = P.slice();
      const rs1 = new Float32Array(n);
      const rs2 = new Float32Array(n);
      const p = put(w, P);
      const s1 = w.alloc(n);
      const s2 = w.alloc(n);
      const g = w.alloc(n);
      for (let t = 0; t < 3; t++) {
        const G = randArray(rand, n);
        g.set(G);
        step(ref, n, rp, G, rs1, rs2);
        step(w, n, p, g, s1, s2);
      }
      expectClose(p, rp, `${name} params n=${n}`);
      expectClose(s1, rs1, `${name} state 1 n=${n}`);
      expectClose(s2, rs2, `${name} state 2 n=${n}`);
    }
  });

  // ---- memory -------------------------------------------------------------------------------

  it('unitFromBytes gives every byte value / 255 exactly as float32 division (the book’s normalize), tails included', () => {
    const w = make();
    for (const n of [256, 256 + 13, 7]) {
      const bytes = w.allocBytes(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 37) % 256;
      const out = w.alloc(n).fill(Number.NaN);
      w.unitFromBytes(n, bytes, out);
      const expected = Float32Array.from(bytes, (v) => v / 255);
      expectSame(out, expected, `unitFromBytes n=${n}`);
    }
  });

  it('sumSquares sums in float64 like the reference, to double rounding, over every tail length', () => {
    const w = make();
    const rand = rng(relaxed ? 51 : 52);
    // eight chains over blocks of 8, a last group of 4, then single floats: every n % 8
    for (const n of [0, 1, 3, 4, 5, 7, 8, 9, 12, 13, 15, 16, 130_000, 78_400 + 3, 78_400 + 6]) {
      const x = put(w, randArray(rand, n, -0.3, 0.3));
      const expected = ref.sumSquares(n, x);
      expect(Math.abs(w.sumSquares(n, x) - expected)).toBeLessThanOrEqual(1e-13 * expected);
    }
  });

  it('alloc returns zero-filled, 16-byte aligned arrays, also after kernels used scratch memory', () => {
    const w = make();
    const rand = rng(16);
    checkGemm(w, rand, { m: 30, n: 300, k: 40, transA: false, transB: true, accumulate: false });
    for (const n of [1, 3, 4, 5, 17, 1000, 0]) {
      const a = w.alloc(n);
      expect(a.length).toBe(n);
      expect(a.byteOffset % 16).toBe(0);
      expect(a.every((v) => v === 0)).toBe(true);
      a.fill(1);
    }
  });

  it('views stay valid after the memory grows', () => {
    const w = make();
    const rand = rng(17);
    const before = w.memoryBytes();
    const A = randArray(rand, 6 * 5);
    const a = put(w, A);
    const b = put(w, randArray(rand, 5 * 7));
    // 64 MiB: forces several grows past the initial size.
    const big = w.alloc(16 * 1024 * 1024);
    expect(w.memoryBytes()).toBeGreaterThan(before);
    expect(big.every((v) => v === 0)).toBe(true);
    expect(a.length).toBe(30);
    expect([...a]).toEqual([...A]);
    // Old views (on the pre-grow buffer) and new ones still work with the kernels.
    const c = w.alloc(6 * 7);
    w.gemm(6, 7, 5, a, false, b, false, c, false);
    const expected = new Float32Array(42);
    ref.gemm(6, 7, 5, a, false, b, false, expected, false);
    expectClose(c, expected, 'gemm across a grow', 1e-5);
    big[big.length - 1] = 3;
    a[0] = 2;
    expect(a[0]).toBe(2);
    expect(big[big.length - 1]).toBe(3);
  });

  it('a foreign array, an array of another context, or a too short array is rejected with a clear error', () => {
    const w = make();
    const other = make();
    const x = w.alloc(8);
    const bias = w.alloc(4);
    expect(() => w.addBias(2, 4, new Float32Array(8), bias, false)).toThrow(
      /'x' is not an array of this kernel context; allocate it with kernels.alloc\(\)/,
    );
    expect(() => w.addBias(2, 4, x, other.alloc(4), false)).toThrow(/'bias' is not an array of this kernel context/);
    expect(() => w.gemm(2, 2, 2, w.alloc(4), false, w.alloc(3), false, w.alloc(4), false)).toThrow(/'b' has 3 floats, 4 needed/);
    expect(() => w.scale(1.5, x, 2)).toThrow(/'n' must be a non-negative integer/);
  });

  it('allocating past the 1 GiB limit throws a clear RangeError', () => {
    const w = make();
    expect(() => w.alloc(2 ** 28 + 1)).toThrow(/out of memory: .* the limit is 1073741824 \(1 GiB\)/);
    expect(w.alloc(4).length).toBe(4); // the context is still usable
  });

  it('contexts are independent: own memory, own arrays', () => {
    const w1 = make();
    const w2 = make();
    const a1 = w1.alloc(16).fill(1);
    const a2 = w2.alloc(16);
    expect(a1.buffer).not.toBe(a2.buffer);
    expect(a2.every((v) => v === 0)).toBe(true);
    w1.scale(16, a1, 3);
    expect(a1[15]).toBe(3);
    expect(a2[15]).toBe(0);
  });
});

describe('the two WASM binaries', () => {
  it('differ only in the multiply-add: the plain one decodes without relaxed SIMD', async () => {
    const require = createRequire(import.meta.url);
    const wabt = await (
      require('wabt') as () => Promise<{
        readWasm(b: Uint8Array, o: Record<string, boolean>): { validate(o?: Record<string, boolean>): void; destroy(): void };
      }>
    )();
    const strict = { simd: true, threads: true, bulk_memory: true, relaxed_simd: false };
    const plain = wabt.readWasm(wasmBinary(false), strict);
    plain.validate(strict);
    plain.destroy();
    expect(() => wabt.readWasm(wasmBinary(true), strict)).toThrow();
    expect(wasmBinary(true)).not.toEqual(wasmBinary(false));
  });
});

describe('createKernels', () => {
  const saved = process.env.DL_LAB_KERNEL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DL_LAB_KERNEL;
    else process.env.DL_LAB_KERNEL = saved;
  });

  it('picks relaxed SIMD by default on this Node', () => {
    delete process.env.DL_LAB_KERNEL;
    expect(bestKernelKind()).toBe('wasm-relaxed');
    expect(createKernels().kind).toBe('wasm-relaxed');
  });

  it('honours DL_LAB_KERNEL=ts|wasm-simd|wasm-relaxed and rejects other values clearly', () => {
    for (const kind of ['ts', 'wasm-simd', 'wasm-relaxed'] as const) {
      process.env.DL_LAB_KERNEL = kind;
      expect(createKernels().kind).toBe(kind);
    }
    process.env.DL_LAB_KERNEL = 'gpu';
    expect(() => createKernels()).toThrow(/DL_LAB_KERNEL=gpu is not a kernel kind; use one of wasm-relaxed, wasm-simd, ts/);
    // an explicit kind (tests, benchmarks) wins over the variable
    expect(createKernels('ts').kind).toBe('ts');
  });

  it('returns a new independent context on every call', () => {
    delete process.env.DL_LAB_KERNEL;
    const k1 = createKernels();
    const k2 = createKernels();
    expect(k1).not.toBe(k2);
    expect(k1.alloc(4).buffer).not.toBe(k2.alloc(4).buffer);
  });
});

describe('reusing a context after reset', () => {
  it('hands out zero-filled arrays again from the start, without growing the memory', () => {
    const kernels = createWasmKernels(true);
    const first = kernels.alloc(100_000);
    first.fill(7);
    const bytes = kernels.memoryBytes();
    for (let run = 0; run < 20; run++) {
      kernels.reset();
      const again = kernels.alloc(100_000);
      expect(again.every((v) => v === 0)).toBe(true);
      again.fill(run + 1);
    }
    expect(kernels.memoryBytes()).toBe(bytes);
  });
});
