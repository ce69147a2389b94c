// Types for gemm-microkernels.mjs (a plain Node module, so that scripts/build-wasm.mjs runs
// without a TypeScript step), for its test and tsc.

export interface MicroKernelShape {
  /** Rows of the C tile: 4 or 6. */
  rows: number;
  /** Columns of the C tile (= width of the packed B panel): 8 or 4. */
  cols: number;
  /** A is transposed and its strip was packed by p ("t"), or read in place by rows ("n"). */
  transposed: boolean;
}

/** The eight kernels, in the order they appear in kernels.wat. */
export const MICRO_KERNELS: readonly MicroKernelShape[];
/** The line of kernels.wat that scripts/build-wasm.mjs replaces with allMicroKernels(). */
export const MARKER: string;
/** `$k48n` etc. */
export function kernelName(shape: MicroKernelShape): string;
/** The WAT text of one micro-kernel function, with its comment. */
export function microKernel(shape: MicroKernelShape): string;
/** The eight kernels in MICRO_KERNELS order, separated by blank lines. */
export function allMicroKernels(): string;
/** `watSource` with its marker line replaced by allMicroKernels(); throws unless it is there once. */
export function expandMicroKernels(watSource: string): string;
