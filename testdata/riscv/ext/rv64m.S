/*
 * rv64m: multiply and divide.
 *
 *  1. mul, mulh, mulhsu (both operand orders), mulhu, div, divu, rem, remu,
 *     mulw, divw, divuw, remw, remuw over all pairs of 14 edge values,
 *     including division by zero (quotient all ones, remainder = dividend)
 *     and signed overflow (INT64_MIN / -1, INT32_MIN / -1 in the W forms)
 *  2. the div+rem and mulh+mul pairs compilers emit back to back, and
 *     destination == source register forms
 *  3. 3000 rounds of pseudo-random operands folded into a hash
 * followed by a checksum of the data area.
 */
#include "test.h"

#define EDGE 0, 1, -1, 2, -2, 3, 7, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff, 0xffffffff80000000, 0x7fffffff, 0x80000000, 0x123456789abcdef1

.macro M_OPS
	mul	t0, s0, s1
	mulh	t1, s0, s1
	mulhsu	t2, s0, s1
	mulhsu	t3, s1, s0
	mulhu	t4, s0, s1
	div	t5, s0, s1
	divu	t6, s0, s1
	rem	a0, s0, s1
	remu	a1, s0, s1
	mulw	a2, s0, s1
	divw	a3, s0, s1
	divuw	a4, s0, s1
	remw	a5, s0, s1
	remuw	a6, s0, s1
	div	a7, s1, s0
	rem	s2, s1, s0
	divw	s3, s1, s0
	remuw	s4, s1, s0
.endm

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
	M_OPS
	DUMP
	.endr
	.endr

	/* 2. fused-looking pairs, rd == rs */
	li	s0, 0x9e3779b97f4a7c15
	li	s1, 0x00000000deadbeef
	div	t0, s0, s1
	rem	t1, s0, s1
	divu	t2, s0, s1
	remu	t3, s0, s1
	mulh	t4, s0, s1
	mul	t5, s0, s1
	mulhu	t6, s0, s1
	mul	a0, s0, s1
	mv	a1, s0
	mul	a1, a1, a1
	mv	a2, s0
	mulhu	a2, a2, a2
	mv	a3, s0
	div	a3, a3, s1
	mv	a4, s1
	rem	a4, s0, a4
	mv	a5, s0
	divw	a5, a5, a5
	mv	a6, s0
	remw	a6, a6, a6
	mul	a7, s0, zero
	mulh	s2, zero, s0
	div	s3, zero, zero
	rem	s4, zero, zero
	divu	s5, s0, zero
	remu	s6, s0, zero
	divuw	s7, s0, zero
	remuw	s8, s0, zero
	DUMP

	/* 3. pseudo-random operands */
	li	s0, 0x6a09e667f3bcc908
	li	a7, 0
	li	s9, 10
2:	li	s8, 300
3:	slli	t0, s0, 13
	xor	s0, s0, t0
	srli	t0, s0, 7
	xor	s0, s0, t0
	slli	t0, s0, 17
	xor	s0, s0, t0
	srli	t0, s0, 40
	andi	t1, s0, 63
	srl	s1, s0, t1		/* divisors of every size, sometimes 0 */
	xor	s1, s1, t0
	andi	t1, s0, 0x300
	bnez	t1, 4f
	li	s1, 0
4:	mul	t0, s0, s1
	FOLD	a7, t0
	mulh	t0, s0, s1
	FOLD	a7, t0
	mulhsu	t0, s0, s1
	FOLD	a7, t0
	mulhu	t0, s0, s1
	FOLD	a7, t0
	div	t0, s0, s1
	FOLD	a7, t0
	divu	t0, s0, s1
	FOLD	a7, t0
	rem	t0, s0, s1
	FOLD	a7, t0
	remu	t0, s0, s1
	FOLD	a7, t0
	mulw	t0, s0, s1
	FOLD	a7, t0
	divw	t0, s0, s1
	FOLD	a7, t0
	divuw	t0, s0, s1
	FOLD	a7, t0
	remw	t0, s0, s1
	FOLD	a7, t0
	remuw	t0, s0, s1
	FOLD	a7, t0
	addi	s8, s8, -1
	bnez	s8, 3b
	la	t0, results
	addi	t1, s9, -1
	slli	t1, t1, 3
	add	t0, t0, t1
	sd	a7, 0(t0)
	DUMP
	addi	s9, s9, -1
	bnez	s9, 2b

	MEMSUM	data_begin, data_end
	EXIT	0

	.data
	.balign	64
data_begin:
results:
	.fill	10, 8, 0
data_end:
