/*
 * zbs: single-bit instructions.  bclr, bext, binv, bset with the index in a
 * register (0, 1, 31, 32, 63, and 64, 65, -1 where only the low 6 bits
 * count) over 10 edge values; bclri, bexti, binvi, bseti for every index
 * 0..63; then 2000 rounds of pseudo-random operands folded into a hash.
 */
#include "test.h"

#define EDGE 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff, 0xffffffff80000000, 0x7fffffff, 0x123456789abcdef0, 0x00f0000080008001

	.option arch, +zbs

.macro BITS4 i0, i1, i2, i3
	li	s1, \i0
	bclr	t0, s0, s1
	bext	t1, s0, s1
	binv	t2, s0, s1
	bset	t3, s0, s1
	li	s2, \i1
	bclr	t4, s0, s2
	bext	t5, s0, s2
	binv	t6, s0, s2
	bset	a0, s0, s2
	li	s3, \i2
	bclr	a1, s0, s3
	bext	a2, s0, s3
	binv	a3, s0, s3
	bset	a4, s0, s3
	li	s4, \i3
	bclr	a5, s0, s4
	bext	a6, s0, s4
	binv	a7, s0, s4
	bset	s5, s0, s4
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
	li	s0, \a
	BITS4	0, 1, 31, 32
	DUMP
	BITS4	63, 64, 65, -1
	DUMP
	.endr

	li	s0, 0x8123456789abcdef
	.set	i, 0
	.rept	16
	bclri	t0, s0, i
	bexti	t1, s0, i
	binvi	t2, s0, i
	bseti	t3, s0, i
	bclri	t4, s0, i+1
	bexti	t5, s0, i+1
	binvi	t6, s0, i+1
	bseti	a0, s0, i+1
	bclri	a1, s0, i+2
	bexti	a2, s0, i+2
	binvi	a3, s0, i+2
	bseti	a4, s0, i+2
	bclri	a5, s0, i+3
	bexti	a6, s0, i+3
	binvi	a7, s0, i+3
	bseti	s2, s0, i+3
	DUMP
	.set	i, i+4
	.endr

	li	s0, 0xa54ff53a5f1d36f1
	li	a7, 0
	li	s9, 8
2:	li	s8, 250
3:	slli	t0, s0, 13
	xor	s0, s0, t0
	srli	t0, s0, 7
	xor	s0, s0, t0
	slli	t0, s0, 17
	xor	s0, s0, t0
	srli	s1, s0, 50		/* index, often >= 64 */
	bclr	t0, s0, s1
	FOLD	a7, t0
	bext	t0, s0, s1
	FOLD	a7, t0
	binv	t0, s0, s1
	FOLD	a7, t0
	bset	t0, s0, s1
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
