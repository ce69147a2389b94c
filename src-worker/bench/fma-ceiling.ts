// The 128-bit multiply-add ceiling of one core, as WebAssembly reaches it: a loop of independent
// f32x4.relaxed_madd chains (12 accumulators, more than the FMA latency × throughput of any x86
// core, fewer than the 15 SIMD registers V8 gives a function), nothing else — no loads, no stores.
// Each madd is 4 lanes × 2 flops. The bench reports the engine's figures as fractions of this,
// measured in the same run: the CPU differs between sessions. Assembled with wabt (a dev
// dependency, as for the kernels).
import { createRequire } from 'node:module';

const CHAINS = 12;

// TypeScript keeps the WebAssembly types in the DOM lib, which tsconfig.node.json does not load
// (as in engine/kernels/wasm-kernels.ts): the two members used here.
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

function probeWat(): string {
  const locals = Array.from({ length: CHAINS }, (_, i) => `(local $x${i} v128)`).join(' ');
  const init = Array.from({ length: CHAINS }, (_, i) => `(local.set $x${i} (f32x4.splat (f32.const ${i + 1})))`).join('\n');
  // x = x·a + b with a slightly below 1 and b tiny: the values stay finite and normal forever.
  const body = Array.from(
    { length: CHAINS },
    (_, i) => `(local.set $x${i} (f32x4.relaxed_madd (local.get $x${i}) (local.get $a) (local.get $b)))`,
  ).join('\n');
  const sum = Array.from({ length: CHAINS - 1 }, (_, i) => `(local.set $x0 (f32x4.add (local.get $x0) (local.get $x${i + 1})))`).join('\n');
  return `(module
  (func (export "run") (param $n i32) (result f32)
    (local $a v128) (local $b v128) ${locals}
    (local.set $a (f32x4.splat (f32.const 0.999999)))
    (local.set $b (f32x4.splat (f32.const 0.000001)))
    ${init}
    (loop $l
      ${body}
      ${body}
      (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l))
    ${sum}
    (f32x4.extract_lane 0 (local.get $x0))))`;
}

export interface Ceiling {
  /** f32x4 multiply-adds a second × 8 flops, on one thread. */
  gflops: number;
  /** 'relaxed' when this runtime has relaxed SIMD (fused where the CPU has FMA); else null. */
  kind: 'relaxed' | null;
}

/** Median GFLOP/s of a few one-tenth-second runs; null where relaxed SIMD or wabt is missing. */
export async function measureFmaCeiling(): Promise<Ceiling | null> {
  const require = createRequire(import.meta.url);
  let wabt;
  try {
    wabt = await (require('wabt') as () => Promise<{ parseWat: (name: string, text: string, features: object) => WabtModule }>)();
  } catch {
    return null;
  }
  const mod = wabt.parseWat('fma-ceiling.wat', probeWat(), { simd: true, relaxed_simd: true });
  const { buffer } = mod.toBinary({});
  mod.destroy();
  if (!WebAssembly.validate(buffer)) return null;
  const { instance } = await WebAssembly.instantiate(buffer);
  const run = instance.exports.run as (n: number) => number;
  const n = 2_000_000; // × 2·12 madds ≈ 0.1 s at 40 GFLOP/s
  run(n / 10); // tier up
  const rates: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    run(n);
    const seconds = (performance.now() - t0) / 1000;
    rates.push((n * 2 * CHAINS * 8) / seconds / 1e9);
  }
  rates.sort((a, b) => a - b);
  return { gflops: rates[rates.length >> 1], kind: 'relaxed' };
}

interface WabtModule {
  toBinary(options: object): { buffer: Uint8Array };
  destroy(): void;
}
