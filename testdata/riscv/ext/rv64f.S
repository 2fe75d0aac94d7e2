/*
 * rv64f: single precision.
 *
 *  1. all pairs of 13 special values (+-0, 1, -1.5, 1/3, 2^63, max, min
 *     normal, min subnormal, +-inf, qNaN, sNaN): add/sub/mul/div/sqrt, the
 *     four fused multiply-adds, conversions to w/wu/l/lu (round to nearest
 *     even), min/max, sign injection, eq/lt/le, class, fmv.x.w/fmv.w.x, with
 *     the exception flags of every operation
 *  2. 19 pairs chosen to round (ties, halfway cases, 2^31/2^63/2^64
 *     boundaries, overflow, underflow, NaN, inf) under every static rounding
 *     mode rne/rtz/rdn/rup/rmm and the dynamic mode with frm = 0..4
 *  3. integer -> single conversions of 12 edge integers under all modes
 *  4. NaN boxing: improperly boxed inputs read as the canonical NaN,
 *     results are boxed, fmv.x.w sign-extends, flw boxes, fsw stores 32 bits
 * followed by a checksum of the data area.
 */
#include "test.h"
#include "fp.h"

#define VALUES 0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x3eaaaaab, 0x5f000000, 0x7f7fffff, 0x00800000, 0x00000001, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001
#define NVALUES 13
#define NROUND 19
#define NINT 12

.macro FULL_BODY
	FP_ROUND s, rne
	FP_EXACT s, w
	la	t0, results
	fsw	f2, 0(t0)
	fsw	f7, 4(t0)
.endm

.macro ROUND_LOOP rm
	PAIR_LOOP flw, 4, round_pairs, NROUND, FP_ROUND s, \rm
.endm

	.text
	.globl	main
main:
	INIT_REGS

	/* 1. all pairs of special values */
	la	s0, full_pairs
	li	s1, NVALUES*NVALUES
1:	flw	f0, 0(s0)
	flw	f1, 4(s0)
	FULL_BODY
	DUMP
	addi	s0, s0, 8
	addi	s1, s1, -1
	bnez	s1, 1b

	/* 2. rounding: static modes, then dynamic with every frm */
	ROUND_LOOP rne
	ROUND_LOOP rtz
	ROUND_LOOP rdn
	ROUND_LOOP rup
	ROUND_LOOP rmm
	fsrmi	0
	ROUND_LOOP dyn
	fsrmi	1
	ROUND_LOOP dyn
	fsrmi	2
	ROUND_LOOP dyn
	fsrmi	3
	ROUND_LOOP dyn
	fsrmi	4
	ROUND_LOOP dyn
	fsrmi	0

	/* 3. integer -> single */
	fsrmi	2			/* dyn = rdn */
	la	s0, int_values
	li	s1, NINT
2:	ld	s2, 0(s0)
	FP_FROM_INT_ALL s
	DUMP
	addi	s0, s0, 8
	addi	s1, s1, -1
	bnez	s1, 2b
	fsrmi	0

	/* 4. NaN boxing */
	li	s10, 0
	li	t0, 0x000000003f800000	/* 1.0f without the box */
	fmv.d.x	f0, t0
	li	t0, 0xffffffff3f800000	/* 1.0f boxed */
	fmv.d.x	f1, t0
	li	t0, 0xfffffffe40000000	/* 2.0f, box with one bit missing */
	fmv.d.x	f2, t0
	fadd.s	f3, f0, f1
	FL	s10
	fadd.s	f4, f2, f1
	FL	s10
	fsgnj.s	f5, f1, f0
	FL	s10
	fsgnjn.s f6, f0, f1
	FL	s10
	fmin.s	f7, f0, f1
	FL	s10
	fmax.s	f8, f2, f1
	FL	s10
	fmadd.s	f9, f1, f1, f0
	FL	s10
	fsqrt.s	f10, f0
	FL	s10
	feq.s	a0, f0, f0
	FL	s10
	fclass.s a1, f0
	fclass.s a2, f2
	fcvt.w.s a3, f0
	FL	s10
	fmv.x.w	a4, f0			/* raw low 32 bits, sign-extended */
	li	t0, 0x80000001
	fmv.w.x	f11, t0
	fmv.x.w	a5, f11			/* 0xffffffff80000001 */
	fmv.x.d	a6, f11			/* boxed */
	la	s0, box_area
	fsw	f0, 0(s0)		/* stores the low 32 bits */
	fsw	f11, 4(s0)
	flw	f12, 8(s0)		/* boxes */
	fmv.x.d	a7, f12
	lwu	s2, 0(s0)
	ld	s3, 0(s0)
	fcvt.s.w f13, zero		/* +0, boxed */
	fcvt.s.l f14, s3, rtz
	FL	s10
	fsgnjx.s f15, f11, f11
	DUMP

	MEMSUM	data_begin, data_end
	EXIT	0

	.data
	.balign	64
data_begin:
full_pairs:
	.irp	a, VALUES
	.irp	b, VALUES
	.word	\a, \b
	.endr
	.endr
round_pairs:
	.word	0x40200000, 0x40400000	/* 2.5, 3 */
	.word	0xc0200000, 0x40e00000	/* -2.5, 7 */
	.word	0x3f000000, 0x3dcccccd	/* 0.5, 0.1 */
	.word	0xbf000000, 0xbdcccccd	/* -0.5, -0.1 */
	.word	0x3fc00000, 0x3eaaaaab	/* 1.5, 1/3 */
	.word	0xbfc00000, 0x34000000	/* -1.5, 2^-23 */
	.word	0x4f000000, 0x3f800000	/* 2^31, 1 */
	.word	0xcf000000, 0xbf800000	/* -2^31, -1 */
	.word	0x5f000000, 0x3f800000	/* 2^63, 1 */
	.word	0xdf000000, 0x40400000	/* -2^63, 3 */
	.word	0x5f800000, 0x3f400000	/* 2^64, 0.75 */
	.word	0x4f7fffff, 0x00000001	/* 4294967040, min subnormal */
	.word	0x7f7fffff, 0x7f7fffff	/* max, max */
	.word	0x00800000, 0x3f000001	/* min normal, 0.5 + ulp */
	.word	0x501502f9, 0xc0400000	/* 1e10, -3 */
	.word	0x7fc00000, 0x3f800000	/* qNaN, 1 */
	.word	0xff800000, 0x7f800000	/* -inf, inf */
	.word	0x3f800001, 0x3f800001	/* 1 + ulp, 1 + ulp */
	.word	0xbf666666, 0x3f666666	/* -0.9, 0.9 */
	.balign	8
int_values:
	.dword	0, 1, -1, 0x7fffffff, 0xffffffff80000000, 0xffffffff, 0x1000001
	.dword	0x7fffffffffffffff, 0x8000000000000000, 0x123456789abcdef1, 0xfffffffffefffffd, 0x20000000000001
box_area:
	.word	0, 0, 0xc0490fdb, 0
results:
	.word	0, 0
data_end:
