/*
 * dump_state: write ALL user-visible architectural state to stdout as text,
 * preserving every register.
 *
 * Call it through the DUMP macro (rt/test.h), which saves the caller's ra
 * on the stack before the jal that enters here:
 *
 *	addi sp, sp, -16 ; sd ra, 0(sp) ; jal ra, dump_state ; ld ra, 0(sp) ; addi sp, sp, 16
 *
 * so on entry every register except ra and sp is the caller's, the caller's
 * ra is at 0(sp) and the caller's sp is sp + 16.  Nothing is touched before
 * x3..x31, f0..f31 and fcsr have been stored.  Output, one block per call:
 *
 *   == checkpoint 0001 @ 00000000000101b8
 *   x01 ... x02 ... x03 ... x04 ...        (x1..x31, 4 per line, 16 hex digits)
 *   f00 ... f01 ... f02 ... f03 ...        (f0..f31 raw 64-bit, 4 per line)
 *   fcsr 00
 *
 * "@" is the return address of the jal (it names the call site; see
 * `riscv64-linux-gnu-objdump -d`), the checkpoint number counts from 1.
 *
 * dump_memsum(a0 = start, a1 = end) prints "memsum <start> <len> <fnv1a64>"
 * of the bytes [start, end) (clobbers caller-saved registers like a C call).
 */
	.option norelax
	.option norvc

#define FRAME	528		/* x0..x31, f0..f31, fcsr, pad */
#define FOFF	256
#define CSROFF	512

	.section .text.dump_state, "ax", @progbits
	.globl	dump_state
	.type	dump_state, @function
dump_state:
	addi	sp, sp, -FRAME
	sd	x3, 3*8(sp)
	sd	x4, 4*8(sp)
	sd	x5, 5*8(sp)
	sd	x6, 6*8(sp)
	sd	x7, 7*8(sp)
	sd	x8, 8*8(sp)
	sd	x9, 9*8(sp)
	sd	x10, 10*8(sp)
	sd	x11, 11*8(sp)
	sd	x12, 12*8(sp)
	sd	x13, 13*8(sp)
	sd	x14, 14*8(sp)
	sd	x15, 15*8(sp)
	sd	x16, 16*8(sp)
	sd	x17, 17*8(sp)
	sd	x18, 18*8(sp)
	sd	x19, 19*8(sp)
	sd	x20, 20*8(sp)
	sd	x21, 21*8(sp)
	sd	x22, 22*8(sp)
	sd	x23, 23*8(sp)
	sd	x24, 24*8(sp)
	sd	x25, 25*8(sp)
	sd	x26, 26*8(sp)
	sd	x27, 27*8(sp)
	sd	x28, 28*8(sp)
	sd	x29, 29*8(sp)
	sd	x30, 30*8(sp)
	sd	x31, 31*8(sp)
	fsd	f0, FOFF+0*8(sp)
	fsd	f1, FOFF+1*8(sp)
	fsd	f2, FOFF+2*8(sp)
	fsd	f3, FOFF+3*8(sp)
	fsd	f4, FOFF+4*8(sp)
	fsd	f5, FOFF+5*8(sp)
	fsd	f6, FOFF+6*8(sp)
	fsd	f7, FOFF+7*8(sp)
	fsd	f8, FOFF+8*8(sp)
	fsd	f9, FOFF+9*8(sp)
	fsd	f10, FOFF+10*8(sp)
	fsd	f11, FOFF+11*8(sp)
	fsd	f12, FOFF+12*8(sp)
	fsd	f13, FOFF+13*8(sp)
	fsd	f14, FOFF+14*8(sp)
	fsd	f15, FOFF+15*8(sp)
	fsd	f16, FOFF+16*8(sp)
	fsd	f17, FOFF+17*8(sp)
	fsd	f18, FOFF+18*8(sp)
	fsd	f19, FOFF+19*8(sp)
	fsd	f20, FOFF+20*8(sp)
	fsd	f21, FOFF+21*8(sp)
	fsd	f22, FOFF+22*8(sp)
	fsd	f23, FOFF+23*8(sp)
	fsd	f24, FOFF+24*8(sp)
	fsd	f25, FOFF+25*8(sp)
	fsd	f26, FOFF+26*8(sp)
	fsd	f27, FOFF+27*8(sp)
	fsd	f28, FOFF+28*8(sp)
	fsd	f29, FOFF+29*8(sp)
	fsd	f30, FOFF+30*8(sp)
	fsd	f31, FOFF+31*8(sp)
	frcsr	t0
	sd	t0, CSROFF(sp)
	/* from here on every register is saved and free */
	sd	ra, 0(sp)		/* our return address, in the x0 slot */
	ld	t0, FRAME(sp)		/* caller's ra, saved by DUMP */
	sd	t0, 1*8(sp)
	addi	t0, sp, FRAME+16	/* caller's sp */
	sd	t0, 2*8(sp)

	la	s0, dump_buf
	mv	s1, s0
	la	a0, str_hdr
	jal	ra, put_str
	la	t3, dump_seq
	ld	a0, 0(t3)
	addi	a0, a0, 1
	sd	a0, 0(t3)
	li	a1, 4
	jal	ra, put_hex
	la	a0, str_at
	jal	ra, put_str
	ld	a0, 0(sp)
	li	a1, 16
	jal	ra, put_hex
	li	t0, '\n'
	sb	t0, 0(s1)
	addi	s1, s1, 1

	/* x1..x31 */
	li	s2, 1
	addi	s3, sp, 8
	li	s4, 'x'
	li	s5, 31
1:	mv	a0, s4
	mv	a1, s2
	jal	ra, put_name
	ld	a0, 0(s3)
	li	a1, 16
	jal	ra, put_hex
	li	t0, ' '
	andi	t1, s2, 3
	bnez	t1, 2f
	li	t0, '\n'
2:	bne	s2, s5, 3f
	li	t0, '\n'
3:	sb	t0, 0(s1)
	addi	s1, s1, 1
	addi	s2, s2, 1
	addi	s3, s3, 8
	bleu	s2, s5, 1b

	/* f0..f31 */
	li	s2, 0
	addi	s3, sp, FOFF
	li	s4, 'f'
1:	mv	a0, s4
	mv	a1, s2
	jal	ra, put_name
	ld	a0, 0(s3)
	li	a1, 16
	jal	ra, put_hex
	li	t0, ' '
	andi	t1, s2, 3
	li	t2, 3
	bne	t1, t2, 2f
	li	t0, '\n'
2:	sb	t0, 0(s1)
	addi	s1, s1, 1
	addi	s2, s2, 1
	addi	s3, s3, 8
	bleu	s2, s5, 1b

	la	a0, str_fcsr
	jal	ra, put_str
	ld	a0, CSROFF(sp)
	li	a1, 2
	jal	ra, put_hex
	li	t0, '\n'
	sb	t0, 0(s1)
	addi	s1, s1, 1

	mv	a0, s0
	sub	a1, s1, s0
	jal	ra, write_all

	/* restore everything */
	ld	t0, CSROFF(sp)
	fscsr	t0
	fld	f0, FOFF+0*8(sp)
	fld	f1, FOFF+1*8(sp)
	fld	f2, FOFF+2*8(sp)
	fld	f3, FOFF+3*8(sp)
	fld	f4, FOFF+4*8(sp)
	fld	f5, FOFF+5*8(sp)
	fld	f6, FOFF+6*8(sp)
	fld	f7, FOFF+7*8(sp)
	fld	f8, FOFF+8*8(sp)
	fld	f9, FOFF+9*8(sp)
	fld	f10, FOFF+10*8(sp)
	fld	f11, FOFF+11*8(sp)
	fld	f12, FOFF+12*8(sp)
	fld	f13, FOFF+13*8(sp)
	fld	f14, FOFF+14*8(sp)
	fld	f15, FOFF+15*8(sp)
	fld	f16, FOFF+16*8(sp)
	fld	f17, FOFF+17*8(sp)
	fld	f18, FOFF+18*8(sp)
	fld	f19, FOFF+19*8(sp)
	fld	f20, FOFF+20*8(sp)
	fld	f21, FOFF+21*8(sp)
	fld	f22, FOFF+22*8(sp)
	fld	f23, FOFF+23*8(sp)
	fld	f24, FOFF+24*8(sp)
	fld	f25, FOFF+25*8(sp)
	fld	f26, FOFF+26*8(sp)
	fld	f27, FOFF+27*8(sp)
	fld	f28, FOFF+28*8(sp)
	fld	f29, FOFF+29*8(sp)
	fld	f30, FOFF+30*8(sp)
	fld	f31, FOFF+31*8(sp)
	ld	ra, 0(sp)
	ld	x3, 3*8(sp)
	ld	x4, 4*8(sp)
	ld	x5, 5*8(sp)
	ld	x6, 6*8(sp)
	ld	x7, 7*8(sp)
	ld	x8, 8*8(sp)
	ld	x9, 9*8(sp)
	ld	x10, 10*8(sp)
	ld	x11, 11*8(sp)
	ld	x12, 12*8(sp)
	ld	x13, 13*8(sp)
	ld	x14, 14*8(sp)
	ld	x15, 15*8(sp)
	ld	x16, 16*8(sp)
	ld	x17, 17*8(sp)
	ld	x18, 18*8(sp)
	ld	x19, 19*8(sp)
	ld	x20, 20*8(sp)
	ld	x21, 21*8(sp)
	ld	x22, 22*8(sp)
	ld	x23, 23*8(sp)
	ld	x24, 24*8(sp)
	ld	x25, 25*8(sp)
	ld	x26, 26*8(sp)
	ld	x27, 27*8(sp)
	ld	x28, 28*8(sp)
	ld	x29, 29*8(sp)
	ld	x30, 30*8(sp)
	ld	x31, 31*8(sp)
	addi	sp, sp, FRAME
	ret
	.size	dump_state, . - dump_state

/* put_str: copy NUL-terminated a0 to s1 (advanced). clobbers t0 */
	.type	put_str, @function
put_str:
1:	lbu	t0, 0(a0)
	beqz	t0, 2f
	sb	t0, 0(s1)
	addi	s1, s1, 1
	addi	a0, a0, 1
	j	1b
2:	ret
	.size	put_str, . - put_str

/* put_hex: a0 = value, a1 = number of digits; writes at s1 (advanced). clobbers t0-t2 */
	.type	put_hex, @function
put_hex:
	slli	t0, a1, 2
1:	addi	t0, t0, -4
	srl	t1, a0, t0
	andi	t1, t1, 15
	la	t2, hexdigits
	add	t2, t2, t1
	lbu	t1, 0(t2)
	sb	t1, 0(s1)
	addi	s1, s1, 1
	bnez	t0, 1b
	ret
	.size	put_hex, . - put_hex

/* put_name: a0 = letter, a1 = 0..99 -> "x07 " at s1. clobbers t0-t2 */
	.type	put_name, @function
put_name:
	sb	a0, 0(s1)
	li	t0, 10
	divu	t1, a1, t0
	remu	t2, a1, t0
	addi	t1, t1, '0'
	addi	t2, t2, '0'
	sb	t1, 1(s1)
	sb	t2, 2(s1)
	li	t0, ' '
	sb	t0, 3(s1)
	addi	s1, s1, 4
	ret
	.size	put_name, . - put_name

/* write_all: a0 = buffer, a1 = length -> write(1, ...) until done. clobbers a0-a2, a7, t0-t1 */
	.type	write_all, @function
write_all:
	mv	t0, a0
	mv	t1, a1
1:	beqz	t1, 2f
	li	a0, 1
	mv	a1, t0
	mv	a2, t1
	li	a7, 64			/* write */
	ecall
	blez	a0, 2f			/* error: give up (nothing sensible to do) */
	add	t0, t0, a0
	sub	t1, t1, a0
	j	1b
2:	ret
	.size	write_all, . - write_all

/* dump_memsum(a0 = start, a1 = end): FNV-1a 64 of [start, end) */
	.section .text.dump_memsum, "ax", @progbits
	.globl	dump_memsum
	.type	dump_memsum, @function
dump_memsum:
	addi	sp, sp, -48
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	mv	s2, a0
	sub	s3, a1, a0
	li	t0, 0xcbf29ce484222325	/* offset basis */
	li	t1, 0x100000001b3	/* FNV prime */
	mv	t2, a0
1:	bgeu	t2, a1, 2f
	lbu	t3, 0(t2)
	xor	t0, t0, t3
	mul	t0, t0, t1
	addi	t2, t2, 1
	j	1b
2:	mv	s0, t0			/* hash */
	la	s1, dump_buf
	la	a0, str_memsum
	jal	ra, put_str
	mv	a0, s2
	li	a1, 16
	jal	ra, put_hex
	li	t0, ' '
	sb	t0, 0(s1)
	addi	s1, s1, 1
	mv	a0, s3
	li	a1, 8
	jal	ra, put_hex
	li	t0, ' '
	sb	t0, 0(s1)
	addi	s1, s1, 1
	mv	a0, s0
	li	a1, 16
	jal	ra, put_hex
	li	t0, '\n'
	sb	t0, 0(s1)
	addi	s1, s1, 1
	la	a0, dump_buf
	sub	a1, s1, a0
	jal	ra, write_all
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	addi	sp, sp, 48
	ret
	.size	dump_memsum, . - dump_memsum

	.section .rodata.dump_state, "a", @progbits
hexdigits:	.ascii	"0123456789abcdef"
str_hdr:	.asciz	"== checkpoint "
str_at:		.asciz	" @ "
str_fcsr:	.asciz	"fcsr "
str_memsum:	.asciz	"memsum "

	.section .bss.dump_state, "aw", @nobits
	.balign	8
dump_seq:	.skip	8
dump_buf:	.skip	2048
