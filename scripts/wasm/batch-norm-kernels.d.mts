// Types for batch-norm-kernels.mjs (a plain Node module, so that scripts/build-wasm.mjs runs
// without a TypeScript step), for its test and tsc.

/** The line of kernels.wat that scripts/build-wasm.mjs replaces with allBatchNormKernels(). */
export const BATCH_NORM_MARKER: string;
/** The row passes and the exported bn_forward, bn_backward and bn_inference, as WAT text. */
export function allBatchNormKernels(): string;
/** `watSource` with its batch-norm marker replaced (the marker exactly once). */
export function expandBatchNormKernels(watSource: string): string;
