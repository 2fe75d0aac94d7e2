/*
 * rv64a: atomics (single-threaded semantics).
 *
 *  1. all nine AMOs, .w and .d, over all pairs (memory value, operand) of 9
 *     edge values: the old value returned (sign-extended for .w) and the new
 *     memory contents (for .w the neighbouring word must stay untouched)
 *  2. .aq / .rl / .aqrl variants, rd == x0, rd == rs2
 *  3. lr/sc: success, a second sc failing (reservation consumed), sc without
 *     lr, sc to another address than the lr, lr.w sign extension, lr.d/sc.d,
 *     and qemu's behaviour for a plain store between lr and sc (sc fails when
 *     the value changed)
 *  4. a compare-and-swap loop built from lr/sc, 2000 rounds
 * followed by a checksum of the data area.
 */
#include "test.h"

#define EDGE 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff, 0xffffffff80000000, 0x7fffffff, 0x80000000

/* AMO op, width: reset memory to s0, amo with s1, read back */
.macro AMO op, w, old, new
	sd	s0, 0(a0)
	sd	s2, 8(a0)
	\op\().\w	\old, s1, (a0)
	ld	\new, 0(a0)
.endm

.macro AMO_ALL w
	AMO	amoswap, \w, t0, t1
	AMO	amoadd, \w, t2, t3
	AMO	amoxor, \w, t4, t5
	AMO	amoand, \w, t6, a1
	AMO	amoor, \w, a2, a3
	AMO	amomin, \w, a4, a5
	AMO	amomax, \w, a6, a7
	AMO	amominu, \w, s3, s4
	AMO	amomaxu, \w, s5, s6
	ld	s7, 8(a0)		/* the next dword is untouched */
.endm

	.text
	.globl	main
main:
	INIT_REGS
	la	a0, amo_area
	li	s2, 0x5a5a5a5a5a5a5a5a
	.irp	a, EDGE
	.irp	b, EDGE
	li	s0, \a
	li	s1, \b
	AMO_ALL	w
	DUMP
	AMO_ALL	d
	DUMP
	.endr
	.endr

	/* 2. ordering variants and register corner cases */
	li	s0, 100
	li	s1, 23
	sd	s0, 0(a0)
	amoadd.w.aq	t0, s1, (a0)
	amoadd.w.rl	t1, s1, (a0)
	amoadd.w.aqrl	t2, s1, (a0)
	amoadd.d.aq	t3, s1, (a0)
	amoadd.d.rl	t4, s1, (a0)
	amoadd.d.aqrl	t5, s1, (a0)
	amoswap.d	x0, s1, (a0)	/* rd = x0: memory still written */
	ld	t6, 0(a0)
	li	a1, 7
	amoadd.d	a1, a1, (a0)	/* rd == rs2 */
	ld	a2, 0(a0)
	amoor.w.aqrl	a3, zero, (a0)
	amomaxu.d.aq	a4, s0, (a0)
	ld	a5, 0(a0)
	DUMP

	/* 3. lr / sc */
	la	a0, lrsc_area
	li	s0, 0xfedcba9880000001
	sd	s0, 0(a0)
	sd	s0, 8(a0)
	li	s1, 0x1111111122222222
	sc.w	t0, s1, (a0)		/* no reservation: fails */
	lw	t1, 0(a0)
	lr.w	t2, (a0)		/* sign-extended 0x80000001 */
	sc.w	t3, s1, (a0)		/* succeeds: 0 */
	sc.w	t4, s0, (a0)		/* reservation consumed: fails */
	ld	t5, 0(a0)
	lr.d	t6, (a0)
	sc.d	a1, s0, (a0)		/* 0 */
	ld	a2, 0(a0)
	lr.d	a3, (a0)
	addi	a4, a0, 8
	sc.d	a5, s1, (a4)		/* different address: fails */
	ld	a6, 8(a0)
	lr.w.aq	a7, (a0)
	sc.w.rl	s2, s1, (a0)		/* 0 */
	lr.d.aqrl s3, (a0)
	sc.d.aqrl s4, s0, (a0)		/* 0 */
	ld	s5, 0(a0)
	DUMP
	/* qemu-specific: a plain store between lr and sc */
	lr.d	t0, (a0)
	sd	s1, 0(a0)		/* changes the value */
	sc.d	t1, s0, (a0)		/* qemu: fails (value differs) */
	ld	t2, 0(a0)
	addi	a4, a0, 8
	lr.w	t3, (a4)
	sw	t3, 0(a4)		/* same value stored back */
	sc.w	t4, s1, (a4)		/* qemu: succeeds (value compares equal) */
	ld	t5, 8(a0)
	DUMP

	/* 4. lr/sc compare-and-swap loop */
	la	a0, counter
	addi	a1, a0, 8
	addi	a2, a0, 16
	addi	a3, a0, 24
	addi	a4, a0, 28
	li	s9, 4
2:	li	s8, 500
3:	lr.d	t0, (a0)
	addi	t1, t0, 3
	xor	t1, t1, s8
	sc.d	t2, t1, (a0)
	bnez	t2, 3b
4:	lr.w	t0, (a1)
	addiw	t1, t0, -1
	sc.w	t2, t1, (a1)
	bnez	t2, 4b
	amoadd.d	t3, s8, (a2)
	amoxor.w	t4, s8, (a3)
	amominu.w	t5, s8, (a4)
	addi	s8, s8, -1
	bnez	s8, 3b
	ld	t0, 0(a0)
	ld	t1, 8(a0)
	ld	t2, 16(a0)
	ld	t3, 24(a0)
	DUMP
	addi	s9, s9, -1
	bnez	s9, 2b

	MEMSUM	data_begin, data_end
	EXIT	0

	.data
	.balign	64
data_begin:
amo_area:
	.dword	0, 0
lrsc_area:
	.dword	0, 0
counter:
	.dword	0x123, 5, 0
	.word	0, 0xffffffff
data_end:
