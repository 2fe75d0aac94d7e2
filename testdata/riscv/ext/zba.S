/*
 * zba: address generation.  add.uw (and zext.w), sh1add, sh2add, sh3add,
 * sh1add.uw, sh2add.uw, sh3add.uw over all pairs of 10 edge values (both
 * operand orders), slli.uw for every shift count 0..63, then 2000 rounds of
 * pseudo-random operands folded into a hash.
 */
#include "test.h"

#define EDGE 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff, 0xffffffff80000000, 0x7fffffff, 0x123456789abcdef0, 0xfedcba9876543f3f

	.option arch, +zba

.macro FOLD h, r
	slli	s10, \h, 5
	srli	s11, \h, 59
	or	\h, s10, s11
	xor	\h, \h, \r
.endm

	.text
	.globl	main
main:
	INIT_REGS
	.irp	a, EDGE
	.irp	b, EDGE
	li	s0, \a
	li	s1, \b
	add.uw	t0, s0, s1
	sh1add	t1, s0, s1
	sh2add	t2, s0, s1
	sh3add	t3, s0, s1
	sh1add.uw t4, s0, s1
	sh2add.uw t5, s0, s1
	sh3add.uw t6, s0, s1
	add.uw	a0, s1, s0
	sh1add	a1, s1, s0
	sh2add	a2, s1, s0
	sh3add	a3, s1, s0
	sh1add.uw a4, s1, s0
	sh2add.uw a5, s1, s0
	sh3add.uw a6, s1, s0
	zext.w	a7, s0
	add.uw	s2, s0, zero
	mv	s3, s0
	sh3add	s3, s3, s3		/* rd == rs1 == rs2 */
	DUMP
	.endr
	.endr

	li	s0, 0xfedcba9887654321
	.set	sh, 0
	.rept	8
	slli.uw	t0, s0, sh
	slli.uw	t1, s0, sh+1
	slli.uw	t2, s0, sh+2
	slli.uw	t3, s0, sh+3
	slli.uw	t4, s0, sh+4
	slli.uw	t5, s0, sh+5
	slli.uw	t6, s0, sh+6
	slli.uw	a0, s0, sh+7
	DUMP
	.set	sh, sh+8
	.endr

	li	s0, 0x3c6ef372fe94f82b
	li	a7, 0
	li	s9, 8
2:	li	s8, 250
3:	slli	t0, s0, 13
	xor	s0, s0, t0
	srli	t0, s0, 7
	xor	s0, s0, t0
	slli	t0, s0, 17
	xor	s0, s0, t0
	srli	s1, s0, 29
	slli	t0, s0, 35
	or	s1, s1, t0
	add.uw	t0, s0, s1
	FOLD	a7, t0
	sh1add.uw t0, s1, s0
	FOLD	a7, t0
	sh2add	t0, s0, s1
	FOLD	a7, t0
	sh3add.uw t0, s0, s1
	FOLD	a7, t0
	slli.uw	t0, s1, 7
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
