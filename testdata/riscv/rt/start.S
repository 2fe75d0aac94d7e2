/*
 * _start for tciemu's freestanding RISC-V test programs (Linux user mode).
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
	.option norelax
	.section .text._start, "ax", @progbits
	.globl	_start
	.type	_start, @function
_start:
	la	gp, __global_pointer$
	ld	a0, 0(sp)		/* argc */
	addi	a1, sp, 8		/* argv */
	slli	t0, a0, 3
	add	a2, a1, t0
	addi	a2, a2, 8		/* envp = argv + argc + 1 */
	la	t1, rt_initial_sp
	sd	sp, 0(t1)
	la	t1, rt_argc
	sd	a0, 0(t1)
	la	t1, rt_argv
	sd	a1, 0(t1)
	la	t1, rt_environ
	sd	a2, 0(t1)
	la	sp, rt_stack_top
	li	ra, 0
	call	main
	/* a0 = main's return value */
	li	a7, 94			/* exit_group */
	ecall
1:	j	1b
	.size	_start, . - _start

	.section .bss.rt_start, "aw", @nobits
	.balign	16
	.globl	rt_initial_sp, rt_argc, rt_argv, rt_environ
rt_initial_sp:	.skip 8
rt_argc:	.skip 8
rt_argv:	.skip 8
rt_environ:	.skip 8

	.section .bss.rt_stack, "aw", @nobits
	.balign	4096
	.globl	rt_stack_bottom, rt_stack_top
rt_stack_bottom:
	.skip	RT_STACK_SIZE
rt_stack_top:
