// Generates batch normalization's kernels of src-worker/engine/kernels/kernels.wat: bn_forward,
// bn_backward and bn_inference, the book's BatchNormalization for rows×cols float32 matrices with
// per-feature statistics in float64. scripts/build-wasm.mjs replaces the marker line
// `;; @generate batch-norm` with allBatchNormKernels() before assembling.
//
// They compute what the TypeScript kernels compute (ts-kernels.ts, batchNorm*), operation for
// operation: every per-element value in float64 as JavaScript does, rounded to float32 where it
// is stored into a float32 array, sums over the rows in row order, no fused multiply-add. So the
// two agree bit for bit (wasm-kernels.test.ts), and a network with batch norm learns the same on
// every kernel but for its GEMMs.
//
// Why a generator: each pass over the rows runs two columns at a time as f64x2 (a float32 pair
// loaded with v128.load64_zero and promoted), and an odd last column as the same expression on
// lane 0 alone (v128.load32_zero, store32_lane). One template per pass writes both forms, so the
// pair and the tail cannot drift apart.

import { replaceMarkerLine } from './marker.mjs';

/** The line of kernels.wat that scripts/build-wasm.mjs replaces with allBatchNormKernels(). */
export const BATCH_NORM_MARKER = ';; @generate batch-norm';

/**
 * The two forms of a pass's element operations. Row arrays are float32 at byte offset $o4 of the
 * row (the row's base plus 4 bytes per column); column arrays are float64 at $o8 (8 per column),
 * or float32 (gamma, beta: colF32) at $c4 (4 per column).
 */
const FORMS = {
  pair: {
    step: 2,
    f32: (p) => `(f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get ${p}) (local.get $o4))))`,
    colF32: (p) => `(f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get ${p}) (local.get $c4))))`,
    col: (p) => `(v128.load (i32.add (local.get ${p}) (local.get $o8)))`,
    set32: (p, v) => `(v128.store64_lane 0 (i32.add (local.get ${p}) (local.get $o4)) (f32x4.demote_f64x2_zero ${v}))`,
    setCol: (p, v) => `(v128.store (i32.add (local.get ${p}) (local.get $o8)) ${v})`,
  },
  single: {
    step: 1,
    f32: (p) => `(f64x2.promote_low_f32x4 (v128.load32_zero (i32.add (local.get ${p}) (local.get $o4))))`,
    colF32: (p) => `(f64x2.promote_low_f32x4 (v128.load32_zero (i32.add (local.get ${p}) (local.get $c4))))`,
    col: (p) => `(v128.load64_zero (i32.add (local.get ${p}) (local.get $o8)))`,
    set32: (p, v) => `(v128.store32_lane 0 (i32.add (local.get ${p}) (local.get $o4)) (f32x4.demote_f64x2_zero ${v}))`,
    setCol: (p, v) => `(v128.store64_lane 0 (i32.add (local.get ${p}) (local.get $o8)) ${v})`,
  },
};

/**
 * A function `$name` that runs `body(form)` (WAT statements) for every element of a rows×cols
 * matrix, row by row, columns in pairs then the odd last one. Its parameters are $rows, $cols and
 * `params` (byte offsets); `locals` are extra v128 locals the body uses.
 */
function rowPass(name, params, locals, body) {
  const statements = (form) =>
    body(FORMS[form])
      .map((s) => `        ${s}`)
      .join('\n');
  return `  (func ${name} (param $rows i32) (param $cols i32) ${params.map((p) => `(param ${p} i32)`).join(' ')}
    (local $rb i32) (local $j i32) (local $o4 i32) (local $o8 i32) (local $c4 i32) ${locals.map((l) => `(local ${l} v128)`).join(' ')}
    (if (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $cols))) (then (return)))
    (loop $rows
      (local.set $j (i32.const 0))
      (block $pairs_done (loop $pairs
        (br_if $pairs_done (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $cols)))
        (local.set $c4 (i32.shl (local.get $j) (i32.const 2)))
        (local.set $o4 (i32.add (local.get $rb) (local.get $c4)))
        (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
${statements('pair')}
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $pairs)))
      (if (i32.lt_u (local.get $j) (local.get $cols)) (then
        (local.set $c4 (i32.shl (local.get $j) (i32.const 2)))
        (local.set $o4 (i32.add (local.get $rb) (local.get $c4)))
        (local.set $o8 (i32.shl (local.get $j) (i32.const 3)))
${statements('single')}
      ))
      (local.set $rb (i32.add (local.get $rb) (i32.shl (local.get $cols) (i32.const 2))))
      (br_if $rows (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
  )`;
}

const add = (a, b) => `(f64x2.add ${a} ${b})`;
const sub = (a, b) => `(f64x2.sub ${a} ${b})`;
const mul = (a, b) => `(f64x2.mul ${a} ${b})`;

/** The row passes, each over every element; comments give the book's numpy line. */
const PASSES = [
  // mu = x.mean(axis=0), its sum: $mu += x
  rowPass('$bn_sum', ['$x', '$mu'], [], (f) => [f.setCol('$mu', add(f.col('$mu'), f.f32('$x')))]),
  // xc = x - mu; var = np.mean(xc**2, axis=0), its sum from the unrounded difference
  rowPass('$bn_center', ['$x', '$mu', '$xc', '$var'], ['$c'], (f) => [
    `(local.set $c ${sub(f.f32('$x'), f.col('$mu'))})`,
    f.set32('$xc', '(local.get $c)'),
    f.setCol('$var', add(f.col('$var'), mul('(local.get $c)', '(local.get $c)'))),
  ]),
  // xn = xc / std (as xc · 1/std); out = gamma * xn + beta
  rowPass('$bn_scale', ['$xc', '$inv', '$gamma', '$beta', '$xn', '$y'], ['$n'], (f) => [
    `(local.set $n ${mul(f.f32('$xc'), f.col('$inv'))})`,
    f.set32('$xn', '(local.get $n)'),
    f.set32('$y', add(mul(f.colF32('$gamma'), '(local.get $n)'), f.colF32('$beta'))),
  ]),
  // dbeta = dout.sum(axis=0); dgamma = np.sum(xn * dout, axis=0); Σ dxn·xc with dxn = gamma * dout
  rowPass('$bn_grad_sums', ['$dout', '$xn', '$xc', '$gamma', '$dg', '$db', '$dxnxc'], ['$d'], (f) => [
    `(local.set $d ${f.f32('$dout')})`,
    f.setCol('$db', add(f.col('$db'), '(local.get $d)')),
    f.setCol('$dg', add(f.col('$dg'), mul(f.f32('$xn'), '(local.get $d)'))),
    f.setCol('$dxnxc', add(f.col('$dxnxc'), mul(mul(f.colF32('$gamma'), '(local.get $d)'), f.f32('$xc')))),
  ]),
  // dxc = dxn / std + (2.0 / batch_size) * xc * dvar (as gamma/std · dout + xc · 2dvar/N); dmu = Σ dxc
  rowPass('$bn_dxc', ['$dout', '$xc', '$gs', '$tv', '$dx', '$dmu'], ['$c'], (f) => [
    `(local.set $c ${add(mul(f.col('$gs'), f.f32('$dout')), mul(f.f32('$xc'), f.col('$tv')))})`,
    f.set32('$dx', '(local.get $c)'),
    f.setCol('$dmu', add(f.col('$dmu'), '(local.get $c)')),
  ]),
  // dx = dxc - dmu / batch_size (dmu already divided)
  rowPass('$bn_sub_col', ['$dx', '$m'], [], (f) => [f.set32('$dx', sub(f.f32('$dx'), f.col('$m')))]),
  // out = gamma * ((x - running_mean) / np.sqrt(running_var + 10e-7)) + beta
  rowPass('$bn_infer_rows', ['$x', '$rm', '$inv', '$gamma', '$beta', '$y'], [], (f) => [
    f.set32('$y', add(mul(f.colF32('$gamma'), mul(sub(f.f32('$x'), f.col('$rm')), f.col('$inv'))), f.colF32('$beta'))),
  ]),
];

/** The column loop `for (j = 0; j < cols; j++) body`, with $j8 = 8j and $j4 = 4j (bytes). */
function colLoop(body) {
  return `    (local.set $j (i32.const 0))
    (block $cols_done (loop $cols
      (br_if $cols_done (i32.ge_u (local.get $j) (local.get $cols)))
      (local.set $j8 (i32.shl (local.get $j) (i32.const 3)))
      (local.set $j4 (i32.shl (local.get $j) (i32.const 2)))
${body}
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $cols)))`;
}

const f64At = (p, o = '$j8') => `(f64.load (i32.add (local.get ${p}) (local.get ${o})))`;
const f32At = (p) => `(f64.promote_f32 (f32.load (i32.add (local.get ${p}) (local.get $j4))))`;
const setF64 = (p, v) => `      (f64.store (i32.add (local.get ${p}) (local.get $j8)) ${v})`;

// The per-feature work (cols elements, scalar float64). `$work` holds four float64 columns:
// std (kept from the forward for the backward), then three of scratch, A, B and C.
const EXPORTS = `
  ;; Batch norm in training (docs/EXPERIMENTS.md; ts-kernels.ts batchNormForward is the same, op
  ;; for op): batch mean and biased variance, std = √(var + eps) kept in work[0, cols), xc and xn
  ;; for the backward, y = gamma·xn + beta, running = m·running + (1 − m)·batch.
  (func $bn_forward (export "bn_forward") (param $rows i32) (param $cols i32) (param $x i32) (param $gamma i32)
                              (param $beta i32) (param $eps f64) (param $m f64) (param $xc i32) (param $xn i32)
                              (param $y i32) (param $work i32) (param $rmean i32) (param $rvar i32)
    (local $j i32) (local $j8 i32) (local $j4 i32) (local $a i32) (local $b i32) (local $c i32)
    (local $n f64) (local $s f64)
    (local.set $a (i32.add (local.get $work) (i32.shl (local.get $cols) (i32.const 3))))
    (local.set $b (i32.add (local.get $a) (i32.shl (local.get $cols) (i32.const 3))))
    (local.set $c (i32.add (local.get $b) (i32.shl (local.get $cols) (i32.const 3))))
    (local.set $n (f64.convert_i32_u (local.get $rows)))
    (memory.fill (local.get $a) (i32.const 0) (i32.shl (local.get $cols) (i32.const 4)))
    (call $bn_sum (local.get $rows) (local.get $cols) (local.get $x) (local.get $a))
${colLoop(setF64('$a', `(f64.div ${f64At('$a')} (local.get $n))`))}
    (call $bn_center (local.get $rows) (local.get $cols) (local.get $x) (local.get $a) (local.get $xc) (local.get $b))
${colLoop(`${setF64('$b', `(f64.div ${f64At('$b')} (local.get $n))`)}
      (local.set $s (f64.sqrt (f64.add ${f64At('$b')} (local.get $eps))))
${setF64('$work', '(local.get $s)')}
${setF64('$c', '(f64.div (f64.const 1) (local.get $s))')}
${setF64('$rmean', `(f64.add (f64.mul (local.get $m) ${f64At('$rmean')}) (f64.mul (f64.sub (f64.const 1) (local.get $m)) ${f64At('$a')}))`)}
${setF64('$rvar', `(f64.add (f64.mul (local.get $m) ${f64At('$rvar')}) (f64.mul (f64.sub (f64.const 1) (local.get $m)) ${f64At('$b')}))`)}`)}
    (call $bn_scale (local.get $rows) (local.get $cols) (local.get $xc) (local.get $c) (local.get $gamma) (local.get $beta)
                    (local.get $xn) (local.get $y))
  )

  ;; Its backward from the forward's xc, xn and std (work[0, cols)): dgamma and dbeta into
  ;; gammaGrad and betaGrad (float32), dx.
  (func $bn_backward (export "bn_backward") (param $rows i32) (param $cols i32) (param $dout i32) (param $xc i32)
                               (param $xn i32) (param $gamma i32) (param $work i32) (param $dx i32)
                               (param $ggrad i32) (param $bgrad i32)
    (local $j i32) (local $j8 i32) (local $j4 i32) (local $a i32) (local $b i32) (local $c i32)
    (local $n f64) (local $s f64) (local $twoOverN f64)
    (local.set $a (i32.add (local.get $work) (i32.shl (local.get $cols) (i32.const 3))))
    (local.set $b (i32.add (local.get $a) (i32.shl (local.get $cols) (i32.const 3))))
    (local.set $c (i32.add (local.get $b) (i32.shl (local.get $cols) (i32.const 3))))
    (local.set $n (f64.convert_i32_u (local.get $rows)))
    (local.set $twoOverN (f64.div (f64.const 2) (local.get $n)))
    (memory.fill (local.get $a) (i32.const 0) (i32.mul (local.get $cols) (i32.const 24)))
    (call $bn_grad_sums (local.get $rows) (local.get $cols) (local.get $dout) (local.get $xn) (local.get $xc)
                        (local.get $gamma) (local.get $a) (local.get $b) (local.get $c))
    ;; dstd = -Σ(dxn·xc) / (std·std); dvar = 0.5·dstd / std: A becomes (2/N)·dvar, C gamma/std
${colLoop(`      (f32.store (i32.add (local.get $ggrad) (local.get $j4)) (f32.demote_f64 ${f64At('$a')}))
      (f32.store (i32.add (local.get $bgrad) (local.get $j4)) (f32.demote_f64 ${f64At('$b')}))
      (local.set $s ${f64At('$work')})
${setF64('$a', `(f64.mul (local.get $twoOverN) (f64.div (f64.mul (f64.const 0.5) (f64.div (f64.neg ${f64At('$c')}) (f64.mul (local.get $s) (local.get $s)))) (local.get $s)))`)}
${setF64('$c', `(f64.div ${f32At('$gamma')} (local.get $s))`)}`)}
    (memory.fill (local.get $b) (i32.const 0) (i32.shl (local.get $cols) (i32.const 3)))
    (call $bn_dxc (local.get $rows) (local.get $cols) (local.get $dout) (local.get $xc) (local.get $c) (local.get $a)
                  (local.get $dx) (local.get $b))
${colLoop(setF64('$b', `(f64.div ${f64At('$b')} (local.get $n))`))}
    (call $bn_sub_col (local.get $rows) (local.get $cols) (local.get $dx) (local.get $b))
  )

  ;; Batch norm in inference: the running statistics in place of the batch's (C of work is scratch).
  (func $bn_inference (export "bn_inference") (param $rows i32) (param $cols i32) (param $x i32) (param $gamma i32)
                                (param $beta i32) (param $eps f64) (param $rmean i32) (param $rvar i32)
                                (param $y i32) (param $work i32)
    (local $j i32) (local $j8 i32) (local $j4 i32) (local $c i32)
    (local.set $c (i32.add (local.get $work) (i32.mul (local.get $cols) (i32.const 24))))
${colLoop(setF64('$c', `(f64.div (f64.const 1) (f64.sqrt (f64.add ${f64At('$rvar')} (local.get $eps))))`))}
    (call $bn_infer_rows (local.get $rows) (local.get $cols) (local.get $x) (local.get $rmean) (local.get $c)
                         (local.get $gamma) (local.get $beta) (local.get $y))
  )`;

/** The row passes and the three exported kernels, indented for the module body. */
export function allBatchNormKernels() {
  return [...PASSES, EXPORTS].join('\n\n');
}

/** `watSource` with its batch-norm marker line replaced by allBatchNormKernels() (the marker exactly once). */
export function expandBatchNormKernels(watSource) {
  return replaceMarkerLine(watSource, BATCH_NORM_MARKER, allBatchNormKernels(), 'batch-norm-kernels');
}
