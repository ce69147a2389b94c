// Picks the kernels for a network. Every call returns a NEW independent context (its own WASM
// instance and memory), so each network owns its buffers.
//
// Choice, first match wins:
//   1. the `kind` argument (tests, benchmarks);
//   2. the environment variable DL_LAB_KERNEL=ts|wasm-simd|wasm-relaxed (forces one for a run);
//   3. bestKernelKind(): wasm-relaxed if WebAssembly.validate accepts the relaxed binary, else
//      wasm-simd if it accepts the SIMD128 one, else the TS reference.
// Asking for a kind this runtime cannot run is an error, never a silent fallback.
import type { KernelKind, Kernels } from './kernels.ts';
import { createTsKernels } from './ts-kernels.ts';
import { createWasmKernels, wasmSupported } from './wasm-kernels.ts';

export const KERNEL_KINDS: readonly KernelKind[] = ['wasm-relaxed', 'wasm-simd', 'ts'];

function isKernelKind(v: string): v is KernelKind {
  return (KERNEL_KINDS as readonly string[]).includes(v);
}

/** Whether this runtime can run that kind. */
export function kernelKindSupported(kind: KernelKind): boolean {
  return kind === 'ts' || wasmSupported(kind === 'wasm-relaxed');
}

let best: KernelKind | undefined;

/** The fastest kind this runtime supports (ignores DL_LAB_KERNEL). */
export function bestKernelKind(): KernelKind {
  return (best ??= kernelKindSupported('wasm-relaxed') ? 'wasm-relaxed' : kernelKindSupported('wasm-simd') ? 'wasm-simd' : 'ts');
}

/** The kind createKernels() uses without an argument: DL_LAB_KERNEL if set, else bestKernelKind(). */
export function defaultKernelKind(): KernelKind {
  const forced = process.env.DL_LAB_KERNEL?.trim();
  if (!forced) return bestKernelKind();
  if (!isKernelKind(forced)) {
    throw new Error(`DL_LAB_KERNEL=${forced} is not a kernel kind; use one of ${KERNEL_KINDS.join(', ')}`);
  }
  if (!kernelKindSupported(forced)) {
    throw new Error(
      `DL_LAB_KERNEL=${forced}: this runtime does not support ${forced === 'wasm-relaxed' ? 'relaxed SIMD' : 'WebAssembly SIMD128'}` +
        ` (best available: ${bestKernelKind()})`,
    );
  }
  return forced;
}

let threadContext: Kernels | null = null;

/**
 * This thread's reusable context: a worker trains its runs one after another in it, calling
 * `reset()` between runs, so its memory is reused instead of one memory per network piling up
 * until the garbage collector notices (100 search trials reached 680 MB that way).
 */
export function threadKernels(): Kernels {
  return (threadContext ??= createKernels());
}

export function createKernels(kind?: KernelKind): Kernels {
  const k = kind ?? defaultKernelKind();
  switch (k) {
    case 'ts':
      return createTsKernels();
    case 'wasm-simd':
      return createWasmKernels(false);
    case 'wasm-relaxed':
      return createWasmKernels(true);
    default:
      throw new Error(`unknown kernel kind ${String(k)}; use one of ${KERNEL_KINDS.join(', ')}`);
  }
}
