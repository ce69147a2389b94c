// Generates the sparse-row micro-kernels of src-worker/engine/kernels/kernels.wat: $sp1 … $sp12,
// and the table `sparse_gemm` calls them through. scripts/build-wasm.mjs replaces the marker line
// `;; @generate sparse-microkernels` with allSparseKernels() before assembling.
//
// $sp<w> computes one row chunk of C = S · B for a sparse S (its entries row by row, see
// kernels.wat, "Sparse rows"): C[0..4w) (+)= Σ_e value(e) · B(index(e), 0..4w) over the entries e of
// one row of S, in increasing index order. Each output element is one multiply-add chain over the
// non-zero entries, which is exactly the chain the dense GEMM's 8-wide panels run over every p (a
// zero entry's multiply-add leaves the chain as it is), so the sparse product is the dense one bit
// for bit in those columns.
//
// Why the shape is what it is:
//  - Width. w f32x4 accumulators stay in registers over the entry loop, plus the broadcast value
//    ($s), one B vector in flight and the plain build's $mt: w + 3 <= 15 SIMD registers V8 gives a
//    function, so w <= 12. sparse_gemm splits a row of n columns into chunks of at most 12 vectors
//    of nearly equal width (100 columns: 9 + 8 + 8), so a chunk has >= 8 independent chains, enough
//    to hide the multiply-add latency, and each B row is read once per chunk.
//  - Entries are a (column index, value) pair at the same byte offset $e of two arrays: the index
//    as i32 at $idx + $e, the value as f32 at $val + $e. B's row is at $b + index·$ldb.
//  - $load = 1 adds into C (the accumulators start from C), 0 overwrites it.
//  - f32x4.relaxed_madd only in flat stack form, with (local $mt v128) declared: the plain
//    build's text substitution (scripts/build-wasm.mjs) must stay valid.

import { replaceMarkerLine } from './marker.mjs';

/** The line of kernels.wat that scripts/build-wasm.mjs replaces with allSparseKernels(). */
export const SPARSE_MARKER = ';; @generate sparse-microkernels';

/** The widest chunk, in f32x4 vectors (48 columns). */
export const SPARSE_MAX_VECTORS = 12;

const range = (n) => Array.from({ length: n }, (_, i) => i);

/** `$sp8` etc. */
export function sparseKernelName(vectors) {
  return `$sp${vectors}`;
}

/** The WAT text of the kernel for `vectors` f32x4 columns, indented for the module body. */
export function sparseKernel(vectors) {
  if (!Number.isInteger(vectors) || vectors < 1 || vectors > SPARSE_MAX_VECTORS) {
    throw new Error(`sparse-microkernels: no kernel ${vectors} vectors wide (1 to ${SPARSE_MAX_VECTORS})`);
  }
  const accs = range(vectors).map((v) => `$x${v}`);
  const out = [];
  const line = (indent, text) => out.push(' '.repeat(indent) + text);
  line(2, `;; C[0..${4 * vectors}) (+)= Σ value(e)·B(index(e), 0..${4 * vectors}) over the entries $e <= e < $end (bytes).`);
  line(2, `(func ${sparseKernelName(vectors)} (type $sparse_row) (param $e i32) (param $end i32) (param $idx i32) (param $val i32)`);
  line(8, '(param $b i32) (param $ldb i32) (param $c i32) (param $load i32)');
  line(4, '(local $row i32) (local $s v128) (local $mt v128)');
  line(4, accs.map((x) => `(local ${x} v128)`).join(' '));
  line(4, '(if (local.get $load) (then');
  accs.forEach((x, v) => line(6, `(local.set ${x} (v128.load offset=${16 * v} (local.get $c)))`));
  line(4, '))');
  line(4, '(if (i32.lt_u (local.get $e) (local.get $end)) (then (loop $entries');
  line(6, '(local.set $row (i32.add (local.get $b) (i32.mul (i32.load (i32.add (local.get $idx) (local.get $e))) (local.get $ldb))))');
  line(6, '(local.set $s (v128.load32_splat (i32.add (local.get $val) (local.get $e))))');
  accs.forEach((x, v) =>
    line(6, `local.get $s (v128.load offset=${16 * v} (local.get $row)) local.get ${x} f32x4.relaxed_madd local.set ${x}`),
  );
  line(6, '(br_if $entries (i32.lt_u (local.tee $e (i32.add (local.get $e) (i32.const 4))) (local.get $end))))))');
  accs.forEach((x, v) => line(4, `(v128.store offset=${16 * v} (local.get $c) (local.get ${x}))`));
  line(2, ')');
  return out.join('\n');
}

/**
 * to_sparse's compaction table, 16 shuffles of 16 bytes at address 0 of the memory (the first
 * RESERVED_BYTES, which wasm-kernels.ts never hands out): entry m moves the f32 lanes whose bit is
 * set in the 4-bit mask m to the front, in order (i8x16.swizzle; the other lanes become 0).
 */
export const COMPACT_TABLE_BYTES = 256;

export function compactTable() {
  const bytes = [];
  for (let mask = 0; mask < 16; mask++) {
    const lanes = range(4).filter((lane) => mask & (1 << lane));
    for (let slot = 0; slot < 4; slot++) {
      const lane = lanes[slot];
      for (let b = 0; b < 4; b++) bytes.push(lane === undefined ? 0x80 : 4 * lane + b);
    }
  }
  return bytes;
}

/** The kernels' shared type, the table sparse_gemm calls them through (slot w-1 = $sp<w>), the compaction table, and the kernels. */
export function allSparseKernels() {
  const names = range(SPARSE_MAX_VECTORS).map((i) => sparseKernelName(i + 1));
  const hex = compactTable()
    .map((b) => `\\${b.toString(16).padStart(2, '0')}`)
    .join('');
  return [
    `  (data (i32.const 0) "${hex}")`,
    `  (global (export "reserved_bytes") i32 (i32.const ${COMPACT_TABLE_BYTES}))`,
    '  (type $sparse_row (func (param i32 i32 i32 i32 i32 i32 i32 i32)))',
    `  (table $sparse_rows ${SPARSE_MAX_VECTORS} funcref)`,
    `  (elem (table $sparse_rows) (i32.const 0) func ${names.join(' ')})`,
    ...range(SPARSE_MAX_VECTORS).map((i) => sparseKernel(i + 1)),
  ].join('\n\n');
}

/** `watSource` with its sparse marker line replaced by allSparseKernels() (the marker exactly once). */
export function expandSparseKernels(watSource) {
  return replaceMarkerLine(watSource, SPARSE_MARKER, allSparseKernels(), 'sparse-microkernels');
}
