// Generates the eight GEMM micro-kernels of src-worker/engine/kernels/kernels.wat:
//   $k48n $k48t $k44n $k44t $k68n $k68t $k64n $k64t
// = C[rows×cols] (+)= A[rows×kc] · Bpanel[kc×cols] for rows 4 or 6, cols 8 or 4, A normal ("n")
// or transposed ("t"). They used to be eight hand-copied functions that had to be edited together;
// here they are one template. scripts/build-wasm.mjs replaces the marker line
// `;; @generate gemm-microkernels` in kernels.wat with allMicroKernels() before assembling.
//
// The output is WAT text, and the binaries depend on every detail of it that wabt encodes: the
// instructions and their order, the order of the functions (function indices) and the order of
// the local declarations (local indices and how wabt groups them). Change any of that on purpose
// only, and re-measure (npm run bench) when you do; gemm-microkernels.test.ts pins a hash of the
// text. Comments and line breaks do not reach the binary.
//
// Why the shape is what it is:
//  - Register budget. V8 gives a wasm function 15 of the 16 x64 SIMD registers. A kernel keeps
//    2·rows f32x4 accumulators ($x<r>0, $x<r>1), plus one B vector per 4 columns ($b0, $b1) and
//    one broadcast A value ($s) live through the loop: 6×8 = 12 + 2 + 1 = 15, exactly full.
//    The plain SIMD build's separate multiply and add needs one more ($mt), so it must not run
//    the 6×8 kernel (gemm's $tall = 0 there); it still contains it, unused.
//  - Accumulators. 8 columns: $x<r>0 and $x<r>1 are columns 0-3 and 4-7 of row r. 4 columns:
//    one accumulator per row would make a single dependent multiply-add chain per row, bound by
//    its latency; so even p go into $x<r>0, odd p into $x<r>1, and the two are added at the store.
//  - The k loop: kc/4 iterations of four p steps with constant offsets into A and B (fewer
//    pointer increments and loop branches), then kc%4 single steps.
//  - B is a packed panel, B(p, c) at $b + 4·cols·p + 4c, read with v128.load.
//  - A, not transposed ("n"): rows are read in place, A(r, p) at $a + r·$lda + 4p, one pointer
//    per row ($a, $a1, ...), the p offset an immediate. Transposed ("t"): the strip was copied
//    to A(r, p) at $a + p·$sa + 4r with $sa = 4·rows; one pointer, advanced by $sa after each p,
//    the row offset an immediate. $sa is passed rather than folded into the offsets: measured
//    ~8% faster in the plain build, no different in the relaxed one.
//  - A values are broadcast with v128.load32_splat.
//  - f32x4.relaxed_madd is written only in flat stack form `a b c f32x4.relaxed_madd`, and every
//    kernel declares `(local $mt v128)`, so that the plain build's text substitution
//    `local.set $mt f32x4.mul local.get $mt f32x4.add` (= a·b + c) is valid.
//  - $load = 1 adds into C (accumulators start from C), 0 overwrites it (they start at zero,
//    the default of a local).

import { replaceMarkerLine } from './marker.mjs';

/** The eight kernels, in the order they appear in kernels.wat (it fixes the function indices). */
export const MICRO_KERNELS = [
  { rows: 4, cols: 8, transposed: false },
  { rows: 4, cols: 8, transposed: true },
  { rows: 4, cols: 4, transposed: false },
  { rows: 4, cols: 4, transposed: true },
  { rows: 6, cols: 8, transposed: false },
  { rows: 6, cols: 8, transposed: true },
  { rows: 6, cols: 4, transposed: false },
  { rows: 6, cols: 4, transposed: true },
];

/** The line of kernels.wat that scripts/build-wasm.mjs replaces with allMicroKernels(). */
export const MARKER = ';; @generate gemm-microkernels';

/** `$k48n` etc. */
export function kernelName({ rows, cols, transposed }) {
  return `$k${rows}${cols}${transposed ? 't' : 'n'}`;
}

const range = (n) => Array.from({ length: n }, (_, i) => i);
/** Row r's pointer into A (layout "n") or C: $a, $a1, $a2, ... */
const rowPtr = (base, r) => (r === 0 ? `$${base}` : `$${base}${r}`);
/** Accumulator half h (column block, or p parity when cols = 4) of row r. */
const acc = (r, h) => `$x${r}${h}`;

/** The WAT text of one micro-kernel function, with its comment, indented for the module body. */
export function microKernel({ rows, cols, transposed }) {
  if (![4, 6].includes(rows) || ![4, 8].includes(cols)) {
    throw new Error(`gemm-microkernels: no ${rows}×${cols} kernel (rows 4 or 6, cols 4 or 8)`);
  }
  const wide = cols === 8; // two B vectors per p, one accumulator per 4 columns
  const bStride = 4 * cols; // bytes per p in the packed B panel
  const rowsIdx = range(rows);
  const aRows = rowsIdx.map((r) => rowPtr('a', r)); // only used in layout "n"
  const cRows = rowsIdx.map((r) => rowPtr('c', r));
  const out = [];
  const line = (indent, text) => out.push(' '.repeat(indent) + text);

  // ---- comment and signature
  line(2, `;; C[${rows}×${cols}] (+)= A[${rows}×kc] · Bpanel[kc×${cols}], Bpanel packed: B(p, c) at $b + ${bStride}p + 4c.`);
  if (transposed) {
    line(2, `;; A is a strip packed by p: A(r, p) at $a + p·$sa + 4r, $sa = ${4 * rows} (passed, not an immediate`);
    line(2, ';; offset: measured ~8% faster in the plain build, no different in the relaxed one).');
  } else {
    line(2, ';; A rows are row-major: A(r, p) at $a + r·$lda + 4p.');
  }
  line(2, ';; C(r, c) at $c + r·$ldc + 4c; $load = 1 adds into C, 0 overwrites it.');
  if (!wide) {
    line(2, `;; Only ${rows} accumulators would make one FMA chain per row latency-bound, so even and odd p`);
    line(2, ';; accumulate separately (x_r0, x_r1) and are added at the end.');
  }
  line(
    2,
    `(func ${kernelName({ rows, cols, transposed })} (param $a i32) (param ${transposed ? '$sa' : '$lda'} i32) (param $b i32) (param $kc i32)`,
  );
  line(8, '(param $c i32) (param $ldc i32) (param $load i32)');

  // ---- locals (their order is part of the binary)
  const i32s = (names) => names.map((n) => `(local ${n} i32)`).join(' ');
  const v128s = (names) => names.map((n) => `(local ${n} v128)`).join(' ');
  line(4, i32s(['$q', ...(transposed ? [] : aRows.slice(1))]));
  line(4, i32s(cRows.slice(1)));
  line(4, v128s([...(wide ? ['$b0', '$b1'] : ['$b0']), '$s', '$mt']));
  line(4, v128s(rowsIdx.flatMap((r) => [acc(r, 0), acc(r, 1)])));

  // ---- row pointers, and the accumulators start from C when $load
  const chain = (ptrs, stride) =>
    ptrs.slice(1).forEach((p, i) => line(4, `(local.set ${p} (i32.add (local.get ${ptrs[i]}) (local.get ${stride})))`));
  if (!transposed) chain(aRows, '$lda');
  chain(cRows, '$ldc');
  line(4, '(if (local.get $load) (then');
  for (const r of rowsIdx) {
    line(6, `(local.set ${acc(r, 0)} (v128.load (local.get ${cRows[r]})))`);
    // cols = 4: $x<r>1 (odd p) starts at zero, C is added once.
    if (wide) line(6, `(local.set ${acc(r, 1)} (v128.load offset=16 (local.get ${cRows[r]})))`);
  }
  line(4, '))');

  // ---- one p step: load B(p, ·), then per row broadcast A(r, p) and multiply-add
  const madd = (b, x) => line(6, `local.get $s local.get ${b} local.get ${x} f32x4.relaxed_madd local.set ${x}`);
  const step = (p) => {
    line(6, `;; p + ${p}`);
    line(6, `(local.set $b0 (v128.load offset=${bStride * p} (local.get $b)))`);
    if (wide) line(6, `(local.set $b1 (v128.load offset=${bStride * p + 16} (local.get $b)))`);
    for (const r of rowsIdx) {
      const [offset, ptr] = transposed ? [4 * r, '$a'] : [4 * p, aRows[r]];
      line(6, `(local.set $s (v128.load32_splat offset=${offset} (local.get ${ptr})))`);
      if (wide) {
        madd('$b0', acc(r, 0));
        madd('$b1', acc(r, 1));
      } else {
        madd('$b0', acc(r, p % 2));
      }
    }
    if (transposed) line(6, '(local.set $a (i32.add (local.get $a) (local.get $sa)))');
  };
  const advance = (ptr, bytes) => line(6, `(local.set ${ptr} (i32.add (local.get ${ptr}) (i32.const ${bytes})))`);
  const loop = (label, steps) => {
    line(4, `(if (local.get $q) (then (loop ${label}`);
    range(steps).forEach(step);
    if (!transposed) aRows.forEach((a) => advance(a, 4 * steps));
    advance('$b', bStride * steps);
    line(6, `(br_if ${label} (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))`);
  };
  line(4, ';; kc/4 iterations of four p steps, then kc%4 single steps.');
  line(4, '(local.set $q (i32.shr_u (local.get $kc) (i32.const 2)))');
  loop('$l4', 4);
  line(4, '(local.set $q (i32.and (local.get $kc) (i32.const 3)))');
  loop('$l1', 1);

  // ---- store the tile
  for (const r of rowsIdx) {
    if (wide) {
      line(4, `(v128.store (local.get ${cRows[r]}) (local.get ${acc(r, 0)}))`);
      line(4, `(v128.store offset=16 (local.get ${cRows[r]}) (local.get ${acc(r, 1)}))`);
    } else {
      line(4, `(v128.store (local.get ${cRows[r]}) (f32x4.add (local.get ${acc(r, 0)}) (local.get ${acc(r, 1)})))`);
    }
  }
  line(2, ')');
  return out.join('\n');
}

/** The eight kernels in MICRO_KERNELS order, separated by blank lines (no final newline). */
export function allMicroKernels() {
  return MICRO_KERNELS.map(microKernel).join('\n\n');
}

/**
 * `watSource` with its marker line replaced by allMicroKernels(). The marker must appear exactly
 * once, alone on its line (leading spaces allowed).
 */
export function expandMicroKernels(watSource) {
  return replaceMarkerLine(watSource, MARKER, allMicroKernels(), 'gemm-microkernels');
}
