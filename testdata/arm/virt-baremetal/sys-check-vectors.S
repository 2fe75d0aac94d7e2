@ The exception vectors and the mode-switching parts of sys-check.c (see there).
	.syntax unified
	.arm
	.arch armv7-a
	.arch_extension sec
	.text
	.align 5
	.global vectors
vectors:
	b	.
	b	und_h
	b	svc_h
	b	pabt_h
	b	dabt_h
	b	.
	b	irq_h
	b	fiq_h

	.macro ENTER kind
	push	{r0-r3, r12, lr}
	mov	r0, #\kind
	mov	r1, lr
	mrs	r2, spsr
	mrs	r3, cpsr
	bl	record
	pop	{r0-r3, r12, lr}
	.endm

und_h:	ENTER 1
	movs	pc, lr			@ the next instruction (ARM state)
svc_h:	push	{r0}
	ldr	r0, [lr, #-4]
	and	r0, r0, #0xff
	cmp	r0, #1
	pop	{r0}
	beq	user_svc
	ENTER 2
	movs	pc, lr
pabt_h:	ENTER 3
	push	{r0}
	mrc	p15, 0, r0, c5, c0, 1
	cmp	r0, #2			@ BKPT (debug event): continue after it
	pop	{r0}
	movseq	pc, lr
	ldr	lr, =resume_pc
	ldr	lr, [lr]
	movs	pc, lr
dabt_h:	ENTER 4
	subs	pc, lr, #4		@ skip the faulting instruction
irq_h:	ENTER 6
	subs	pc, lr, #4
fiq_h:	ENTER 7
	subs	pc, lr, #4

	.global set_mode_stacks
set_mode_stacks:
	mov	r12, lr
	cps	#0x11
	ldr	sp, =stk_fiq
	cps	#0x12
	ldr	sp, =stk_irq
	cps	#0x17
	ldr	sp, =stk_abt
	cps	#0x1b
	ldr	sp, =stk_und
	cps	#0x13
	bx	r12

@ u32 banked_probe(u32 mode, u32 value): sets sp, lr, r8 in `mode`, reads them back; returns
@ (sp - value) | (lr - value) << 8 | (SVC's view of r8) << 16
	.global banked_probe
banked_probe:
	push	{r4-r11, lr}
	mov	r8, #0x88
	orr	r0, r0, #0xc0
	mrs	r6, cpsr
	msr	cpsr_c, r0
	mov	r4, sp
	mov	r5, lr
	add	sp, r1, #13
	add	lr, r1, #14
	add	r8, r1, #8
	msr	cpsr_c, r6
	mov	r7, r8
	msr	cpsr_c, r0
	mov	r2, sp
	mov	r3, lr
	mov	sp, r4
	mov	lr, r5
	msr	cpsr_c, r6
	sub	r2, r2, r1
	sub	r3, r3, r1
	orr	r0, r2, r3, lsl #8
	orr	r0, r0, r7, lsl #16
	pop	{r4-r11, pc}

@ void user_trip(void): LDM ^ sets User's sp and lr, MOVS pc, lr enters User mode, which tries an
@ MRC of SCTLR (UNDEF), reads TPIDRURO and its own state, then SVC #1 comes back here.
	.global user_trip
user_trip:
	push	{r4-r11, lr}
	ldr	r0, =saved_svc_sp
	str	sp, [r0]
	ldr	r0, =user_init
	ldmia	r0, {sp, lr}^
	nop
	mov	r0, #0xd0
	msr	spsr_cxsf, r0
	ldr	lr, =user_code
	movs	pc, lr
user_code:
	mrc	p15, 0, r0, c1, c0, 0
	mrc	p15, 0, r1, c13, c0, 3
	ldr	r2, =user_result
	str	r1, [r2]
	mrs	r3, cpsr
	str	r3, [r2, #4]
	str	sp, [r2, #8]
	str	lr, [r2, #12]
	svc	#1
user_svc:
	ldr	r0, =saved_svc_sp
	ldr	sp, [r0]
	ldr	r0, =user_back
	stmia	r0, {sp, lr}^		@ User's sp and lr as SVC sees them through STM ^
	pop	{r4-r11, pc}

@ void ldm_eret_test(void): LDM with the pc and ^ restores CPSR from SPSR (flags N, Z here).
	.global ldm_eret_test
ldm_eret_test:
	push	{r4-r11, lr}
	mrs	r0, cpsr
	orr	r0, r0, #0xc0000000
	msr	spsr_cxsf, r0
	ldr	r1, =eret_frame
	adr	r2, 1f
	str	r2, [r1, #4]
	mov	r3, #0
	ldmia	r1, {r3, pc}^
1:	mrs	r0, cpsr
	ldr	r1, =eret_result
	str	r0, [r1]
	str	r3, [r1, #4]
	msr	cpsr_f, #0
	pop	{r4-r11, pc}

@ void srs_rfe_test(void): SRSDB onto SVC's stack, RFEIA back (flags from the stored SPSR); and
@ SRSDB onto IRQ's stack without writeback, read back from IRQ mode.
	.global srs_rfe_test
srs_rfe_test:
	push	{r4-r11, lr}
	mrs	r0, cpsr
	orr	r0, r0, #0x80000000
	msr	spsr_cxsf, r0
	adr	lr, 1f
	mov	r4, sp
	srsdb	sp!, #0x13
	mov	r5, sp
	rfeia	sp!
1:	mrs	r0, cpsr
	ldr	r1, =srs_result
	str	r0, [r1]
	sub	r2, r4, r5
	str	r2, [r1, #4]
	sub	r3, r4, sp
	str	r3, [r1, #8]
	msr	cpsr_f, #0
	ldr	lr, =0x1e1e1e1e
	srsia	#0x12
	cps	#0x12
	ldr	r2, [sp]
	cps	#0x13
	str	r2, [r1, #12]
	pop	{r4-r11, pc}

@ void eret_test(void): ERET (ARM) returns with LR and the SPSR; MOVS pc, lr enters Thumb state,
@ and the Thumb SUBS pc, lr, #0 (the ERET encoding) comes back to ARM.
	.global eret_test
eret_test:
	push	{r4-r11, lr}
	mrs	r0, cpsr
	orr	r0, r0, #0x20000000
	msr	spsr_cxsf, r0
	adr	lr, 1f
	.arch_extension virt
	eret
1:	mrs	r4, cpsr
	msr	cpsr_f, #0
	mrs	r0, cpsr
	orr	r0, r0, #0x20
	msr	spsr_cxsf, r0
	adr	lr, 2f
	movs	pc, lr
	.thumb
2:	mrs	r0, cpsr
	mov	r5, r0
	bic	r0, r0, #0x20
	msr	spsr_cxsf, r0
	adr	lr, 3f
	subs	pc, lr, #0
	.arm
	.align 2
3:	ldr	r1, =eret2_result
	str	r4, [r1]
	str	r5, [r1, #4]
	pop	{r4-r11, pc}
	.ltorg

	.data
	.align 3
	.global user_result, eret_result, user_back, srs_result, eret2_result
user_init:	.word 0x40230000, 0x1234
user_result:	.word 0, 0, 0, 0
user_back:	.word 0, 0
eret_frame:	.word 0xabcd, 0
eret_result:	.word 0, 0
srs_result:	.word 0, 0, 0, 0
eret2_result:	.word 0, 0
saved_svc_sp:	.word 0
	.bss
	.align 3
	.space 1024
stk_fiq:
	.space 1024
stk_irq:
	.space 1024
stk_abt:
	.space 1024
stk_und:
