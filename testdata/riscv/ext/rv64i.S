/*
 * rv64i: the RV64I base integer ISA, 32-bit encodings only (.option norvc).
 *
 *  1. every register-register op (incl. *W) and all six branches over all
 *     pairs of 10 edge values: 0, 1, -1, INT64_MIN, INT64_MAX, 0xffffffff,
 *     INT32_MIN (sign-extended), INT32_MAX, and two bit patterns
 *  2. every register-immediate op over the edge values and immediates
 *     -2048, -1, 0, 1, 0x555, 2047
 *  3. slli/srli/srai for shift counts 0..63, slliw/srliw/sraiw for 0..31
 *  4. lui / auipc (sign extension of bit 31 on RV64)
 *  5. loads and stores of every width, signed and unsigned, +/- offsets
 *  6. jal / jalr links, jalr clearing bit 0, rd == rs1
 *  7. writes to x0, fences, ecall with an unknown syscall number (-ENOSYS)
 *  8. 2000 rounds of pseudo-random operands through all ops, folded into
 *     a hash, checkpoint every 250 rounds
 * followed by a checksum of the data area.
 */
#include "test.h"

#define EDGE 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff, 0xffffffff80000000, 0x7fffffff, 0x123456789abcdef0, 0xfedcba9876543f3f

	.option norvc

/* results of all R-type ops of s0, s1 (+ a branch mask in s2) */
.macro RR_OPS
	add	t0, s0, s1
	sub	t1, s0, s1
	sll	t2, s0, s1
	slt	t3, s0, s1
	sltu	t4, s0, s1
	xor	t5, s0, s1
	srl	t6, s0, s1
	sra	a0, s0, s1
	or	a1, s0, s1
	and	a2, s0, s1
	addw	a3, s0, s1
	subw	a4, s0, s1
	sllw	a5, s0, s1
	srlw	a6, s0, s1
	sraw	a7, s0, s1
	slt	s3, s1, s0
	sltu	s4, s1, s0
	sub	s5, s1, s0
	/* branch outcome mask: bit per branch */
	li	s2, 0
	beq	s0, s1, 1f
	ori	s2, s2, 1
1:	bne	s0, s1, 1f
	ori	s2, s2, 2
1:	blt	s0, s1, 1f
	ori	s2, s2, 4
1:	bge	s0, s1, 1f
	ori	s2, s2, 8
1:	bltu	s0, s1, 1f
	ori	s2, s2, 16
1:	bgeu	s0, s1, 1f
	ori	s2, s2, 32
1:	blt	s1, s0, 1f
	ori	s2, s2, 64
1:	bgeu	s1, s0, 1f
	ori	s2, s2, 128
1:
.endm

.macro RI_OPS imm
	addi	t0, s0, \imm
	slti	t1, s0, \imm
	sltiu	t2, s0, \imm
	xori	t3, s0, \imm
	ori	t4, s0, \imm
	andi	t5, s0, \imm
	addiw	t6, s0, \imm
.endm

/* h = rotl(h, 5) ^ r   (RV64I only) */
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
	DUMP				/* initial state */

	/* 1. register-register ops and branches over all pairs */
	.irp	a, EDGE
	.irp	b, EDGE
	li	s0, \a
	li	s1, \b
	RR_OPS
	DUMP
	.endr
	.endr

	/* 2. register-immediate ops */
	.irp	a, EDGE
	li	s0, \a
	RI_OPS	-2048
	mv	a0, t0
	mv	a1, t1
	mv	a2, t2
	mv	a3, t3
	mv	a4, t4
	mv	a5, t5
	mv	a6, t6
	RI_OPS	-1
	mv	s1, t0
	mv	s2, t1
	mv	s3, t2
	mv	s4, t3
	mv	s5, t4
	mv	s6, t5
	mv	s7, t6
	RI_OPS	0
	mv	s8, t0
	mv	s9, t1
	mv	s10, t2
	mv	s11, t3
	mv	a7, t4
	mv	ra, t5
	mv	tp, t6
	DUMP
	RI_OPS	1
	mv	a0, t0
	mv	a1, t1
	mv	a2, t2
	mv	a3, t3
	mv	a4, t4
	mv	a5, t5
	mv	a6, t6
	RI_OPS	0x555
	mv	s1, t0
	mv	s2, t1
	mv	s3, t2
	mv	s4, t3
	mv	s5, t4
	mv	s6, t5
	mv	s7, t6
	RI_OPS	2047
	DUMP
	.endr

	/* 3. shift-immediates, every shift count */
	li	s0, 0x8123456789abcdef
	li	s1, 0x7edcba9876543210
	.set	sh, 0
	.rept	16
	slli	t0, s0, sh
	srli	t1, s0, sh
	srai	t2, s0, sh
	slli	t3, s1, sh
	srli	t4, s1, sh
	srai	t5, s1, sh
	slli	t6, s0, sh+1
	srli	a0, s0, sh+1
	srai	a1, s0, sh+1
	slli	a2, s1, sh+1
	srli	a3, s1, sh+1
	srai	a4, s1, sh+1
	slli	a5, s0, sh+2
	srli	a6, s0, sh+2
	srai	a7, s0, sh+2
	slli	s2, s1, sh+2
	srli	s3, s1, sh+2
	srai	s4, s1, sh+2
	slli	s5, s0, sh+3
	srli	s6, s0, sh+3
	srai	s7, s0, sh+3
	slli	s8, s1, sh+3
	srli	s9, s1, sh+3
	srai	s10, s1, sh+3
	DUMP
	.set	sh, sh+4
	.endr
	li	s0, 0x00000000876543ff
	li	s1, 0xffffffff7edcba98
	.set	sh, 0
	.rept	8
	slliw	t0, s0, sh
	srliw	t1, s0, sh
	sraiw	t2, s0, sh
	slliw	t3, s1, sh
	srliw	t4, s1, sh
	sraiw	t5, s1, sh
	slliw	t6, s0, sh+1
	srliw	a0, s0, sh+1
	sraiw	a1, s0, sh+1
	slliw	a2, s1, sh+1
	srliw	a3, s1, sh+1
	sraiw	a4, s1, sh+1
	slliw	a5, s0, sh+2
	srliw	a6, s0, sh+2
	sraiw	a7, s0, sh+2
	slliw	s2, s1, sh+2
	srliw	s3, s1, sh+2
	sraiw	s4, s1, sh+2
	slliw	s5, s0, sh+3
	srliw	s6, s0, sh+3
	sraiw	s7, s0, sh+3
	slliw	s8, s1, sh+3
	srliw	s9, s1, sh+3
	sraiw	s10, s1, sh+3
	DUMP
	.set	sh, sh+4
	.endr
	/* shift amount from a register: only the low 6 (5 for *W) bits count */
	li	s0, 0x8123456789abcdef
	li	s1, 64
	sll	t0, s0, s1
	srl	t1, s0, s1
	sra	t2, s0, s1
	sllw	t3, s0, s1
	li	s1, 65
	sll	t4, s0, s1
	srl	t5, s0, s1
	sra	t6, s0, s1
	li	s1, 32
	sllw	a0, s0, s1
	srlw	a1, s0, s1
	sraw	a2, s0, s1
	li	s1, -1
	sll	a3, s0, s1
	srl	a4, s0, s1
	sra	a5, s0, s1
	sllw	a6, s0, s1
	srlw	a7, s0, s1
	sraw	s2, s0, s1
	DUMP

	/* 4. lui / auipc */
	lui	t0, 0
	lui	t1, 1
	lui	t2, 0x7ffff
	lui	t3, 0x80000
	lui	t4, 0xfffff
	lui	t5, 0x12345
	lui	t6, 0xabcde
	auipc	a0, 0
	auipc	a1, 1
	auipc	a2, 0x7ffff
	auipc	a3, 0x80000
	auipc	a4, 0xfffff
	DUMP

	/* 5. loads and stores */
	la	s0, ldst_area
	addi	s1, s0, 64
	lb	t0, 0(s0)
	lbu	t1, 0(s0)
	lb	t2, 1(s0)
	lbu	t3, 1(s0)
	lh	t4, 2(s0)
	lhu	t5, 2(s0)
	lh	t6, 4(s0)
	lhu	a0, 4(s0)
	lw	a1, 8(s0)
	lwu	a2, 8(s0)
	lw	a3, 12(s0)
	lwu	a4, 12(s0)
	ld	a5, 16(s0)
	ld	a6, 24(s0)
	lb	a7, -64(s1)
	lh	s2, -62(s1)
	lw	s3, -56(s1)
	ld	s4, -48(s1)
	lbu	s5, -1(s1)
	lhu	s6, -2(s1)
	lwu	s7, -4(s1)
	ld	s8, -8(s1)
	DUMP
	la	s0, store_area
	li	t0, 0x8899aabbccddeeff
	li	t1, -1
	li	t2, 0x0123456789abcdef
	sb	t0, 0(s0)
	sb	t1, 1(s0)
	sh	t0, 2(s0)
	sh	t2, 4(s0)
	sw	t0, 8(s0)
	sw	t2, 12(s0)
	sd	t0, 16(s0)
	sd	t2, 24(s0)
	addi	s1, s0, 2047
	sd	t1, -2015(s1)		/* store_area + 32 */
	sw	t2, -2007(s1)		/* +40 */
	sh	t2, -2003(s1)		/* +44 */
	sb	t2, -2001(s1)		/* +46 */
	sb	zero, -2000(s1)		/* +47 */
	addi	s2, s0, -2047
	sd	t2, 2047(s2)		/* overwrites +0..7, max positive offset */
	ld	a0, 0(s0)
	ld	a1, 8(s0)
	ld	a2, 16(s0)
	ld	a3, 24(s0)
	ld	a4, 32(s0)
	ld	a5, 40(s0)
	lb	a6, 47(s0)
	lw	a7, 44(s0)
	/* load into the base register, store the base register */
	mv	s3, s0
	ld	s3, 8(s3)
	sd	s0, 48(s0)
	ld	s4, 48(s0)
	sub	s4, s4, s0		/* 0 */
	DUMP

	/* 6. jal / jalr (absolute links are deterministic: static, non-PIE) */
	jal	t0, 1f
	li	t1, 111			/* skipped */
1:	auipc	t2, 0
	sub	t0, t2, t0		/* 4: link is the jal's pc + 4 */
	la	s0, 1f
	jalr	t3, 0(s0)
	li	t1, 222
1:	la	s0, 1f + 1		/* bit 0 of the target is cleared */
	jalr	t4, 0(s0)
	li	t1, 333
1:	la	s0, 1f - 8
	jalr	t5, 8(s0)
	li	t1, 444
1:	la	t6, 1f
	jalr	t6, 0(t6)		/* rd == rs1: target uses the old value */
	li	t1, 555
1:	sub	a0, t4, t3
	sub	a1, t5, t3
	sub	a2, t6, t3
	jal	x0, 1f			/* plain jump */
	li	t1, 666
1:	jal	s3, jback
	auipc	a3, 0
	sub	a3, a3, s3		/* 0 */
	DUMP

	/* 7. x0, fences, ecall */
	addi	x0, x0, 5
	lui	x0, 0x12345
	add	x0, sp, sp
	addi	t0, x0, 7
	add	t1, x0, x0
	sub	t2, x0, t0
	fence
	fence	rw, rw
	fence	r, r
	fence	w, w
	fence.tso
	.word	0x0100000f		/* pause (Zihintpause hint: fence w, 0) */
	li	a7, 999			/* no such syscall */
	li	a0, 1
	li	a1, 2
	ecall				/* a0 = -ENOSYS */
	mv	t3, a0
	DUMP

	/* 8. pseudo-random operands */
	li	s0, 0x243f6a8885a308d3	/* xorshift state */
	li	a7, 0			/* hash */
	li	s9, 8			/* outer: checkpoints */
2:	li	s8, 250			/* inner: rounds */
3:	slli	t0, s0, 13
	xor	s0, s0, t0
	srli	t0, s0, 7
	xor	s0, s0, t0
	slli	t0, s0, 17
	xor	s0, s0, t0
	mv	s1, s0
	srli	t0, s0, 32
	andi	t1, s0, 7
	slli	t1, t1, 3
	srl	s1, s1, t1		/* vary magnitudes */
	xor	s1, s1, t0
	add	t0, s0, s1
	FOLD	a7, t0
	sub	t0, s0, s1
	FOLD	a7, t0
	sll	t0, s0, s1
	FOLD	a7, t0
	srl	t0, s0, s1
	FOLD	a7, t0
	sra	t0, s0, s1
	FOLD	a7, t0
	slt	t0, s0, s1
	FOLD	a7, t0
	sltu	t0, s1, s0
	FOLD	a7, t0
	addw	t0, s0, s1
	FOLD	a7, t0
	subw	t0, s0, s1
	FOLD	a7, t0
	sllw	t0, s0, s1
	FOLD	a7, t0
	srlw	t0, s0, s1
	FOLD	a7, t0
	sraw	t0, s0, s1
	FOLD	a7, t0
	addiw	t0, s1, -1234
	FOLD	a7, t0
	srai	t0, s1, 37
	FOLD	a7, t0
	la	t1, store_area
	andi	t2, s0, 56
	add	t1, t1, t2
	sd	s1, 0(t1)
	lw	t0, 4(t1)
	FOLD	a7, t0
	lhu	t0, 2(t1)
	FOLD	a7, t0
	lb	t0, 7(t1)
	FOLD	a7, t0
	addi	s8, s8, -1
	bnez	s8, 3b
	DUMP
	addi	s9, s9, -1
	bnez	s9, 2b

	MEMSUM	data_begin, data_end
	EXIT	0

jback:
	jalr	x0, 0(s3)

	.data
	.balign	64
data_begin:
ldst_area:
	.byte	0x80, 0x7f, 0xff, 0x7f, 0x00, 0x80, 0x11, 0x22
	.word	0x80000000, 0x7fffffff
	.dword	0x8000000000000001, 0xfedcba9876543210
	.dword	0x0102030405060708, 0xf1f2f3f4f5f6f7f8
	.dword	0xdeadbeefcafebabe, 0x5555aaaa3333cccc
	.dword	0x0f0e0d0c0b0a0908, 0xff80ff807f007f00
store_area:
	.fill	64, 1, 0xa5
data_end:
