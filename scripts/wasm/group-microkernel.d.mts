// Types for group-microkernel.mjs (a plain Node module, so that scripts/build-wasm.mjs runs
// without a TypeScript step), for its test, the kernels and tsc.

/** The line of kernels.wat that scripts/build-wasm.mjs replaces with groupMicroKernel(). */
export const GROUP_MARKER: string;
/** Rows per group. */
export const GROUP_ROWS: number;
/** 4-byte words per entry: the column, then one value per row of the group. */
export const ENTRY_WORDS: number;
/** The WAT text of $kg68 for the relaxed build, or for the plain one. */
export function groupMicroKernel(options?: { plain?: boolean }): string;
/** `watSource` with its group marker replaced (the marker exactly once). */
export function expandGroupKernel(watSource: string, options?: { plain?: boolean }): string;
