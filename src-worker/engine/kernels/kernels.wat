;; DL Lab numeric kernels: WebAssembly SIMD128 (+ relaxed SIMD), hand-written WAT.
;;
;; Why WAT rather than AssemblyScript (or C/Rust): the GEMM is a register-tile micro-kernel whose
;; speed depends on exactly which instructions are emitted and how many v128 values are live
;; (up to 12 f32x4 accumulators + 2 B vectors + 1 broadcast A value must fit in the 15 x64 SIMD
;; registers V8 allocates; one more and the tile spills to the stack).
;; In WAT we choose every instruction (v128.load32_splat for the A broadcast, f32x4.relaxed_madd
;; for the multiply-add), there is no runtime, allocator or GC in the binary, and the build needs
;; one small dev dependency (the `wabt` npm package) instead of a compiler toolchain.
;;
;; One source, two binaries. scripts/build-wasm.mjs assembles this file twice:
;;   relaxed: as written; `f32x4.relaxed_madd` becomes a fused multiply-add where the CPU has one.
;;   plain:   every `f32x4.relaxed_madd` is replaced by the text
;;              `local.set $mt f32x4.mul local.get $mt f32x4.add`
;;            which computes the same a·b + c with a separate multiply and add (SIMD128 only).
;;            For that substitution to be valid, relaxed_madd is only ever written in flat (stack)
;;            form `a b c f32x4.relaxed_madd`, and every function that uses it declares
;;            `(local $mt v128)`.
;;
;; Memory: imported, shared (so that JS views survive memory.grow), owned by wasm-kernels.ts, which
;; hands out Float32Array views with a bump allocator. Every export takes byte offsets into it.
;; Matrices are row-major float32; sizes are element counts.
(module
  (import "env" "memory" (memory 1 16384 shared))

  ;; =============================================================================================
  ;; GEMM: C (m×n) (+)= op(A) (m×k) · op(B) (k×n)
  ;;
  ;; Blocking (see docs/ARCHITECTURE.md, "GEMM blocking"):
  ;;  - k is split into ceil(k/256) nearly equal blocks (a multiple of 4 long, at most 256), so a
  ;;    strip of A (6×kc) and a packed panel (kc×8) fit in L1 together, the packed block of B in
  ;;    L2, and a short last block is avoided;
  ;;  - per k block, op(B) is packed into column panels 8 wide, then one 4 wide if n%8 >= 4:
  ;;    B(p, c) of a panel at panel + 4·w·p + 4c. This is the only copy of a whole operand; it
  ;;    also turns a transposed B into the same layout (4×4 SIMD transposes);
  ;;  - row strips of C are the outer loop, panels the inner one, so a strip of A stays in L1
  ;;    while it meets every panel. Strips are 6 rows (relaxed build, over the first
  ;;    12·floor(m/12) rows) or 4 rows. A is read in place when not transposed (one pointer per
  ;;    row); a transposed A's strip (4 or 6 consecutive floats per p, but 4m bytes apart) is first
  ;;    copied into 16·kc or 24·kc contiguous bytes (without that copy each p is a TLB miss when m
  ;;    is large). A values are broadcast with v128.load32_splat. The m%4 last rows are packed
  ;;    once per block into a zero-padded 4-row strip;
  ;;  - the micro-kernel keeps a 6×8 or 4×8 (or 6×4 / 4×4) tile of C in f32x4 accumulators over
  ;;    the whole block. The eight micro-kernels share one shape (4 p per loop iteration, then
  ;;    kc%4 single steps) and are generated from one template (see below);
  ;;  - the n%4 last columns (the 10-unit output layer leaves 2) are not padded to a panel; they
  ;;    are computed 4 rows at a time: as dot products along p when A is not transposed (A rows
  ;;    and the B column are both contiguous in p; two columns per pass, $kdot2), or as f32x4
  ;;    "axpy" over 4 contiguous rows of a transposed A, one column per pass ($kaxpy1);
  ;;  - the m%4 last rows use the packed strip; under a panel they are computed into a 4×8 scratch
  ;;    tile and merged into C element by element.
  ;; =============================================================================================

  ;; The eight micro-kernels $k48n $k48t $k44n $k44t $k68n $k68t $k64n $k64t (C[rows×cols] (+)=
  ;; A[rows×kc] · Bpanel[kc×cols], rows 4 or 6, cols 8 or 4, A normal or transposed) are generated
  ;; from one template by scripts/wasm/gemm-microkernels.mjs; scripts/build-wasm.mjs replaces the
  ;; next line with them before assembling. Edit the generator, not copies here.
  ;; @generate gemm-microkernels

  ;; Packs 4 rows of a row-major matrix (row c at $src + c·$lds, contiguous in p) transposed:
  ;; dst + p·$ldd + 4c = src(c, p), for p < $kc. Four p at a time with a 4×4 shuffle transpose.
  (func $pack_tr4 (param $src i32) (param $lds i32) (param $dst i32) (param $ldd i32) (param $kc i32)
    (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $q i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $r1 (i32.add (local.get $src) (local.get $lds)))
    (local.set $r2 (i32.add (local.get $r1) (local.get $lds)))
    (local.set $r3 (i32.add (local.get $r2) (local.get $lds)))
    (local.set $q (i32.shr_u (local.get $kc) (i32.const 2)))
    (if (local.get $q) (then (loop $l4
      (local.set $v0 (v128.load (local.get $src)))
      (local.set $v1 (v128.load (local.get $r1)))
      (local.set $v2 (v128.load (local.get $r2)))
      (local.set $v3 (v128.load (local.get $r3)))
      ;; t0 = v0[0] v1[0] v0[1] v1[1]; t1 = v0[2] v1[2] v0[3] v1[3]; same for v2, v3 in t2, t3
      (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1)))
      (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1)))
      (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3)))
      (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3)))
      (v128.store (local.get $dst)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
      (local.set $dst (i32.add (local.get $dst) (local.get $ldd)))
      (v128.store (local.get $dst)
        (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
      (local.set $dst (i32.add (local.get $dst) (local.get $ldd)))
      (v128.store (local.get $dst)
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
      (local.set $dst (i32.add (local.get $dst) (local.get $ldd)))
      (v128.store (local.get $dst)
        (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
      (local.set $dst (i32.add (local.get $dst) (local.get $ldd)))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $r1 (i32.add (local.get $r1) (i32.const 16)))
      (local.set $r2 (i32.add (local.get $r2) (i32.const 16)))
      (local.set $r3 (i32.add (local.get $r3) (i32.const 16)))
      (br_if $l4 (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))
    (local.set $q (i32.and (local.get $kc) (i32.const 3)))
    (if (local.get $q) (then (loop $l1
      (f32.store (local.get $dst) (f32.load (local.get $src)))
      (f32.store offset=4 (local.get $dst) (f32.load (local.get $r1)))
      (f32.store offset=8 (local.get $dst) (f32.load (local.get $r2)))
      (f32.store offset=12 (local.get $dst) (f32.load (local.get $r3)))
      (local.set $dst (i32.add (local.get $dst) (local.get $ldd)))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (local.set $r1 (i32.add (local.get $r1) (i32.const 4)))
      (local.set $r2 (i32.add (local.get $r2) (i32.const 4)))
      (local.set $r3 (i32.add (local.get $r3) (i32.const 4)))
      (br_if $l1 (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))
  )

  ;; Scalar packing, zero padded: dst[p·w + c] = c < $nv ? src[p·$sp + c·$sc] : 0 for p < $kc
  ;; and c < $w (strides in bytes). Used for the m%4 last rows of A ([p][4]) and the n%4 last
  ;; columns of an untransposed B (one after the other, each contiguous).
  (func $pack_edge (param $src i32) (param $sp i32) (param $sc i32) (param $nv i32) (param $w i32)
                   (param $kc i32) (param $dst i32)
    (local $p i32) (local $c i32) (local $s i32)
    (loop $rows
      (local.set $c (i32.const 0))
      (local.set $s (local.get $src))
      (loop $cols
        (f32.store (local.get $dst)
          (if (result f32) (i32.lt_u (local.get $c) (local.get $nv))
            (then (f32.load (local.get $s)))
            (else (f32.const 0))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $s (i32.add (local.get $s) (local.get $sc)))
        (br_if $cols (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $w))))
      (local.set $src (i32.add (local.get $src) (local.get $sp)))
      (br_if $rows (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $kc))))
  )

  ;; Packs rows kb..kb+kc of op(B) (k×n), columns 0..$n4 ($n4 = n - n%4 > 0), into panels at $dst
  ;; (8 wide, the last one 4 wide when n%8 >= 4; layout described above).
  (func $pack_b (param $b i32) (param $tb i32) (param $n i32) (param $n4 i32) (param $k i32)
                (param $kb i32) (param $kc i32) (param $dst i32)
    (local $j i32) (local $w i32) (local $pd i32) (local $src i32) (local $lds i32) (local $p i32)
    (loop $panels
      (local.set $w (select (i32.const 8) (i32.const 4)
        (i32.ge_u (i32.sub (local.get $n4) (local.get $j)) (i32.const 8))))
      (local.set $pd (i32.add (local.get $dst)
        (i32.shl (i32.mul (local.get $j) (local.get $kc)) (i32.const 2))))
      (if (local.get $tb)
        (then
          ;; B is stored n×k: column j of op(B) is row j of B, contiguous in p.
          (local.set $lds (i32.shl (local.get $k) (i32.const 2)))
          (local.set $src (i32.add (local.get $b)
            (i32.shl (i32.add (i32.mul (local.get $j) (local.get $k)) (local.get $kb)) (i32.const 2))))
          (call $pack_tr4 (local.get $src) (local.get $lds) (local.get $pd)
                          (i32.shl (local.get $w) (i32.const 2)) (local.get $kc))
          (if (i32.eq (local.get $w) (i32.const 8))
            (then (call $pack_tr4 (i32.add (local.get $src) (i32.shl (local.get $lds) (i32.const 2)))
                                  (local.get $lds) (i32.add (local.get $pd) (i32.const 16))
                                  (i32.const 32) (local.get $kc)))))
        (else
          ;; B is stored k×n: each p contributes w contiguous floats of row kb+p.
          (local.set $lds (i32.shl (local.get $n) (i32.const 2)))
          (local.set $src (i32.add (local.get $b)
            (i32.shl (i32.add (i32.mul (local.get $kb) (local.get $n)) (local.get $j)) (i32.const 2))))
          (local.set $p (local.get $kc))
          (if (i32.eq (local.get $w) (i32.const 8))
            (then (loop $copy8
              (v128.store (local.get $pd) (v128.load (local.get $src)))
              (v128.store offset=16 (local.get $pd) (v128.load offset=16 (local.get $src)))
              (local.set $pd (i32.add (local.get $pd) (i32.const 32)))
              (local.set $src (i32.add (local.get $src) (local.get $lds)))
              (br_if $copy8 (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
            (else (loop $copy4
              (v128.store (local.get $pd) (v128.load (local.get $src)))
              (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
              (local.set $src (i32.add (local.get $src) (local.get $lds)))
              (br_if $copy4 (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))))))
      (br_if $panels (i32.lt_u (local.tee $j (i32.add (local.get $j) (local.get $w))) (local.get $n4))))
  )

  ;; A strip of a transposed A, packed by p: dst + 16p = the 4 floats at src + p·$sa, p < $kc.
  (func $copy_strip4 (param $src i32) (param $sa i32) (param $dst i32) (param $kc i32)
    (loop $l
      (v128.store (local.get $dst) (v128.load (local.get $src)))
      (local.set $src (i32.add (local.get $src) (local.get $sa)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br_if $l (local.tee $kc (i32.sub (local.get $kc) (i32.const 1))))))

  ;; The same for 6 rows: dst + 24p = the 6 floats at src + p·$sa.
  (func $copy_strip6 (param $src i32) (param $sa i32) (param $dst i32) (param $kc i32)
    (loop $l
      (v128.store (local.get $dst) (v128.load (local.get $src)))
      (i64.store offset=16 (local.get $dst) (i64.load offset=16 (local.get $src)))
      (local.set $src (i32.add (local.get $src) (local.get $sa)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 24)))
      (br_if $l (local.tee $kc (i32.sub (local.get $kc) (i32.const 1))))))

  ;; Stores lanes r < $mr of $v into a column of C: C(r) at $c + r·$ldc, adding C(r) when $load.
  (func $store_col (param $v v128) (param $c i32) (param $ldc i32) (param $load i32) (param $mr i32)
    (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local.set $c1 (i32.add (local.get $c) (local.get $ldc)))
    (local.set $c2 (i32.add (local.get $c1) (local.get $ldc)))
    (local.set $c3 (i32.add (local.get $c2) (local.get $ldc)))
    (if (local.get $load) (then
      (local.set $v (f32x4.add (local.get $v)
        (f32x4.replace_lane 0 (v128.const f32x4 0 0 0 0) (f32.load (local.get $c)))))
      (if (i32.gt_u (local.get $mr) (i32.const 1)) (then
        (local.set $v (f32x4.replace_lane 1 (local.get $v)
          (f32.add (f32x4.extract_lane 1 (local.get $v)) (f32.load (local.get $c1)))))))
      (if (i32.gt_u (local.get $mr) (i32.const 2)) (then
        (local.set $v (f32x4.replace_lane 2 (local.get $v)
          (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32.load (local.get $c2)))))))
      (if (i32.gt_u (local.get $mr) (i32.const 3)) (then
        (local.set $v (f32x4.replace_lane 3 (local.get $v)
          (f32.add (f32x4.extract_lane 3 (local.get $v)) (f32.load (local.get $c3)))))))))
    (f32.store (local.get $c) (f32x4.extract_lane 0 (local.get $v)))
    (if (i32.gt_u (local.get $mr) (i32.const 1)) (then
      (f32.store (local.get $c1) (f32x4.extract_lane 1 (local.get $v)))))
    (if (i32.gt_u (local.get $mr) (i32.const 2)) (then
      (f32.store (local.get $c2) (f32x4.extract_lane 2 (local.get $v)))))
    (if (i32.gt_u (local.get $mr) (i32.const 3)) (then
      (f32.store (local.get $c3) (f32x4.extract_lane 3 (local.get $v)))))
  )

  ;; Lane r of the result = the sum of the 4 lanes of v_r (a 4×4 transpose folded into adds).
  (func $hsum4 (param $v0 v128) (param $v1 v128) (param $v2 v128) (param $v3 v128) (result v128)
    (local $t0 v128) (local $t1 v128)
    ;; t0 = v0[0]+v0[2], v1[0]+v1[2], v0[1]+v0[3], v1[1]+v1[3]; t1 the same for v2, v3
    (local.set $t0 (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v0) (local.get $v1))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v0) (local.get $v1))))
    (local.set $t1 (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $v2) (local.get $v3))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $v2) (local.get $v3))))
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1)))
  )

  ;; Two columns of C, 4 rows, A not transposed: C(r, c) (+)= Σ_p A(r, p)·B_c(p) with A(r, p) at
  ;; $a + r·$lda + 4p and the columns B_0(p), B_1(p) at $b0 + 4p, $b1 + 4p (contiguous in p).
  ;; Dot products along p: 8 accumulators (rows × columns), each holding 4 partial sums in its
  ;; lanes, reduced by $hsum4 at the end; the last kc%4 p are added per lane. C(r, 1) is next to
  ;; C(r, 0).
  (func $kdot2 (param $a i32) (param $lda i32) (param $b0 i32) (param $b1 i32) (param $kc i32)
               (param $c i32) (param $ldc i32) (param $load i32)
    (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $q i32) (local $mt v128)
    (local $u v128) (local $v v128) (local $av v128)
    (local $s00 v128) (local $s10 v128) (local $s20 v128) (local $s30 v128)
    (local $s01 v128) (local $s11 v128) (local $s21 v128) (local $s31 v128)
    (local.set $a1 (i32.add (local.get $a) (local.get $lda)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $lda)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $lda)))
    (local.set $q (i32.shr_u (local.get $kc) (i32.const 2)))
    (if (local.get $q) (then (loop $l4
      (local.set $u (v128.load (local.get $b0)))
      (local.set $v (v128.load (local.get $b1)))
      (local.set $av (v128.load (local.get $a)))
      local.get $av local.get $u local.get $s00 f32x4.relaxed_madd local.set $s00
      local.get $av local.get $v local.get $s01 f32x4.relaxed_madd local.set $s01
      (local.set $av (v128.load (local.get $a1)))
      local.get $av local.get $u local.get $s10 f32x4.relaxed_madd local.set $s10
      local.get $av local.get $v local.get $s11 f32x4.relaxed_madd local.set $s11
      (local.set $av (v128.load (local.get $a2)))
      local.get $av local.get $u local.get $s20 f32x4.relaxed_madd local.set $s20
      local.get $av local.get $v local.get $s21 f32x4.relaxed_madd local.set $s21
      (local.set $av (v128.load (local.get $a3)))
      local.get $av local.get $u local.get $s30 f32x4.relaxed_madd local.set $s30
      local.get $av local.get $v local.get $s31 f32x4.relaxed_madd local.set $s31
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $a1 (i32.add (local.get $a1) (i32.const 16)))
      (local.set $a2 (i32.add (local.get $a2) (i32.const 16)))
      (local.set $a3 (i32.add (local.get $a3) (i32.const 16)))
      (local.set $b0 (i32.add (local.get $b0) (i32.const 16)))
      (local.set $b1 (i32.add (local.get $b1) (i32.const 16)))
      (br_if $l4 (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))
    (local.set $u (call $hsum4 (local.get $s00) (local.get $s10) (local.get $s20) (local.get $s30)))
    (local.set $v (call $hsum4 (local.get $s01) (local.get $s11) (local.get $s21) (local.get $s31)))
    (local.set $q (i32.and (local.get $kc) (i32.const 3)))
    (if (local.get $q) (then (loop $l1
      (local.set $av (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1
        (f32x4.splat (f32.load (local.get $a)))
        (f32.load (local.get $a1))) (f32.load (local.get $a2))) (f32.load (local.get $a3))))
      local.get $av (v128.load32_splat (local.get $b0)) local.get $u f32x4.relaxed_madd local.set $u
      local.get $av (v128.load32_splat (local.get $b1)) local.get $v f32x4.relaxed_madd local.set $v
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (local.set $a1 (i32.add (local.get $a1) (i32.const 4)))
      (local.set $a2 (i32.add (local.get $a2) (i32.const 4)))
      (local.set $a3 (i32.add (local.get $a3) (i32.const 4)))
      (local.set $b0 (i32.add (local.get $b0) (i32.const 4)))
      (local.set $b1 (i32.add (local.get $b1) (i32.const 4)))
      (br_if $l1 (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))
    (call $store_col (local.get $u) (local.get $c) (local.get $ldc) (local.get $load) (i32.const 4))
    (call $store_col (local.get $v) (i32.add (local.get $c) (i32.const 4)) (local.get $ldc) (local.get $load)
                     (i32.const 4))
  )

  ;; One column of C, 4 rows, A not transposed: as $kdot2 for a single column B(p) at $b + 4p, with
  ;; 8 accumulators (rows × even/odd groups of 4 p) to hide the FMA latency.
  (func $kdot1 (param $a i32) (param $lda i32) (param $b i32) (param $kc i32)
               (param $c i32) (param $ldc i32) (param $load i32)
    (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $q i32) (local $mt v128)
    (local $bv v128) (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $e3 v128)
    (local $o0 v128) (local $o1 v128) (local $o2 v128) (local $o3 v128) (local $t0 v128)
    (local.set $a1 (i32.add (local.get $a) (local.get $lda)))
    (local.set $a2 (i32.add (local.get $a1) (local.get $lda)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $lda)))
    (local.set $q (i32.shr_u (local.get $kc) (i32.const 3)))
    (if (local.get $q) (then (loop $l8
      (local.set $bv (v128.load (local.get $b)))
      (v128.load (local.get $a)) local.get $bv local.get $e0 f32x4.relaxed_madd local.set $e0
      (v128.load (local.get $a1)) local.get $bv local.get $e1 f32x4.relaxed_madd local.set $e1
      (v128.load (local.get $a2)) local.get $bv local.get $e2 f32x4.relaxed_madd local.set $e2
      (v128.load (local.get $a3)) local.get $bv local.get $e3 f32x4.relaxed_madd local.set $e3
      (local.set $bv (v128.load offset=16 (local.get $b)))
      (v128.load offset=16 (local.get $a)) local.get $bv local.get $o0 f32x4.relaxed_madd local.set $o0
      (v128.load offset=16 (local.get $a1)) local.get $bv local.get $o1 f32x4.relaxed_madd local.set $o1
      (v128.load offset=16 (local.get $a2)) local.get $bv local.get $o2 f32x4.relaxed_madd local.set $o2
      (v128.load offset=16 (local.get $a3)) local.get $bv local.get $o3 f32x4.relaxed_madd local.set $o3
      (local.set $a (i32.add (local.get $a) (i32.const 32)))
      (local.set $a1 (i32.add (local.get $a1) (i32.const 32)))
      (local.set $a2 (i32.add (local.get $a2) (i32.const 32)))
      (local.set $a3 (i32.add (local.get $a3) (i32.const 32)))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (br_if $l8 (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))
    (if (i32.and (local.get $kc) (i32.const 4)) (then
      (local.set $bv (v128.load (local.get $b)))
      (v128.load (local.get $a)) local.get $bv local.get $e0 f32x4.relaxed_madd local.set $e0
      (v128.load (local.get $a1)) local.get $bv local.get $e1 f32x4.relaxed_madd local.set $e1
      (v128.load (local.get $a2)) local.get $bv local.get $e2 f32x4.relaxed_madd local.set $e2
      (v128.load (local.get $a3)) local.get $bv local.get $e3 f32x4.relaxed_madd local.set $e3
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $a1 (i32.add (local.get $a1) (i32.const 16)))
      (local.set $a2 (i32.add (local.get $a2) (i32.const 16)))
      (local.set $a3 (i32.add (local.get $a3) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))))
    (local.set $t0 (call $hsum4
      (f32x4.add (local.get $e0) (local.get $o0)) (f32x4.add (local.get $e1) (local.get $o1))
      (f32x4.add (local.get $e2) (local.get $o2)) (f32x4.add (local.get $e3) (local.get $o3))))
    (local.set $q (i32.and (local.get $kc) (i32.const 3)))
    (if (local.get $q) (then (loop $l1
      (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1
        (f32x4.splat (f32.load (local.get $a)))
        (f32.load (local.get $a1))) (f32.load (local.get $a2))) (f32.load (local.get $a3)))
      (v128.load32_splat (local.get $b))
      local.get $t0
      f32x4.relaxed_madd
      local.set $t0
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (local.set $a1 (i32.add (local.get $a1) (i32.const 4)))
      (local.set $a2 (i32.add (local.get $a2) (i32.const 4)))
      (local.set $a3 (i32.add (local.get $a3) (i32.const 4)))
      (local.set $b (i32.add (local.get $b) (i32.const 4)))
      (br_if $l1 (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))
    (call $store_col (local.get $t0) (local.get $c) (local.get $ldc) (local.get $load) (i32.const 4))
  )

  ;; One column of C, rows r < $mr (<= 4), A transposed or packed: C(r) (+)= Σ_p A(r, p)·B(p) with
  ;; the 4 rows A(0..3, p) contiguous at $a + p·$sa and B(p) at $b + 4p: f32x4 multiply-adds of
  ;; A's 4-row vector by the broadcast B(p), in 4 accumulators (p mod 4) to hide FMA latency.
  (func $kaxpy1 (param $a i32) (param $sa i32) (param $b i32) (param $kc i32)
                (param $c i32) (param $ldc i32) (param $load i32) (param $mr i32)
    (local $q i32) (local $mt v128) (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local.set $q (i32.shr_u (local.get $kc) (i32.const 2)))
    (if (local.get $q) (then (loop $l4
      (v128.load (local.get $a)) (v128.load32_splat (local.get $b)) local.get $x0 f32x4.relaxed_madd local.set $x0
      (local.set $a (i32.add (local.get $a) (local.get $sa)))
      (v128.load (local.get $a)) (v128.load32_splat offset=4 (local.get $b)) local.get $x1 f32x4.relaxed_madd local.set $x1
      (local.set $a (i32.add (local.get $a) (local.get $sa)))
      (v128.load (local.get $a)) (v128.load32_splat offset=8 (local.get $b)) local.get $x2 f32x4.relaxed_madd local.set $x2
      (local.set $a (i32.add (local.get $a) (local.get $sa)))
      (v128.load (local.get $a)) (v128.load32_splat offset=12 (local.get $b)) local.get $x3 f32x4.relaxed_madd local.set $x3
      (local.set $a (i32.add (local.get $a) (local.get $sa)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (br_if $l4 (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))
    (local.set $q (i32.and (local.get $kc) (i32.const 3)))
    (if (local.get $q) (then (loop $l1
      (v128.load (local.get $a)) (v128.load32_splat (local.get $b)) local.get $x0 f32x4.relaxed_madd local.set $x0
      (local.set $a (i32.add (local.get $a) (local.get $sa)))
      (local.set $b (i32.add (local.get $b) (i32.const 4)))
      (br_if $l1 (local.tee $q (i32.sub (local.get $q) (i32.const 1)))))))
    (call $store_col (f32x4.add (f32x4.add (local.get $x0) (local.get $x1)) (f32x4.add (local.get $x2) (local.get $x3)))
                     (local.get $c) (local.get $ldc) (local.get $load) (local.get $mr))
  )

  ;; C(r, c) = [C(r, c) +] tile(r, c) for r < $mr, c < $nv; the tile has rows of 8 floats.
  (func $merge_tile (param $tile i32) (param $c i32) (param $ldc i32) (param $mr i32) (param $nv i32)
                    (param $load i32)
    (local $r i32) (local $j i32) (local $v f32)
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $v (f32.load (i32.add (local.get $tile) (i32.shl (local.get $j) (i32.const 2)))))
        (if (local.get $load) (then
          (local.set $v (f32.add (local.get $v)
            (f32.load (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))))))
        (f32.store (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (local.get $v))
        (br_if $cols (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $nv))))
      (local.set $tile (i32.add (local.get $tile) (i32.const 32)))
      (local.set $c (i32.add (local.get $c) (local.get $ldc)))
      (br_if $rows (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $mr))))
  )

  ;; gemm(m, n, k, a, transA, b, transB, c, accumulate, scratch, tall)
  ;; $scratch: 128 bytes (edge tile) + 4096 bytes (A tail strip, 4×256) + 6144 bytes (a strip of a
  ;; transposed A, 6×256) + 256·n·4 bytes (packed B), 16-byte aligned; wasm-kernels.ts sizes it.
  ;; $tall = 1 uses 6-row strips (6×8 tiles: 12 accumulators + 2 B vectors + 1 broadcast = 15 of
  ;; the 16 x64 SIMD registers, ~8% faster than 4×8 when the multiply-add is fused); the plain
  ;; SIMD build must pass 0: its separate multiply needs one more register and 6×8 would spill.
  ;; C must not overlap A or B.
  (func $gemm (export "gemm") (param $m i32) (param $n i32) (param $k i32) (param $a i32) (param $ta i32)
                        (param $b i32) (param $tb i32) (param $c i32) (param $acc i32) (param $scratch i32)
                        (param $tall i32)
    (local $nkb i32) (local $kcb i32) (local $kb i32) (local $kc i32) (local $load i32)
    (local $tile i32) (local $apk i32) (local $ask i32) (local $bpk i32)
    (local $m4 i32) (local $m6 i32) (local $mr i32) (local $n4 i32) (local $h i32)
    (local $j i32) (local $w i32) (local $pb i32) (local $cs i32)
    (local $i i32) (local $pa i32) (local $sa i32) (local $cp i32) (local $ldc i32)
    (if (i32.or (i32.eqz (local.get $m)) (i32.eqz (local.get $n))) (then (return)))
    (if (i32.eqz (local.get $k)) (then
      (if (i32.eqz (local.get $acc)) (then
        (memory.fill (local.get $c) (i32.const 0)
          (i32.shl (i32.mul (local.get $m) (local.get $n)) (i32.const 2)))))
      (return)))
    (local.set $tile (local.get $scratch))
    (local.set $apk (i32.add (local.get $scratch) (i32.const 128)))
    (local.set $ask (i32.add (local.get $scratch) (i32.const 4224)))
    (local.set $bpk (i32.add (local.get $scratch) (i32.const 10368)))
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (local.set $nkb (i32.div_u (i32.add (local.get $k) (i32.const 255)) (i32.const 256)))
    (local.set $kcb (i32.and (i32.add
      (i32.div_u (i32.sub (i32.add (local.get $k) (local.get $nkb)) (i32.const 1)) (local.get $nkb))
      (i32.const 3)) (i32.const -4)))
    (local.set $mr (i32.and (local.get $m) (i32.const 3)))
    (local.set $m4 (i32.sub (local.get $m) (local.get $mr)))
    ;; rows 0..m6 in 6-row strips, m6 a multiple of 12 so that m4 - m6 is a multiple of 4
    (local.set $m6 (select (i32.mul (i32.div_u (local.get $m4) (i32.const 12)) (i32.const 12)) (i32.const 0)
                           (local.get $tall)))
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    ;; A's stride: per p when transposed (k×m storage), per row otherwise.
    (local.set $sa (i32.shl (select (local.get $m) (local.get $k) (local.get $ta)) (i32.const 2)))
    (loop $kblocks
      (local.set $kc (i32.sub (local.get $k) (local.get $kb)))
      (if (i32.gt_u (local.get $kc) (local.get $kcb)) (then (local.set $kc (local.get $kcb))))
      (local.set $load (i32.or (local.get $acc) (i32.ne (local.get $kb) (i32.const 0))))
      ;; the m%4 last rows of op(A), for p in the block, as a zero-padded [p][4] strip
      (if (local.get $mr) (then
        (if (local.get $ta)
          (then (call $pack_edge
            (i32.add (local.get $a)
              (i32.shl (i32.add (i32.mul (local.get $kb) (local.get $m)) (local.get $m4)) (i32.const 2)))
            (i32.shl (local.get $m) (i32.const 2)) (i32.const 4)
            (local.get $mr) (i32.const 4) (local.get $kc) (local.get $apk)))
          (else (call $pack_edge
            (i32.add (local.get $a)
              (i32.shl (i32.add (i32.mul (local.get $m4) (local.get $k)) (local.get $kb)) (i32.const 2)))
            (i32.const 4) (i32.shl (local.get $k) (i32.const 2))
            (local.get $mr) (i32.const 4) (local.get $kc) (local.get $apk))))))
      ;; ---- panels of 8 (and one of 4) columns; row strips outer, so a strip of A stays in L1
      ;; while it meets every panel of the block
      (if (local.get $n4) (then
        (call $pack_b (local.get $b) (local.get $tb) (local.get $n) (local.get $n4) (local.get $k)
                      (local.get $kb) (local.get $kc) (local.get $bpk))
        (local.set $i (i32.const 0))
        (block $strips_done (loop $strips
          (br_if $strips_done (i32.ge_u (local.get $i) (local.get $m4)))
          (local.set $h (select (i32.const 6) (i32.const 4) (i32.lt_u (local.get $i) (local.get $m6))))
          (if (local.get $ta)
            (then
              ;; A transposed: its rows at one p are contiguous, but consecutive p are 4m bytes
              ;; apart (a TLB miss each when m is large); copy the strip once, packed by p, so that
              ;; every panel below reads it from 16·kc (24·kc) contiguous bytes.
              (local.set $pa (i32.add (local.get $a)
                (i32.shl (i32.add (i32.mul (local.get $kb) (local.get $m)) (local.get $i)) (i32.const 2))))
              (if (i32.eq (local.get $h) (i32.const 6))
                (then (call $copy_strip6 (local.get $pa) (local.get $sa) (local.get $ask) (local.get $kc)))
                (else (call $copy_strip4 (local.get $pa) (local.get $sa) (local.get $ask) (local.get $kc))))
              (local.set $pa (local.get $ask)))
            (else
              (local.set $pa (i32.add (local.get $a)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k)) (local.get $kb)) (i32.const 2))))))
          (local.set $cp (i32.add (local.get $c)
            (i32.shl (i32.mul (local.get $i) (local.get $n)) (i32.const 2))))
          (local.set $pb (local.get $bpk))
          (local.set $j (i32.const 0))
          (loop $panels
            (local.set $w (select (i32.const 8) (i32.const 4)
              (i32.ge_u (i32.sub (local.get $n4) (local.get $j)) (i32.const 8))))
            (if (i32.eq (local.get $h) (i32.const 6))
              (then (if (i32.eq (local.get $w) (i32.const 8))
                (then (if (local.get $ta)
                  (then (call $k68t (local.get $pa) (i32.const 24) (local.get $pb) (local.get $kc)
                                    (local.get $cp) (local.get $ldc) (local.get $load)))
                  (else (call $k68n (local.get $pa) (local.get $sa) (local.get $pb) (local.get $kc)
                                    (local.get $cp) (local.get $ldc) (local.get $load)))))
                (else (if (local.get $ta)
                  (then (call $k64t (local.get $pa) (i32.const 24) (local.get $pb) (local.get $kc)
                                    (local.get $cp) (local.get $ldc) (local.get $load)))
                  (else (call $k64n (local.get $pa) (local.get $sa) (local.get $pb) (local.get $kc)
                                    (local.get $cp) (local.get $ldc) (local.get $load)))))))
              (else (if (i32.eq (local.get $w) (i32.const 8))
                (then (if (local.get $ta)
                  (then (call $k48t (local.get $pa) (i32.const 16) (local.get $pb) (local.get $kc)
                                    (local.get $cp) (local.get $ldc) (local.get $load)))
                  (else (call $k48n (local.get $pa) (local.get $sa) (local.get $pb) (local.get $kc)
                                    (local.get $cp) (local.get $ldc) (local.get $load)))))
                (else (if (local.get $ta)
                  (then (call $k44t (local.get $pa) (i32.const 16) (local.get $pb) (local.get $kc)
                                    (local.get $cp) (local.get $ldc) (local.get $load)))
                  (else (call $k44n (local.get $pa) (local.get $sa) (local.get $pb) (local.get $kc)
                                    (local.get $cp) (local.get $ldc) (local.get $load))))))))
            (local.set $pb (i32.add (local.get $pb)
              (i32.shl (i32.mul (local.get $w) (local.get $kc)) (i32.const 2))))
            (local.set $cp (i32.add (local.get $cp) (i32.shl (local.get $w) (i32.const 2))))
            (br_if $panels (i32.lt_u (local.tee $j (i32.add (local.get $j) (local.get $w))) (local.get $n4))))
          (local.set $i (i32.add (local.get $i) (local.get $h)))
          (br $strips)))
        ;; the m%4 last rows, from the packed strip, through the scratch tile
        (if (local.get $mr) (then
          (local.set $pb (local.get $bpk))
          (local.set $cp (i32.add (local.get $c)
            (i32.shl (i32.mul (local.get $m4) (local.get $n)) (i32.const 2))))
          (local.set $j (i32.const 0))
          (loop $panels
            (local.set $w (select (i32.const 8) (i32.const 4)
              (i32.ge_u (i32.sub (local.get $n4) (local.get $j)) (i32.const 8))))
            (if (i32.eq (local.get $w) (i32.const 8))
              (then (call $k48t (local.get $apk) (i32.const 16) (local.get $pb) (local.get $kc)
                                (local.get $tile) (i32.const 32) (i32.const 0)))
              (else (call $k44t (local.get $apk) (i32.const 16) (local.get $pb) (local.get $kc)
                                (local.get $tile) (i32.const 32) (i32.const 0))))
            (call $merge_tile (local.get $tile) (local.get $cp) (local.get $ldc) (local.get $mr) (local.get $w)
                              (local.get $load))
            (local.set $pb (i32.add (local.get $pb)
              (i32.shl (i32.mul (local.get $w) (local.get $kc)) (i32.const 2))))
            (local.set $cp (i32.add (local.get $cp) (i32.shl (local.get $w) (i32.const 2))))
            (br_if $panels (i32.lt_u (local.tee $j (i32.add (local.get $j) (local.get $w))) (local.get $n4))))))))
      ;; ---- the n%4 last columns: pairs by $kdot2 (A not transposed), else one at a time
      (if (i32.lt_u (local.get $n4) (local.get $n)) (then
        ;; column j of op(B), contiguous in p, is at $pb + (j - n4)·$cs: rows of B when
        ;; transposed, else packed here
        (if (local.get $tb)
          (then
            (local.set $pb (i32.add (local.get $b)
              (i32.shl (i32.add (i32.mul (local.get $n4) (local.get $k)) (local.get $kb)) (i32.const 2))))
            (local.set $cs (i32.shl (local.get $k) (i32.const 2))))
          (else
            (local.set $pb (i32.add (local.get $bpk)
              (i32.shl (i32.mul (local.get $n4) (local.get $kc)) (i32.const 2))))
            (local.set $cs (i32.shl (local.get $kc) (i32.const 2)))
            (call $pack_edge
              (i32.add (local.get $b)
                (i32.shl (i32.add (i32.mul (local.get $kb) (local.get $n)) (local.get $n4)) (i32.const 2)))
              ;; "rows" = the n%4 columns (step 4 bytes), each kc floats long (step n·4 bytes)
              (i32.const 4) (i32.shl (local.get $n) (i32.const 2))
              (local.get $kc) (local.get $kc) (i32.sub (local.get $n) (local.get $n4))
              (local.get $pb))))
        (local.set $j (local.get $n4))
        (loop $cols
          (local.set $w (select (i32.const 2) (i32.const 1)
            (i32.and (i32.eqz (local.get $ta))
                     (i32.ge_u (i32.sub (local.get $n) (local.get $j)) (i32.const 2)))))
          (local.set $i (i32.const 0))
          (block $strips_done (loop $strips
            (br_if $strips_done (i32.ge_u (local.get $i) (local.get $m4)))
            (local.set $cp (i32.add (local.get $c)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
            (if (local.get $ta)
              (then (call $kaxpy1
                (i32.add (local.get $a)
                  (i32.shl (i32.add (i32.mul (local.get $kb) (local.get $m)) (local.get $i)) (i32.const 2)))
                (local.get $sa) (local.get $pb) (local.get $kc)
                (local.get $cp) (local.get $ldc) (local.get $load) (i32.const 4)))
              (else
                (local.set $pa (i32.add (local.get $a)
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k)) (local.get $kb)) (i32.const 2))))
                (if (i32.eq (local.get $w) (i32.const 2))
                  (then (call $kdot2 (local.get $pa) (local.get $sa)
                    (local.get $pb) (i32.add (local.get $pb) (local.get $cs)) (local.get $kc)
                    (local.get $cp) (local.get $ldc) (local.get $load)))
                  (else (call $kdot1 (local.get $pa) (local.get $sa) (local.get $pb) (local.get $kc)
                    (local.get $cp) (local.get $ldc) (local.get $load))))))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $strips)))
          (if (local.get $mr) (then
            (local.set $cp (i32.add (local.get $c)
              (i32.shl (i32.add (i32.mul (local.get $m4) (local.get $n)) (local.get $j)) (i32.const 2))))
            (call $kaxpy1 (local.get $apk) (i32.const 16) (local.get $pb) (local.get $kc)
              (local.get $cp) (local.get $ldc) (local.get $load) (local.get $mr))
            (if (i32.eq (local.get $w) (i32.const 2)) (then
              (call $kaxpy1 (local.get $apk) (i32.const 16) (i32.add (local.get $pb) (local.get $cs))
                (local.get $kc) (i32.add (local.get $cp) (i32.const 4)) (local.get $ldc) (local.get $load)
                (local.get $mr))))))
          (local.set $pb (i32.add (local.get $pb) (i32.mul (local.get $cs) (local.get $w))))
          (br_if $cols (i32.lt_u (local.tee $j (i32.add (local.get $j) (local.get $w))) (local.get $n))))))
      (br_if $kblocks (i32.lt_u (local.tee $kb (i32.add (local.get $kb) (local.get $kc))) (local.get $k))))
  )

  ;; =============================================================================================
  ;; Sparse rows: a matrix kept as its non-zero entries, row by row (compressed sparse rows). Row
  ;; i's entries are e in [start[i], start[i+1]); entry e is the pair (index[e], value[e]), indices
  ;; increasing within a row. start is i32[rows + 1], index i32[], value f32[]; the kernels address
  ;; entry e at byte offset 4e of both arrays. MNIST images are ~81% zero pixels, so the first
  ;; layer's two products (x·W1 and dW1 = xᵀ·dout) run over the entries only (docs/ARCHITECTURE.md,
  ;; "Sparse first layer"): a zero's multiply-add leaves a chain unchanged, so they are the dense
  ;; products with the zero terms left out.
  ;; =============================================================================================

  ;; @generate sparse-microkernels

  ;; The non-zero entries of x (rows×cols, dense) into start/idx/val, in order; returns their
  ;; count, or -1 as soon as they would not fit $cap entries with 16 of slack (a vector store
  ;; needs 4; sparse_from_bytes, 16): the caller then takes the dense path. NaN and ±inf are kept
  ;; (they are not zero); -0 is left out like +0. Four floats at a time, without a branch per
  ;; element: the lanes that are not zero give a 4-bit mask, the compaction table at address 0
  ;; (scripts/wasm/sparse-microkernels.mjs) moves those lanes of the values and of their column
  ;; numbers to the front, both vectors are stored whole at entry e, and e advances by the mask's
  ;; bit count (the other lanes are overwritten next, or fall in the slack).
  (func $to_sparse (export "to_sparse") (param $rows i32) (param $cols i32) (param $x i32) (param $start i32)
                             (param $idx i32) (param $val i32) (param $cap i32) (result i32)
    (local $e i32) (local $o i32) (local $c4 i32) (local $cb i32) (local $mask i32) (local $room i32)
    (local $v f32) (local $xv v128) (local $cv v128) (local $sh v128)
    (local.set $c4 (i32.shl (i32.and (local.get $cols) (i32.const -4)) (i32.const 2)))
    (local.set $cb (i32.shl (local.get $cols) (i32.const 2)))
    ;; $room: the last entry offset (bytes) that leaves the 16 entries of slack (kernels.ts)
    (local.set $room (i32.shl (i32.sub (local.get $cap) (i32.const 16)) (i32.const 2)))
    (i32.store (local.get $start) (i32.const 0))
    (if (i32.eqz (local.get $rows)) (then (return (i32.const 0))))
    (loop $row
      (local.set $o (i32.const 0))
      (local.set $cv (v128.const i32x4 0 1 2 3))
      (block $v_done (loop $v
        (br_if $v_done (i32.ge_u (local.get $o) (local.get $c4)))
        (if (i32.gt_s (local.get $e) (local.get $room)) (then (return (i32.const -1))))
        (local.set $xv (v128.load (i32.add (local.get $x) (local.get $o))))
        (local.set $mask (i32x4.bitmask (f32x4.ne (local.get $xv) (v128.const f32x4 0 0 0 0))))
        (local.set $sh (v128.load (i32.shl (local.get $mask) (i32.const 4))))
        (v128.store (i32.add (local.get $val) (local.get $e)) (i8x16.swizzle (local.get $xv) (local.get $sh)))
        (v128.store (i32.add (local.get $idx) (local.get $e)) (i8x16.swizzle (local.get $cv) (local.get $sh)))
        (local.set $e (i32.add (local.get $e) (i32.shl (i32.popcnt (local.get $mask)) (i32.const 2))))
        (local.set $cv (i32x4.add (local.get $cv) (v128.const i32x4 4 4 4 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $v)))
      (block $s_done (loop $s
        (br_if $s_done (i32.ge_u (local.get $o) (local.get $cb)))
        (local.set $v (f32.load (i32.add (local.get $x) (local.get $o))))
        (if (f32.ne (local.get $v) (f32.const 0)) (then
          (if (i32.gt_s (local.get $e) (local.get $room)) (then (return (i32.const -1))))
          (i32.store (i32.add (local.get $idx) (local.get $e)) (i32.shr_u (local.get $o) (i32.const 2)))
          (f32.store (i32.add (local.get $val) (local.get $e)) (local.get $v))
          (local.set $e (i32.add (local.get $e) (i32.const 4)))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $s)))
      (local.set $x (i32.add (local.get $x) (local.get $cb)))
      (local.set $start (i32.add (local.get $start) (i32.const 4)))
      (i32.store (local.get $start) (i32.shr_u (local.get $e) (i32.const 2)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (i32.shr_u (local.get $e) (i32.const 2))
  )

  ;; The non-zero entries of a matrix of bytes (rows×cols, e.g. MNIST pixels) as sparse rows with
  ;; values byte / 255 in float32 (unit_from_bytes's floats: toSparse of them, without making them).
  ;; Sixteen bytes at a time: a group with no non-zero byte is skipped with one comparison; else
  ;; each quarter is widened to f32x4, divided, and compacted like to_sparse. Returns the count,
  ;; or -1 as soon as a group's 16 entries would not fit $cap.
  (func $sparse_from_bytes (export "sparse_from_bytes") (param $rows i32) (param $cols i32) (param $src i32) (param $start i32)
                                     (param $idx i32) (param $val i32) (param $cap i32) (result i32)
    (local $e i32) (local $o i32) (local $c16 i32) (local $mask i32) (local $byte i32) (local $room i32)
    (local $v v128) (local $w v128) (local $f v128) (local $cv v128) (local $sh v128) (local $d v128)
    (local.set $d (f32x4.splat (f32.const 255)))
    (local.set $c16 (i32.and (local.get $cols) (i32.const -16)))
    ;; $room: the last entry offset (bytes) at which a group's 16 entries still fit
    (local.set $room (i32.shl (i32.sub (local.get $cap) (i32.const 16)) (i32.const 2)))
    (i32.store (local.get $start) (i32.const 0))
    (if (i32.eqz (local.get $rows)) (then (return (i32.const 0))))
    (loop $row
      (local.set $o (i32.const 0))
      (block $v_done (loop $v
        (br_if $v_done (i32.ge_u (local.get $o) (local.get $c16)))
        (local.set $v (v128.load (i32.add (local.get $src) (local.get $o))))
        (local.set $mask (i8x16.bitmask (i8x16.ne (local.get $v) (v128.const i32x4 0 0 0 0))))
        (if (local.get $mask) (then
          (if (i32.gt_s (local.get $e) (local.get $room)) (then (return (i32.const -1))))
          ;; the four quarters: bytes 4q..4q+3, column numbers o + 4q + lane in $cv
          (local.set $cv (i32x4.add (i32x4.splat (local.get $o)) (v128.const i32x4 0 1 2 3)))
          (local.set $w (i16x8.extend_low_i8x16_u (local.get $v)))
          ;; bytes 0..3
          (local.set $f (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $w))) (local.get $d)))
          (local.set $sh (v128.load (i32.shl (i32.and (local.get $mask) (i32.const 15)) (i32.const 4))))
          (v128.store (i32.add (local.get $val) (local.get $e)) (i8x16.swizzle (local.get $f) (local.get $sh)))
          (v128.store (i32.add (local.get $idx) (local.get $e)) (i8x16.swizzle (local.get $cv) (local.get $sh)))
          (local.set $e (i32.add (local.get $e) (i32.shl (i32.popcnt (i32.and (local.get $mask) (i32.const 15))) (i32.const 2))))
          (local.set $mask (i32.shr_u (local.get $mask) (i32.const 4)))
          (local.set $cv (i32x4.add (local.get $cv) (v128.const i32x4 4 4 4 4)))
          ;; bytes 4..7
          (local.set $f (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $w))) (local.get $d)))
          (local.set $sh (v128.load (i32.shl (i32.and (local.get $mask) (i32.const 15)) (i32.const 4))))
          (v128.store (i32.add (local.get $val) (local.get $e)) (i8x16.swizzle (local.get $f) (local.get $sh)))
          (v128.store (i32.add (local.get $idx) (local.get $e)) (i8x16.swizzle (local.get $cv) (local.get $sh)))
          (local.set $e (i32.add (local.get $e) (i32.shl (i32.popcnt (i32.and (local.get $mask) (i32.const 15))) (i32.const 2))))
          (local.set $mask (i32.shr_u (local.get $mask) (i32.const 4)))
          (local.set $cv (i32x4.add (local.get $cv) (v128.const i32x4 4 4 4 4)))
          (local.set $w (i16x8.extend_high_i8x16_u (local.get $v)))
          ;; bytes 8..11
          (local.set $f (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $w))) (local.get $d)))
          (local.set $sh (v128.load (i32.shl (i32.and (local.get $mask) (i32.const 15)) (i32.const 4))))
          (v128.store (i32.add (local.get $val) (local.get $e)) (i8x16.swizzle (local.get $f) (local.get $sh)))
          (v128.store (i32.add (local.get $idx) (local.get $e)) (i8x16.swizzle (local.get $cv) (local.get $sh)))
          (local.set $e (i32.add (local.get $e) (i32.shl (i32.popcnt (i32.and (local.get $mask) (i32.const 15))) (i32.const 2))))
          (local.set $mask (i32.shr_u (local.get $mask) (i32.const 4)))
          (local.set $cv (i32x4.add (local.get $cv) (v128.const i32x4 4 4 4 4)))
          ;; bytes 12..15
          (local.set $f (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $w))) (local.get $d)))
          (local.set $sh (v128.load (i32.shl (i32.and (local.get $mask) (i32.const 15)) (i32.const 4))))
          (v128.store (i32.add (local.get $val) (local.get $e)) (i8x16.swizzle (local.get $f) (local.get $sh)))
          (v128.store (i32.add (local.get $idx) (local.get $e)) (i8x16.swizzle (local.get $cv) (local.get $sh)))
          (local.set $e (i32.add (local.get $e) (i32.shl (i32.popcnt (i32.and (local.get $mask) (i32.const 15))) (i32.const 2))))
        ))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $v)))
      (block $s_done (loop $s
        (br_if $s_done (i32.ge_u (local.get $o) (local.get $cols)))
        (local.set $byte (i32.load8_u (i32.add (local.get $src) (local.get $o))))
        (if (local.get $byte) (then
          (if (i32.gt_s (local.get $e) (local.get $room)) (then (return (i32.const -1))))
          (i32.store (i32.add (local.get $idx) (local.get $e)) (local.get $o))
          (f32.store (i32.add (local.get $val) (local.get $e)) (f32.div (f32.convert_i32_u (local.get $byte)) (f32.const 255)))
          (local.set $e (i32.add (local.get $e) (i32.const 4)))))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $s)))
      (local.set $src (i32.add (local.get $src) (local.get $cols)))
      (local.set $start (i32.add (local.get $start) (i32.const 4)))
      (i32.store (local.get $start) (i32.shr_u (local.get $e) (i32.const 2)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (i32.shr_u (local.get $e) (i32.const 2))
  )

  ;; The transpose of sparse rows: s ($rows rows of $cols columns) into t ($cols rows of $rows
  ;; columns, tstart[cols + 1]); within a row of t the indices (rows of s) increase. A counting
  ;; sort: counts of each column into tstart[c + 1], prefix sums make tstart[c] the first entry of
  ;; row c, the fill uses tstart[c] as row c's cursor (leaving it at the first entry of row c + 1),
  ;; and one shift by a slot puts every start back.
  (func $transpose_sparse (export "transpose_sparse") (param $rows i32) (param $cols i32) (param $start i32) (param $idx i32)
                                    (param $val i32) (param $tstart i32) (param $tidx i32) (param $tval i32)
    (local $e i32) (local $end i32) (local $i i32) (local $at i32) (local $slot i32) (local $c i32)
    (local.set $end (i32.shl (i32.load (i32.add (local.get $start) (i32.shl (local.get $rows) (i32.const 2)))) (i32.const 2)))
    (memory.fill (local.get $tstart) (i32.const 0) (i32.shl (i32.add (local.get $cols) (i32.const 1)) (i32.const 2)))
    (block $count_done (loop $count
      (br_if $count_done (i32.ge_u (local.get $e) (local.get $end)))
      (local.set $at (i32.add (local.get $tstart) (i32.shl (i32.load (i32.add (local.get $idx) (local.get $e))) (i32.const 2))))
      (i32.store offset=4 (local.get $at) (i32.add (i32.load offset=4 (local.get $at)) (i32.const 1)))
      (local.set $e (i32.add (local.get $e) (i32.const 4)))
      (br $count)))
    (local.set $c (i32.const 1))
    (block $sum_done (loop $sum
      (br_if $sum_done (i32.gt_u (local.get $c) (local.get $cols)))
      (local.set $at (i32.add (local.get $tstart) (i32.shl (local.get $c) (i32.const 2))))
      (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.load offset=0 (i32.sub (local.get $at) (i32.const 4)))))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $sum)))
    (local.set $e (i32.const 0))
    (block $rows_done (loop $row
      (br_if $rows_done (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $end (i32.shl (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2)))
      (block $fill_done (loop $fill
        (br_if $fill_done (i32.ge_u (local.get $e) (local.get $end)))
        (local.set $at (i32.add (local.get $tstart) (i32.shl (i32.load (i32.add (local.get $idx) (local.get $e))) (i32.const 2))))
        (local.set $slot (i32.shl (i32.load (local.get $at)) (i32.const 2)))
        (i32.store (i32.add (local.get $tidx) (local.get $slot)) (local.get $i))
        (f32.store (i32.add (local.get $tval) (local.get $slot)) (f32.load (i32.add (local.get $val) (local.get $e))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (local.set $e (i32.add (local.get $e) (i32.const 4)))
        (br $fill)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
    (memory.copy (i32.add (local.get $tstart) (i32.const 4)) (local.get $tstart) (i32.shl (local.get $cols) (i32.const 2)))
    (i32.store (local.get $tstart) (i32.const 0))
  )

  ;; C (m×n) (+)= S (m×k, sparse rows) · B (k×n, row-major); C is overwritten unless $acc. Each row
  ;; of C in chunks of at most 12 vectors, of nearly equal width (the first nv % chunks one vector
  ;; wider), by $sp<w>; the n%4 last columns one at a time, as scalar chains over the entries.
  (func $sparse_gemm (export "sparse_gemm") (param $m i32) (param $n i32) (param $start i32) (param $idx i32)
                               (param $val i32) (param $b i32) (param $c i32) (param $acc i32)
    (local $nv i32) (local $chunks i32) (local $w i32) (local $j i32) (local $k i32) (local $ldb i32)
    (local $e0 i32) (local $e1 i32) (local $e i32) (local $sum f32)
    (if (i32.eqz (local.get $m)) (then (return)))
    (local.set $ldb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $nv (i32.shr_u (local.get $n) (i32.const 2)))
    (local.set $chunks (i32.div_u (i32.add (local.get $nv) (i32.const 11)) (i32.const 12)))
    (loop $rows
      (local.set $e0 (i32.shl (i32.load (local.get $start)) (i32.const 2)))
      (local.set $e1 (i32.shl (i32.load offset=4 (local.get $start)) (i32.const 2)))
      (local.set $j (i32.const 0))
      (local.set $k (i32.const 0))
      (block $chunks_done (loop $chunk
        (br_if $chunks_done (i32.ge_u (local.get $k) (local.get $chunks)))
        (local.set $w (i32.add (i32.div_u (local.get $nv) (local.get $chunks))
                               (i32.lt_u (local.get $k) (i32.rem_u (local.get $nv) (local.get $chunks)))))
        (call_indirect $sparse_rows (type $sparse_row)
          (local.get $e0) (local.get $e1) (local.get $idx) (local.get $val)
          (i32.add (local.get $b) (local.get $j)) (local.get $ldb) (i32.add (local.get $c) (local.get $j)) (local.get $acc)
          (i32.sub (local.get $w) (i32.const 1)))
        (local.set $j (i32.add (local.get $j) (i32.shl (local.get $w) (i32.const 4))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $chunk)))
      (block $cols_done (loop $col
        (br_if $cols_done (i32.ge_u (local.get $j) (local.get $ldb)))
        (local.set $sum (select (f32.load (i32.add (local.get $c) (local.get $j))) (f32.const 0) (local.get $acc)))
        (local.set $e (local.get $e0))
        (block $e_done (loop $entry
          (br_if $e_done (i32.ge_u (local.get $e) (local.get $e1)))
          (local.set $sum (f32.add (local.get $sum)
            (f32.mul (f32.load (i32.add (local.get $val) (local.get $e)))
                     (f32.load (i32.add (i32.add (local.get $b) (local.get $j))
                                        (i32.mul (i32.load (i32.add (local.get $idx) (local.get $e))) (local.get $ldb)))))))
          (local.set $e (i32.add (local.get $e) (i32.const 4)))
          (br $entry)))
        (f32.store (i32.add (local.get $c) (local.get $j)) (local.get $sum))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $col)))
      (local.set $c (i32.add (local.get $c) (local.get $ldb)))
      (local.set $start (i32.add (local.get $start) (i32.const 4)))
      (br_if $rows (local.tee $m (i32.sub (local.get $m) (i32.const 1)))))
  )

  ;; =============================================================================================
  ;; Row groups: rows kept in groups of 6, each group as the union of its rows' non-zero columns,
  ;; entry by entry (kernels.ts, RowGroups): entry e is 7 words at $entries + 28e, the column
  ;; index (i32), then the group's 6 values (f32, 0 where a row lacks the column). Group i's
  ;; entries are e in [start[i], start[i+1]). An evaluation set of MNIST images grouped by similar
  ;; strokes has ~1.55 times as many entries per row as non-zero pixels, but its product runs as a
  ;; dense 6×8 tile: each B load serves 6 rows (docs/ARCHITECTURE.md, "Row groups").
  ;; =============================================================================================

  ;; @generate group-microkernel

  ;; Packs B (k×n, row-major) into ceil(n/8) panels of 8 columns over all k rows, zero-padded past
  ;; column n: panel q at $dst + 32k·q, B(p, 8q + c) at + 32p + 4c.
  (func $pack_panels8 (param $b i32) (param $k i32) (param $n i32) (param $dst i32)
    (local $q i32) (local $p i32) (local $c i32) (local $w i32) (local $src i32) (local $ldb i32)
    (local.set $ldb (i32.shl (local.get $n) (i32.const 2)))
    (loop $panels
      (local.set $w (select (i32.const 8) (i32.sub (local.get $n) (local.get $q))
                            (i32.ge_u (i32.sub (local.get $n) (local.get $q)) (i32.const 8))))
      (local.set $src (i32.add (local.get $b) (i32.shl (local.get $q) (i32.const 2))))
      (local.set $p (i32.const 0))
      (loop $rows
        (if (i32.eq (local.get $w) (i32.const 8))
          (then
            (v128.store (local.get $dst) (v128.load (local.get $src)))
            (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src))))
          (else
            (v128.store (local.get $dst) (v128.const i32x4 0 0 0 0))
            (v128.store offset=16 (local.get $dst) (v128.const i32x4 0 0 0 0))
            (local.set $c (i32.const 0))
            (loop $cols
              (f32.store (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2)))
                         (f32.load (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 2)))))
              (br_if $cols (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $w))))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (local.set $src (i32.add (local.get $src) (local.get $ldb)))
        (br_if $rows (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $k))))
      (br_if $panels (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 8))) (local.get $n))))
  )

  ;; C (rows×n) = G (rows×k, row groups) · B (k×n, row-major), C's rows in the groups' order.
  ;; $scratch: 256 bytes (a 6×8 tile) + 32k·ceil(n/8) bytes (B packed by $pack_panels8, once per
  ;; call); wasm-kernels.ts sizes it. Every group meets every panel in $kg68; a short last group
  ;; (rows%6) and the last panel when n%8 > 0 go through the tile and $merge_tile.
  (func $grouped_gemm (export "grouped_gemm") (param $rows i32) (param $n i32) (param $k i32) (param $start i32)
                                (param $entries i32) (param $b i32) (param $c i32) (param $scratch i32)
    (local $pb i32) (local $panel i32) (local $groups i32) (local $g i32) (local $a i32) (local $kc i32)
    (local $mr i32) (local $cg i32) (local $ldc i32) (local $q i32) (local $nv i32)
    (if (i32.or (i32.eqz (local.get $rows)) (i32.or (i32.eqz (local.get $n)) (i32.eqz (local.get $k)))) (then (return)))
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (local.set $panel (i32.shl (local.get $k) (i32.const 5)))
    (local.set $pb (i32.add (local.get $scratch) (i32.const 256)))
    (call $pack_panels8 (local.get $b) (local.get $k) (local.get $n) (local.get $pb))
    (local.set $groups (i32.div_u (i32.add (local.get $rows) (i32.const 5)) (i32.const 6)))
    (loop $group
      (local.set $a (i32.load (local.get $start)))
      (local.set $kc (i32.sub (i32.load offset=4 (local.get $start)) (local.get $a)))
      (local.set $a (i32.add (local.get $entries) (i32.mul (local.get $a) (i32.const 28))))
      (local.set $mr (select (i32.const 6) (i32.sub (local.get $rows) (i32.mul (local.get $g) (i32.const 6)))
                             (i32.ge_u (i32.sub (local.get $rows) (i32.mul (local.get $g) (i32.const 6))) (i32.const 6))))
      (local.set $q (i32.const 0))
      (loop $panels
        (local.set $nv (select (i32.const 8) (i32.sub (local.get $n) (local.get $q))
                               (i32.ge_u (i32.sub (local.get $n) (local.get $q)) (i32.const 8))))
        (if (i32.and (i32.eq (local.get $mr) (i32.const 6)) (i32.eq (local.get $nv) (i32.const 8)))
          (then
            (call $kg68 (local.get $a) (local.get $kc) (i32.add (local.get $pb) (i32.mul (i32.shr_u (local.get $q) (i32.const 3)) (local.get $panel)))
                        (i32.add (local.get $c) (i32.shl (local.get $q) (i32.const 2))) (local.get $ldc)))
          (else
            (call $kg68 (local.get $a) (local.get $kc) (i32.add (local.get $pb) (i32.mul (i32.shr_u (local.get $q) (i32.const 3)) (local.get $panel)))
                        (local.get $scratch) (i32.const 32))
            (call $merge_tile (local.get $scratch) (i32.add (local.get $c) (i32.shl (local.get $q) (i32.const 2))) (local.get $ldc)
                              (local.get $mr) (local.get $nv) (i32.const 0))))
        (br_if $panels (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 8))) (local.get $n))))
      (local.set $c (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 6))))
      (local.set $start (i32.add (local.get $start) (i32.const 4)))
      (br_if $group (i32.lt_u (local.tee $g (i32.add (local.get $g) (i32.const 1))) (local.get $groups))))
  )

  ;; =============================================================================================
  ;; Element-wise kernels. Each runs f32x4 over the first n - n%4 elements, then a scalar tail.
  ;; Arrays need no alignment (v128.load/store accept any address). $o is a byte offset.
  ;; Scalars derived from hyperparameters (1-β, m·m, ...) are computed by the caller in double.
  ;; =============================================================================================

  ;; out = bytes / 255 in float32, the correctly rounded quotient: what numpy's
  ;; x.astype(np.float32) / 255 gives (and Math.fround(v / 255), checked for every byte value).
  ;; Sixteen bytes at a time, widened to four f32x4.
  (func $unit_from_bytes (export "unit_from_bytes") (param $n i32) (param $src i32) (param $out i32)
    (local $i i32) (local $n16 i32) (local $o i32) (local $v v128) (local $w v128) (local $d v128)
    (local.set $d (f32x4.splat (f32.const 255)))
    (local.set $n16 (i32.and (local.get $n) (i32.const -16)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $i) (local.get $n16)))
      (local.set $v (v128.load (i32.add (local.get $src) (local.get $i))))
      (local.set $o (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))))
      (local.set $w (i16x8.extend_low_i8x16_u (local.get $v)))
      (v128.store offset=0 (local.get $o) (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $w))) (local.get $d)))
      (v128.store offset=16 (local.get $o) (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $w))) (local.get $d)))
      (local.set $w (i16x8.extend_high_i8x16_u (local.get $v)))
      (v128.store offset=32 (local.get $o) (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_low_i16x8_u (local.get $w))) (local.get $d)))
      (v128.store offset=48 (local.get $o) (f32x4.div (f32x4.convert_i32x4_u (i32x4.extend_high_i16x8_u (local.get $w))) (local.get $d)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $i) (local.get $n)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
        (f32.div (f32.convert_i32_u (i32.load8_u (i32.add (local.get $src) (local.get $i)))) (f32.const 255)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $s)))
  )

  ;; Σ x[i]² in float64 (the weight-decay term ½·λ·ΣW²): eight float64 partial sums (lanes of four
  ;; f64x2, elements i mod 8; a last group of four on the first four), added at the end, then the
  ;; n%4 last elements. Eight chains, not four, because each add waits for its chain's last one:
  ;; 30 → 25 µs over a 784-100×6-10 network's 129,000 weights.
  (func $sum_squares (export "sum_squares") (param $n i32) (param $x i32) (result f64)
    (local $o i32) (local $n8 i32) (local $n4 i32) (local $nb i32) (local $v v128) (local $u v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64)
    (local.set $n8 (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n8)))
      (local.set $v (v128.load (i32.add (local.get $x) (local.get $o))))
      (local.set $u (v128.load offset=16 (i32.add (local.get $x) (local.get $o))))
      (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (f64x2.promote_low_f32x4 (local.get $v)))))
      (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $u)) (f64x2.promote_low_f32x4 (local.get $u)))))
      (local.set $v (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
      (local.set $u (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $u) (local.get $u)))
      (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (f64x2.promote_low_f32x4 (local.get $v)))))
      (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $u)) (f64x2.promote_low_f32x4 (local.get $u)))))
      (local.set $o (i32.add (local.get $o) (i32.const 32)))
      (br $v)))
    (if (i32.lt_u (local.get $o) (local.get $n4)) (then
      (local.set $v (v128.load (i32.add (local.get $x) (local.get $o))))
      (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (f64x2.promote_low_f32x4 (local.get $v)))))
      (local.set $v (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
      (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (f64x2.promote_low_f32x4 (local.get $v)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3))))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (local.set $s (f64.add (local.get $s) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x) (local.get $o))))
                                                     (f64.promote_f32 (f32.load (i32.add (local.get $x) (local.get $o)))))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
    (local.get $s)
  )

  ;; x (rows×cols) += bias on every row; then x = max(0, x) when $relu. In place.
  ;; f32x4.pmax(v, lo) is `v < lo ? lo : v`, exactly the reference's `relu && v < 0 ? 0 : v`
  ;; (NaN and -0 pass through); without relu lo = -inf, which leaves every v unchanged.
  (func $add_bias (export "add_bias") (param $rows i32) (param $cols i32) (param $x i32) (param $bias i32)
                            (param $relu i32)
    (local $o i32) (local $c4 i32) (local $cb i32) (local $lo f32) (local $lov v128) (local $v f32)
    (if (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $cols))) (then (return)))
    (local.set $lo (select (f32.const 0) (f32.const -inf) (local.get $relu)))
    (local.set $lov (f32x4.splat (local.get $lo)))
    (local.set $c4 (i32.shl (i32.and (local.get $cols) (i32.const -4)) (i32.const 2)))
    (local.set $cb (i32.shl (local.get $cols) (i32.const 2)))
    (loop $rows
      (local.set $o (i32.const 0))
      (block $v_done (loop $v
        (br_if $v_done (i32.ge_u (local.get $o) (local.get $c4)))
        (v128.store (i32.add (local.get $x) (local.get $o))
          (f32x4.pmax
            (f32x4.add (v128.load (i32.add (local.get $x) (local.get $o)))
                       (v128.load (i32.add (local.get $bias) (local.get $o))))
            (local.get $lov)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $v)))
      (block $s_done (loop $s
        (br_if $s_done (i32.ge_u (local.get $o) (local.get $cb)))
        (local.set $v (f32.add (f32.load (i32.add (local.get $x) (local.get $o)))
                               (f32.load (i32.add (local.get $bias) (local.get $o)))))
        (f32.store (i32.add (local.get $x) (local.get $o))
          (select (local.get $lo) (local.get $v) (f32.lt (local.get $v) (local.get $lo))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $s)))
      (local.set $x (i32.add (local.get $x) (local.get $cb)))
      (br_if $rows (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
  )

  ;; dx = y > 0 ? dout : 0 (dx may alias dout).
  (func $relu_backward (export "relu_backward") (param $n i32) (param $dout i32) (param $y i32) (param $dx i32)
    (local $o i32) (local $n4 i32) (local $nb i32)
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (v128.store (i32.add (local.get $dx) (local.get $o))
        (v128.and (v128.load (i32.add (local.get $dout) (local.get $o)))
                  (f32x4.gt (v128.load (i32.add (local.get $y) (local.get $o))) (v128.const f32x4 0 0 0 0))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (f32.store (i32.add (local.get $dx) (local.get $o))
        (select (f32.load (i32.add (local.get $dout) (local.get $o))) (f32.const 0)
                (f32.gt (f32.load (i32.add (local.get $y) (local.get $o))) (f32.const 0))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )

  ;; out = a · b (out may alias a or b).
  (func $mul (export "mul") (param $n i32) (param $a i32) (param $b i32) (param $out i32)
    (local $o i32) (local $n4 i32) (local $nb i32)
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (v128.store (i32.add (local.get $out) (local.get $o))
        (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $o)))
                   (v128.load (i32.add (local.get $b) (local.get $o)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (f32.store (i32.add (local.get $out) (local.get $o))
        (f32.mul (f32.load (i32.add (local.get $a) (local.get $o)))
                 (f32.load (i32.add (local.get $b) (local.get $o)))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )

  ;; out = x · s (out may be x).
  (func $scale (export "scale") (param $n i32) (param $x i32) (param $s f32) (param $out i32)
    (local $o i32) (local $n4 i32) (local $nb i32) (local $sv v128)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (v128.store (i32.add (local.get $out) (local.get $o))
        (f32x4.mul (v128.load (i32.add (local.get $x) (local.get $o))) (local.get $sv)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (f32.store (i32.add (local.get $out) (local.get $o))
        (f32.mul (f32.load (i32.add (local.get $x) (local.get $o))) (local.get $s)))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )

  ;; y += alpha · x.
  (func $axpy (export "axpy") (param $n i32) (param $alpha f32) (param $x i32) (param $y i32)
    (local $o i32) (local $n4 i32) (local $nb i32) (local $av v128)
    (local.set $av (f32x4.splat (local.get $alpha)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (v128.store (i32.add (local.get $y) (local.get $o))
        (f32x4.add (v128.load (i32.add (local.get $y) (local.get $o)))
                   (f32x4.mul (local.get $av) (v128.load (i32.add (local.get $x) (local.get $o))))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (f32.store (i32.add (local.get $y) (local.get $o))
        (f32.add (f32.load (i32.add (local.get $y) (local.get $o)))
                 (f32.mul (local.get $alpha) (f32.load (i32.add (local.get $x) (local.get $o))))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )

  ;; out[j] = Σ_i x[i, j]: rows are added into out in order, as the reference does.
  (func $col_sums (export "col_sums") (param $rows i32) (param $cols i32) (param $x i32) (param $out i32)
    (local $o i32) (local $c4 i32) (local $cb i32)
    (local.set $c4 (i32.shl (i32.and (local.get $cols) (i32.const -4)) (i32.const 2)))
    (local.set $cb (i32.shl (local.get $cols) (i32.const 2)))
    (memory.fill (local.get $out) (i32.const 0) (local.get $cb))
    (if (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $cols))) (then (return)))
    (loop $rows
      (local.set $o (i32.const 0))
      (block $v_done (loop $v
        (br_if $v_done (i32.ge_u (local.get $o) (local.get $c4)))
        (v128.store (i32.add (local.get $out) (local.get $o))
          (f32x4.add (v128.load (i32.add (local.get $out) (local.get $o)))
                     (v128.load (i32.add (local.get $x) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $v)))
      (block $s_done (loop $s
        (br_if $s_done (i32.ge_u (local.get $o) (local.get $cb)))
        (f32.store (i32.add (local.get $out) (local.get $o))
          (f32.add (f32.load (i32.add (local.get $out) (local.get $o)))
                   (f32.load (i32.add (local.get $x) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $s)))
      (local.set $x (i32.add (local.get $x) (local.get $cb)))
      (br_if $rows (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
  )

  ;; ---- batch norm ---------------------------------------------------------------------------
  ;; bn_forward, bn_backward, bn_inference: the book's BatchNormalization, float64 per feature, as
  ;; the TypeScript kernels compute it (scripts/wasm/batch-norm-kernels.mjs).
  ;; @generate batch-norm

  ;; ---- exp ------------------------------------------------------------------------------------
  ;; e^x on four lanes, float32 (Cephes expf): x = n·ln2 + r with |r| <= ln2/2 (Cody-Waite split
  ;; of ln2 so that n·C1 is exact), e^r by a degree-7 polynomial, then scaled by 2^n. 2^n is applied
  ;; as two factors 2^(n>>1)·2^(n-(n>>1)), each a normal float, so results that are subnormal
  ;; (x down to -103.9) are still correct and x >= 89 gives +inf. x <= -104 gives 0, NaN gives NaN.
  ;; Measured error: under 1 ulp from the exact e^x over [-110, 92] (wasm-kernels.test.ts).
  (func $exp4 (param $x v128) (result v128)
    (local $fx v128) (local $r v128) (local $y v128) (local $n v128) (local $n1 v128) (local $mt v128)
    (local.set $x (f32x4.pmin (f32x4.pmax (local.get $x) (v128.const f32x4 -104 -104 -104 -104))
                              (v128.const f32x4 89 89 89 89)))
    ;; n = round(x / ln2)
    (local.set $fx (f32x4.nearest (f32x4.mul (local.get $x)
      (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))))
    ;; r = x - n·C1 - n·C2, C1 + C2 = ln2
    local.get $fx
    v128.const f32x4 -0.693359375 -0.693359375 -0.693359375 -0.693359375
    local.get $x
    f32x4.relaxed_madd
    local.set $r
    local.get $fx
    v128.const f32x4 2.12194440e-4 2.12194440e-4 2.12194440e-4 2.12194440e-4
    local.get $r
    f32x4.relaxed_madd
    local.set $r
    ;; e^r = 1 + r + r²·P(r)
    local.get $r
    v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4
    v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3
    f32x4.relaxed_madd
    local.set $y
    local.get $y local.get $r
    v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3
    f32x4.relaxed_madd
    local.set $y
    local.get $y local.get $r
    v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2
    f32x4.relaxed_madd
    local.set $y
    local.get $y local.get $r
    v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1
    f32x4.relaxed_madd
    local.set $y
    local.get $y local.get $r
    v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1
    f32x4.relaxed_madd
    local.set $y
    local.get $y
    (f32x4.mul (local.get $r) (local.get $r))
    local.get $r
    f32x4.relaxed_madd
    local.set $y
    (local.set $y (f32x4.add (local.get $y) (v128.const f32x4 1 1 1 1)))
    ;; 2^n as two normal factors: n1 = n >> 1, n2 = n - n1, 2^ni = bits((ni + 127) << 23)
    (local.set $n (i32x4.trunc_sat_f32x4_s (local.get $fx)))
    (local.set $n1 (i32x4.shr_s (local.get $n) (i32.const 1)))
    (f32x4.mul
      (f32x4.mul (local.get $y)
        (i32x4.shl (i32x4.add (local.get $n1) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
      (i32x4.shl (i32x4.add (i32x4.sub (local.get $n) (local.get $n1)) (v128.const i32x4 127 127 127 127))
                 (i32.const 23)))
  )

  ;; y = e^x element-wise (exported for the accuracy test; softmax uses $exp4 directly).
  (func $exp (export "exp") (param $n i32) (param $x i32) (param $y i32)
    (local $o i32) (local $n4 i32) (local $nb i32)
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (v128.store (i32.add (local.get $y) (local.get $o))
        (call $exp4 (v128.load (i32.add (local.get $x) (local.get $o)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (f32.store (i32.add (local.get $y) (local.get $o))
        (f32x4.extract_lane 0 (call $exp4 (f32x4.splat (f32.load (i32.add (local.get $x) (local.get $o)))))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )

  ;; Row-wise softmax of x (rows×cols) into y (y may alias x): max, then e^(x-max) and its sum in
  ;; one pass, then a division by the sum. The cols%4 tail of a row is read lane by lane into an
  ;; f32x4 whose other lanes hold -inf (no effect on the max; e^-inf = 0 adds nothing to the sum)
  ;; and only its valid lanes are stored. Horizontal max and sum are two shuffle steps that leave
  ;; the result in every lane. The max uses pmax (`a < b ? b : a`), which unlike Math.max does
  ;; not propagate NaN; a row with a NaN still comes out all NaN, as in the reference, because
  ;; e^NaN = NaN enters the sum.
  (func $softmax (export "softmax") (param $rows i32) (param $cols i32) (param $x i32) (param $y i32)
    (local $o i32) (local $c4 i32) (local $cb i32) (local $rem i32)
    (local $mv v128) (local $sv v128) (local $t v128) (local $tl v128)
    (if (i32.or (i32.eqz (local.get $rows)) (i32.eqz (local.get $cols))) (then (return)))
    (local.set $c4 (i32.shl (i32.and (local.get $cols) (i32.const -4)) (i32.const 2)))
    (local.set $cb (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $rem (i32.and (local.get $cols) (i32.const 3)))
    (loop $rows
      ;; the row's tail: cols%4 values, -inf in the other lanes
      (local.set $tl (v128.const f32x4 -inf -inf -inf -inf))
      (if (local.get $rem) (then
        (local.set $tl (f32x4.replace_lane 0 (local.get $tl)
          (f32.load (i32.add (local.get $x) (local.get $c4)))))
        (if (i32.gt_u (local.get $rem) (i32.const 1)) (then
          (local.set $tl (f32x4.replace_lane 1 (local.get $tl)
            (f32.load offset=4 (i32.add (local.get $x) (local.get $c4)))))))
        (if (i32.gt_u (local.get $rem) (i32.const 2)) (then
          (local.set $tl (f32x4.replace_lane 2 (local.get $tl)
            (f32.load offset=8 (i32.add (local.get $x) (local.get $c4)))))))))
      ;; row max, in every lane
      (local.set $mv (local.get $tl))
      (local.set $o (i32.const 0))
      (block $m_done (loop $m
        (br_if $m_done (i32.ge_u (local.get $o) (local.get $c4)))
        (local.set $mv (f32x4.pmax (local.get $mv) (v128.load (i32.add (local.get $x) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $m)))
      (local.set $mv (f32x4.pmax (local.get $mv)
        (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $mv) (local.get $mv))))
      (local.set $mv (f32x4.pmax (local.get $mv)
        (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $mv) (local.get $mv))))
      ;; e^(x - max) and its sum
      (local.set $tl (call $exp4 (f32x4.sub (local.get $tl) (local.get $mv))))
      (local.set $sv (select (result v128) (local.get $tl) (v128.const f32x4 0 0 0 0) (local.get $rem)))
      (local.set $o (i32.const 0))
      (block $e_done (loop $e
        (br_if $e_done (i32.ge_u (local.get $o) (local.get $c4)))
        (local.set $t (call $exp4 (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $o))) (local.get $mv))))
        (v128.store (i32.add (local.get $y) (local.get $o)) (local.get $t))
        (local.set $sv (f32x4.add (local.get $sv) (local.get $t)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $e)))
      ;; the sum, in every lane
      (local.set $sv (f32x4.add (local.get $sv)
        (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sv) (local.get $sv))))
      (local.set $sv (f32x4.add (local.get $sv)
        (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $sv) (local.get $sv))))
      ;; normalize
      (local.set $o (i32.const 0))
      (block $d_done (loop $d
        (br_if $d_done (i32.ge_u (local.get $o) (local.get $c4)))
        (v128.store (i32.add (local.get $y) (local.get $o))
          (f32x4.div (v128.load (i32.add (local.get $y) (local.get $o))) (local.get $sv)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $d)))
      (if (local.get $rem) (then
        (local.set $tl (f32x4.div (local.get $tl) (local.get $sv)))
        (f32.store (i32.add (local.get $y) (local.get $c4)) (f32x4.extract_lane 0 (local.get $tl)))
        (if (i32.gt_u (local.get $rem) (i32.const 1)) (then
          (f32.store offset=4 (i32.add (local.get $y) (local.get $c4)) (f32x4.extract_lane 1 (local.get $tl)))))
        (if (i32.gt_u (local.get $rem) (i32.const 2)) (then
          (f32.store offset=8 (i32.add (local.get $y) (local.get $c4)) (f32x4.extract_lane 2 (local.get $tl)))))))
      (local.set $x (i32.add (local.get $x) (local.get $cb)))
      (local.set $y (i32.add (local.get $y) (local.get $cb)))
      (br_if $rows (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
  )

  ;; ---- optimizer updates (the book's formulas, see kernels.ts) --------------------------------

  ;; p -= lr·g
  (func $sgd (export "sgd") (param $n i32) (param $p i32) (param $g i32) (param $lr f32)
    (local $o i32) (local $n4 i32) (local $nb i32) (local $lrv v128)
    (local.set $lrv (f32x4.splat (local.get $lr)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (v128.store (i32.add (local.get $p) (local.get $o))
        (f32x4.sub (v128.load (i32.add (local.get $p) (local.get $o)))
                   (f32x4.mul (local.get $lrv) (v128.load (i32.add (local.get $g) (local.get $o))))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (f32.store (i32.add (local.get $p) (local.get $o))
        (f32.sub (f32.load (i32.add (local.get $p) (local.get $o)))
                 (f32.mul (local.get $lr) (f32.load (i32.add (local.get $g) (local.get $o))))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )

  ;; v = mom·v - lr·g; p += v
  (func $momentum (export "momentum") (param $n i32) (param $p i32) (param $g i32) (param $vel i32)
                            (param $lr f32) (param $mom f32)
    (local $o i32) (local $n4 i32) (local $nb i32) (local $lrv v128) (local $mv v128)
    (local $t v128) (local $ts f32)
    (local.set $lrv (f32x4.splat (local.get $lr)))
    (local.set $mv (f32x4.splat (local.get $mom)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (local.set $t (f32x4.sub
        (f32x4.mul (local.get $mv) (v128.load (i32.add (local.get $vel) (local.get $o))))
        (f32x4.mul (local.get $lrv) (v128.load (i32.add (local.get $g) (local.get $o))))))
      (v128.store (i32.add (local.get $vel) (local.get $o)) (local.get $t))
      (v128.store (i32.add (local.get $p) (local.get $o))
        (f32x4.add (v128.load (i32.add (local.get $p) (local.get $o))) (local.get $t)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (local.set $ts (f32.sub
        (f32.mul (local.get $mom) (f32.load (i32.add (local.get $vel) (local.get $o))))
        (f32.mul (local.get $lr) (f32.load (i32.add (local.get $g) (local.get $o))))))
      (f32.store (i32.add (local.get $vel) (local.get $o)) (local.get $ts))
      (f32.store (i32.add (local.get $p) (local.get $o))
        (f32.add (f32.load (i32.add (local.get $p) (local.get $o))) (local.get $ts)))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )

  ;; p += mm·v; p -= c·g; v = mom·v - lr·g   (mm = mom², c = (1+mom)·lr, from the caller)
  (func $nesterov (export "nesterov") (param $n i32) (param $p i32) (param $g i32) (param $vel i32)
                            (param $lr f32) (param $mom f32) (param $mm f32) (param $cg f32)
    (local $o i32) (local $n4 i32) (local $nb i32) (local $lrv v128) (local $mv v128)
    (local $mmv v128) (local $cgv v128) (local $gv v128) (local $vv v128) (local $gs f32) (local $vs f32)
    (local.set $lrv (f32x4.splat (local.get $lr)))
    (local.set $mv (f32x4.splat (local.get $mom)))
    (local.set $mmv (f32x4.splat (local.get $mm)))
    (local.set $cgv (f32x4.splat (local.get $cg)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
      (local.set $vv (v128.load (i32.add (local.get $vel) (local.get $o))))
      (v128.store (i32.add (local.get $p) (local.get $o))
        (f32x4.sub
          (f32x4.add (v128.load (i32.add (local.get $p) (local.get $o)))
                     (f32x4.mul (local.get $mmv) (local.get $vv)))
          (f32x4.mul (local.get $cgv) (local.get $gv))))
      (v128.store (i32.add (local.get $vel) (local.get $o))
        (f32x4.sub (f32x4.mul (local.get $mv) (local.get $vv)) (f32x4.mul (local.get $lrv) (local.get $gv))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $o))))
      (local.set $vs (f32.load (i32.add (local.get $vel) (local.get $o))))
      (f32.store (i32.add (local.get $p) (local.get $o))
        (f32.sub
          (f32.add (f32.load (i32.add (local.get $p) (local.get $o)))
                   (f32.mul (local.get $mm) (local.get $vs)))
          (f32.mul (local.get $cg) (local.get $gs))))
      (f32.store (i32.add (local.get $vel) (local.get $o))
        (f32.sub (f32.mul (local.get $mom) (local.get $vs)) (f32.mul (local.get $lr) (local.get $gs))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )

  ;; h = d·h + e·g·g (AdaGrad: d = 1, e = 1; RMSprop: d = decay, e = 1 - decay);
  ;; p -= lr·g / (sqrt(h) + 1e-7)
  (func $adagrad_rmsprop (export "adagrad_rmsprop") (param $n i32) (param $p i32) (param $g i32) (param $h i32)
                                   (param $lr f32) (param $d f32) (param $e f32)
    (local $o i32) (local $n4 i32) (local $nb i32) (local $lrv v128) (local $dv v128) (local $ev v128)
    (local $gv v128) (local $hv v128) (local $gs f32) (local $hs f32)
    (local.set $lrv (f32x4.splat (local.get $lr)))
    (local.set $dv (f32x4.splat (local.get $d)))
    (local.set $ev (f32x4.splat (local.get $e)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $v
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
      (local.set $hv (f32x4.add
        (f32x4.mul (local.get $dv) (v128.load (i32.add (local.get $h) (local.get $o))))
        (f32x4.mul (f32x4.mul (local.get $ev) (local.get $gv)) (local.get $gv))))
      (v128.store (i32.add (local.get $h) (local.get $o)) (local.get $hv))
      (v128.store (i32.add (local.get $p) (local.get $o))
        (f32x4.sub (v128.load (i32.add (local.get $p) (local.get $o)))
          (f32x4.div (f32x4.mul (local.get $lrv) (local.get $gv))
                     (f32x4.add (f32x4.sqrt (local.get $hv)) (v128.const f32x4 1e-7 1e-7 1e-7 1e-7)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $v)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $o))))
      (local.set $hs (f32.add
        (f32.mul (local.get $d) (f32.load (i32.add (local.get $h) (local.get $o))))
        (f32.mul (f32.mul (local.get $e) (local.get $gs)) (local.get $gs))))
      (f32.store (i32.add (local.get $h) (local.get $o)) (local.get $hs))
      (f32.store (i32.add (local.get $p) (local.get $o))
        (f32.sub (f32.load (i32.add (local.get $p) (local.get $o)))
          (f32.div (f32.mul (local.get $lr) (local.get $gs))
                   (f32.add (f32.sqrt (local.get $hs)) (f32.const 1e-7)))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )

  ;; m += b1·(g - m); v += b2·(g² - v); p -= lrT·m / (sqrt(v) + eps)   (b1 = 1-β1, b2 = 1-β2)
  (func $adam (export "adam") (param $n i32) (param $p i32) (param $g i32) (param $m i32) (param $v i32)
                        (param $lrT f32) (param $b1 f32) (param $b2 f32) (param $eps f32)
    (local $o i32) (local $n4 i32) (local $nb i32) (local $lrv v128) (local $b1v v128) (local $b2v v128)
    (local $epsv v128) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $lrv (f32x4.splat (local.get $lrT)))
    (local.set $b1v (f32x4.splat (local.get $b1)))
    (local.set $b2v (f32x4.splat (local.get $b2)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $n4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $v_done (loop $vl
      (br_if $v_done (i32.ge_u (local.get $o) (local.get $n4)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
      (local.set $mv (v128.load (i32.add (local.get $m) (local.get $o))))
      (local.set $vv (v128.load (i32.add (local.get $v) (local.get $o))))
      (local.set $mv (f32x4.add (local.get $mv)
        (f32x4.mul (local.get $b1v) (f32x4.sub (local.get $gv) (local.get $mv)))))
      (local.set $vv (f32x4.add (local.get $vv)
        (f32x4.mul (local.get $b2v) (f32x4.sub (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $vv)))))
      (v128.store (i32.add (local.get $m) (local.get $o)) (local.get $mv))
      (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vv))
      (v128.store (i32.add (local.get $p) (local.get $o))
        (f32x4.sub (v128.load (i32.add (local.get $p) (local.get $o)))
          (f32x4.div (f32x4.mul (local.get $lrv) (local.get $mv))
                     (f32x4.add (f32x4.sqrt (local.get $vv)) (local.get $epsv)))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $vl)))
    (block $s_done (loop $s
      (br_if $s_done (i32.ge_u (local.get $o) (local.get $nb)))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $o))))
      (local.set $ms (f32.load (i32.add (local.get $m) (local.get $o))))
      (local.set $vs (f32.load (i32.add (local.get $v) (local.get $o))))
      (local.set $ms (f32.add (local.get $ms)
        (f32.mul (local.get $b1) (f32.sub (local.get $gs) (local.get $ms)))))
      (local.set $vs (f32.add (local.get $vs)
        (f32.mul (local.get $b2) (f32.sub (f32.mul (local.get $gs) (local.get $gs)) (local.get $vs)))))
      (f32.store (i32.add (local.get $m) (local.get $o)) (local.get $ms))
      (f32.store (i32.add (local.get $v) (local.get $o)) (local.get $vs))
      (f32.store (i32.add (local.get $p) (local.get $o))
        (f32.sub (f32.load (i32.add (local.get $p) (local.get $o)))
          (f32.div (f32.mul (local.get $lrT) (local.get $ms))
                   (f32.add (f32.sqrt (local.get $vs)) (local.get $eps)))))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (br $s)))
  )
)
