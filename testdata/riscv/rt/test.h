/*
 * Macros for the hand-written checkpoint programs in ../ext (preprocessed
 * assembly, `#include "test.h"`).
 *
 *   DUMP            dump all architectural state (rt/dump.S); preserves all
 *   INIT_REGS       give x1, x4..x31 (not sp, gp) and f0..f31, fcsr fixed values
 *   MEMSUM beg,end  print an FNV-1a checksum of [beg, end) (clobbers regs)
 *   EXIT code       exit_group(code)
 *   LI64 reg, imm   li that always works for 64-bit constants
 */
#ifndef TCIEMU_RT_TEST_H
#define TCIEMU_RT_TEST_H

	.option norelax

.macro DUMP
	addi	sp, sp, -16
	sd	ra, 0(sp)
	jal	ra, dump_state
	ld	ra, 0(sp)
	addi	sp, sp, 16
.endm

.macro INIT_REGS
	li	x1, 0
	li	x4, 0
	li	x5, 0
	li	x6, 0
	li	x7, 0
	li	x8, 0
	li	x9, 0
	li	x10, 0
	li	x11, 0
	li	x12, 0
	li	x13, 0
	li	x14, 0
	li	x15, 0
	li	x16, 0
	li	x17, 0
	li	x18, 0
	li	x19, 0
	li	x20, 0
	li	x21, 0
	li	x22, 0
	li	x23, 0
	li	x24, 0
	li	x25, 0
	li	x26, 0
	li	x27, 0
	li	x28, 0
	li	x29, 0
	li	x30, 0
	li	x31, 0
	.irp	r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fmv.d.x	f\r, x0
	.endr
	fscsr	x0
.endm

.macro MEMSUM beg, end
	la	a0, \beg
	la	a1, \end
	call	dump_memsum
.endm

.macro EXIT code
	li	a0, \code
	li	a7, 94
	ecall
.endm

#endif
