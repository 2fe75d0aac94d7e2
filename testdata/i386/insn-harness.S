/*
 * Runs generated test instructions one at a time, so that qemu-i386 -one-insn-per-tb -d in_asm
 * translates (and logs) each of them as its own TB. Test instruction i sits at
 * SLOTS + SLOT_SIZE * i, followed by "jmp resume" and int3 padding; the generator
 * (tools/i386/insn-gen.ts) makes sure no instruction can write outside the scratch area or jump
 * back into code. Whatever an instruction does - fall through, branch into the padding, fault,
 * trap - control comes back to resume (directly or through the signal handler), which resets the
 * machine state and runs the next slot. At the end it writes, for each slot, the first signal it
 * raised with its si_code and the eip QEMU reported (8 bytes per slot) to stdout.
 *
 * Built by test/i386/qemu-inasm.ts (buildHarness) with
 *   i686-linux-gnu-gcc -nostdlib -static -Wl,--section-start=.slots=SLOTS -DNSLOTS=n -DSLOTS=..
 *     -DSLOT_SHIFT=8 -Wa,-I<dir> insn-harness.S
 * where <dir>/slots.inc (tools/i386/insn-gen.ts: harnessSlots) holds the .slots section contents.
 */
#define SCRATCH      0x20000000   /* 64 KiB read/write, never executable */
#define SCRATCH_SIZE 0x10000
#define WINDOW       0x20007000   /* refilled with FILL before every slot */
#define WINDOW_WORDS 0x800
#define FILL         0xe0e0e0e0   /* an unmapped address, an invalid selector, no TF/DF flag */

#define SA_SIGINFO   0x00000004
#define SA_ONSTACK   0x08000000
#define SA_RESTORER  0x04000000

        .section .note.GNU-stack, "", @progbits

        .text
        .globl _start
_start:
        /* mmap2(SCRATCH, SCRATCH_SIZE, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0) */
        mov $192, %eax
        mov $SCRATCH, %ebx
        mov $SCRATCH_SIZE, %ecx
        mov $3, %edx
        mov $0x32, %esi
        mov $-1, %edi
        xor %ebp, %ebp
        int $0x80
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
        movl $-1, slot
        jmp resume

install:
        mov $174, %eax
        mov $sigact, %ecx
        xor %edx, %edx
        mov $8, %esi
        int $0x80
        ret

/* Back from a slot: restore a known state and run the next one. */
        .globl resume
resume:
        mov $0x2b, %eax
        mov %eax, %ds
        mov %eax, %es
        mov %eax, %ss
        xor %eax, %eax
        mov %eax, %fs
        mov %eax, %gs
        mov $stack_top, %esp
        push $0x202
        popfl
        fninit
        ldmxcsr mxcsr_init
        mov $WINDOW, %edi
        mov $FILL, %eax
        mov $WINDOW_WORDS, %ecx
        rep stosl
        incl slot
        mov slot, %eax
        cmp $NSLOTS, %eax
        jae done
        shl $SLOT_SHIFT, %eax
        add $SLOTS, %eax
        mov %eax, target
        /* the register values the generator assumes (REG_VALUES in insn-gen.ts) */
        mov $0x20007f10, %eax
        mov $0x20007f50, %ecx
        mov $0x20007f90, %edx
        mov $0x20007fd0, %ebx
        mov $0x20008010, %ebp
        mov $0x20008050, %esi
        mov $0x20008090, %edi
        mov $0x20008000, %esp
        jmp *target

done:
        /* write(1, results, NSLOTS * 8): what each slot raised */
        mov $4, %eax
        mov $1, %ebx
        mov $results, %ecx
        mov $NSLOTS * 8, %edx
        int $0x80
        mov $1, %eax
        xor %ebx, %ebx
        int $0x80

/*
 * handler(sig, info, uc): records the first signal of the slot (results[slot] = signal | si_code << 8
 * | 1 << 31, faulting eip), then resumes at `resume` with sane segments, flags and stack.
 */
handler:
        mov 12(%esp), %eax
        mov slot, %edx
        lea results(,%edx,8), %edx
        testl $0x80000000, (%edx)
        jnz 1f
        mov 4(%esp), %ecx           /* signal */
        mov 8(%esp), %ebx
        movzbl 8(%ebx), %ebx        /* info->si_code */
        shl $8, %ebx
        or %ebx, %ecx
        or $0x80000000, %ecx
        mov %ecx, (%edx)
        mov 76(%eax), %ecx          /* eip */
        mov %ecx, 4(%edx)
1:
        movl $0, 20(%eax)          /* gs */
        movl $0, 24(%eax)          /* fs */
        movl $0x2b, 28(%eax)       /* es */
        movl $0x2b, 32(%eax)       /* ds */
        movl $stack_top, 48(%eax)  /* esp */
        movl $resume, 76(%eax)     /* eip */
        movl $0x23, 80(%eax)       /* cs */
        movl $0x202, 84(%eax)      /* eflags */
        movl $stack_top, 88(%eax)  /* esp_at_signal */
        movl $0x2b, 92(%eax)       /* ss */
        ret

restorer:
        mov $173, %eax             /* rt_sigreturn */
        int $0x80

        .data
        .balign 4
sigact: .long handler, SA_SIGINFO | SA_ONSTACK | SA_RESTORER, restorer, 0, 0
altstack:
        .long altstack_mem, 0, 16384
mxcsr_init:
        .long 0x1f80
slot:   .long 0
target: .long 0

        .bss
        .balign 16
results:
        .space NSLOTS * 8
altstack_mem:
        .space 16384
        .space 4096
stack_top:
        .space 64

        .section .slots, "ax"
        .include "slots.inc"
