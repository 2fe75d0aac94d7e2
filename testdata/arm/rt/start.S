/*
 * _start for tciemu's freestanding ARM test programs (Linux user mode, EABI).
 *
 * Linux initial stack:  sp -> argc, argv[0..argc-1], NULL, envp[...], NULL, auxv...
 * We record argc/argv/envp and the kernel's stack pointer, then switch to a
 * static stack in .bss so that sp (and everything derived from it) is the
 * same under every emulator, whatever the host put on the initial stack.
 * main(argc, argv, envp)'s return value goes to exit_group.
 */
#ifndef RT_STACK_SIZE
#define RT_STACK_SIZE (128 * 1024)
#endif
	.syntax	unified
	.arm
	.section .text._start, "ax", %progbits
	.globl	_start
	.type	_start, %function
_start:
	ldr	r0, [sp]		/* argc */
	add	r1, sp, #4		/* argv */
	add	r2, r1, r0, lsl #2
	add	r2, r2, #4		/* envp = argv + argc + 1 */
	ldr	r3, =rt_initial_sp
	str	sp, [r3]
	ldr	r3, =rt_argc
	str	r0, [r3]
	ldr	r3, =rt_argv
	str	r1, [r3]
	ldr	r3, =rt_environ
	str	r2, [r3]
	ldr	sp, =rt_stack_top
	mov	lr, #0
	mov	fp, #0
	bl	main
	/* r0 = main's return value */
	mov	r7, #248		/* exit_group */
	svc	#0
1:	b	1b
	.size	_start, . - _start
	.ltorg

	.section .bss.rt_start, "aw", %nobits
	.balign	16
	.globl	rt_initial_sp, rt_argc, rt_argv, rt_environ
rt_initial_sp:	.skip 4
rt_argc:	.skip 4
rt_argv:	.skip 4
rt_environ:	.skip 4

	.section .bss.rt_stack, "aw", %nobits
	.balign	4096
	.globl	rt_stack_bottom, rt_stack_top
rt_stack_bottom:
	.skip	RT_STACK_SIZE
rt_stack_top:

	.section .note.GNU-stack, "", %progbits
