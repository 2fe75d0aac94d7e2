/*
 * The int $0x80 hello world of the qemu-user walkthroughs: write(1, msg, len); exit(0).
 * Built by build.sh with Debian's i686 cross compiler; hello.elf is committed.
 */
        .section .note.GNU-stack, "", @progbits
        .text
        .globl _start
_start:
        movl $4, %eax           /* __NR_write */
        movl $1, %ebx           /* stdout */
        movl $msg, %ecx
        movl $len, %edx
        int $0x80
        movl $1, %eax           /* __NR_exit */
        xorl %ebx, %ebx
        int $0x80

        .data
msg:    .ascii "Hello, world!\n"
        len = . - msg
