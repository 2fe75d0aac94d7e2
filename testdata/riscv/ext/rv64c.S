/*
 * rv64c: every RV64C instruction, written with explicit c.* mnemonics so
 * that the 16-bit encodings are what runs:
 *   c.addi4spn c.fld c.lw c.ld c.fsd c.sw c.sd c.nop c.addi c.addiw c.li
 *   c.addi16sp c.lui c.srli c.srai c.andi c.sub c.xor c.or c.and c.subw
 *   c.addw c.j c.beqz c.bnez c.slli c.fldsp c.lwsp c.ldsp c.jr c.mv c.jalr
 *   c.add c.fsdsp c.swsp c.sdsp
 * with immediates at the ends of their ranges (sign extension of c.li,
 * c.addi, c.lui, c.andi; 6-bit shift amounts incl. 32..63; scaled unsigned
 * offsets up to 124/248/252/504/1020), register-register ops over all pairs
 * of 8 edge values, c.beqz/c.bnez taken and not taken in both directions,
 * the link of c.jalr (pc + 2), and loops written in compressed code only.
 * c.ebreak is left out (it would stop the program with SIGTRAP).
 */
#include "test.h"

	.option rvc

#define EDGE 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff, 0xffffffff80000000, 0x123456789abcdef0

	.text
	.globl	main
main:
	INIT_REGS

	/* 1. immediates */
	c.li	a0, 31
	c.li	a1, -32
	c.li	a2, 0
	c.addi	a0, -32
	c.addi	a1, 31
	c.addi	a3, 1
	c.addiw	a2, -1
	c.lui	a4, 1
	c.lui	a5, 0x1f		/* 0x1f000 */
	c.lui	s0, 0xfffe0		/* -0x20000 */
	c.lui	s1, 0xfffff		/* -0x1000 */
	c.li	t0, -1
	c.addiw	t0, 0			/* sext.w */
	c.lui	t1, 0x10
	c.addiw	t1, 31
	c.nop
	DUMP

	/* 2. shifts and immediate ALU ops on each edge value */
	.irp	v, EDGE
	li	t0, \v
	c.mv	s0, t0
	c.mv	s1, t0
	c.mv	a0, t0
	c.mv	a1, t0
	c.mv	a2, t0
	c.mv	a3, t0
	c.mv	a4, t0
	c.mv	a5, t0
	c.srli	s0, 1
	c.srli	s1, 63
	c.srai	a0, 1
	c.srai	a1, 32
	c.andi	a2, -1
	c.andi	a3, 0x15
	c.andi	a4, -32
	c.srli	a5, 32
	c.mv	t1, t0
	c.slli	t1, 1
	c.mv	t2, t0
	c.slli	t2, 63
	c.mv	t3, t0
	c.slli	t3, 32
	c.mv	t4, t0
	c.addi	t4, -1
	c.mv	t5, t0
	c.addiw	t5, 1
	c.mv	t6, t0
	c.addiw	t6, -32
	DUMP
	.endr

	/* 3. register-register ops and branches on all pairs */
	.irp	a, EDGE
	.irp	b, EDGE
	li	t0, \a
	li	t1, \b
	c.mv	s0, t0
	c.mv	s1, t1
	c.mv	a0, t0
	c.sub	a0, s1
	c.mv	a1, t0
	c.xor	a1, s1
	c.mv	a2, t0
	c.or	a2, s1
	c.mv	a3, t0
	c.and	a3, s1
	c.mv	a4, t0
	c.subw	a4, s1
	c.mv	a5, t0
	c.addw	a5, s1
	c.mv	t2, t0
	c.add	t2, t1
	c.mv	t3, t1
	c.add	t3, t3
	c.li	t4, 0
	c.beqz	s0, 1f
	c.addi	t4, 1
1:	c.bnez	s0, 1f
	c.addi	t4, 2
1:	c.bnez	s1, 1f
	c.addi	t4, 4
1:	c.beqz	s1, 1f
	c.addi	t4, 8
1:	DUMP
	.endr
	.endr

	/* 4. loads and stores with register base */
	la	s0, cdata
	la	s1, cstore
	c.lw	a0, 0(s0)
	c.lw	a1, 124(s0)
	c.ld	a2, 0(s0)
	c.ld	a3, 248(s0)
	c.fld	fa0, 8(s0)
	c.fld	fa1, 248(s0)
	c.lw	a4, 4(s0)
	c.ld	a5, 120(s0)
	c.sw	a1, 0(s1)
	c.sw	a0, 124(s1)
	c.sd	a3, 8(s1)
	c.sd	a2, 248(s1)
	c.fsd	fa0, 16(s1)
	c.fsd	fa1, 240(s1)
	c.sw	a4, 32(s1)
	c.sd	a5, 40(s1)
	c.lw	a0, 124(s1)
	c.ld	a1, 8(s1)
	c.fld	fa2, 240(s1)
	DUMP

	/* 5. stack-pointer based */
	c.addi16sp sp, -512
	c.addi4spn s0, sp, 4
	c.addi4spn s1, sp, 1020
	li	t0, 0x0123456789abcdef
	li	t1, 0xfedcba9876543210
	c.sdsp	t0, 0(sp)
	c.sdsp	t1, 504(sp)
	c.swsp	t1, 252(sp)
	c.swsp	t0, 8(sp)
	c.fsdsp	fa0, 16(sp)
	c.fsdsp	fa1, 496(sp)
	c.ldsp	a0, 0(sp)
	c.ldsp	a1, 504(sp)
	c.lwsp	a2, 252(sp)
	c.lwsp	a3, 8(sp)
	c.fldsp	fa2, 16(sp)
	c.fldsp	fa3, 496(sp)
	c.ldsp	a4, 8(sp)
	sub	a5, s1, s0		/* 1016 */
	c.addi16sp sp, 496
	c.addi16sp sp, 16
	DUMP

	/* 6. jumps, links and compressed-only loops */
	c.li	a0, 0
	c.li	a1, 0
	c.li	a2, 0
	c.j	1f
	c.li	a0, 1			/* skipped */
1:	la	t0, 2f
	c.jr	t0
	c.li	a1, 1			/* skipped */
2:	la	t1, 3f
	c.jalr	t1			/* ra = address of the next instruction */
	c.li	a2, 1			/* skipped */
3:	auipc	t2, 0
	sub	t2, t2, ra		/* 2 */
	c.li	a3, 10
	c.li	a4, 0
4:	c.add	a4, a3
	c.addi	a3, -1
	c.bnez	a3, 4b			/* a4 = 55 */
	c.li	a5, 3
5:	c.addi	a5, -1
	c.beqz	a5, 6f
	c.j	5b
6:	c.li	s0, 1			/* xorshift in compressed code */
	c.li	s1, 0
	li	a3, 1000
7:	c.mv	a0, s0
	c.slli	a0, 13
	c.xor	s0, a0
	c.mv	a0, s0
	c.srli	a0, 7
	c.xor	s0, a0
	c.mv	a0, s0
	c.slli	a0, 17
	c.xor	s0, a0
	c.add	s1, s0
	c.addi	a3, -1
	c.bnez	a3, 7b
	DUMP

	MEMSUM	data_begin, data_end
	EXIT	0

	.data
	.balign	64
data_begin:
cdata:
	.set	k, 0
	.rept	32
	.dword	0x0101010101010101 * k + 0x8040201008040201
	.set	k, k+1
	.endr
cstore:
	.fill	256, 1, 0x5a
data_end:
