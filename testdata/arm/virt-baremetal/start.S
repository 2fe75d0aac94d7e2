@ Entry for the bare-metal test programs run on `-M virt -cpu cortex-a15` (QEMU) and on tciemu's
@ ARM virt board: SVC mode, interrupts masked, MMU off. Set a stack in the data section and call
@ main(); when it returns, power off through PSCI SYSTEM_OFF (hvc, the virt board's conduit).
	.syntax unified
	.arm
	.section .text.start, "ax"
	.global _start
_start:
	cpsid	aif
	ldr	sp, =stack_top
	bl	main
	ldr	r0, =0x84000008		@ PSCI SYSTEM_OFF
	.arch_extension virt
	hvc	#0
1:	wfi
	b	1b
