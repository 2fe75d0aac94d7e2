@ MRS/MSR (banked register) of ARMv7's Virtualization Extensions, for banked.c: the entry (which
@ leaves Hyp mode when the CPU starts there, as QEMU's virt with virtualization=on does, through
@ MSR ELR_hyp + ERET), the UNDEF handler (skips the instruction, ARM or 16/32-bit Thumb), and the
@ sweeps over every (R, SYSm) encoding in A32 and T32 from a chosen mode.
	.syntax unified
	.arm
	.arch armv7ve
	.arch_extension virt
	.arch_extension sec
	.section .text.start, "ax"
	.global _start
_start:
	cpsid	aif
	mrs	r0, cpsr
	and	r1, r0, #0x1f
	cmp	r1, #0x1a		@ Hyp: go to SVC with everything masked
	bne	1f
	ldr	r2, =started_in_hyp
	mov	r3, #1
	str	r3, [r2]
	adr	r2, 1f
	msr	ELR_hyp, r2
	mov	r3, #0x1d3
	msr	spsr_cxsf, r3
	eret
1:	ldr	sp, =stack_top
	bl	main
	ldr	r0, =0x84000008		@ PSCI SYSTEM_OFF: HVC without EL2, SMC with it (QEMU virt's conduits)
	ldr	r1, =started_in_hyp
	ldr	r1, [r1]
	cmp	r1, #0
	bne	2f
	hvc	#0
2:	smc	#0
3:	wfi
	b	3b

	.text
	.align 5
	.global vectors
vectors:
	b	.
	b	und_h
	b	.
	b	.
	b	.
	b	.
	b	.
	b	.

@ UNDEF: count it and go on after the instruction. LR is the instruction + 4 (ARM) or + 2 (Thumb);
@ a 32-bit Thumb instruction (first halfword 0xe800 or above) needs 2 more.
und_h:
	push	{r0, r1}
	ldr	r0, =undef_count
	ldr	r1, [r0]
	add	r1, r1, #1
	str	r1, [r0]
	mrs	r0, spsr
	tst	r0, #0x20
	beq	1f
	ldrh	r1, [lr, #-2]
	cmp	r1, #0xe800
	addhs	lr, lr, #2
1:	pop	{r0, r1}
	movs	pc, lr

@ Tables of one banked access each, entered with BX and left through r3 (not LR: LR is what an
@ UNDEF taken in UND mode overwrites): r0 in/out.
	.macro	mrs_a r, sysm, rd=0
	.word	0xe1000200 | ((\r) << 22) | (((\sysm) & 15) << 16) | ((\rd) << 12) | (((\sysm) >> 4) << 8)
	bx	r3
	.endm
	.macro	msr_a r, sysm, rn=0
	.word	0xe120f200 | ((\r) << 22) | (((\sysm) & 15) << 16) | (((\sysm) >> 4) << 8) | (\rn)
	bx	r3
	.endm
	.macro	mrs_t r, sysm, rd=0
	.hword	0xf3e0 | ((\r) << 4) | ((\sysm) & 15)
	.hword	0x8020 | ((\rd) << 8) | (((\sysm) >> 4) << 4)
	bx	r3
	nop
	.endm
	.macro	msr_t r, sysm, rn=0
	.hword	0xf380 | ((\r) << 4) | (\rn)
	.hword	0x8020 | (((\sysm) & 15) << 8) | (((\sysm) >> 4) << 4)
	bx	r3
	nop
	.endm

	.align 3
	.global mrs_table_a, msr_table_a, mrs_table_t, msr_table_t
mrs_table_a:
	.set	i, 0
	.rept	64
	mrs_a	(i >> 5), (i & 31)
	.set	i, i + 1
	.endr
	mrs_a	0, 0x12, 15		@ r15 as the destination: UNDEFINED
msr_table_a:
	.set	i, 0
	.rept	64
	msr_a	(i >> 5), (i & 31)
	.set	i, i + 1
	.endr
	msr_a	0, 0x12, 15		@ r15 as the source: UNDEFINED
	.thumb
	.align 3
mrs_table_t:
	.set	i, 0
	.rept	64
	mrs_t	(i >> 5), (i & 31)
	.set	i, i + 1
	.endr
	mrs_t	0, 0x12, 15
msr_table_t:
	.set	i, 0
	.rept	64
	msr_t	(i >> 5), (i & 31)
	.set	i, i + 1
	.endr
	msr_t	0, 0x12, 15
	.arm

@ void fill_banks(void): known values in every mode's banked registers (r8..r12 of User and FIQ,
@ r13/r14 and the SPSR of each mode; SVC keeps its sp and lr, UND's sp is its handler's stack).
	.global fill_banks
fill_banks:
	push	{r4-r11, lr}
	mrs	r4, cpsr
	cps	#0x1f
	ldr	r8, =0x10000008
	ldr	r9, =0x10000009
	ldr	r10, =0x1000000a
	ldr	r11, =0x1000000b
	ldr	r12, =0x1000000c
	ldr	sp, =0x1000000d
	ldr	lr, =0x1000000e
	cps	#0x11
	ldr	r8, =0x11000008
	ldr	r9, =0x11000009
	ldr	r10, =0x1100000a
	ldr	r11, =0x1100000b
	ldr	r12, =0x1100000c
	ldr	sp, =0x1100000d
	ldr	lr, =0x1100000e
	ldr	r0, =0x110000f0
	msr	spsr_cxsf, r0
	cps	#0x12
	ldr	sp, =0x1200000d
	ldr	lr, =0x1200000e
	ldr	r0, =0x120000f0
	msr	spsr_cxsf, r0
	cps	#0x17
	ldr	sp, =0x1700000d
	ldr	lr, =0x1700000e
	ldr	r0, =0x170000f0
	msr	spsr_cxsf, r0
	cps	#0x1b
	ldr	sp, =stk_und
	ldr	lr, =0x1b00000e
	ldr	r0, =0x1b0000f0
	msr	spsr_cxsf, r0
	cps	#0x13
	ldr	r0, =0x130000f0
	msr	spsr_cxsf, r0
	msr	cpsr_c, r4
	pop	{r4-r11, pc}

@ void sweep(u32 mode, void *table, u32 *out, u32 n, u32 msr): from `mode` (a PL1 mode), runs the
@ n entries of `table` (8 bytes each; bit 0 set: Thumb), with r0 = 0xdeadbeef for MRS (the value
@ read lands in out[i]; an UNDEF leaves the marker) or r0 = a distinct pointer into scratch for
@ MSR (so an UNDEF handler whose sp it replaced still pushes into RAM). SVC's sp is restored after.
	.global sweep
sweep:
	push	{r4-r11, lr}
	ldr	r12, =saved_sp
	str	sp, [r12]
	ldr	r12, =saved_table
	str	r1, [r12]
	ldr	r1, [sp, #36]		@ the 5th argument: msr
	ldr	r12, =sweep_msr
	str	r1, [r12]
	mov	r6, r2			@ out
	mov	r7, r3			@ n
	mov	r4, #0			@ i
	orr	r0, r0, #0xc0
	msr	cpsr_c, r0
1:	cmp	r4, r7
	bhs	3f
	ldr	r1, =sweep_msr
	ldr	r1, [r1]
	cmp	r1, #0
	ldreq	r0, =0xdeadbeef
	ldrne	r0, =scratch + 64
	addne	r0, r0, r4, lsl #6
	ldr	r1, =saved_table
	ldr	r1, [r1]
	add	r1, r1, r4, lsl #3
	adr	r3, 2f
	bx	r1
2:	str	r0, [r6, r4, lsl #2]
	add	r4, r4, #1
	b	1b
3:	cps	#0x13
	ldr	r12, =saved_sp
	ldr	sp, [r12]
	pop	{r4-r11, pc}

@ void dump_banks(u32 *out): r8..r14 and the SPSR of FIQ, IRQ, ABT, UND, User (via System: no
@ SPSR) and SVC's SPSR, as each mode sees its own registers (30 words).
	.global dump_banks
dump_banks:
	push	{r4-r11, lr}
	mrs	r4, cpsr
	mov	r5, sp
	cps	#0x11
	stmia	r0!, {r8-r14}
	mrs	r1, spsr
	str	r1, [r0], #4
	cps	#0x12
	stmia	r0!, {r13-r14}
	mrs	r1, spsr
	str	r1, [r0], #4
	cps	#0x17
	stmia	r0!, {r13-r14}
	mrs	r1, spsr
	str	r1, [r0], #4
	cps	#0x1b
	stmia	r0!, {r13-r14}
	mrs	r1, spsr
	str	r1, [r0], #4
	cps	#0x1f
	stmia	r0!, {r8-r14}
	cps	#0x13
	mrs	r1, spsr
	str	r1, [r0], #4
	msr	cpsr_c, r4
	mov	sp, r5
	pop	{r4-r11, pc}
	.ltorg

	.data
	.align 3
	.global undef_count, started_in_hyp
undef_count:	.word 0
started_in_hyp:	.word 0
saved_sp:	.word 0
sweep_msr:	.word 0
saved_table:	.word 0
	.bss
	.align 3
scratch:	.space 64 * 66 + 64
	.space 1024
stk_und:
