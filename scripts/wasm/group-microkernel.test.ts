import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandKernels } from './expand-kernels.mjs';
import { expandGroupKernel, GROUP_MARKER, groupMicroKernel } from './group-microkernel.mjs';

const watSource = readFileSync(new URL('../../src-worker/engine/kernels/kernels.wat', import.meta.url), 'utf8');
const v128Locals = (fn: string) => [...fn.matchAll(/\(local (\$\w+) v128\)/g)].map((m) => m[1]);

describe('row-group micro-kernel generator', () => {
  // V8 gives a wasm function 15 SIMD registers.
  it('keeps the relaxed kernel within the registers: 12 accumulators, 2 B vectors, the broadcast value', () => {
    const fn = groupMicroKernel();
    expect(v128Locals(fn).filter((n) => n.startsWith('$x'))).toHaveLength(12);
    expect(v128Locals(fn).filter((n) => n !== '$mt')).toHaveLength(15);
    // four entries per iteration, then one: 12 multiply-adds each
    expect(fn.split('\n').filter((l) => l.includes('relaxed_madd'))).toHaveLength(12 * 5);
    expect(fn).toContain('(local $mt v128)');
  });

  it('gives the plain build a kernel with one B vector and no named broadcast, so that its multiply temporary fits', () => {
    const fn = groupMicroKernel({ plain: true });
    expect(v128Locals(fn)).toEqual(['$b0', '$mt', ...Array.from({ length: 6 }, (_, r) => [`$x${r}0`, `$x${r}1`]).flat()]);
    expect(fn.split('\n').filter((l) => l.includes('relaxed_madd'))).toHaveLength(12 * 5);
  });

  it('replaces its marker in kernels.wat exactly once, for each build', () => {
    expect(watSource.split('\n').filter((l) => l.trim() === GROUP_MARKER)).toHaveLength(1);
    expect(expandKernels(watSource)).toContain(groupMicroKernel());
    expect(expandKernels(watSource, { plain: true })).toContain(groupMicroKernel({ plain: true }));
    expect(() => expandGroupKernel('(module)')).toThrow(/expected the line `;; @generate group-microkernel` once/);
  });
});
