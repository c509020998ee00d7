;; The two loops over a photo's pixels of src/render/cmykTable.ts, which lays out the memory and
;; says what the table and the lookups hold. WebAssembly, because each loop runs over a million
;; pixels once per photo: V8 runs it at full speed at once, where JavaScript would run slowly
;; until the optimiser caught up with it. Assembled to cmykTable.wasm by `npm run wasm`.
;;
;; Lookups at $luts (byte offsets): +0 R's lower node (i32 × 256), +1024 G's, +2048 B's;
;; +3072 R's distance above it in its bits (u8 × 256), +3328 G's, +3584 B's; +3840 a
;; tetrahedron's second node (i32 × 64), +4096 its third, +4352 its four weights (u8 × 4 × 64).
;; The table, CMYK (u8 × 4) per node, starts at address 0.
(module
  (memory (export "memory") 1)

;; Set by "scan" when a node the pixels need is being converted (the caller clears it).
  (global $waiting (export "waiting") (mut i32) (i32.const 0))

  ;; A node the pixels need: appended to $wanted (i32 each) at $count and marked 2 in $known (u8
  ;; per node: 0 not in the table, 2 being converted, 1 in it) if it is not in the table; $waiting
  ;; set if it is being converted. Returns the new count.
  (func $need (param $node i32) (param $known i32) (param $wanted i32) (param $count i32) (result i32)
    (local $k i32)
    (local.set $k (i32.load8_u (i32.add (local.get $known) (local.get $node))))
    (if (i32.eq (local.get $k) (i32.const 2)) (then (global.set $waiting (i32.const 1))))
    (if (i32.eqz (local.get $k))
      (then
        (i32.store8 (i32.add (local.get $known) (local.get $node)) (i32.const 2))
        (i32.store (i32.add (local.get $wanted) (i32.shl (local.get $count) (i32.const 2))) (local.get $node))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))))
    (local.get $count))

  ;; Goes through $n pixels (RGB, u8 × 3, from $src) for the nodes their cells need: the eight
  ;; corners of each cell, once per cell ($flags: u8 per cell, by its lower node, zero at the
  ;; start); $nodes is the number of nodes along an axis. Returns $wanted's length, from $count.
  (func (export "scan") (param $luts i32) (param $src i32) (param $n i32) (param $flags i32) (param $known i32) (param $wanted i32) (param $count i32) (param $nodes i32) (result i32)
    (local $end i32) (local $cell i32) (local $plane i32)
    (local.set $plane (i32.mul (local.get $nodes) (local.get $nodes)))
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $n) (i32.const 3))))
    (block $done
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (loop $pixel
        (local.set $cell
          (i32.add
            (i32.add
              (i32.load (i32.add (local.get $luts) (i32.shl (i32.load8_u (local.get $src)) (i32.const 2))))
              (i32.load offset=1024 (i32.add (local.get $luts) (i32.shl (i32.load8_u offset=1 (local.get $src)) (i32.const 2)))))
            (i32.load offset=2048 (i32.add (local.get $luts) (i32.shl (i32.load8_u offset=2 (local.get $src)) (i32.const 2))))))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $flags) (local.get $cell))))
          (then
            (i32.store8 (i32.add (local.get $flags) (local.get $cell)) (i32.const 1))
            (local.set $count (call $need (local.get $cell) (local.get $known) (local.get $wanted) (local.get $count)))
            (local.set $count (call $need (i32.add (local.get $cell) (i32.const 1)) (local.get $known) (local.get $wanted) (local.get $count)))
            (local.set $count (call $need (i32.add (local.get $cell) (local.get $nodes)) (local.get $known) (local.get $wanted) (local.get $count)))
            (local.set $count (call $need (i32.add (i32.add (local.get $cell) (local.get $nodes)) (i32.const 1)) (local.get $known) (local.get $wanted) (local.get $count)))
            (local.set $cell (i32.add (local.get $cell) (local.get $plane)))
            (local.set $count (call $need (local.get $cell) (local.get $known) (local.get $wanted) (local.get $count)))
            (local.set $count (call $need (i32.add (local.get $cell) (i32.const 1)) (local.get $known) (local.get $wanted) (local.get $count)))
            (local.set $count (call $need (i32.add (local.get $cell) (local.get $nodes)) (local.get $known) (local.get $wanted) (local.get $count)))
            (local.set $count (call $need (i32.add (i32.add (local.get $cell) (local.get $nodes)) (i32.const 1)) (local.get $known) (local.get $wanted) (local.get $count)))))
        (local.set $src (i32.add (local.get $src) (i32.const 3)))
        (br_if $pixel (i32.lt_u (local.get $src) (local.get $end)))))
    (local.get $count))

  ;; Writes at $dst the CMYK (u8 × 4) of each of $n pixels from $src, interpolated in the
  ;; tetrahedron of its cell; $upper is the offset of a cell's upper node from its lower one.
  (func (export "convert") (param $luts i32) (param $src i32) (param $n i32) (param $dst i32) (param $upper i32)
    (local $end i32) (local $r i32) (local $g i32) (local $b i32) (local $node i32) (local $t i32) (local $w i32)
    (local $v0 i32) (local $v1 i32) (local $v2 i32) (local $v3 i32) (local $even i32) (local $odd i32)
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $n) (i32.const 3))))
    (block $done
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (loop $pixel
        (local.set $r (i32.load8_u (local.get $src)))
        (local.set $g (i32.load8_u offset=1 (local.get $src)))
        (local.set $b (i32.load8_u offset=2 (local.get $src)))
        (local.set $node
          (i32.add
            (i32.add
              (i32.load (i32.add (local.get $luts) (i32.shl (local.get $r) (i32.const 2))))
              (i32.load offset=1024 (i32.add (local.get $luts) (i32.shl (local.get $g) (i32.const 2)))))
            (i32.load offset=2048 (i32.add (local.get $luts) (i32.shl (local.get $b) (i32.const 2))))))
        ;; the tetrahedron, ×4 to index the i32 and u8 × 4 lookups
        (local.set $t
          (i32.shl
            (i32.or
              (i32.or
                (i32.load8_u offset=3072 (i32.add (local.get $luts) (local.get $r)))
                (i32.load8_u offset=3328 (i32.add (local.get $luts) (local.get $g))))
              (i32.load8_u offset=3584 (i32.add (local.get $luts) (local.get $b))))
            (i32.const 2)))
        (local.set $w (i32.load offset=4352 (i32.add (local.get $luts) (local.get $t))))
        (local.set $v0 (i32.load (i32.shl (local.get $node) (i32.const 2))))
        (local.set $v1 (i32.load (i32.shl (i32.add (local.get $node) (i32.load offset=3840 (i32.add (local.get $luts) (local.get $t)))) (i32.const 2))))
        (local.set $v2 (i32.load (i32.shl (i32.add (local.get $node) (i32.load offset=4096 (i32.add (local.get $luts) (local.get $t)))) (i32.const 2))))
        (local.set $v3 (i32.load (i32.shl (i32.add (local.get $node) (local.get $upper)) (i32.const 2))))
        ;; inks 1 and 3 (bytes 0 and 2), then 2 and 4, 16 bits apart: a sum in thirds (at most
        ;; 3 × 255, plus 1 to round) stays in its half
        (local.set $even
          (i32.add
            (i32.add
              (i32.add
                (i32.mul (i32.and (local.get $w) (i32.const 0xff)) (i32.and (local.get $v0) (i32.const 0xff00ff)))
                (i32.mul (i32.and (i32.shr_u (local.get $w) (i32.const 8)) (i32.const 0xff)) (i32.and (local.get $v1) (i32.const 0xff00ff))))
              (i32.add
                (i32.mul (i32.and (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 0xff)) (i32.and (local.get $v2) (i32.const 0xff00ff)))
                (i32.mul (i32.shr_u (local.get $w) (i32.const 24)) (i32.and (local.get $v3) (i32.const 0xff00ff)))))
            (i32.const 0x10001)))
        (local.set $odd
          (i32.add
            (i32.add
              (i32.add
                (i32.mul (i32.and (local.get $w) (i32.const 0xff)) (i32.and (i32.shr_u (local.get $v0) (i32.const 8)) (i32.const 0xff00ff)))
                (i32.mul (i32.and (i32.shr_u (local.get $w) (i32.const 8)) (i32.const 0xff)) (i32.and (i32.shr_u (local.get $v1) (i32.const 8)) (i32.const 0xff00ff))))
              (i32.add
                (i32.mul (i32.and (i32.shr_u (local.get $w) (i32.const 16)) (i32.const 0xff)) (i32.and (i32.shr_u (local.get $v2) (i32.const 8)) (i32.const 0xff00ff)))
                (i32.mul (i32.shr_u (local.get $w) (i32.const 24)) (i32.and (i32.shr_u (local.get $v3) (i32.const 8)) (i32.const 0xff00ff)))))
            (i32.const 0x10001)))
        ;; each half ÷ 3, floored, as × 21846 ÷ 65536 (exact below 32,768), back in its byte
        (i32.store (local.get $dst)
          (i32.or
            (i32.or
              (i32.shr_u (i32.mul (i32.and (local.get $even) (i32.const 0xffff)) (i32.const 21846)) (i32.const 16))
              (i32.shl (i32.shr_u (i32.mul (i32.and (local.get $odd) (i32.const 0xffff)) (i32.const 21846)) (i32.const 16)) (i32.const 8)))
            (i32.or
              (i32.shl (i32.shr_u (i32.mul (i32.shr_u (local.get $even) (i32.const 16)) (i32.const 21846)) (i32.const 16)) (i32.const 16))
              (i32.shl (i32.shr_u (i32.mul (i32.shr_u (local.get $odd) (i32.const 16)) (i32.const 21846)) (i32.const 16)) (i32.const 24)))))
        (local.set $src (i32.add (local.get $src) (i32.const 3)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (br_if $pixel (i32.lt_u (local.get $src) (local.get $end)))))))
