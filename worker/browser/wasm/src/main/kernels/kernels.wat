;; Paddock's matrix-vector kernels in WebAssembly SIMD128, in the exact C9 arithmetic order.
;;
;; Every row is one striped dot product with 8 partial sums acc[j % 8] in ascending j. The 8
;; stripes live in two f32x4 accumulators: A = stripes 0..3, B = stripes 4..7; a full group of 8
;; elements adds w[j..j+3]*x[j..j+3] to A and w[j+4..j+7]*x[j+4..j+7] to B (multiply, then add:
;; WebAssembly never fuses them). The tail (fewer than 8 elements) continues the stripes from
;; stripe 0, in scalar code. The final reduction is ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)).
;;   q8_0 row: y = (striped Σ (float) q[c] * x[c]) * rowScale
;;   q4_0 row: per block s_b = striped Σ (float) nibble * x[c] (stripes restart at each block),
;;             y = Σ_b s_b * scale_b in ascending b (y starts at +0)
;; These are bit-identical to io.paddock.runtime.kernel.ScalarKernels (tested in Chromium).
;;
;; All pointers are byte addresses in the linear memory this module shares with the TeaVM
;; module (imported as env.memory). Weights are row-major; x holds cols floats; out gets rows
;; floats.
;;
;; Speed (measured in Chromium on this machine class, best of repeated batches): f32 and q4_0
;; go one row at a time (one sequential stream: about 30 GB/s from DRAM for f32, where
;; interleaving four rows' streams fell to 10 GB/s); q8_0 is compute-bound (the byte-to-float
;; conversions) and goes four rows per pass, sharing the loop and the x loads.

(module
  (import "env" "memory" (memory 1))

  ;; ------------------------------------------------------------------ shared row endings

  ;; Lanes of A (stripes 0..3) and B (4..7) reduced in the C9 order: s = A + B holds
  ;; (a0+a4, a1+a5, a2+a6, a3+a7); adding s with its halves swapped gives (s0+s2, s1+s3, …);
  ;; the result is (s0+s2) + (s1+s3) = ((a0+a4)+(a2+a6)) + ((a1+a5)+(a3+a7)).
  (func $reduce (param $A v128) (param $B v128) (result f32)
    (local $s v128)
    (local.set $s (f32x4.add (local.get $A) (local.get $B)))
    (local.set $s (f32x4.add (local.get $s) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))
    (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s))))

  ;; The C9 reductions of four rows at once: lane r = reduce(Ar, Br).
  (func $reduce4 (param $A0 v128) (param $B0 v128) (param $A1 v128) (param $B1 v128)
                 (param $A2 v128) (param $B2 v128) (param $A3 v128) (param $B3 v128) (result v128)
    (local $p v128) (local $q v128)
    (local.set $A0 (f32x4.add (local.get $A0) (local.get $B0)))
    (local.set $A0 (f32x4.add (local.get $A0) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $A0) (local.get $A0))))
    (local.set $A1 (f32x4.add (local.get $A1) (local.get $B1)))
    (local.set $A1 (f32x4.add (local.get $A1) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $A1) (local.get $A1))))
    (local.set $A2 (f32x4.add (local.get $A2) (local.get $B2)))
    (local.set $A2 (f32x4.add (local.get $A2) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $A2) (local.get $A2))))
    (local.set $A3 (f32x4.add (local.get $A3) (local.get $B3)))
    (local.set $A3 (f32x4.add (local.get $A3) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $A3) (local.get $A3))))
    ;; p = (s0+s2, s1+s3) of rows 0 and 1, q the same of rows 2 and 3
    (local.set $p (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $A0) (local.get $A1)))
    (local.set $q (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $A2) (local.get $A3)))
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $p) (local.get $q))
      (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $p) (local.get $q))))

  ;; f32 tail: the rem (< 8) elements at w, x continue stripes 0..rem-1; then reduce.
  (func $end_f32 (param $A v128) (param $B v128) (param $w i32) (param $x i32) (param $rem i32) (result f32)
    (if (i32.eqz (local.get $rem)) (then (return (call $reduce (local.get $A) (local.get $B)))))
    (local.set $A (f32x4.replace_lane 0 (local.get $A)
      (f32.add (f32x4.extract_lane 0 (local.get $A)) (f32.mul (f32.load (local.get $w)) (f32.load (local.get $x))))))
    (if (i32.gt_u (local.get $rem) (i32.const 1)) (then
      (local.set $A (f32x4.replace_lane 1 (local.get $A)
        (f32.add (f32x4.extract_lane 1 (local.get $A))
          (f32.mul (f32.load offset=4 (local.get $w)) (f32.load offset=4 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 2)) (then
      (local.set $A (f32x4.replace_lane 2 (local.get $A)
        (f32.add (f32x4.extract_lane 2 (local.get $A))
          (f32.mul (f32.load offset=8 (local.get $w)) (f32.load offset=8 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 3)) (then
      (local.set $A (f32x4.replace_lane 3 (local.get $A)
        (f32.add (f32x4.extract_lane 3 (local.get $A))
          (f32.mul (f32.load offset=12 (local.get $w)) (f32.load offset=12 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 4)) (then
      (local.set $B (f32x4.replace_lane 0 (local.get $B)
        (f32.add (f32x4.extract_lane 0 (local.get $B))
          (f32.mul (f32.load offset=16 (local.get $w)) (f32.load offset=16 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 5)) (then
      (local.set $B (f32x4.replace_lane 1 (local.get $B)
        (f32.add (f32x4.extract_lane 1 (local.get $B))
          (f32.mul (f32.load offset=20 (local.get $w)) (f32.load offset=20 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 6)) (then
      (local.set $B (f32x4.replace_lane 2 (local.get $B)
        (f32.add (f32x4.extract_lane 2 (local.get $B))
          (f32.mul (f32.load offset=24 (local.get $w)) (f32.load offset=24 (local.get $x))))))))
    (call $reduce (local.get $A) (local.get $B)))

  ;; q8_0 tail: the rem (< 8) signed bytes at q times the floats at x, stripes from 0; then reduce.
  (func $end_q8 (param $A v128) (param $B v128) (param $q i32) (param $x i32) (param $rem i32) (result f32)
    (if (i32.eqz (local.get $rem)) (then (return (call $reduce (local.get $A) (local.get $B)))))
    (local.set $A (f32x4.replace_lane 0 (local.get $A)
      (f32.add (f32x4.extract_lane 0 (local.get $A))
        (f32.mul (f32.convert_i32_s (i32.load8_s (local.get $q))) (f32.load (local.get $x))))))
    (if (i32.gt_u (local.get $rem) (i32.const 1)) (then
      (local.set $A (f32x4.replace_lane 1 (local.get $A)
        (f32.add (f32x4.extract_lane 1 (local.get $A))
          (f32.mul (f32.convert_i32_s (i32.load8_s offset=1 (local.get $q))) (f32.load offset=4 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 2)) (then
      (local.set $A (f32x4.replace_lane 2 (local.get $A)
        (f32.add (f32x4.extract_lane 2 (local.get $A))
          (f32.mul (f32.convert_i32_s (i32.load8_s offset=2 (local.get $q))) (f32.load offset=8 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 3)) (then
      (local.set $A (f32x4.replace_lane 3 (local.get $A)
        (f32.add (f32x4.extract_lane 3 (local.get $A))
          (f32.mul (f32.convert_i32_s (i32.load8_s offset=3 (local.get $q))) (f32.load offset=12 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 4)) (then
      (local.set $B (f32x4.replace_lane 0 (local.get $B)
        (f32.add (f32x4.extract_lane 0 (local.get $B))
          (f32.mul (f32.convert_i32_s (i32.load8_s offset=4 (local.get $q))) (f32.load offset=16 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 5)) (then
      (local.set $B (f32x4.replace_lane 1 (local.get $B)
        (f32.add (f32x4.extract_lane 1 (local.get $B))
          (f32.mul (f32.convert_i32_s (i32.load8_s offset=5 (local.get $q))) (f32.load offset=20 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 6)) (then
      (local.set $B (f32x4.replace_lane 2 (local.get $B)
        (f32.add (f32x4.extract_lane 2 (local.get $B))
          (f32.mul (f32.convert_i32_s (i32.load8_s offset=6 (local.get $q))) (f32.load offset=24 (local.get $x))))))))
    (call $reduce (local.get $A) (local.get $B)))

  ;; Sign-extended nibbles of one packed byte: low = element 2i, high = element 2i+1.
  (func $lo (param $p i32) (result f32)
    (f32.convert_i32_s (i32.shr_s (i32.shl (i32.load8_u (local.get $p)) (i32.const 28)) (i32.const 28))))
  (func $hi (param $p i32) (result f32)
    (f32.convert_i32_s (i32.shr_s (i32.load8_s (local.get $p)) (i32.const 4))))

  ;; q4_0 block tail: rem (2, 4 or 6) nibbles from the bytes at p, stripes from 0; then reduce.
  (func $end_q4 (param $A v128) (param $B v128) (param $p i32) (param $x i32) (param $rem i32) (result f32)
    (if (i32.eqz (local.get $rem)) (then (return (call $reduce (local.get $A) (local.get $B)))))
    (local.set $A (f32x4.replace_lane 0 (local.get $A)
      (f32.add (f32x4.extract_lane 0 (local.get $A)) (f32.mul (call $lo (local.get $p)) (f32.load (local.get $x))))))
    (local.set $A (f32x4.replace_lane 1 (local.get $A)
      (f32.add (f32x4.extract_lane 1 (local.get $A)) (f32.mul (call $hi (local.get $p)) (f32.load offset=4 (local.get $x))))))
    (if (i32.gt_u (local.get $rem) (i32.const 2)) (then
      (local.set $A (f32x4.replace_lane 2 (local.get $A)
        (f32.add (f32x4.extract_lane 2 (local.get $A))
          (f32.mul (call $lo (i32.add (local.get $p) (i32.const 1))) (f32.load offset=8 (local.get $x))))))
      (local.set $A (f32x4.replace_lane 3 (local.get $A)
        (f32.add (f32x4.extract_lane 3 (local.get $A))
          (f32.mul (call $hi (i32.add (local.get $p) (i32.const 1))) (f32.load offset=12 (local.get $x))))))))
    (if (i32.gt_u (local.get $rem) (i32.const 4)) (then
      (local.set $B (f32x4.replace_lane 0 (local.get $B)
        (f32.add (f32x4.extract_lane 0 (local.get $B))
          (f32.mul (call $lo (i32.add (local.get $p) (i32.const 2))) (f32.load offset=16 (local.get $x))))))
      (local.set $B (f32x4.replace_lane 1 (local.get $B)
        (f32.add (f32x4.extract_lane 1 (local.get $B))
          (f32.mul (call $hi (i32.add (local.get $p) (i32.const 2))) (f32.load offset=20 (local.get $x))))))))
    (call $reduce (local.get $A) (local.get $B)))

  ;; ------------------------------------------------------------------ conversions

  ;; Elements 0..3 / 4..7 of 8 signed bytes (in lanes 0..7 of an i16x8) as floats.
  (func $f_lo (param $v v128) (result v128)
    (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $v))))
  (func $f_hi (param $v v128) (result v128)
    (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $v))))

  ;; 16 packed nibbles (8 bytes in lanes 0..7) as 16 signed bytes in element order.
  (func $unpack8 (param $v v128) (result v128)
    (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23
      (i8x16.shr_s (i8x16.shl (local.get $v) (i32.const 4)) (i32.const 4))
      (i8x16.shr_s (local.get $v) (i32.const 4))))

  ;; 32 packed nibbles (16 bytes) as two vectors of 16 signed bytes: elements 0..15 and 16..31.
  (func $unpack16_lo (param $v v128) (result v128)
    (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23
      (i8x16.shr_s (i8x16.shl (local.get $v) (i32.const 4)) (i32.const 4))
      (i8x16.shr_s (local.get $v) (i32.const 4))))
  (func $unpack16_hi (param $v v128) (result v128)
    (i8x16.shuffle 8 24 9 25 10 26 11 27 12 28 13 29 14 30 15 31
      (i8x16.shr_s (i8x16.shl (local.get $v) (i32.const 4)) (i32.const 4))
      (i8x16.shr_s (local.get $v) (i32.const 4))))

    ;; ------------------------------------------------------------------ f32

  ;; One f32 row of n elements (byte-stepping through w and x).
  (func $row_f32 (param $w i32) (param $x i32) (param $n i32) (result f32)
    (local $A v128) (local $B v128) (local $j i32) (local $end i32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
      (local.set $A (f32x4.add (local.get $A)
        (f32x4.mul (v128.load (i32.add (local.get $w) (local.get $j))) (v128.load (i32.add (local.get $x) (local.get $j))))))
      (local.set $B (f32x4.add (local.get $B)
        (f32x4.mul (v128.load offset=16 (i32.add (local.get $w) (local.get $j)))
                   (v128.load offset=16 (i32.add (local.get $x) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 32)))
      (br $next)))
    (if (result f32) (i32.and (local.get $n) (i32.const 7))
      (then (call $end_f32 (local.get $A) (local.get $B)
        (i32.add (local.get $w) (local.get $end)) (i32.add (local.get $x) (local.get $end))
        (i32.and (local.get $n) (i32.const 7))))
      (else (call $reduce (local.get $A) (local.get $B)))))

  ;; out[r] = W[r] · x for r in [0, rows), one row at a time (one sequential stream through W).
  (func (export "f32") (param $w i32) (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $stride i32) (local $r i32)
    (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
        (call $row_f32 (local.get $w) (local.get $x) (local.get $cols)))
      (local.set $w (i32.add (local.get $w) (local.get $stride)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))

  ;; ------------------------------------------------------------------ q8_0

  ;; Striped Σ (float) q[c] * x[c] over one row of n signed bytes (the row scale is applied by the caller).
  (func $dot_q8 (param $q i32) (param $x i32) (param $n i32) (result f32)
    (local $A v128) (local $B v128) (local $j i32) (local $end16 i32) (local $v v128) (local $h v128) (local $xj i32)
    (local.set $end16 (i32.and (local.get $n) (i32.const -16)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $end16)))
      (local.set $xj (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $v (v128.load8x8_s (i32.add (local.get $q) (local.get $j))))
      (local.set $h (v128.load8x8_s offset=8 (i32.add (local.get $q) (local.get $j))))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (local.get $h)) (v128.load offset=32 (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (local.get $h)) (v128.load offset=48 (local.get $xj)))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $next)))
    (if (i32.ge_u (i32.sub (local.get $n) (local.get $j)) (i32.const 8)) (then
      (local.set $xj (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $v (v128.load8x8_s (i32.add (local.get $q) (local.get $j))))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))))
    (call $end_q8 (local.get $A) (local.get $B)
      (i32.add (local.get $q) (local.get $j)) (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2)))
      (i32.sub (local.get $n) (local.get $j))))

  ;; out[r] = (striped Σ_c q[r][c] * x[c]) * scales[r] for r in [0, rows); q is rows × cols bytes.
  ;; Four rows per pass, 16 columns a step (8 bytes sign-extended per load, x read from memory).
  (func (export "q8") (param $q i32) (param $scales i32) (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $j i32) (local $end16 i32) (local $tail i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $xj i32) (local $o i32) (local $s i32)
    (local $v v128) (local $h v128)
    (local $A0 v128) (local $B0 v128) (local $A1 v128) (local $B1 v128)
    (local $A2 v128) (local $B2 v128) (local $A3 v128) (local $B3 v128)
    (local.set $end16 (i32.and (local.get $cols) (i32.const -16)))
    (block $quads_done (loop $quads
      (br_if $quads_done (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $rows)))
      (local.set $q0 (i32.add (local.get $q) (i32.mul (local.get $r) (local.get $cols))))
      (local.set $q1 (i32.add (local.get $q0) (local.get $cols)))
      (local.set $q2 (i32.add (local.get $q1) (local.get $cols)))
      (local.set $q3 (i32.add (local.get $q2) (local.get $cols)))
      (local.set $A0 (v128.const i32x4 0 0 0 0)) (local.set $B0 (v128.const i32x4 0 0 0 0))
      (local.set $A1 (v128.const i32x4 0 0 0 0)) (local.set $B1 (v128.const i32x4 0 0 0 0))
      (local.set $A2 (v128.const i32x4 0 0 0 0)) (local.set $B2 (v128.const i32x4 0 0 0 0))
      (local.set $A3 (v128.const i32x4 0 0 0 0)) (local.set $B3 (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $cols_done (loop $cols
        (br_if $cols_done (i32.ge_u (local.get $j) (local.get $end16)))
        (local.set $xj (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
        ;; row 0
        (local.set $v (v128.load8x8_s (i32.add (local.get $q0) (local.get $j))))
        (local.set $h (v128.load8x8_s offset=8 (i32.add (local.get $q0) (local.get $j))))
        (local.set $A0 (f32x4.add (local.get $A0) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
        (local.set $B0 (f32x4.add (local.get $B0) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
        (local.set $A0 (f32x4.add (local.get $A0) (f32x4.mul (call $f_lo (local.get $h)) (v128.load offset=32 (local.get $xj)))))
        (local.set $B0 (f32x4.add (local.get $B0) (f32x4.mul (call $f_hi (local.get $h)) (v128.load offset=48 (local.get $xj)))))
        ;; row 1
        (local.set $v (v128.load8x8_s (i32.add (local.get $q1) (local.get $j))))
        (local.set $h (v128.load8x8_s offset=8 (i32.add (local.get $q1) (local.get $j))))
        (local.set $A1 (f32x4.add (local.get $A1) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
        (local.set $B1 (f32x4.add (local.get $B1) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
        (local.set $A1 (f32x4.add (local.get $A1) (f32x4.mul (call $f_lo (local.get $h)) (v128.load offset=32 (local.get $xj)))))
        (local.set $B1 (f32x4.add (local.get $B1) (f32x4.mul (call $f_hi (local.get $h)) (v128.load offset=48 (local.get $xj)))))
        ;; row 2
        (local.set $v (v128.load8x8_s (i32.add (local.get $q2) (local.get $j))))
        (local.set $h (v128.load8x8_s offset=8 (i32.add (local.get $q2) (local.get $j))))
        (local.set $A2 (f32x4.add (local.get $A2) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
        (local.set $B2 (f32x4.add (local.get $B2) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
        (local.set $A2 (f32x4.add (local.get $A2) (f32x4.mul (call $f_lo (local.get $h)) (v128.load offset=32 (local.get $xj)))))
        (local.set $B2 (f32x4.add (local.get $B2) (f32x4.mul (call $f_hi (local.get $h)) (v128.load offset=48 (local.get $xj)))))
        ;; row 3
        (local.set $v (v128.load8x8_s (i32.add (local.get $q3) (local.get $j))))
        (local.set $h (v128.load8x8_s offset=8 (i32.add (local.get $q3) (local.get $j))))
        (local.set $A3 (f32x4.add (local.get $A3) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
        (local.set $B3 (f32x4.add (local.get $B3) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
        (local.set $A3 (f32x4.add (local.get $A3) (f32x4.mul (call $f_lo (local.get $h)) (v128.load offset=32 (local.get $xj)))))
        (local.set $B3 (f32x4.add (local.get $B3) (f32x4.mul (call $f_hi (local.get $h)) (v128.load offset=48 (local.get $xj)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $cols)))
      ;; one group of 8 left?
      (if (i32.ge_u (i32.sub (local.get $cols) (local.get $j)) (i32.const 8)) (then
        (local.set $xj (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $v (v128.load8x8_s (i32.add (local.get $q0) (local.get $j))))
        (local.set $A0 (f32x4.add (local.get $A0) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
        (local.set $B0 (f32x4.add (local.get $B0) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
        (local.set $v (v128.load8x8_s (i32.add (local.get $q1) (local.get $j))))
        (local.set $A1 (f32x4.add (local.get $A1) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
        (local.set $B1 (f32x4.add (local.get $B1) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
        (local.set $v (v128.load8x8_s (i32.add (local.get $q2) (local.get $j))))
        (local.set $A2 (f32x4.add (local.get $A2) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
        (local.set $B2 (f32x4.add (local.get $B2) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
        (local.set $v (v128.load8x8_s (i32.add (local.get $q3) (local.get $j))))
        (local.set $A3 (f32x4.add (local.get $A3) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
        (local.set $B3 (f32x4.add (local.get $B3) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))))
      (local.set $o (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2))))
      (local.set $s (i32.add (local.get $scales) (i32.shl (local.get $r) (i32.const 2))))
      (local.set $tail (i32.sub (local.get $cols) (local.get $j)))
      (if (local.get $tail)
        (then
          (local.set $xj (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
          (f32.store (local.get $o)
            (f32.mul (call $end_q8 (local.get $A0) (local.get $B0) (i32.add (local.get $q0) (local.get $j)) (local.get $xj) (local.get $tail))
                     (f32.load (local.get $s))))
          (f32.store offset=4 (local.get $o)
            (f32.mul (call $end_q8 (local.get $A1) (local.get $B1) (i32.add (local.get $q1) (local.get $j)) (local.get $xj) (local.get $tail))
                     (f32.load offset=4 (local.get $s))))
          (f32.store offset=8 (local.get $o)
            (f32.mul (call $end_q8 (local.get $A2) (local.get $B2) (i32.add (local.get $q2) (local.get $j)) (local.get $xj) (local.get $tail))
                     (f32.load offset=8 (local.get $s))))
          (f32.store offset=12 (local.get $o)
            (f32.mul (call $end_q8 (local.get $A3) (local.get $B3) (i32.add (local.get $q3) (local.get $j)) (local.get $xj) (local.get $tail))
                     (f32.load offset=12 (local.get $s)))))
        (else
          (v128.store (local.get $o)
            (f32x4.mul
              (call $reduce4 (local.get $A0) (local.get $B0) (local.get $A1) (local.get $B1)
                             (local.get $A2) (local.get $B2) (local.get $A3) (local.get $B3))
              (v128.load (local.get $s))))))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br $quads)))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
        (f32.mul (call $dot_q8 (i32.add (local.get $q) (i32.mul (local.get $r) (local.get $cols))) (local.get $x) (local.get $cols))
                 (f32.load (i32.add (local.get $scales) (i32.shl (local.get $r) (i32.const 2))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))

  ;; ------------------------------------------------------------------ q4_0

  ;; One block of bs nibbles starting at byte p, against x: s_b with fresh stripes.
  (func $block_q4 (param $p i32) (param $x i32) (param $bs i32) (result f32)
    (local $A v128) (local $B v128) (local $j i32) (local $v v128) (local $e v128) (local $xj i32)
    ;; 32 elements (16 bytes) at a time
    (block $done32 (loop $next32
      (br_if $done32 (i32.gt_u (i32.add (local.get $j) (i32.const 32)) (local.get $bs)))
      (local.set $xj (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $v (v128.load (i32.add (local.get $p) (i32.shr_u (local.get $j) (i32.const 1)))))
      (local.set $e (call $unpack16_lo (local.get $v)))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load offset=16 (local.get $xj)))))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=32 (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=48 (local.get $xj)))))
      (local.set $e (call $unpack16_hi (local.get $v)))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load offset=64 (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load offset=80 (local.get $xj)))))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=96 (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=112 (local.get $xj)))))
      (local.set $j (i32.add (local.get $j) (i32.const 32)))
      (br $next32)))
    ;; 16 elements (8 bytes)
    (if (i32.le_u (i32.add (local.get $j) (i32.const 16)) (local.get $bs)) (then
      (local.set $xj (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $e (call $unpack8 (v128.load64_zero (i32.add (local.get $p) (i32.shr_u (local.get $j) (i32.const 1))))))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load offset=16 (local.get $xj)))))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=32 (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=48 (local.get $xj)))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))))
    ;; 8 elements (4 bytes)
    (if (i32.le_u (i32.add (local.get $j) (i32.const 8)) (local.get $bs)) (then
      (local.set $xj (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $e (i16x8.extend_low_i8x16_s
        (call $unpack8 (v128.load32_zero (i32.add (local.get $p) (i32.shr_u (local.get $j) (i32.const 1)))))))
      (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (local.get $e)) (v128.load (local.get $xj)))))
      (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (local.get $e)) (v128.load offset=16 (local.get $xj)))))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))))
    (call $end_q4 (local.get $A) (local.get $B)
      (i32.add (local.get $p) (i32.shr_u (local.get $j) (i32.const 1)))
      (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2)))
      (i32.sub (local.get $bs) (local.get $j))))

  ;; One q4_0 row: y = Σ_b s_b * scale_b, ascending b, from +0.
  (func $row_q4 (param $p i32) (param $sp i32) (param $x i32) (param $cols i32) (param $bs i32) (result f32)
    (local $b i32) (local $blocks i32) (local $blockBytes i32) (local $y f32)
    (local.set $blocks (i32.div_u (local.get $cols) (local.get $bs)))
    (local.set $blockBytes (i32.shr_u (local.get $bs) (i32.const 1)))
    (block $blocks_done (loop $blocks_loop
      (br_if $blocks_done (i32.ge_u (local.get $b) (local.get $blocks)))
      (local.set $y (f32.add (local.get $y)
        (f32.mul
          (call $block_q4
            (i32.add (local.get $p) (i32.mul (local.get $b) (local.get $blockBytes)))
            (i32.add (local.get $x) (i32.shl (i32.mul (local.get $b) (local.get $bs)) (i32.const 2)))
            (local.get $bs))
          (f32.load (i32.add (local.get $sp) (i32.shl (local.get $b) (i32.const 2)))))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $blocks_loop)))
    (local.get $y))

  ;; One q4_0 row whose block size is a multiple of 32: 16 packed bytes (32 nibbles) a step.
  (func $row_q4_32 (param $p i32) (param $sp i32) (param $x i32) (param $cols i32) (param $bs i32) (result f32)
    (local $c i32) (local $j i32) (local $y f32) (local $A v128) (local $B v128) (local $v v128) (local $e v128)
    (block $blocks_done (loop $blocks
      (br_if $blocks_done (i32.ge_u (local.get $c) (local.get $cols)))
      (local.set $A (v128.const i32x4 0 0 0 0)) (local.set $B (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $steps_done (loop $steps
        (br_if $steps_done (i32.ge_u (local.get $j) (local.get $bs)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $e (call $unpack16_lo (local.get $v)))
        (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load (local.get $x)))))
        (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load offset=16 (local.get $x)))))
        (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=32 (local.get $x)))))
        (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=48 (local.get $x)))))
        (local.set $e (call $unpack16_hi (local.get $v)))
        (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load offset=64 (local.get $x)))))
        (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_low_i8x16_s (local.get $e))) (v128.load offset=80 (local.get $x)))))
        (local.set $A (f32x4.add (local.get $A) (f32x4.mul (call $f_lo (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=96 (local.get $x)))))
        (local.set $B (f32x4.add (local.get $B) (f32x4.mul (call $f_hi (i16x8.extend_high_i8x16_s (local.get $e))) (v128.load offset=112 (local.get $x)))))
        (local.set $j (i32.add (local.get $j) (i32.const 32)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 128)))
        (br $steps)))
      (local.set $y (f32.add (local.get $y) (f32.mul (call $reduce (local.get $A) (local.get $B)) (f32.load (local.get $sp)))))
      (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
      (local.set $c (i32.add (local.get $c) (local.get $bs)))
      (br $blocks)))
    (local.get $y))

  ;; out[r] = Σ_b s_b * scales[r * cols/bs + b] for r in [0, rows); packed is rows × cols/2 bytes,
  ;; bs (even, dividing cols) nibbles per block; one row at a time.
  (func (export "q4") (param $p i32) (param $scales i32) (param $x i32) (param $out i32)
                      (param $rows i32) (param $cols i32) (param $bs i32)
    (local $r i32) (local $rowBytes i32) (local $scaleStride i32) (local $fast i32)
    (local.set $rowBytes (i32.shr_u (local.get $cols) (i32.const 1)))
    (local.set $scaleStride (i32.shl (i32.div_u (local.get $cols) (local.get $bs)) (i32.const 2)))
    (local.set $fast (i32.eqz (i32.and (local.get $bs) (i32.const 31))))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
        (if (result f32) (local.get $fast)
          (then (call $row_q4_32 (local.get $p) (local.get $scales) (local.get $x) (local.get $cols) (local.get $bs)))
          (else (call $row_q4 (local.get $p) (local.get $scales) (local.get $x) (local.get $cols) (local.get $bs)))))
      (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
      (local.set $scales (i32.add (local.get $scales) (local.get $scaleStride)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))
)
