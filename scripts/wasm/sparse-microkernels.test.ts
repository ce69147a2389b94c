import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allSparseKernels,
  compactTable,
  COMPACT_TABLE_BYTES,
  expandSparseKernels,
  SPARSE_MARKER,
  SPARSE_MAX_VECTORS,
  sparseKernel,
  sparseKernelName,
} from './sparse-microkernels.mjs';

const watSource = readFileSync(new URL('../../src-worker/engine/kernels/kernels.wat', import.meta.url), 'utf8');

describe('sparse-row micro-kernel generator', () => {
  it('generates one kernel per width from 1 to 12 vectors, in the table in width order', () => {
    const text = allSparseKernels();
    const names = Array.from({ length: SPARSE_MAX_VECTORS }, (_, i) => sparseKernelName(i + 1));
    expect(names[0]).toBe('$sp1');
    expect(names.at(-1)).toBe('$sp12');
    expect(text).toContain(`func ${names.join(' ')})`);
    for (const name of names) expect(text.split(`(func ${name} `)).toHaveLength(2);
    expect(() => sparseKernel(0)).toThrow(/no kernel 0 vectors wide/);
    expect(() => sparseKernel(13)).toThrow(/no kernel 13 vectors wide/);
  });

  // V8 gives a wasm function 15 SIMD registers: w accumulators, the broadcast value, one B vector
  // in flight and the plain build's temporary must fit.
  it('keeps each kernel within the registers: w accumulators, each read and written by one multiply-add per entry', () => {
    for (let w = 1; w <= SPARSE_MAX_VECTORS; w++) {
      const fn = sparseKernel(w);
      const accumulators = [...fn.matchAll(/\(local (\$x\d+) v128\)/g)].map((m) => m[1]);
      expect(accumulators).toHaveLength(w);
      expect(accumulators.length + 3).toBeLessThanOrEqual(15);
      const madds = fn.split('\n').filter((l) => l.includes('relaxed_madd'));
      expect(madds).toHaveLength(w);
      madds.forEach((l, v) =>
        expect(l.trim()).toBe(
          `local.get $s (v128.load offset=${16 * v} (local.get $row)) local.get $x${v} f32x4.relaxed_madd local.set $x${v}`,
        ),
      );
      expect(fn).toContain('(local $mt v128)');
    }
  });

  it('compacts every 4-lane mask: the set lanes first, in order, the rest zeroed', () => {
    const table = compactTable();
    expect(table).toHaveLength(COMPACT_TABLE_BYTES);
    const lanes = [10, 20, 30, 40];
    for (let mask = 0; mask < 16; mask++) {
      const shuffle = table.slice(16 * mask, 16 * mask + 16);
      const bytes = lanes.flatMap((v) => [v, v + 1, v + 2, v + 3]);
      const moved = shuffle.map((i) => (i < 16 ? bytes[i] : 0));
      const kept = lanes.filter((_, lane) => mask & (1 << lane));
      const expected = [...kept, ...new Array(4 - kept.length).fill(-1)];
      expected.forEach((v, slot) => expect(moved.slice(4 * slot, 4 * slot + 4)).toEqual(v < 0 ? [0, 0, 0, 0] : [v, v + 1, v + 2, v + 3]));
    }
  });

  it('kernels.wat holds the marker once; a source without it, or with it twice, is refused', () => {
    expect(watSource.split('\n').filter((l) => l.trim() === SPARSE_MARKER)).toHaveLength(1);
    expect(expandSparseKernels(watSource)).toContain('(func $sp12 ');
    expect(() => expandSparseKernels('(module)')).toThrow(/once/);
    expect(() => expandSparseKernels(`${SPARSE_MARKER}\n${SPARSE_MARKER}\n`)).toThrow(/2 times/);
  });
});
