/*
 * rv64d: double precision (and the conversions between single and double).
 *
 *  1. all pairs of 13 special values (+-0, 1, -1.5, 1/3, 2^63, max, min
 *     normal, min subnormal, +-inf, qNaN, sNaN): add/sub/mul/div/sqrt, the
 *     four fused multiply-adds, conversions to w/wu/l/lu (round to nearest
 *     even), min/max, sign injection, eq/lt/le, class, fmv, with the
 *     exception flags of every operation
 *  2. 19 pairs chosen to round (ties, halfway cases, 2^31/2^63/2^64
 *     boundaries, overflow, underflow, NaN, inf) under every static rounding
 *     mode rne/rtz/rdn/rup/rmm and the dynamic mode with frm = 0..4
 *  3. integer -> double conversions of 12 edge integers under all modes
 *  4. fcvt.s.d / fcvt.d.s, NaN boxing of the single result, fld/fsd
 * followed by a checksum of the data area.
 */
#include "test.h"
#include "fp.h"

#define VALUES 0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff8000000000000, 0x3fd5555555555555, 0x43e0000000000000, 0x7fefffffffffffff, 0x0010000000000000, 0x0000000000000001, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0x7ff0000000000001
#define NVALUES 13
#define NROUND 19
#define NINT 12

.macro FULL_BODY
	FP_ROUND d, rne
	FP_EXACT d, d
	fcvt.s.d f26, f0
	FL	s8
	fcvt.d.s f27, f26
	FL	s8
	la	t0, results
	fsd	f2, 0(t0)
	fsd	f7, 8(t0)
.endm

.macro ROUND_LOOP rm
	PAIR_LOOP fld, 8, round_pairs, NROUND, FP_ROUND d, \rm
.endm

	.text
	.globl	main
main:
	INIT_REGS

	/* 1. all pairs of special values */
	la	s0, full_pairs
	li	s1, NVALUES*NVALUES
1:	fld	f0, 0(s0)
	fld	f1, 8(s0)
	li	s8, 0
	FULL_BODY
	DUMP
	addi	s0, s0, 16
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

	/* 3. integer -> double */
	fsrmi	3			/* dyn = rup */
	la	s0, int_values
	li	s1, NINT
2:	ld	s2, 0(s0)
	FP_FROM_INT_ALL d
	DUMP
	addi	s0, s0, 8
	addi	s1, s1, -1
	bnez	s1, 2b
	fsrmi	0

	/* 4. single <-> double, NaN boxing, loads and stores */
	li	s10, 0
	la	s0, misc
	fld	f0, 0(s0)		/* 1/3: inexact as single */
	fld	f1, 8(s0)		/* 1e300: overflows single */
	fld	f2, 16(s0)		/* 1e-300: underflows single */
	fld	f3, 24(s0)		/* sNaN with payload */
	fcvt.s.d f4, f0, rne
	FL	s10
	fcvt.s.d f5, f0, rtz
	FL	s10
	fcvt.s.d f6, f1, rne
	FL	s10
	fcvt.s.d f7, f1, rtz
	FL	s10
	fcvt.s.d f8, f2, rup
	FL	s10
	fcvt.s.d f9, f2, rdn
	FL	s10
	fcvt.s.d f10, f3
	FL	s10
	fcvt.d.s f11, f4
	FL	s10
	fcvt.d.s f12, f10		/* canonical NaN */
	FL	s10
	li	t0, 0x000000003f800000	/* 1.0f, not NaN-boxed */
	fmv.d.x	f13, t0
	fcvt.d.s f14, f13		/* improperly boxed -> canonical NaN */
	FL	s10
	li	t0, 0xffffffff3f800000
	fmv.d.x	f15, t0
	fcvt.d.s f16, f15		/* 1.0 */
	FL	s10
	fsd	f4, 32(s0)
	fsd	f6, 40(s0)
	fsd	f14, 48(s0)
	fld	f17, 32(s0)
	fmv.x.d	a0, f17
	fmv.x.d	a1, f12
	fmv.x.d	a2, f14
	DUMP

	MEMSUM	data_begin, data_end
	EXIT	0

	.data
	.balign	64
data_begin:
full_pairs:
	.irp	a, VALUES
	.irp	b, VALUES
	.dword	\a, \b
	.endr
	.endr
round_pairs:
	.dword	0x4004000000000000, 0x4008000000000000	/* 2.5, 3 */
	.dword	0xc004000000000000, 0x401c000000000000	/* -2.5, 7 */
	.dword	0x3fe0000000000000, 0x3fb999999999999a	/* 0.5, 0.1 */
	.dword	0xbfe0000000000000, 0xbfb999999999999a	/* -0.5, -0.1 */
	.dword	0x3ff8000000000000, 0x3fd5555555555555	/* 1.5, 1/3 */
	.dword	0xbff8000000000000, 0x3cb0000000000000	/* -1.5, 2^-52 */
	.dword	0x41dfffffffe00000, 0x3ff0000000000000	/* 2^31 - 0.5, 1 */
	.dword	0xc1e0000000100000, 0xbff0000000000000	/* -2^31 - 0.5, -1 */
	.dword	0x43e0000000000000, 0x3ff0000000000000	/* 2^63, 1 */
	.dword	0xc3e0000000000000, 0x4008000000000000	/* -2^63, 3 */
	.dword	0x43f0000000000000, 0x3fe8000000000000	/* 2^64, 0.75 */
	.dword	0x41effffffff00000, 0x0000000000000001	/* 2^32 - 0.5, min subnormal */
	.dword	0x7fefffffffffffff, 0x7fefffffffffffff	/* max, max */
	.dword	0x0010000000000000, 0x3fe0000000000001	/* min normal, 0.5 + ulp */
	.dword	0x4415af1d78b58c40, 0xc008000000000000	/* 1e20, -3 */
	.dword	0x7ff8000000000000, 0x3ff0000000000000	/* qNaN, 1 */
	.dword	0xfff0000000000000, 0x7ff0000000000000	/* -inf, inf */
	.dword	0x3ff0000000000001, 0x3ff0000000000001	/* 1 + ulp, 1 + ulp */
	.dword	0xbfeccccccccccccd, 0x3feccccccccccccd	/* -0.9, 0.9 */
int_values:
	.dword	0, 1, -1, 0x7fffffff, 0xffffffff80000000, 0xffffffff, 0x100000001
	.dword	0x7fffffffffffffff, 0x8000000000000000, 0x123456789abcdef1, 0xfffffffffffffbff, 0x20000000000001
misc:
	.dword	0x3fd5555555555555, 0x7e37e43c8800759c, 0x01a56e1fc2f8f359, 0x7ff4000000000abc
	.dword	0, 0, 0
results:
	.dword	0, 0
data_end:
