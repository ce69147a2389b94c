import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import wabtFactory from 'wabt';
import { wasmBinary } from '../../src-worker/engine/kernels/wasm-kernels.ts';
import { expandKernels } from './expand-kernels.mjs';
import { allMicroKernels, expandMicroKernels, kernelName, MARKER, MICRO_KERNELS, microKernel } from './gemm-microkernels.mjs';

const watPath = new URL('../../src-worker/engine/kernels/kernels.wat', import.meta.url);
const watSource = readFileSync(watPath, 'utf8');

/** The text of a WAT function without its `;;` comments, as whitespace-separated tokens. */
function tokens(text: string): string[] {
  return text.replace(/;;.*$/gm, '').split(/\s+/).filter(Boolean);
}

/** Each `(func $name ...)` of a module body, by name (top-level functions, 2-space indent). */
function functions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /^ {2}\(func (\$\w+|\(export "\w+"\))[\s\S]*?^ {2}\)$/gm;
  for (const m of text.matchAll(re)) out.set(m[1], m[0]);
  return out;
}

/** Names of the v128 locals a function declares, in order. */
function v128Locals(fn: string): string[] {
  return [...fn.matchAll(/\(local (\$\w+) v128\)/g)].map((m) => m[1]);
}

describe('GEMM micro-kernel generator', () => {
  // The module as it is assembled (the sparse-row and row-group kernels expanded too).
  const expanded = expandKernels(watSource);

  it('generates the eight kernels in kernels.wat order', () => {
    expect(MICRO_KERNELS.map(kernelName)).toEqual(['$k48n', '$k48t', '$k44n', '$k44t', '$k68n', '$k68t', '$k64n', '$k64t']);
    expect([...functions(allMicroKernels()).keys()]).toEqual(MICRO_KERNELS.map(kernelName));
  });

  it('kernels.wat holds the marker once and no copy of a kernel; the expanded module defines each once', () => {
    expect(watSource.split('\n').filter((l) => l.trim() === MARKER)).toHaveLength(1);
    for (const shape of MICRO_KERNELS) {
      const name = kernelName(shape);
      expect(watSource).not.toContain(`(func ${name} `);
      expect(expanded.split(`(func ${name} `)).toHaveLength(2);
    }
    // Every kernel is called by gemm: none is generated for nothing.
    for (const shape of MICRO_KERNELS) expect(expanded).toContain(`(call ${kernelName(shape)} `);
  });

  it('rejects a source without the marker, or with it twice, and shapes it has no template for', () => {
    expect(() => expandMicroKernels('(module)')).toThrow(/once/);
    expect(() => expandMicroKernels(`${MARKER}\n${MARKER}\n`)).toThrow(/2 times/);
    expect(() => microKernel({ rows: 8, cols: 8, transposed: false })).toThrow(/no 8×8 kernel/);
  });

  // The plain SIMD build replaces the text `f32x4.relaxed_madd` by
  // `local.set $mt f32x4.mul local.get $mt f32x4.add`, which is only valid in flat stack form and
  // in a function that declares $mt. Checked over the whole expanded module, not just the kernels.
  it('writes relaxed_madd only in flat stack form, in functions that declare (local $mt v128)', () => {
    const fns = functions(expanded);
    expect(fns.size).toBeGreaterThan(MICRO_KERNELS.length);
    let kernelsWithMadd = 0;
    for (const [name, fn] of fns) {
      const code = fn.replace(/;;.*$/gm, '');
      if (!code.includes('f32x4.relaxed_madd')) continue;
      expect(code, `${name} declares $mt`).toContain('(local $mt v128)');
      expect(code, `${name} has no folded relaxed_madd`).not.toMatch(/\(\s*f32x4\.relaxed_madd/);
      if (MICRO_KERNELS.some((s) => kernelName(s) === name)) kernelsWithMadd++;
    }
    expect(kernelsWithMadd).toBe(MICRO_KERNELS.length);
    // In the kernels, each multiply-add is one line: x = s·b + x, the accumulator read and written.
    for (const shape of MICRO_KERNELS) {
      const lines = microKernel(shape)
        .split('\n')
        .filter((l) => l.includes('relaxed_madd'));
      expect(lines.length).toBe(shape.rows * (shape.cols / 4) * (4 + 1)); // 4 p in the loop + 1 single step
      for (const l of lines) {
        expect(l).toMatch(/^ {6}local\.get \$s local\.get \$b[01] local\.get (\$x\d\d) f32x4\.relaxed_madd local\.set \1$/);
      }
    }
  });

  // V8 allocates 15 of the 16 x64 SIMD registers to a wasm function; one more live v128 value
  // than that and the tile spills to the stack on every p.
  it('keeps the live v128 values of every kernel within the 15 registers', () => {
    for (const shape of MICRO_KERNELS) {
      const name = kernelName(shape);
      const v128 = v128Locals(microKernel(shape));
      const accumulators = v128.filter((n) => /^\$x\d\d$/.test(n));
      const bVectors = v128.filter((n) => /^\$b\d$/.test(n));
      // 8 columns: two column halves per row; 4 columns: even and odd p per row.
      expect(accumulators, name).toHaveLength(2 * shape.rows);
      expect(bVectors, name).toHaveLength(shape.cols / 4);
      expect(v128, name).toContain('$s'); // the broadcast A value
      expect(v128, name).toContain('$mt');
      expect(v128, name).toHaveLength(accumulators.length + bVectors.length + 2);
      // $mt is dead in the relaxed build (its relaxed_madd needs no temporary).
      const live = accumulators.length + bVectors.length + 1;
      expect(live, name).toBeLessThanOrEqual(15);
      // The plain build's separate multiply keeps $mt live too: only 6×8 then exceeds 15, which
      // is why gemm must be called with $tall = 0 there (wasm-kernels.ts does).
      expect(live + 1 > 15, name).toBe(shape.rows === 6 && shape.cols === 8);
    }
  });

  it('assembles with wabt in both builds, to the bytes scripts/build-wasm.mjs wrote', async () => {
    const wabt = await wabtFactory();
    // As in scripts/build-wasm.mjs. wabt's typings omit validate's features argument, which it
    // needs here (without it relaxed SIMD and shared memory do not validate).
    const features = { simd: true, relaxed_simd: true, threads: true, bulk_memory: true };
    type Validate = (this: unknown, options: typeof features) => void;
    const assemble = (name: string, text: string): Uint8Array => {
      const mod = wabt.parseWat(name, text, features);
      try {
        (mod.validate as Validate).call(mod, features);
        return mod.toBinary({ log: false, write_debug_names: false }).buffer;
      } finally {
        mod.destroy();
      }
    };
    // The same expansion and substitution as scripts/build-wasm.mjs (the plain build has a row-group kernel of its own).
    const plainText = expandKernels(watSource, { plain: true }).replace(
      /\bf32x4\.relaxed_madd\b/g,
      'local.set $mt f32x4.mul local.get $mt f32x4.add',
    );
    expect(plainText.replace(/;;.*$/gm, '')).not.toMatch(/relaxed/);
    const relaxed = assemble('kernels.wat (relaxed)', expanded);
    const plain = assemble('kernels.wat (simd)', plainText);
    // vitest's globalSetup ran scripts/build-wasm.mjs, which must have expanded the marker the same way.
    expect(Buffer.from(relaxed).equals(Buffer.from(wasmBinary(true)))).toBe(true);
    expect(Buffer.from(plain).equals(Buffer.from(wasmBinary(false)))).toBe(true);
  });

  // Guards against an accidental change of the kernels' instructions (a refactor of the generator
  // that reorders a load, a local declaration or a function changes the binaries and may change
  // their speed). The hash is over the tokens of the generated text without comments, so comment
  // and layout edits do not trip it. To change the kernels deliberately: edit the generator, run
  // `npx vitest run src-worker/engine/kernels scripts` (the kernel tests compare against the TS
  // reference), measure with `npm run bench` on a quiet machine, then paste the new hash printed
  // by this test's failure here. The pinned hash is also that of the eight hand-written kernels
  // this generator replaced.
  it('generates the pinned instructions', () => {
    const sha = createHash('sha256').update(tokens(allMicroKernels()).join(' ')).digest('hex');
    expect(sha).toBe('13f578338e6b691baa72e93f4876b3201602af84672a6432946984ad5d9b4df8');
  });
});
