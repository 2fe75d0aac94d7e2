/*
 * zicond: czero.eqz / czero.nez (encoded with .insn: binutils 2.40 has no
 * Zicond).  Every edge value as rs1 against conditions 0, 1, -1, INT64_MIN,
 * 0x100000000 (only upper bits set: the whole register is tested), rd equal
 * to rs1 or rs2, rs2 = x0, and the branch-free select idiom
 *   czero.nez t, a, c ; czero.eqz u, b, c ; or r, t, u   (r = c ? b : a)
 * Needs a CPU with Zicond: qemu-riscv64 >= 8.2 with -cpu rv64,zicond=true.
 */
#include "test.h"

#define EDGE 0, 1, -1, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffff, 0xffffffff80000000, 0x7fffffff, 0x123456789abcdef0, 0x00f0000080008001

/* czero.eqz rd, rs1, rs2: rd = rs2 == 0 ? 0 : rs1 */
#define CZERO_EQZ(rd, rs1, rs2) .insn r 0x33, 5, 7, rd, rs1, rs2
/* czero.nez rd, rs1, rs2: rd = rs2 != 0 ? 0 : rs1 */
#define CZERO_NEZ(rd, rs1, rs2) .insn r 0x33, 7, 7, rd, rs1, rs2

.macro COND4 c, r1, r2
	li	s1, \c
	CZERO_EQZ(\r1, s0, s1)
	CZERO_NEZ(\r2, s0, s1)
.endm

	.text
	.globl	main
main:
	INIT_REGS
	.irp	a, EDGE
	li	s0, \a
	COND4	0, t0, t1
	COND4	1, t2, t3
	COND4	-1, t4, t5
	COND4	0x8000000000000000, t6, a0
	COND4	0x100000000, a1, a2
	CZERO_EQZ(a3, s0, x0)		/* 0 */
	CZERO_NEZ(a4, s0, x0)		/* s0 */
	CZERO_EQZ(a5, s0, s0)		/* s0 */
	CZERO_NEZ(a6, s0, s0)		/* 0 */
	mv	a7, s0
	CZERO_EQZ(a7, a7, s1)		/* rd == rs1 */
	mv	s2, s0
	CZERO_NEZ(s2, s1, s2)		/* rd == rs2 */
	/* select: s3 = s0 ? s4 : s5 */
	li	s4, 0x1111
	li	s5, 0x2222
	CZERO_NEZ(t6, s5, s0)
	CZERO_EQZ(s3, s4, s0)
	or	s3, s3, t6
	CZERO_EQZ(x0, s0, s0)		/* rd = x0 */
	DUMP
	.endr

	la	t0, result
	sd	s3, 0(t0)
	MEMSUM	data_begin, data_end
	EXIT	0

	.data
	.balign	64
data_begin:
result:	.dword	0
data_end:
