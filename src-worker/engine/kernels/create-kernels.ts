// Picks the fastest kernels this runtime supports. (Until the WASM kernels land, the TS reference.)
import type { KernelKind, Kernels } from './kernels.ts';
import { createTsKernels } from './ts-kernels.ts';

export function createKernels(_kind?: KernelKind): Kernels {
  return createTsKernels();
}
