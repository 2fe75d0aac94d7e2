/*
 * The runtime of tools/fuzz/i386-diff.ts: runs generated test slots one after the other and records,
 * for each, the machine state it left (or the state at its first signal), for a byte-for-byte
 * comparison of tciemu with qemu-i386.
 *
 * The fuzzer adds these segments to this program (fixed addresses, shared with i386-gen.ts):
 *   SLOTS    slot i at SLOTS + i * SLOT_SIZE: test instructions, then "jmp record", int3 padding
 *   INIT     +0: the number of slots; slot i's initial state at INIT + 64 + i * INIT_SIZE:
 *              +0 an fxsave image (x87, MXCSR, XMM), +512 edi esi ebp - ebx edx ecx eax (popa order),
 *              +544 eflags, +548 esp
 *   SCRATCH  64 KiB of read/write data the test instructions address (WINDOW, the part recorded,
 *            is at SCRATCH + 0x8000); its contents carry over from slot to slot
 *   OUT      the records, REC_SIZE bytes per slot (written to stdout at the end):
 *              +0 eax ecx edx ebx esp ebp esi edi, +32 eflags, +36 ds es fs gs (16 bits each),
 *              +44 the first signal: signo, si_code, si_addr, and from its ucontext eip, eflags,
 *              err, trapno, gs fs es ds (16 bits each), cr2; zero when none
 *              +96 fxsave, +608 the window (256 bytes)
 *
 * A slot ends by jumping to `record`, or through a signal, whose handler points the interrupted
 * context at `record` (with sane segments and TF clear) so that sigreturn brings back the
 * registers and FP state of the faulting instruction. The first stores go through %ss, the one
 * data segment a test instruction cannot make unusable.
 *
 * Built by build.sh (i686-linux-gnu-gcc); harness.elf is committed.
 */
#define SLOTS        0x09000000
#define SLOT_SHIFT   8
#define INIT         0x10000000
#define INIT_SIZE    576
#define SCRATCH      0x20000000
#define WINDOW       0x20008000
#define OUT          0x30000000
#define REC_SIZE     864

#define SA_SIGINFO   0x00000004
#define SA_ONSTACK   0x08000000
#define SA_RESTORER  0x04000000

        .section .note.GNU-stack, "", @progbits

        .text
        .globl _start
_start:
        /*
         * Wipe the initial stack, from argc up to the end of the page holding the AT_EXECFN string
         * (the highest thing on it), then leave it for the harness's own stack: the AT_RANDOM bytes,
         * the uid/gid words and the strings differ from run to run and emulator to emulator, and a
         * test instruction with a wild address must find the same (zero) bytes in both runs.
         */
        cld
        mov %esp, %esi
        mov (%esi), %eax            /* argc */
        lea 8(%esi,%eax,4), %esi    /* envp */
1:      lodsl
        test %eax, %eax
        jnz 1b
        xor %edx, %edx              /* AT_EXECFN's string, 0 if none */
        xor %ebp, %ebp              /* AT_SYSINFO_EHDR, the vdso, 0 if none */
2:      lodsl                       /* a_type */
        mov %eax, %ebx
        lodsl                       /* a_val */
        test %ebx, %ebx
        jz 3f
        cmp $33, %ebx
        jne 5f
        mov %eax, %ebp
5:      cmp $31, %ebx
        jne 2b
        mov %eax, %edx
        jmp 2b
3:      mov %esi, %edi              /* no AT_EXECFN: wipe to the end of auxv's page */
        test %edx, %edx
        jz 4f
        mov %edx, %edi
        xor %eax, %eax
        mov $-1, %ecx
        repne scasb                 /* %edi: past the string's NUL */
4:      add $4095, %edi
        and $~4095, %edi
        mov %edi, %ecx
        mov %esp, %edi
        sub %edi, %ecx
        xor %eax, %eax
        rep stosb
        mov $stack_top, %esp
        /*
         * Unmap the vdso page: the harness does not use it (int $0x80, its own signal restorer), and
         * tciemu's vdso image is not byte for byte QEMU's, so a wild jump into it would differ.
         */
        test %ebp, %ebp
        jz 6f
        mov $91, %eax               /* munmap(vdso, 4096) */
        mov %ebp, %ebx
        mov $4096, %ecx
        int $0x80
6:
        /* sigaltstack(&altstack, NULL) */
        mov $186, %eax
        mov $altstack, %ebx
        xor %ecx, %ecx
        int $0x80
        /* rt_sigaction(sig, &act, NULL, 8) for SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV */
        mov $4, %ebx
        call install
        mov $5, %ebx
        call install
        mov $7, %ebx
        call install
        mov $8, %ebx
        call install
        mov $11, %ebx
        call install
        movl $OUT, outp
        movl $-1, slot
        jmp next

install:
        mov $174, %eax
        mov $sigact, %ecx
        xor %edx, %edx
        mov $8, %esi
        int $0x80
        ret

/* A slot is over: record the state it left. */
        .globl record
record:
        mov %eax, %ss:cur + 0
        mov %ecx, %ss:cur + 4
        mov %edx, %ss:cur + 8
        mov %ebx, %ss:cur + 12
        mov %esp, %ss:cur + 16
        mov %ebp, %ss:cur + 20
        mov %esi, %ss:cur + 24
        mov %edi, %ss:cur + 28
        mov $stack_top, %esp
        pushf
        popl %ss:cur + 32
        mov %ds, %ss:cur + 36
        mov %es, %ss:cur + 38
        mov %fs, %ss:cur + 40
        mov %gs, %ss:cur + 42
        mov $0x2b, %eax
        mov %eax, %ds
        mov %eax, %es
        xor %eax, %eax
        mov %eax, %fs
        mov %eax, %gs
        push $0x202
        popf
        mov outp, %edi
        mov $cur, %esi
        mov $24, %ecx
        rep movsl
        fxsave (%edi)
        add $512, %edi
        mov $WINDOW, %esi
        mov $64, %ecx
        rep movsl
        mov %edi, outp
        mov $cur + 44, %edi
        xor %eax, %eax
        mov $13, %ecx
        rep stosl
next:
        mov slot, %eax
        inc %eax
        mov %eax, slot
        cmp INIT, %eax
        jae done
        mov %eax, %ecx
        shl $SLOT_SHIFT, %ecx
        add $SLOTS, %ecx
        mov %ecx, target
        imul $INIT_SIZE, %eax, %esi
        add $INIT + 64, %esi
        fxrstor (%esi)
        lea 512(%esi), %esp
        popa
        popf
        pop %esp
        jmp *%ss:target

done:
        /* write(1, OUT, outp - OUT), then exit(0) */
        mov $OUT, %ecx
        mov outp, %edx
        sub %ecx, %edx
1:      mov $4, %eax
        mov $1, %ebx
        int $0x80
        test %eax, %eax
        jle fail
        add %eax, %ecx
        sub %eax, %edx
        jnz 1b
        mov $1, %eax
        xor %ebx, %ebx
        int $0x80
fail:
        mov $1, %eax
        mov $99, %ebx
        int $0x80

/*
 * handler(sig, info, uc): records the signal and the interrupted context's eip, eflags, err,
 * trapno, data segments and cr2, then points the context at record. A second signal in one slot
 * means the harness itself faulted: exit(98).
 */
handler:
        cmpl $0, %ss:cur + 44
        jne nested
        mov 12(%esp), %eax          /* uc; uc_mcontext at +20 */
        mov 4(%esp), %ecx
        mov %ecx, %ss:cur + 44
        mov 8(%esp), %ebx
        mov 8(%ebx), %ecx           /* si_code */
        mov %ecx, %ss:cur + 48
        mov 12(%ebx), %ecx          /* si_addr */
        mov %ecx, %ss:cur + 52
        mov 76(%eax), %ecx          /* eip */
        mov %ecx, %ss:cur + 56
        mov 84(%eax), %ecx          /* eflags */
        mov %ecx, %ss:cur + 60
        mov 72(%eax), %ecx          /* err */
        mov %ecx, %ss:cur + 64
        mov 68(%eax), %ecx          /* trapno */
        mov %ecx, %ss:cur + 68
        mov 20(%eax), %ecx          /* gs */
        mov %cx, %ss:cur + 72
        mov 24(%eax), %ecx          /* fs */
        mov %cx, %ss:cur + 74
        mov 28(%eax), %ecx          /* es */
        mov %cx, %ss:cur + 76
        mov 32(%eax), %ecx          /* ds */
        mov %cx, %ss:cur + 78
        mov 104(%eax), %ecx         /* cr2 */
        mov %ecx, %ss:cur + 80
        movl $0, 20(%eax)
        movl $0, 24(%eax)
        movl $0x2b, 28(%eax)
        movl $0x2b, 32(%eax)
        movl $record, 76(%eax)
        movl $0x23, 80(%eax)
        andl $~0x100, 84(%eax)      /* TF */
        movl $0x2b, 92(%eax)
        ret
nested:
        mov $1, %eax
        mov $98, %ebx
        int $0x80

restorer:
        mov $173, %eax              /* rt_sigreturn */
        int $0x80

        .data
        .balign 16
cur:    .space 96
sigact: .long handler, SA_SIGINFO | SA_ONSTACK | SA_RESTORER, restorer, 0, 0
altstack:
        .long altstack_mem, 0, 16384
slot:   .long 0
target: .long 0
outp:   .long 0

        .bss
        .balign 16
altstack_mem:
        .space 16384
        .space 4096
stack_top:
        .space 64
