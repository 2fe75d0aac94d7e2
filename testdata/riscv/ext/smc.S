/*
 * smc: self-modifying code.
 *
 * A. The program's own text: the page holding `patchme` is made writable
 *    with mprotect(RWX), then the first instruction of `patchme`
 *    (addi a0, x0, 1) is rewritten and the function called again
 *      - with fence.i                      -> the new instruction runs
 *      - without fence.i                   -> the new instruction runs too:
 *        qemu-riscv64 (user mode) notices stores to pages holding translated
 *        code and drops those translations
 *      - 100 times in a loop, no fence.i   -> sum of all the new immediates
 *      - turned into a different instruction (add a0, a1, a2)
 *    and `patch_ahead` stores over an instruction of its own that follows a
 *    jump (so it is in a later translation block), twice, so that the second
 *    time an existing translation has to be thrown away.
 * B. Generated code in an anonymous RWX mapping at a fixed address:
 *    write + fence.i + call, rewrite without fence.i + call, a copied loop
 *    (sum 1..100) then patched from add to sub, and munmap + mmap of the
 *    same address with different code.
 * Modifying an instruction later in the *same* translation block without
 * fence.i is not tested: RISC-V leaves it unspecified and qemu does not
 * handle it precisely on this target.
 * Prints one line per part, dumps the state, exits 0 if every result is the
 * one qemu-riscv64 gives, 1 otherwise.
 */
#include "test.h"

	.option norvc

#define ADDI_A0(imm)	(0x00000513 | (((imm) & 0xfff) << 20))
#define ADD_A0_A1_A2	0x00c58533
#define SUB_A0_A0_A1	0x40b50533
#define RET		0x00008067
#define JIT_ADDR	0x40000000
#define PROT_RWX	7
#define MAP_PRIV_ANON_FIXED 0x32

.macro SYSCALL nr
	li	a7, \nr
	ecall
.endm

/* t0 = instruction word, stored at the address in t1 */
.macro PATCH word, addr
	li	t0, \word
	la	t1, \addr
	sw	t0, 0(t1)
.endm

	.text
	.globl	main
main:
	INIT_REGS
	li	s11, 0			/* failures */

	/* ---- A: own text ---- */
	call	patchme
	mv	s1, a0			/* 1 */
	la	a0, smc_page
	li	a1, 4096
	li	a2, PROT_RWX
	SYSCALL	226			/* mprotect */
	mv	s2, a0			/* 0 */
	PATCH	ADDI_A0(2), patchme
	fence.i
	call	patchme
	mv	s3, a0			/* 2 */
	PATCH	ADDI_A0(3), patchme
	call	patchme			/* no fence.i */
	mv	s4, a0			/* 3 */
	li	s5, 0
	li	s6, 0
1:	li	t0, 0x00000513
	slli	t2, s6, 20
	or	t0, t0, t2
	la	t1, patchme
	sw	t0, 0(t1)
	call	patchme
	add	s5, s5, a0
	addi	s6, s6, 1
	li	t0, 100
	blt	s6, t0, 1b		/* s5 = 4950 */
	PATCH	ADD_A0_A1_A2, patchme
	li	a1, 40
	li	a2, 2
	call	patchme
	mv	s6, a0			/* 42 */
	li	a0, ADDI_A0(77)
	call	patch_ahead
	mv	s7, a0			/* 77 */
	li	a0, ADDI_A0(-5)
	call	patch_ahead
	mv	s8, a0			/* -5 */
	DUMP
	la	a0, fmt_a
	mv	a1, s1
	mv	a2, s2
	mv	a3, s3
	mv	a4, s4
	mv	a5, s5
	mv	a6, s6
	mv	a7, s7
	sd	s8, -16(sp)		/* 9th argument on the stack */
	addi	sp, sp, -16
	call	rt_printf
	addi	sp, sp, 16
	li	t0, 1
	bne	s1, t0, 8f
	bnez	s2, 8f
	li	t0, 2
	bne	s3, t0, 8f
	li	t0, 3
	bne	s4, t0, 8f
	li	t0, 4950
	bne	s5, t0, 8f
	li	t0, 42
	bne	s6, t0, 8f
	li	t0, 77
	bne	s7, t0, 8f
	li	t0, -5
	bne	s8, t0, 8f
	j	9f
8:	addi	s11, s11, 1
9:

	/* ---- B: generated code in an anonymous mapping ---- */
	li	a0, JIT_ADDR
	li	a1, 4096
	li	a2, PROT_RWX
	li	a3, MAP_PRIV_ANON_FIXED
	li	a4, -1
	li	a5, 0
	SYSCALL	222			/* mmap */
	li	t0, JIT_ADDR
	sub	s1, a0, t0		/* 0 */
	li	s0, JIT_ADDR
	li	t0, ADDI_A0(11)
	sw	t0, 0(s0)
	li	t0, RET
	sw	t0, 4(s0)
	fence.i
	jalr	ra, 0(s0)
	mv	s2, a0			/* 11 */
	li	t0, ADDI_A0(22)
	sw	t0, 0(s0)
	jalr	ra, 0(s0)		/* no fence.i */
	mv	s3, a0			/* 22 */
	li	t0, ADDI_A0(33)
	sw	t0, 0(s0)
	fence.i
	jalr	ra, 0(s0)
	mv	s4, a0			/* 33 */
	/* copy a loop there */
	la	t1, tmpl_sum
	la	t2, tmpl_sum_end
	addi	t3, s0, 64
2:	lw	t0, 0(t1)
	sw	t0, 0(t3)
	addi	t1, t1, 4
	addi	t3, t3, 4
	bltu	t1, t2, 2b
	fence.i
	li	a1, 100
	jalr	ra, 64(s0)
	mv	s5, a0			/* 5050 */
	li	t0, SUB_A0_A0_A1
	sw	t0, 68(s0)		/* add -> sub, no fence.i */
	li	a1, 100
	jalr	ra, 64(s0)
	mv	s6, a0			/* -5050 */
	/* unmap, map again, new code at the same address */
	li	a0, JIT_ADDR
	li	a1, 4096
	SYSCALL	215			/* munmap */
	mv	s7, a0			/* 0 */
	li	a0, JIT_ADDR
	li	a1, 4096
	li	a2, PROT_RWX
	li	a3, MAP_PRIV_ANON_FIXED
	li	a4, -1
	li	a5, 0
	SYSCALL	222
	li	t0, ADDI_A0(44)
	sw	t0, 0(s0)
	li	t0, RET
	sw	t0, 4(s0)
	fence.i
	jalr	ra, 0(s0)
	mv	s8, a0			/* 44 */
	DUMP
	la	a0, fmt_b
	mv	a1, s1
	mv	a2, s2
	mv	a3, s3
	mv	a4, s4
	mv	a5, s5
	mv	a6, s6
	mv	a7, s7
	sd	s8, -16(sp)
	addi	sp, sp, -16
	call	rt_printf
	addi	sp, sp, 16
	bnez	s1, 8f
	li	t0, 11
	bne	s2, t0, 8f
	li	t0, 22
	bne	s3, t0, 8f
	li	t0, 33
	bne	s4, t0, 8f
	li	t0, 5050
	bne	s5, t0, 8f
	li	t0, -5050
	bne	s6, t0, 8f
	bnez	s7, 8f
	li	t0, 44
	bne	s8, t0, 8f
	j	9f
8:	addi	s11, s11, 1
9:
	la	a0, patchme
	la	a1, patch_end
	call	dump_memsum
	li	a0, JIT_ADDR
	addi	a1, a0, 128
	call	dump_memsum
	la	a0, fmt_end
	mv	a1, s11
	call	rt_printf
	snez	a0, s11
	SYSCALL	94

/* ---- the page that gets rewritten ---- */
	.section .text.smc_page, "ax", @progbits
	.balign	4096
smc_page:
	.globl	patchme
patchme:
	addi	a0, x0, 1		/* rewritten */
	ret
/* a0 = instruction word to put at 1f, which runs after the jump */
patch_ahead:
	la	t1, 1f
	sw	a0, 0(t1)
	j	1f
1:	addi	a0, x0, 0		/* rewritten */
	ret
patch_end:
	.balign	4096

	.section .rodata.smc, "a", @progbits
	.balign	4
/* sum 1..a1 into a0: copied into the anonymous mapping */
tmpl_sum:
	addi	a0, x0, 0
1:	add	a0, a0, a1
	addi	a1, a1, -1
	bnez	a1, 1b
	ret
tmpl_sum_end:
fmt_a:	.asciz	"A own text: first %ld mprotect %ld fence.i %ld no-fence.i %ld loop %ld new-opcode %ld ahead %ld %ld\n"
fmt_b:	.asciz	"B mmap: at-fixed-addr %ld fence.i %ld no-fence.i %ld fence.i %ld loop %ld patched %ld munmap %ld remapped %ld\n"
fmt_end: .asciz	"smc: %ld mismatches\n"
