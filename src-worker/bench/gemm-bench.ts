// GEMM throughput for the products of one training step of the net 784-100-100-100-100-10 at
// batch 128. Keys are m×k×n (op(A) is m×k, op(B) is k×n), with -tA / -tB for a transposed operand:
//   128x784x100      forward of layer 1: X·W1
//   784x128x100-tA   dW1 = Xᵀ·dY
//   128x100x784-tB   dX  = dY·W1ᵀ
//   128x100x100      a hidden layer's forward (and, by size, its backward products)
//   128x100x10       the output layer's forward
// Each result is the median GFLOP/s (2·m·n·k flops per call) over `reps` timed repetitions of
// enough calls to last `minRepMs`, after `warmupMs` of calls (lets V8 tier the WASM up from
// Liftoff to TurboFan). The machine may be shared, so medians, not means or maxima.
import type { Kernels } from '../engine/kernels/kernels.ts';

export interface GemmShape {
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
}

export const STEP_GEMMS: Readonly<Record<string, GemmShape>> = {
  '128x784x100': { m: 128, k: 784, n: 100, transA: false, transB: false },
  '784x128x100-tA': { m: 784, k: 128, n: 100, transA: true, transB: false },
  '128x100x784-tB': { m: 128, k: 100, n: 784, transA: false, transB: true },
  '128x100x100': { m: 128, k: 100, n: 100, transA: false, transB: false },
  '128x100x10': { m: 128, k: 100, n: 10, transA: false, transB: false },
};

export interface GemmBenchOptions {
  /** Timed repetitions per shape (default 31). */
  reps?: number;
  /** Minimum duration of one repetition in ms (default 2). */
  minRepMs?: number;
  /** Warm-up per shape in ms (default 150). */
  warmupMs?: number;
  /** Only these keys of STEP_GEMMS (default all). */
  shapes?: readonly string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

export function benchGemm(kernels: Kernels, opts: GemmBenchOptions = {}): Record<string, { gflops: number }> {
  const reps = opts.reps ?? 31;
  const minRepMs = opts.minRepMs ?? 2;
  const warmupMs = opts.warmupMs ?? 150;
  const keys = opts.shapes ?? Object.keys(STEP_GEMMS);
  let seed = 12345;
  const fill = (a: Float32Array) => {
    for (let i = 0; i < a.length; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      a[i] = seed / 2 ** 31 - 1;
    }
    return a;
  };
  const out: Record<string, { gflops: number }> = {};
  for (const key of keys) {
    const shape = STEP_GEMMS[key];
    if (!shape) throw new Error(`benchGemm: unknown shape ${key}`);
    const { m, n, k, transA, transB } = shape;
    const a = fill(kernels.alloc(m * k));
    const b = fill(kernels.alloc(k * n));
    const c = kernels.alloc(m * n);
    const run = () => kernels.gemm(m, n, k, a, transA, b, transB, c, false);

    let calls = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < warmupMs || calls < 10) {
      run();
      calls++;
      t = performance.now();
    }
    const perRep = Math.max(1, Math.ceil((minRepMs * calls) / (t - t0)));
    const rates: number[] = [];
    for (let r = 0; r < reps; r++) {
      const s = performance.now();
      for (let i = 0; i < perRep; i++) run();
      const ms = performance.now() - s;
      rates.push((2 * m * n * k * perRep) / (ms * 1e6));
    }
    out[key] = { gflops: median(rates) };
  }
  return out;
}
