// The sparse-row kernels (kernels.ts, SparseRows): the WASM ones against the TypeScript reference,
// and the sparse product against the dense GEMM it stands in for in the first layer.
import { describe, expect, it } from 'vitest';
import type { Kernels, SparseRows } from './kernels.ts';
import { createTsKernels } from './ts-kernels.ts';
import { createWasmKernels } from './wasm-kernels.ts';
import { uniformSource as rng } from '../test-helpers.ts';

/** A rows×cols matrix in `k`'s memory, each element non-zero with probability `density`. */
function sparseMatrix(k: Kernels, rand: () => number, rows: number, cols: number, density: number): Float32Array {
  const x = k.alloc(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = rand() < density ? rand() * 2 - 1 : 0;
  return x;
}

function dense(k: Kernels, rand: () => number, length: number): Float32Array {
  const a = k.alloc(length);
  for (let i = 0; i < length; i++) a[i] = rand() * 2 - 1;
  return a;
}

function entries(s: SparseRows): { start: number[]; index: number[]; value: number[] } {
  const count = s.start[s.rows];
  return { start: [...s.start.subarray(0, s.rows + 1)], index: [...s.index.subarray(0, count)], value: [...s.value.subarray(0, count)] };
}

function expectBitwise(actual: Float32Array, expected: Float32Array, what: string): void {
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`${what}: element ${i} is ${actual[i]}, the dense GEMM gives ${expected[i]}`);
  }
}

const ref = createTsKernels();

describe.each([
  { name: 'wasm-relaxed', relaxed: true },
  { name: 'wasm-simd', relaxed: false },
])('$name sparse kernels', ({ relaxed }) => {
  const make = () => createWasmKernels(relaxed);

  it('toSparse keeps exactly the non-zero elements in order, NaN and ±Infinity included, -0 left out, like the reference', () => {
    const w = make();
    const rand = rng(relaxed ? 11 : 12);
    for (const [rows, cols, density] of [
      [1, 1, 1],
      [3, 7, 0.5],
      [16, 784, 0.19],
      [5, 13, 0],
      [9, 33, 1],
      [64, 101, 0.3],
    ] as const) {
      const x = sparseMatrix(w, rand, rows, cols, density);
      if (rows * cols > 8) {
        x[1] = Number.NaN;
        x[2] = -0;
        x[3] = Number.POSITIVE_INFINITY;
      }
      const s = w.allocSparse(rows, cols);
      const count = w.toSparse(rows, x, s);
      const r = ref.allocSparse(rows, cols);
      expect(count).toBe(ref.toSparse(rows, Float32Array.from(x), r));
      expect(entries(s)).toEqual(entries(r));
      let nonZero = 0;
      for (const v of x) if (v !== 0) nonZero++;
      expect(count).toBe(nonZero);
    }
  });

  it('sparseFromBytes gives the entries toSparse finds in unitFromBytes’s floats, for every width, like the reference', () => {
    const w = make();
    const rand = rng(relaxed ? 61 : 62);
    for (const [rows, cols, density] of [
      [1, 1, 1],
      [3, 15, 0.5],
      [4, 17, 0.3],
      [128, 784, 0.19],
      [7, 50, 0],
      [5, 33, 1],
    ] as const) {
      const bytes = w.allocBytes(rows * cols);
      for (let i = 0; i < bytes.length; i++) bytes[i] = rand() < density ? 1 + Math.floor(rand() * 255) : 0;
      const floats = w.alloc(rows * cols);
      w.unitFromBytes(rows * cols, bytes, floats);
      const viaFloats = w.allocSparse(rows, cols);
      const count = w.toSparse(rows, floats, viaFloats);
      const direct = w.allocSparse(rows, cols);
      expect(w.sparseFromBytes(rows, bytes, direct)).toBe(count);
      expect(entries(direct)).toEqual(entries(viaFloats));
      const r = ref.allocSparse(rows, cols);
      expect(ref.sparseFromBytes(rows, Uint8Array.from(bytes), r)).toBe(count);
      expect(entries(r)).toEqual(entries(direct));
    }
  });

  it('toSparse and sparseFromBytes answer -1 (holding no rows) when the entries and 16 of slack do not fit the capacity', () => {
    for (const k of [make(), ref]) {
      const x = k.alloc(4 * 64).fill(0.5); // 256 non-zero
      const bytes = k.allocBytes(4 * 64).fill(9);
      const exact = k.allocSparse(4, 64, 256 + 16);
      expect(k.toSparse(4, x, exact)).toBe(256);
      expect(k.sparseFromBytes(4, bytes, exact)).toBe(256);
      const short = k.allocSparse(4, 64, 200);
      expect(k.toSparse(4, x, short)).toBe(-1);
      expect(short.rows).toBe(0);
      expect(k.sparseFromBytes(4, bytes, short)).toBe(-1);
      expect(short.rows).toBe(0);
      x.fill(0, 0, 128); // half of them zero: 128 entries now fit
      bytes.fill(0, 0, 128);
      expect(k.toSparse(4, x, short)).toBe(128);
      expect(k.sparseFromBytes(4, bytes, short)).toBe(128);
    }
  });

  it('transposeSparse gives the entries of the transposed matrix, rows increasing within each column', () => {
    const w = make();
    const rand = rng(relaxed ? 21 : 22);
    for (const [rows, cols] of [
      [1, 1],
      [7, 3],
      [128, 784],
      [100, 50],
    ] as const) {
      const x = sparseMatrix(w, rand, rows, cols, 0.2);
      const xt = w.alloc(rows * cols);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) xt[j * rows + i] = x[i * cols + j];
      const s = w.allocSparse(rows, cols);
      w.toSparse(rows, x, s);
      const t = w.allocSparse(cols, rows);
      w.transposeSparse(s, t);
      const direct = w.allocSparse(cols, rows);
      w.toSparse(cols, xt, direct);
      expect(t.rows).toBe(cols);
      expect(entries(t)).toEqual(entries(direct));
    }
  });

  it("sparseGemm is the dense GEMM bit for bit on the 8-column panels, for the first layer's forward (x·W) and dW (xᵀ·dout)", () => {
    const w = make();
    const rand = rng(relaxed ? 31 : 32);
    // rows multiples of 4 and n of 8: every element of the dense GEMM is then one chain over p
    for (const [rows, inputs, n] of [
      [128, 784, 96],
      [100, 784, 64],
      [12, 300, 8],
    ] as const) {
      const x = sparseMatrix(w, rand, rows, inputs, 0.2);
      const W = dense(w, rand, inputs * n);
      const s = w.allocSparse(rows, inputs);
      w.toSparse(rows, x, s);
      const fast = w.alloc(rows * n);
      const slow = w.alloc(rows * n);
      w.sparseGemm(n, s, W, fast, false);
      w.gemm(rows, n, inputs, x, false, W, false, slow, false);
      expectBitwise(fast, slow, `forward ${rows}×${inputs}×${n}`);

      const dout = dense(w, rand, rows * n);
      const t = w.allocSparse(inputs, rows);
      w.transposeSparse(s, t);
      const dW = w.alloc(inputs * n);
      const dWDense = w.alloc(inputs * n);
      w.sparseGemm(n, t, dout, dW, false);
      w.gemm(inputs, n, rows, x, true, dout, false, dWDense, false);
      expectBitwise(dW, dWDense, `dW ${inputs}×${rows}×${n}`);
    }
  });

  it('sparseGemm matches the reference for every width (chunks of 1 to 12 vectors and 1-3 last columns), overwriting or accumulating', () => {
    const w = make();
    const rand = rng(relaxed ? 41 : 42);
    for (let n = 1; n <= 110; n += n < 20 ? 1 : 9) {
      for (const accumulate of [false, true]) {
        const rows = 1 + Math.floor(rand() * 9);
        const cols = 1 + Math.floor(rand() * 60);
        const x = sparseMatrix(w, rand, rows, cols, 0.3);
        const B = dense(w, rand, cols * n);
        const c = dense(w, rand, rows * n);
        const expected = Float32Array.from(c);
        const s = w.allocSparse(rows, cols);
        w.toSparse(rows, x, s);
        const r = ref.allocSparse(rows, cols);
        ref.toSparse(rows, Float32Array.from(x), r);
        ref.sparseGemm(n, r, Float32Array.from(B), expected, accumulate);
        w.sparseGemm(n, s, B, c, accumulate);
        for (let i = 0; i < rows * n; i++) {
          const row = Math.floor(i / n);
          let mag = accumulate ? Math.abs(c[i]) : 0;
          for (let e = s.start[row]; e < s.start[row + 1]; e++) mag += Math.abs(s.value[e] * B[s.index[e] * n + (i % n)]);
          const tol = 2 * (cols + 2) * 2 ** -24 * mag;
          if (!(Math.abs(c[i] - expected[i]) <= tol)) {
            expect.fail(`n=${n}${accumulate ? ' acc' : ''}: C[${i}] is ${c[i]}, the reference has ${expected[i]}`);
          }
        }
      }
    }
  });

  it('a row without entries gives zeros (or leaves C as it is when accumulating)', () => {
    const w = make();
    const x = w.alloc(2 * 8);
    x[9] = 2; // only row 1 has an entry
    const B = w.alloc(8 * 12).fill(1);
    const s = w.allocSparse(2, 8);
    w.toSparse(2, x, s);
    const c = w.alloc(2 * 12).fill(Number.NaN);
    w.sparseGemm(12, s, B, c, false);
    expect([...c]).toEqual([...new Array(12).fill(0), ...new Array(12).fill(2)]);
    c.fill(5);
    w.sparseGemm(12, s, B, c, true);
    expect([...c]).toEqual([...new Array(12).fill(5), ...new Array(12).fill(7)]);
  });

  it('refuses shapes that do not fit, with the same messages as the reference', () => {
    for (const k of [make(), ref]) {
      const s = k.allocSparse(4, 10);
      expect(() => k.toSparse(5, k.alloc(50), s)).toThrow(/5 rows, the sparse matrix holds at most 4/);
      expect(() => k.toSparse(4, k.alloc(39), s)).toThrow(/x has 39 elements, 40 needed/);
      k.toSparse(4, k.alloc(40), s);
      expect(() => k.transposeSparse(s, k.allocSparse(10, 3))).toThrow(/needs a 10×4 one, got 10×3/);
      expect(() => k.sparseGemm(3, s, k.alloc(29), k.alloc(12), false)).toThrow(/b has 29 floats, 30 needed/);
      expect(() => k.sparseGemm(3, s, k.alloc(30), k.alloc(11), false)).toThrow(/c has 11 floats, 12 needed/);
      expect(() => k.allocSparse(-1, 3)).toThrow(/maxRows must be a non-negative integer/);
    }
  });
});
