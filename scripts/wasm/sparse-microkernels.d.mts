// Types for sparse-microkernels.mjs (a plain Node module, so that scripts/build-wasm.mjs runs
// without a TypeScript step), for its test and tsc.

/** The line of kernels.wat that scripts/build-wasm.mjs replaces with allSparseKernels(). */
export const SPARSE_MARKER: string;
/** The widest chunk, in f32x4 vectors. */
export const SPARSE_MAX_VECTORS: number;
/** Bytes of to_sparse's compaction table at address 0 of the memory. */
export const COMPACT_TABLE_BYTES: number;
/** `$sp8` etc. */
export function sparseKernelName(vectors: number): string;
/** The WAT text of the kernel `vectors` f32x4 wide. */
export function sparseKernel(vectors: number): string;
/** The compaction table's bytes: 16 shuffles of 16 bytes. */
export function compactTable(): number[];
/** The type, table, compaction data, reserved-bytes global and the kernels. */
export function allSparseKernels(): string;
/** `watSource` with its sparse marker replaced (the marker exactly once). */
export function expandSparseKernels(watSource: string): string;
