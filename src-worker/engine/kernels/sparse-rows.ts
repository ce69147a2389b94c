// The checks both kernel implementations make on sparse matrices (kernels.ts, SparseRows): one
// rule for the shapes, so that the TypeScript reference and the WASM kernels refuse the same calls.
import type { SparseRows } from './kernels.ts';

/** v, when it is a count the kernels take (a non-negative 30-bit integer). */
export function count(name: string, v: number): number {
  if (!(Number.isInteger(v) && v >= 0 && v <= 0x3fffffff)) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  return v;
}

/** Entries of slack the compacting kernels need beyond the last entry (their whole-vector stores). */
export const SPARSE_SLACK = 16;

/** allocSparse's capacity: the one asked for, else room for every element of a maxRows×cols matrix. */
export function sparseCapacity(maxRows: number, cols: number, capacity?: number): number {
  count('maxRows', maxRows);
  count('cols', cols);
  const entries = capacity === undefined ? maxRows * cols + SPARSE_SLACK : count('capacity', capacity);
  if (entries > 0x0fffffff) throw new RangeError(`a sparse matrix of ${entries} entries is too large`);
  return entries;
}

/** A SparseRows over the given arrays (made by a kernel context's allocSparse). */
export function sparseRows(maxRows: number, cols: number, start: Int32Array, index: Int32Array, value: Float32Array): SparseRows {
  return { maxRows, cols, rows: 0, start, capacity: index.length, index, value };
}

/** toSparse(rows, x, s) and sparseFromBytes: the rows fit and x holds them. */
export function checkToSparse(rows: number, x: ArrayLike<number>, s: SparseRows): void {
  count('rows', rows);
  if (rows > s.maxRows) throw new RangeError(`toSparse: ${rows} rows, the sparse matrix holds at most ${s.maxRows}`);
  if (x.length < rows * s.cols) throw new RangeError(`toSparse: x has ${x.length} elements, ${rows * s.cols} needed`);
}

/** transposeSparse(s, t): t is shaped for sᵀ and has room for s's entries. */
export function checkTranspose(s: SparseRows, t: SparseRows): void {
  if (t.maxRows < s.cols || t.cols !== s.maxRows) {
    throw new RangeError(`transposeSparse: a ${s.maxRows}×${s.cols} matrix needs a ${s.cols}×${s.maxRows} one, got ${t.maxRows}×${t.cols}`);
  }
  if (s.start[0] !== 0) throw new RangeError('transposeSparse: s must be a whole sparse matrix, not a range of its rows');
  const entries = s.start[s.rows];
  if (t.capacity < entries) throw new RangeError(`transposeSparse: room for ${t.capacity} entries, ${entries} needed`);
}

/** sparseGemm(n, s, b, c): B is s.cols×n, C s.rows×n. */
export function checkSparseGemm(n: number, s: SparseRows, b: Float32Array, c: Float32Array): void {
  count('n', n);
  if (b.length < s.cols * n) throw new RangeError(`sparseGemm: b has ${b.length} floats, ${s.cols * n} needed`);
  if (c.length < s.rows * n) throw new RangeError(`sparseGemm: c has ${c.length} floats, ${s.rows * n} needed`);
}
