/*
 * zbb: basic bit manipulation.  Over all pairs of 10 edge values: andn,
 * orn, xnor, min, minu, max, maxu, rol, rolw, ror, rorw; on each value:
 * clz, clzw, ctz, ctzw, cpop, cpopw, sext.b, sext.h, zext.h, orc.b, rev8;
 * rori for every rotate count 0..63, roriw for 0..31; then 2000 rounds of
 * pseudo-random operands folded into a hash.
 */
#include "test.h"

#define EDGE 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff, 0xffffffff80000000, 0x7fffffff, 0x123456789abcdef0, 0x00f0000080008001

	.option arch, +zbb

.macro FOLD h, r
	rori	s10, \h, 59
	xor	\h, s10, \r
.endm

	.text
	.globl	main
main:
	INIT_REGS
	.irp	a, EDGE
	.irp	b, EDGE
	li	s0, \a
	li	s1, \b
	andn	t0, s0, s1
	orn	t1, s0, s1
	xnor	t2, s0, s1
	min	t3, s0, s1
	minu	t4, s0, s1
	max	t5, s0, s1
	maxu	t6, s0, s1
	rol	a0, s0, s1
	rolw	a1, s0, s1
	ror	a2, s0, s1
	rorw	a3, s0, s1
	clz	a4, s0
	clzw	a5, s0
	ctz	a6, s0
	ctzw	a7, s0
	cpop	s2, s0
	cpopw	s3, s0
	sext.b	s4, s0
	sext.h	s5, s0
	zext.h	s6, s0
	orc.b	s7, s0
	rev8	s8, s0
	rol	s9, s1, s0
	ror	s10, s1, s0
	DUMP
	.endr
	.endr

	li	s0, 0x8123456789abcdef
	.set	sh, 0
	.rept	8
	rori	t0, s0, sh
	rori	t1, s0, sh+1
	rori	t2, s0, sh+2
	rori	t3, s0, sh+3
	rori	t4, s0, sh+4
	rori	t5, s0, sh+5
	rori	t6, s0, sh+6
	rori	a0, s0, sh+7
	DUMP
	.set	sh, sh+8
	.endr
	li	s0, 0xffffffff8badf00d
	.set	sh, 0
	.rept	4
	roriw	t0, s0, sh
	roriw	t1, s0, sh+1
	roriw	t2, s0, sh+2
	roriw	t3, s0, sh+3
	roriw	t4, s0, sh+4
	roriw	t5, s0, sh+5
	roriw	t6, s0, sh+6
	roriw	a0, s0, sh+7
	DUMP
	.set	sh, sh+8
	.endr

	li	s0, 0xbb67ae8584caa73b
	li	a7, 0
	li	s9, 8
2:	li	s8, 250
3:	slli	t0, s0, 13
	xor	s0, s0, t0
	srli	t0, s0, 7
	xor	s0, s0, t0
	slli	t0, s0, 17
	xor	s0, s0, t0
	srli	t0, s0, 11
	and	s1, s0, t0		/* sparser bits */
	clz	t0, s1
	FOLD	a7, t0
	ctz	t0, s1
	FOLD	a7, t0
	cpop	t0, s1
	FOLD	a7, t0
	clzw	t0, s1
	FOLD	a7, t0
	ctzw	t0, s1
	FOLD	a7, t0
	cpopw	t0, s0
	FOLD	a7, t0
	orc.b	t0, s1
	FOLD	a7, t0
	rev8	t0, s0
	FOLD	a7, t0
	rolw	t0, s0, s1
	FOLD	a7, t0
	min	t0, s0, s1
	FOLD	a7, t0
	maxu	t0, s0, s1
	FOLD	a7, t0
	xnor	t0, s0, s1
	FOLD	a7, t0
	addi	s8, s8, -1
	bnez	s8, 3b
	DUMP
	addi	s9, s9, -1
	bnez	s9, 2b

	la	t0, result
	sd	a7, 0(t0)
	MEMSUM	data_begin, data_end
	EXIT	0

	.data
	.balign	64
data_begin:
result:	.dword	0
data_end:
