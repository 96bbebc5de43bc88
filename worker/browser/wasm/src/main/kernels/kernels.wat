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
;; conversions) and goes four rows per pass. Its fast step turns bytes into floats with one
;; i8x16.swizzle + convert per four weights against x scaled by 2^-24 (exact, see "q8"): about
;; 17.5 GFLOP/s against 14 for the two-step sign extension. Variants measured no better: 2 or 3
;; rows a pass, 8 or 32 columns a step, x held in locals, masks from memory or made opaque,
;; bf16 copies of the weights (memory-bound), four-stream layouts. Without any shuffle
;; (convert + mul + add alone) the loop would reach about 23, the ceiling of this design on
;; 128-bit vectors: two of the four FP pipes carry both the converts and the adds.
;;
;; The attention kernels ("dots", "wsum") read copies of the runtime's key and value caches
;; that the Java side keeps in linear memory (KvMirror).

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

;; x_s[c] = x[c] * 2^-24 for c in [0, n); returns 1 if every x_s[c] is exact, i.e. every x[c] is ±0
  ;; or finite with |x[c]| >= 2^-102 (so x[c] * 2^-24 stays a normal float), else 0.
  (func $scale_x (param $x i32) (param $xs i32) (param $n i32) (result i32)
    (local $i i32) (local $end4 i32) (local $v v128) (local $a v128) (local $bad v128) (local $b i32)
    (local.set $end4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end4)))
      (local.set $v (v128.load (i32.add (local.get $x) (local.get $i))))
      (local.set $a (v128.and (local.get $v) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff)))
      (local.set $bad (v128.or (local.get $bad)
        (v128.or
          (v128.and (i32x4.gt_s (local.get $a) (v128.const i32x4 0 0 0 0))
                    (i32x4.lt_s (local.get $a) (v128.const i32x4 0x0c800000 0x0c800000 0x0c800000 0x0c800000)))
          (i32x4.ge_s (local.get $a) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000)))))
      (v128.store (i32.add (local.get $xs) (local.get $i))
        (f32x4.mul (local.get $v) (v128.const f32x4 0x1p-24 0x1p-24 0x1p-24 0x1p-24)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next)))
    (local.set $end4 (i32.shl (local.get $n) (i32.const 2)))
    (block $done1 (loop $next1
      (br_if $done1 (i32.ge_u (local.get $i) (local.get $end4)))
      (local.set $b (i32.and (i32.load (i32.add (local.get $x) (local.get $i))) (i32.const 0x7fffffff)))
      (if (i32.or (i32.and (i32.gt_s (local.get $b) (i32.const 0)) (i32.lt_s (local.get $b) (i32.const 0x0c800000)))
                  (i32.ge_s (local.get $b) (i32.const 0x7f800000)))
        (then (return (i32.const 0))))
      (f32.store (i32.add (local.get $xs) (local.get $i))
        (f32.mul (f32.load (i32.add (local.get $x) (local.get $i))) (f32.const 0x1p-24)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $next1)))
    (i32.eqz (v128.any_true (local.get $bad))))

  ;; out[r] = (striped Σ_c q[r][c] * x[c]) * scales[r] for r in [0, rows); q is rows × cols bytes;
  ;; xs is scratch for cols floats. Four rows per pass, 16 columns a step, x loads shared.
  ;;
  ;; The fast step (used when $scale_x says x_s = x * 2^-24 is exact): one i8x16.swizzle puts the
  ;; signed byte q[c] in the top byte of a 32-bit lane, i.e. the integer q[c] * 2^24, converted
  ;; exactly to a float; its product with x_s[c] is the product of the same real numbers as
  ;; (float) q[c] * x[c], so it rounds to the same float, bit for bit (sign of zero included). The
  ;; stripes and their order are untouched. This saves the two-step sign extension (three shuffle
  ;; ops per four weights) that otherwise competes with the conversion and the adds. When some x is
  ;; tiny (its scaled copy would be subnormal) or not finite, the exact step runs instead: bytes
  ;; sign-extended (8 per load) and x itself. The 8-group and the tail always use x itself.
  (func (export "q8") (param $q i32) (param $scales i32) (param $x i32) (param $xs i32) (param $out i32)
                      (param $rows i32) (param $cols i32)
    (local $r i32) (local $j i32) (local $end16 i32) (local $tail i32) (local $fast i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32) (local $xj i32) (local $o i32) (local $s i32)
    (local $v v128) (local $h v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local $A0 v128) (local $B0 v128) (local $A1 v128) (local $B1 v128)
    (local $A2 v128) (local $B2 v128) (local $A3 v128) (local $B3 v128)
    (local.set $end16 (i32.and (local.get $cols) (i32.const -16)))
    (local.set $fast (call $scale_x (local.get $x) (local.get $xs) (local.get $end16)))
    ;; swizzle masks: byte k of the 16 to the top of lane k % 4 of vector k / 4 (index 128 → 0)
    (local.set $m0 (v128.const i8x16 128 128 128 0 128 128 128 1 128 128 128 2 128 128 128 3))
    (local.set $m1 (v128.const i8x16 128 128 128 4 128 128 128 5 128 128 128 6 128 128 128 7))
    (local.set $m2 (v128.const i8x16 128 128 128 8 128 128 128 9 128 128 128 10 128 128 128 11))
    (local.set $m3 (v128.const i8x16 128 128 128 12 128 128 128 13 128 128 128 14 128 128 128 15))
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
      (if (local.get $fast)
        (then
          (block $fast_done (loop $fast_cols
            (br_if $fast_done (i32.ge_u (local.get $j) (local.get $end16)))
            (local.set $xj (i32.add (local.get $xs) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $v (v128.load (i32.add (local.get $q0) (local.get $j))))
            (local.set $A0 (f32x4.add (local.get $A0) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m0))) (v128.load (local.get $xj)))))
            (local.set $B0 (f32x4.add (local.get $B0) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m1))) (v128.load offset=16 (local.get $xj)))))
            (local.set $A0 (f32x4.add (local.get $A0) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m2))) (v128.load offset=32 (local.get $xj)))))
            (local.set $B0 (f32x4.add (local.get $B0) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m3))) (v128.load offset=48 (local.get $xj)))))
            (local.set $v (v128.load (i32.add (local.get $q1) (local.get $j))))
            (local.set $A1 (f32x4.add (local.get $A1) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m0))) (v128.load (local.get $xj)))))
            (local.set $B1 (f32x4.add (local.get $B1) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m1))) (v128.load offset=16 (local.get $xj)))))
            (local.set $A1 (f32x4.add (local.get $A1) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m2))) (v128.load offset=32 (local.get $xj)))))
            (local.set $B1 (f32x4.add (local.get $B1) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m3))) (v128.load offset=48 (local.get $xj)))))
            (local.set $v (v128.load (i32.add (local.get $q2) (local.get $j))))
            (local.set $A2 (f32x4.add (local.get $A2) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m0))) (v128.load (local.get $xj)))))
            (local.set $B2 (f32x4.add (local.get $B2) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m1))) (v128.load offset=16 (local.get $xj)))))
            (local.set $A2 (f32x4.add (local.get $A2) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m2))) (v128.load offset=32 (local.get $xj)))))
            (local.set $B2 (f32x4.add (local.get $B2) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m3))) (v128.load offset=48 (local.get $xj)))))
            (local.set $v (v128.load (i32.add (local.get $q3) (local.get $j))))
            (local.set $A3 (f32x4.add (local.get $A3) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m0))) (v128.load (local.get $xj)))))
            (local.set $B3 (f32x4.add (local.get $B3) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m1))) (v128.load offset=16 (local.get $xj)))))
            (local.set $A3 (f32x4.add (local.get $A3) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m2))) (v128.load offset=32 (local.get $xj)))))
            (local.set $B3 (f32x4.add (local.get $B3) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $v) (local.get $m3))) (v128.load offset=48 (local.get $xj)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $fast_cols))))
        (else
          (block $cols_done (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $end16)))
            (local.set $xj (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $v (v128.load8x8_s (i32.add (local.get $q0) (local.get $j))))
            (local.set $h (v128.load8x8_s offset=8 (i32.add (local.get $q0) (local.get $j))))
            (local.set $A0 (f32x4.add (local.get $A0) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
            (local.set $B0 (f32x4.add (local.get $B0) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
            (local.set $A0 (f32x4.add (local.get $A0) (f32x4.mul (call $f_lo (local.get $h)) (v128.load offset=32 (local.get $xj)))))
            (local.set $B0 (f32x4.add (local.get $B0) (f32x4.mul (call $f_hi (local.get $h)) (v128.load offset=48 (local.get $xj)))))
            (local.set $v (v128.load8x8_s (i32.add (local.get $q1) (local.get $j))))
            (local.set $h (v128.load8x8_s offset=8 (i32.add (local.get $q1) (local.get $j))))
            (local.set $A1 (f32x4.add (local.get $A1) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
            (local.set $B1 (f32x4.add (local.get $B1) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
            (local.set $A1 (f32x4.add (local.get $A1) (f32x4.mul (call $f_lo (local.get $h)) (v128.load offset=32 (local.get $xj)))))
            (local.set $B1 (f32x4.add (local.get $B1) (f32x4.mul (call $f_hi (local.get $h)) (v128.load offset=48 (local.get $xj)))))
            (local.set $v (v128.load8x8_s (i32.add (local.get $q2) (local.get $j))))
            (local.set $h (v128.load8x8_s offset=8 (i32.add (local.get $q2) (local.get $j))))
            (local.set $A2 (f32x4.add (local.get $A2) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
            (local.set $B2 (f32x4.add (local.get $B2) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
            (local.set $A2 (f32x4.add (local.get $A2) (f32x4.mul (call $f_lo (local.get $h)) (v128.load offset=32 (local.get $xj)))))
            (local.set $B2 (f32x4.add (local.get $B2) (f32x4.mul (call $f_hi (local.get $h)) (v128.load offset=48 (local.get $xj)))))
            (local.set $v (v128.load8x8_s (i32.add (local.get $q3) (local.get $j))))
            (local.set $h (v128.load8x8_s offset=8 (i32.add (local.get $q3) (local.get $j))))
            (local.set $A3 (f32x4.add (local.get $A3) (f32x4.mul (call $f_lo (local.get $v)) (v128.load (local.get $xj)))))
            (local.set $B3 (f32x4.add (local.get $B3) (f32x4.mul (call $f_hi (local.get $v)) (v128.load offset=16 (local.get $xj)))))
            (local.set $A3 (f32x4.add (local.get $A3) (f32x4.mul (call $f_lo (local.get $h)) (v128.load offset=32 (local.get $xj)))))
            (local.set $B3 (f32x4.add (local.get $B3) (f32x4.mul (call $f_hi (local.get $h)) (v128.load offset=48 (local.get $xj)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cols)))))
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

;; ------------------------------------------------------------------ attention

  ;; Attention scores: out[p] = dot(q[0..n), K[p]) for p in [0, count), K[p] at keys + p * stride
  ;; bytes; each the C9 striped dot product (the f32 row kernel; products commute exactly).
  (func (export "dots") (param $q i32) (param $keys i32) (param $stride i32) (param $count i32) (param $n i32)
                        (param $out i32)
    (local $p i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $count)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 2)))
        (call $row_f32 (local.get $keys) (local.get $q) (local.get $n)))
      (local.set $keys (i32.add (local.get $keys) (local.get $stride)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $next))))

  ;; Attention's weighted sum of values: out[d] = Σ_p w[p] * V[p][d] for d in [0, width), each
  ;; summed from +0 in ascending p (every lane on its own, as the scalar code), V[p] at values +
  ;; p * stride bytes. Sixteen columns a pass, then four, then one.
  (func (export "wsum") (param $w i32) (param $n i32) (param $values i32) (param $stride i32) (param $width i32)
                        (param $out i32)
    (local $d i32) (local $p i32) (local $v i32) (local $wp v128) (local $s f32)
    (local $S0 v128) (local $S1 v128) (local $S2 v128) (local $S3 v128)
    (block $d16_done (loop $d16
      (br_if $d16_done (i32.gt_u (i32.add (local.get $d) (i32.const 16)) (local.get $width)))
      (local.set $S0 (v128.const i32x4 0 0 0 0)) (local.set $S1 (v128.const i32x4 0 0 0 0))
      (local.set $S2 (v128.const i32x4 0 0 0 0)) (local.set $S3 (v128.const i32x4 0 0 0 0))
      (local.set $v (i32.add (local.get $values) (i32.shl (local.get $d) (i32.const 2))))
      (local.set $p (i32.const 0))
      (block $p_done (loop $ps
        (br_if $p_done (i32.ge_u (local.get $p) (local.get $n)))
        (local.set $wp (v128.load32_splat (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $S0 (f32x4.add (local.get $S0) (f32x4.mul (local.get $wp) (v128.load (local.get $v)))))
        (local.set $S1 (f32x4.add (local.get $S1) (f32x4.mul (local.get $wp) (v128.load offset=16 (local.get $v)))))
        (local.set $S2 (f32x4.add (local.get $S2) (f32x4.mul (local.get $wp) (v128.load offset=32 (local.get $v)))))
        (local.set $S3 (f32x4.add (local.get $S3) (f32x4.mul (local.get $wp) (v128.load offset=48 (local.get $v)))))
        (local.set $v (i32.add (local.get $v) (local.get $stride)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ps)))
      (v128.store (i32.add (local.get $out) (i32.shl (local.get $d) (i32.const 2))) (local.get $S0))
      (v128.store offset=16 (i32.add (local.get $out) (i32.shl (local.get $d) (i32.const 2))) (local.get $S1))
      (v128.store offset=32 (i32.add (local.get $out) (i32.shl (local.get $d) (i32.const 2))) (local.get $S2))
      (v128.store offset=48 (i32.add (local.get $out) (i32.shl (local.get $d) (i32.const 2))) (local.get $S3))
      (local.set $d (i32.add (local.get $d) (i32.const 16)))
      (br $d16)))
    (block $d4_done (loop $d4
      (br_if $d4_done (i32.gt_u (i32.add (local.get $d) (i32.const 4)) (local.get $width)))
      (local.set $S0 (v128.const i32x4 0 0 0 0))
      (local.set $v (i32.add (local.get $values) (i32.shl (local.get $d) (i32.const 2))))
      (local.set $p (i32.const 0))
      (block $p4_done (loop $p4
        (br_if $p4_done (i32.ge_u (local.get $p) (local.get $n)))
        (local.set $S0 (f32x4.add (local.get $S0)
          (f32x4.mul (v128.load32_splat (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 2))))
                     (v128.load (local.get $v)))))
        (local.set $v (i32.add (local.get $v) (local.get $stride)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $p4)))
      (v128.store (i32.add (local.get $out) (i32.shl (local.get $d) (i32.const 2))) (local.get $S0))
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (br $d4)))
    (block $d1_done (loop $d1
      (br_if $d1_done (i32.ge_u (local.get $d) (local.get $width)))
      (local.set $s (f32.const 0))
      (local.set $v (i32.add (local.get $values) (i32.shl (local.get $d) (i32.const 2))))
      (local.set $p (i32.const 0))
      (block $p1_done (loop $p1
        (br_if $p1_done (i32.ge_u (local.get $p) (local.get $n)))
        (local.set $s (f32.add (local.get $s)
          (f32.mul (f32.load (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 2)))) (f32.load (local.get $v)))))
        (local.set $v (i32.add (local.get $v) (local.get $stride)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $p1)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $d) (i32.const 2))) (local.get $s))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br $d1))))

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

;; $row_q4_32 against x_s = x * 2^-24 (exact, see "q8"): each unpacked nibble goes to the top
  ;; byte of a lane by one i8x16.swizzle (the integer nibble * 2^24, converted exactly), so every
  ;; product is bit for bit the product of the nibble and x, without the two-step sign extension.
  (func $row_q4_32s (param $p i32) (param $sp i32) (param $x i32) (param $cols i32) (param $bs i32) (result f32)
    (local $c i32) (local $j i32) (local $y f32) (local $A v128) (local $B v128) (local $v v128) (local $e v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local.set $m0 (v128.const i8x16 128 128 128 0 128 128 128 1 128 128 128 2 128 128 128 3))
    (local.set $m1 (v128.const i8x16 128 128 128 4 128 128 128 5 128 128 128 6 128 128 128 7))
    (local.set $m2 (v128.const i8x16 128 128 128 8 128 128 128 9 128 128 128 10 128 128 128 11))
    (local.set $m3 (v128.const i8x16 128 128 128 12 128 128 128 13 128 128 128 14 128 128 128 15))
    (block $blocks_done (loop $blocks
      (br_if $blocks_done (i32.ge_u (local.get $c) (local.get $cols)))
      (local.set $A (v128.const i32x4 0 0 0 0)) (local.set $B (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $steps_done (loop $steps
        (br_if $steps_done (i32.ge_u (local.get $j) (local.get $bs)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $e (call $unpack16_lo (local.get $v)))
        (local.set $A (f32x4.add (local.get $A) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $e) (local.get $m0))) (v128.load (local.get $x)))))
        (local.set $B (f32x4.add (local.get $B) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $e) (local.get $m1))) (v128.load offset=16 (local.get $x)))))
        (local.set $A (f32x4.add (local.get $A) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $e) (local.get $m2))) (v128.load offset=32 (local.get $x)))))
        (local.set $B (f32x4.add (local.get $B) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $e) (local.get $m3))) (v128.load offset=48 (local.get $x)))))
        (local.set $e (call $unpack16_hi (local.get $v)))
        (local.set $A (f32x4.add (local.get $A) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $e) (local.get $m0))) (v128.load offset=64 (local.get $x)))))
        (local.set $B (f32x4.add (local.get $B) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $e) (local.get $m1))) (v128.load offset=80 (local.get $x)))))
        (local.set $A (f32x4.add (local.get $A) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $e) (local.get $m2))) (v128.load offset=96 (local.get $x)))))
        (local.set $B (f32x4.add (local.get $B) (f32x4.mul (f32x4.convert_i32x4_s (i8x16.swizzle (local.get $e) (local.get $m3))) (v128.load offset=112 (local.get $x)))))
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
  ;; bs (even, dividing cols) nibbles per block; xs is scratch for cols floats; one row at a time.
  ;; Block sizes that are multiples of 32 go 32 nibbles a step, against x_s when that is exact.
  (func (export "q4") (param $p i32) (param $scales i32) (param $x i32) (param $xs i32) (param $out i32)
                      (param $rows i32) (param $cols i32) (param $bs i32)
    (local $r i32) (local $rowBytes i32) (local $scaleStride i32) (local $fast i32) (local $scaled i32)
    (local.set $rowBytes (i32.shr_u (local.get $cols) (i32.const 1)))
    (local.set $scaleStride (i32.shl (i32.div_u (local.get $cols) (local.get $bs)) (i32.const 2)))
    (local.set $fast (i32.eqz (i32.and (local.get $bs) (i32.const 31))))
    (if (local.get $fast) (then
      (local.set $scaled (call $scale_x (local.get $x) (local.get $xs) (local.get $cols)))))
    (block $rows_done (loop $rows
      (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
        (if (result f32) (local.get $scaled)
          (then (call $row_q4_32s (local.get $p) (local.get $scales) (local.get $xs) (local.get $cols) (local.get $bs)))
          (else (if (result f32) (local.get $fast)
            (then (call $row_q4_32 (local.get $p) (local.get $scales) (local.get $x) (local.get $cols) (local.get $bs)))
            (else (call $row_q4 (local.get $p) (local.get $scales) (local.get $x) (local.get $cols) (local.get $bs)))))))
      (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
      (local.set $scales (i32.add (local.get $scales) (local.get $scaleStride)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))
)
