// Row groups (kernels.ts, RowGroups): the grouping, and the grouped product against the sparse one
// it stands in for in evaluation — the WASM builds bit for bit, the TypeScript reference exactly.
import { describe, expect, it } from 'vitest';
import { ENTRY_WORDS as GENERATOR_ENTRY_WORDS, GROUP_ROWS as GENERATOR_GROUP_ROWS } from '../../../scripts/wasm/group-microkernel.mjs';
import type { Kernels, RowGroups } from './kernels.ts';
import { ENTRY_WORDS, fillRowGroups, GROUP_ROWS, groupCount, planRowGroups, rowGroupRange, type GroupPlan } from './row-groups.ts';
import { createTsKernels } from './ts-kernels.ts';
import { createWasmKernels } from './wasm-kernels.ts';
import { uniformSource as rng } from '../test-helpers.ts';

/** A rows×cols matrix in `k`'s memory, each element non-zero with probability `density`. */
function sparseMatrix(k: Kernels, rand: () => number, rows: number, cols: number, density: number): Float32Array {
  const x = k.alloc(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = rand() < density ? rand() * 2 - 1 : 0;
  return x;
}

function plan(x: Float32Array, rows: number, cols: number): GroupPlan {
  const marks = Uint8Array.from(x.subarray(0, rows * cols), (v) => (v !== 0 ? 1 : 0));
  return planRowGroups(rows, cols, (row) => marks.subarray(row * cols, (row + 1) * cols));
}

function grouped(k: Kernels, x: Float32Array, rows: number, cols: number): { groups: RowGroups; order: Int32Array } {
  const p = plan(x, rows, cols);
  const groups = k.allocGroups(groupCount(rows), cols, p.columns.length);
  fillRowGroups(p, groups, (row, col) => x[row * cols + col]);
  return { groups, order: p.order };
}

/** x's rows in `order`, as a new matrix of `k`'s memory. */
function permuted(k: Kernels, x: Float32Array, order: Int32Array, cols: number): Float32Array {
  const out = k.alloc(order.length * cols);
  order.forEach((row, i) => out.set(x.subarray(row * cols, (row + 1) * cols), i * cols));
  return out;
}

/** C = the sparse product of x's rows in `order` (the product row groups stand in for). */
function sparseProduct(k: Kernels, x: Float32Array, order: Int32Array, cols: number, n: number, b: Float32Array): Float32Array {
  const s = k.allocSparse(order.length, cols);
  expect(k.toSparse(order.length, permuted(k, x, order, cols), s)).toBeGreaterThanOrEqual(0);
  const c = k.alloc(order.length * n);
  k.sparseGemm(n, s, b, c, false);
  return c;
}

const SHAPES = [
  // rows, cols, n, density
  [1, 1, 1, 1],
  [5, 17, 3, 0.4],
  [6, 17, 8, 0.4],
  [7, 30, 13, 0.3],
  [13, 9, 4, 0.5],
  [40, 784, 100, 0.19],
  [25, 100, 10, 0.6],
  [12, 33, 1, 0],
] as const;

describe('row groups', () => {
  it('say the same number of rows per group and words per entry as the micro-kernel generator', () => {
    expect(GROUP_ROWS).toBe(GENERATOR_GROUP_ROWS);
    expect(ENTRY_WORDS).toBe(GENERATOR_ENTRY_WORDS);
  });

  it('take every row once, and a group holds exactly the columns its rows use, in increasing order', () => {
    const k = createTsKernels();
    const rand = rng(3);
    for (const [rows, cols, , density] of SHAPES) {
      const x = sparseMatrix(k, rand, rows, cols, density);
      const p = plan(x, rows, cols);
      expect([...p.order].sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, i) => i));
      for (let g = 0; g < groupCount(rows); g++) {
        const members = [...p.order.subarray(g * GROUP_ROWS, (g + 1) * GROUP_ROWS)];
        const used = Array.from({ length: cols }, (_, c) => c).filter((c) => members.some((row) => x[row * cols + c] !== 0));
        expect([...p.columns.subarray(p.start[g], p.start[g + 1])]).toEqual(used);
      }
    }
  });

  it('put rows that share their columns together: four patterns interleaved make groups of one pattern each', () => {
    const rows = 24;
    const cols = 40;
    const marks = new Uint8Array(rows * cols);
    for (let row = 0; row < rows; row++) for (let c = 0; c < 10; c++) marks[row * cols + (row % 4) * 10 + c] = 1;
    const p = planRowGroups(rows, cols, (row) => marks.subarray(row * cols, (row + 1) * cols));
    for (let g = 0; g < 4; g++) {
      expect(p.start[g + 1] - p.start[g]).toBe(10);
      expect(new Set([...p.order.subarray(g * 6, g * 6 + 6)].map((row) => row % 4)).size).toBe(1);
    }
  });

  it('hold each row value in its slot and 0 where a row lacks the column or the last group has no row', () => {
    const k = createTsKernels();
    const x = sparseMatrix(k, rng(5), 7, 30, 0.3);
    const { groups, order } = grouped(k, x, 7, 30);
    expect(groups.rows).toBe(7);
    for (let g = 0; g < 2; g++) {
      for (let e = groups.start[g]; e < groups.start[g + 1]; e++) {
        const col = groups.word[e * ENTRY_WORDS];
        for (let r = 0; r < GROUP_ROWS; r++) {
          const i = g * GROUP_ROWS + r;
          expect(groups.value[e * ENTRY_WORDS + 1 + r]).toBe(i < 7 ? x[order[i] * 30 + col] : 0);
        }
      }
    }
  });

  it('refuse a range beyond the groups held, and products whose arrays are too short', () => {
    const k = createTsKernels();
    const x = sparseMatrix(k, rng(6), 13, 9, 0.5);
    const { groups } = grouped(k, x, 13, 9);
    expect(rowGroupRange(groups, 1, 2).rows).toBe(7);
    expect(() => rowGroupRange(groups, 2, 2)).toThrow(/not within the 3 groups held/);
    expect(() => k.groupedGemm(4, groups, k.alloc(9 * 4 - 1), k.alloc(13 * 4))).toThrow(/b has 35 floats, 36 needed/);
    expect(() => k.groupedGemm(4, groups, k.alloc(9 * 4), k.alloc(13 * 4 - 1))).toThrow(/c has 51 floats, 52 needed/);
    expect(() => k.allocGroups(-1, 9, 4)).toThrow(/maxGroups must be a non-negative integer/);
  });

  it('multiply in the TypeScript reference exactly as its sparse product of the same rows', () => {
    const k = createTsKernels();
    const rand = rng(7);
    for (const [rows, cols, n, density] of SHAPES) {
      const x = sparseMatrix(k, rand, rows, cols, density);
      const b = sparseMatrix(k, rand, cols, n, 1);
      const { groups, order } = grouped(k, x, rows, cols);
      const c = k.alloc(rows * n);
      k.groupedGemm(n, groups, b, c);
      expect([...c]).toEqual([...sparseProduct(k, x, order, cols, n, b)]);
    }
  });
});

describe.each([
  { name: 'wasm-relaxed', relaxed: true },
  { name: 'wasm-simd', relaxed: false },
])('$name grouped product', ({ relaxed }) => {
  it('is the sparse product of the same rows bit for bit (the relaxed build in all but the n%4 last columns, which sparseGemm does unfused)', () => {
    const w = createWasmKernels(relaxed);
    const rand = rng(relaxed ? 21 : 22);
    for (const [rows, cols, n, density] of SHAPES) {
      const x = sparseMatrix(w, rand, rows, cols, density);
      const b = sparseMatrix(w, rand, cols, n, 1);
      const { groups, order } = grouped(w, x, rows, cols);
      const c = w.alloc(rows * n);
      c.fill(Number.NaN); // every element must be written
      w.groupedGemm(n, groups, b, c);
      const expected = sparseProduct(w, x, order, cols, n, b);
      const exactCols = relaxed ? n - (n % 4) : n;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < n; j++) {
          const [got, want] = [c[i * n + j], expected[i * n + j]];
          if (j < exactCols ? got !== want : Math.abs(got - want) > 1e-5 * (1 + Math.abs(want))) {
            expect.fail(`${rows}×${cols}·${cols}×${n}: C(${i}, ${j}) is ${got}, the sparse product gives ${want}`);
          }
        }
      }
    }
  });

  it('computes a range of groups as the same rows of the whole product, and leaves the rest of C alone', () => {
    const w = createWasmKernels(relaxed);
    const rand = rng(23);
    const [rows, cols, n] = [40, 784, 100];
    const x = sparseMatrix(w, rand, rows, cols, 0.19);
    const b = sparseMatrix(w, rand, cols, n, 1);
    const { groups } = grouped(w, x, rows, cols);
    const whole = w.alloc(rows * n);
    w.groupedGemm(n, groups, b, whole);
    const range = rowGroupRange(groups, 2, 5); // rows 12..39: the last group has 4
    const c = w.alloc((range.rows + 1) * n);
    c.fill(7);
    w.groupedGemm(n, range, b, c);
    expect([...c.subarray(0, range.rows * n)]).toEqual([...whole.subarray(12 * n, 40 * n)]);
    expect(c.subarray(range.rows * n).every((v) => v === 7)).toBe(true);
  });
});
