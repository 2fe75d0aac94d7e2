/*
 * Shared macros for rv64f.S and rv64d.S (P = s or d).  Not a program.
 *
 * After every FP operation FL appends its 5 exception flags to a log
 * register (log = log << 5 | fflags) and clears fflags, so each checkpoint
 * shows exactly which operation raised what.  12 operations fit in a log.
 */
#ifndef TCIEMU_FP_H
#define TCIEMU_FP_H

.macro FL log
	fsflags	t6, x0
	slli	\log, \log, 5
	or	\log, \log, t6
.endm

/* rounding-mode dependent operations on f0, f1: 18 ops, logs s10 and s11 */
.macro FP_ROUND P, rm
	li	s10, 0
	li	s11, 0
	fsflags	x0
	fadd.\P	f2, f0, f1, \rm
	FL	s10
	fsub.\P	f3, f0, f1, \rm
	FL	s10
	fmul.\P	f4, f0, f1, \rm
	FL	s10
	fdiv.\P	f5, f0, f1, \rm
	FL	s10
	fsqrt.\P f6, f0, \rm
	FL	s10
	fmadd.\P f7, f0, f1, f0, \rm
	FL	s10
	fmsub.\P f8, f0, f1, f1, \rm
	FL	s10
	fnmadd.\P f9, f1, f0, f0, \rm
	FL	s10
	fnmsub.\P f10, f0, f0, f1, \rm
	FL	s10
	fcvt.w.\P a0, f0, \rm
	FL	s10
	fcvt.wu.\P a1, f0, \rm
	FL	s10
	fcvt.l.\P a2, f0, \rm
	FL	s10
	fcvt.lu.\P a3, f0, \rm
	FL	s11
	fcvt.w.\P a4, f1, \rm
	FL	s11
	fcvt.l.\P a5, f1, \rm
	FL	s11
	fsqrt.\P f11, f1, \rm
	FL	s11
	fdiv.\P	f12, f1, f0, \rm
	FL	s11
	fsub.\P	f13, f1, f0, \rm
	FL	s11
	fmadd.\P f14, f1, f1, f0, \rm
	FL	s11
	fnmsub.\P f15, f1, f0, f1, \rm
	FL	s11
.endm

/* rounding-mode independent operations on f0, f1: log s9; X = w or d (fmv) */
.macro FP_EXACT P, X
	li	s9, 0
	fmin.\P	f16, f0, f1
	FL	s9
	fmax.\P	f17, f0, f1
	FL	s9
	fsgnj.\P f18, f0, f1
	FL	s9
	fsgnjn.\P f19, f0, f1
	FL	s9
	fsgnjx.\P f20, f0, f1
	FL	s9
	feq.\P	a6, f0, f1
	FL	s9
	flt.\P	a7, f0, f1
	FL	s9
	fle.\P	s2, f0, f1
	FL	s9
	flt.\P	s3, f1, f0
	FL	s9
	fle.\P	s4, f1, f0
	FL	s9
	fclass.\P s5, f0
	FL	s9
	fclass.\P s6, f1
	FL	s9
	fmv.x.\X s7, f0
	fmv.\X\().x f21, s7
	fsgnjn.\P f22, f0, f0		/* fneg */
	fsgnjx.\P f23, f0, f0		/* fabs */
	fmax.\P	f24, f1, f0
	fmin.\P	f25, f1, f0
	feq.\P	s8, f1, f1
.endm

/* integer -> FP conversions of s2 with rounding mode rm into f(base..base+3) */
.macro FP_FROM_INT P, rm, rmnum, d0, d1, d2, d3, log
.ifc \P, d
	/* fcvt.d.w / fcvt.d.wu are exact; binutils 2.40 won't take an rm operand */
	.insn	r 0x53, \rmnum, 0x69, \d0, s2, x0
	FL	\log
	.insn	r 0x53, \rmnum, 0x69, \d1, s2, x1
	FL	\log
.else
	fcvt.\P\().w	\d0, s2, \rm
	FL	\log
	fcvt.\P\().wu	\d1, s2, \rm
	FL	\log
.endif
	fcvt.\P\().l	\d2, s2, \rm
	FL	\log
	fcvt.\P\().lu	\d3, s2, \rm
	FL	\log
.endm

.macro FP_FROM_INT_ALL P
	li	s10, 0
	li	s11, 0
	fsflags	x0
	FP_FROM_INT \P, rne, 0, f2, f3, f4, f5, s10
	FP_FROM_INT \P, rtz, 1, f6, f7, f8, f9, s10
	FP_FROM_INT \P, rdn, 2, f10, f11, f12, f13, s10
	FP_FROM_INT \P, rup, 3, f14, f15, f16, f17, s11
	FP_FROM_INT \P, rmm, 4, f18, f19, f20, f21, s11
	FP_FROM_INT \P, dyn, 7, f22, f23, f24, f25, s11
.endm

/* loop over a table of (a, b) operand pairs at s0, count s1, element load LD, size SZ */
.macro PAIR_LOOP LD, SZ, table, count, body:vararg
	la	s0, \table
	li	s1, \count
77:	\LD	f0, 0(s0)
	\LD	f1, \SZ(s0)
	\body
	DUMP
	addi	s0, s0, 2*\SZ
	addi	s1, s1, -1
	bnez	s1, 77b
.endm

#endif
