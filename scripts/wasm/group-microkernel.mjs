// Generates the row-group micro-kernel of src-worker/engine/kernels/kernels.wat, $kg68, which
// `grouped_gemm` calls once per group and 8-column panel. scripts/build-wasm.mjs replaces the
// marker line `;; @generate group-microkernel` with groupMicroKernel() before assembling.
//
// $kg68 computes C[6×8] = G[6×kc] · B[idx(p), 8 columns] for one group of rows kept as the union of
// their non-zero columns (kernels.ts, RowGroups): entry p is 7 words at $a + 28p, the column
// index idx(p) as i32, then the group's six values as f32. B is a panel of 8 columns packed over
// all of its rows, B(j, c) at $b + 32j + 4c, so entry p's two B vectors are at $b + 32·idx(p).
// It is $k68t of gemm-microkernels.mjs with B's rows picked by the entries instead of walked in
// order: each B load serves six rows, where the sparse row kernels ($sp<w>) load one B vector per
// multiply-add.
//
// Why the shape is what it is:
//  - Registers: 12 accumulators (6 rows × 2 halves of 8 columns) + 2 B vectors + the broadcast
//    value = 15, the SIMD registers V8 gives a function. The plain build's separate multiply
//    needs one more, so its kernel (`plain`) takes the two B vectors in turn and broadcasts each
//    value twice: 12 + 1 + 1 + $mt. That order is 20% slower with the fused multiply-add (one
//    more load per multiply-add pair) and 25% faster without it (no spill), measured on the
//    10,000 MNIST test images at 100 columns.
//  - The loop: kc/4 iterations of four entries at constant offsets (one pointer, advanced by 112
//    bytes), then kc%4 single entries. Accumulators start at zero (a local's default): C is
//    overwritten.
//  - f32x4.relaxed_madd only in flat stack form, with (local $mt v128) declared: the plain
//    build's text substitution (scripts/build-wasm.mjs) must stay valid.

import { replaceMarkerLine } from './marker.mjs';

/** The line of kernels.wat that scripts/build-wasm.mjs replaces with groupMicroKernel(). */
export const GROUP_MARKER = ';; @generate group-microkernel';

/** Rows per group, and 4-byte words per entry (the column, then one value per row). */
export const GROUP_ROWS = 6;
export const ENTRY_WORDS = 1 + GROUP_ROWS;

const range = (n) => Array.from({ length: n }, (_, i) => i);
const acc = (r, h) => `$x${r}${h}`;
const cRow = (r) => (r === 0 ? '$c' : `$c${r}`);

/** The WAT text of $kg68 for the relaxed build, or for the plain one (`plain`), indented for the module body. */
export function groupMicroKernel({ plain = false } = {}) {
  const entryBytes = 4 * ENTRY_WORDS;
  const rows = range(GROUP_ROWS);
  const out = [];
  const line = (indent, text) => out.push(' '.repeat(indent) + text);
  line(
    2,
    `;; C[${GROUP_ROWS}×8] = G[${GROUP_ROWS}×kc] · B(idx(p), 0..8): entry p at $a + ${entryBytes}p = [idx(p) i32][${GROUP_ROWS} × f32],`,
  );
  line(2, ';; B(j, c) at $b + 32j + 4c (a panel packed over all rows), C(r, c) at $c + r·$ldc + 4c.');
  line(2, '(func $kg68 (param $a i32) (param $kc i32) (param $b i32) (param $c i32) (param $ldc i32)');
  line(4, ['$q', '$o', ...rows.slice(1).map(cRow)].map((n) => `(local ${n} i32)`).join(' '));
  line(4, (plain ? ['$b0', '$mt'] : ['$b0', '$b1', '$s', '$mt']).map((n) => `(local ${n} v128)`).join(' '));
  line(4, rows.flatMap((r) => [acc(r, 0), acc(r, 1)].map((n) => `(local ${n} v128)`)).join(' '));
  rows.slice(1).forEach((r) => line(4, `(local.set ${cRow(r)} (i32.add (local.get ${cRow(r - 1)}) (local.get $ldc)))`));
  const step = (p) => {
    line(6, `;; entry + ${p}`);
    line(6, `(local.set $o (i32.add (local.get $b) (i32.shl (i32.load offset=${entryBytes * p} (local.get $a)) (i32.const 5))))`);
    const value = (r) => `v128.load32_splat offset=${entryBytes * p + 4 + 4 * r}`;
    if (plain) {
      // one B vector at a time, each value broadcast twice: 12 + 1 + the value + $mt registers
      for (const h of [0, 1]) {
        line(6, `(local.set $b0 (v128.load offset=${16 * h} (local.get $o)))`);
        for (const r of rows)
          line(6, `local.get $a ${value(r)} local.get $b0 local.get ${acc(r, h)} f32x4.relaxed_madd local.set ${acc(r, h)}`);
      }
      return;
    }
    line(6, '(local.set $b0 (v128.load (local.get $o)))');
    line(6, '(local.set $b1 (v128.load offset=16 (local.get $o)))');
    for (const r of rows) {
      line(6, `(local.set $s (${value(r)} (local.get $a)))`);
      for (const h of [0, 1]) line(6, `local.get $s local.get $b${h} local.get ${acc(r, h)} f32x4.relaxed_madd local.set ${acc(r, h)}`);
    }
  };
  const loop = (label, steps) => {
    line(4, `(if (local.get $q) (then (loop ${label}`);
    range(steps).forEach(step);
    line(6, `(local.set $a (i32.add (local.get $a) (i32.const ${entryBytes * steps})))`);
    line(6, `(br_if ${label} (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))`);
  };
  line(4, ';; kc/4 iterations of four entries, then kc%4 single entries.');
  line(4, '(local.set $q (i32.shr_u (local.get $kc) (i32.const 2)))');
  loop('$l4', 4);
  line(4, '(local.set $q (i32.and (local.get $kc) (i32.const 3)))');
  loop('$l1', 1);
  for (const r of rows) {
    line(4, `(v128.store (local.get ${cRow(r)}) (local.get ${acc(r, 0)}))`);
    line(4, `(v128.store offset=16 (local.get ${cRow(r)}) (local.get ${acc(r, 1)}))`);
  }
  line(2, ')');
  return out.join('\n');
}

/** `watSource` with its group marker replaced by groupMicroKernel({ plain }) (the marker exactly once). */
export function expandGroupKernel(watSource, { plain = false } = {}) {
  return replaceMarkerLine(watSource, GROUP_MARKER, groupMicroKernel({ plain }), 'group-microkernel');
}
