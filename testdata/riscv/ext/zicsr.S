/*
 * zicsr: the CSR instructions on the user-mode floating-point CSRs, and the
 * counters.
 *
 *  1. csrrw/csrrs/csrrc and the immediate forms on fflags (0x001), frm
 *     (0x002), fcsr (0x003): old value returned, new value, bits beyond the
 *     field width ignored, rd = x0 (no read) and rs1 = x0 / uimm = 0 (no
 *     write) forms, fflags/frm being views of fcsr
 *  2. the pseudo-instructions frcsr/fscsr/frrm/fsrm/frflags/fsflags/fsrmi/
 *     fsflagsi, and FP operations accumulating (OR-ing) into fflags
 *  3. the dynamic rounding mode following frm writes made through fcsr
 *  4. rdcycle/rdtime/rdinstret: only that they can be read and do not go
 *     backwards is recorded (their values are not deterministic)
 * followed by a checksum of the data area.
 */
#include "test.h"

	.text
	.globl	main
main:
	INIT_REGS

	/* 1. register forms */
	li	s0, 0xff
	li	s1, -1
	li	s2, 0x15
	csrrw	t0, fcsr, s0		/* t0 = 0, fcsr = 0xff */
	csrrs	t1, fcsr, x0		/* read only: 0xff */
	csrrw	t2, fflags, s1		/* old flags 0x1f, writes 0x1f */
	csrrw	t3, frm, s1		/* old frm 7, writes 7 */
	csrrc	t4, fcsr, s2		/* clears bits 0, 2, 4 */
	csrr	t5, fcsr
	csrrs	t6, frm, x0
	csrrc	a0, fflags, s1		/* clear all flags */
	csrr	a1, fcsr
	csrrw	a2, fcsr, x0
	csrrs	a3, fflags, s2
	csrrs	a4, frm, s2		/* 0x15 & 7 = 5 */
	csrr	a5, fcsr
	csrrw	x0, fcsr, s1		/* rd = x0: write only */
	csrr	a6, fcsr
	csrrc	x0, fcsr, s1
	csrr	a7, fcsr
	DUMP

	/* immediate forms */
	csrrwi	t0, fcsr, 0x1f
	csrrsi	t1, frm, 3
	csrrci	t2, fflags, 0x0a
	csrrsi	t3, fcsr, 0		/* uimm 0: no write */
	csrrci	t4, fcsr, 0
	csrrwi	t5, frm, 0x1d		/* 0x1d & 7 = 5 */
	csrr	t6, fcsr
	csrrwi	a0, fflags, 0
	csrrsi	a1, fflags, 0x11
	csrr	a2, fcsr
	csrrci	a3, frm, 4
	csrr	a4, fcsr
	csrrwi	x0, fcsr, 0
	csrr	a5, fcsr
	DUMP

	/* 2. pseudo-instructions */
	li	s0, 0x81
	fscsr	t0, s0			/* t0 = old fcsr (0) */
	frcsr	t1
	frrm	t2
	frflags	t3
	fsrm	t4, s2			/* frm = 5 */
	fsflags	t5, s2			/* fflags = 0x15 */
	frcsr	t6
	fsrmi	a0, 1
	fsflagsi a1, 2
	frcsr	a2
	fsrmi	0
	fsflagsi 0
	frcsr	a3
	DUMP

	/* flags accumulate */
	la	s0, fvals
	fld	f0, 0(s0)		/* 1.0 */
	fld	f1, 8(s0)		/* 3.0 */
	fld	f2, 16(s0)		/* 0.0 */
	fld	f3, 24(s0)		/* max */
	fdiv.d	f4, f0, f1		/* NX */
	frflags	t0
	fdiv.d	f5, f0, f2		/* DZ */
	frflags	t1
	fmul.d	f6, f3, f3		/* OF NX */
	frflags	t2
	fsqrt.d	f7, f1			/* NX */
	fdiv.d	f8, f2, f2		/* NV */
	frflags	t3
	fadd.d	f9, f0, f0		/* exact: flags unchanged */
	frflags	t4
	fsflags	x0
	fadd.d	f10, f0, f0
	frflags	t5
	DUMP

	/* 3. dynamic rounding via frm / fcsr writes */
	li	s1, 0
1:	slli	t0, s1, 5
	fscsr	t0			/* frm = s1, flags = 0 */
	fdiv.d	f11, f0, f1		/* 1/3 in mode s1 */
	fneg.d	f12, f0
	fdiv.d	f12, f12, f1		/* -1/3 */
	fcvt.l.d t1, f1			/* dyn: fcvt uses frm too */
	fdiv.d	f13, f1, f0
	fcvt.w.d t2, f11, dyn
	frcsr	t3
	fmv.x.d	t4, f11
	fmv.x.d	t5, f12
	DUMP
	addi	s1, s1, 1
	li	t0, 5
	blt	s1, t0, 1b
	fscsr	x0

	/* 4. counters: monotonic, readable */
	rdcycle	s0
	rdtime	s1
	rdinstret s2
	li	t0, 1000
2:	addi	t0, t0, -1
	bnez	t0, 2b
	rdcycle	s3
	rdtime	s4
	rdinstret s5
	csrr	s6, cycle
	csrr	s7, time
	csrr	s8, instret
	sltu	a0, s3, s0		/* 0: did not go backwards */
	sltu	a1, s4, s1
	sltu	a2, s5, s2
	sltu	a3, s6, s3
	sltu	a4, s7, s4
	sltu	a5, s8, s5
	li	s0, 0
	li	s1, 0
	li	s2, 0
	li	s3, 0
	li	s4, 0
	li	s5, 0
	li	s6, 0
	li	s7, 0
	li	s8, 0
	DUMP

	la	s0, saved
	frcsr	t0
	sd	t0, 0(s0)
	MEMSUM	data_begin, data_end
	EXIT	0

	.data
	.balign	64
data_begin:
fvals:
	.dword	0x3ff0000000000000, 0x4008000000000000, 0, 0x7fefffffffffffff
saved:
	.dword	0
data_end:
