@ Runs instruction words one at a time so that qemu-arm's `-d in_asm`
@ shows how it disassembles each one (test/arm/disas-qemu.test.ts).
@
@   driver WORDS-FILE
@
@ WORDS-FILE holds pairs of little-endian u32: a mode (0 = A32, 1 = T16,
@ 2 = T32 with the first halfword in bits 31:16) and the instruction.  Each
@ word is written into a code slot (word i at 0x60000000 + (i % 64) * 4096
@ for A32, 0x60080000 + (i % 64) * 4096 for Thumb; pages mapped RWX and filled
@ with UDF), followed by a branch to a read-only return page.  Every register points into a
@ scratch area (0x40000000, not executable, filled with a word that is not
@ a mapped address), so whatever the instruction does -- branch, load,
@ store, trap -- either returns through the stub or raises a signal whose
@ handler (on an alternate stack) resumes the driver at slot_return.  A
@ periodic SIGALRM breaks instructions that loop or jump into other code.  qemu-arm
@ retranslates the slot after every write (self-modifying code), so its
@ in_asm log has one block per word at the slot address.
@
@ Freestanding: raw Linux EABI system calls, no libc.

        .syntax unified
        .arm
        .text

        .equ SLOT_ARM,   0x60000000
        .equ SLOT_THUMB, 0x60080000
        .equ SLOT_STRIDE_SHIFT, 12       @ word i at base + (i % 64) * 4096
        .equ SCRATCH,    0x40000000
        .equ SCRATCH_SZ, 0x00100000
        .equ ALTSTACK,   0x50000000
        .equ FILL_DATA,  0xfff0fff0      @ loads of it into pc fault
        .equ UDF_ARM,    0xe7f000f0      @ udf #0
        .equ UDF_THUMB,  0xde00de00      @ udf #0, twice
        .equ TRAMPOLINE, 0x60200000      @ RWX page of its own
        .equ RETPAGE,    0x60100000      @ read-only return code the stubs branch to

        .global _start
_start:
        ldr     r0, [sp]                @ argc
        cmp     r0, #2
        blt     usage
        ldr     r0, [sp, #8]            @ argv[1]
        bl      read_words              @ r0 = word count (pairs)
        mov     r10, r0                 @ pairs left
        ldr     r11, =words             @ cursor

        bl      map_areas
        bl      install_handlers

next_word:
        ldr     r0, =progress
        ldr     r1, [r0]
        add     r1, r1, #1
        str     r1, [r0]
        cmp     r10, #0
        beq     done
        ldr     r4, [r11], #4           @ mode
        ldr     r5, [r11], #4           @ word
        sub     r10, r10, #1
        cmp     r4, #0
        beq     run_arm
        cmp     r4, #1
        beq     run_t16
        b       run_t32

@ Word i runs at slot base + (i % 64) * 4096, so that every block in the log
@ says which word it belongs to, consecutive words never share an address,
@ and the short Thumb branches (CBZ, 16-bit B) land in the word's own area.
slot_offset:                            @ r0 = base -> r6 = slot for the current word
        ldr     r1, =progress
        ldr     r1, [r1]
        and     r1, r1, #63
        add     r6, r0, r1, lsl #SLOT_STRIDE_SHIFT
        bx      lr

@ b.w from the halfword at r1 to RETPAGE+0x10 (forward, < 4 MiB): r2 = hw1, r3 = hw2
thumb_branch:
        ldr     r2, =RETPAGE + 0x10
        sub     r2, r2, r1
        sub     r2, r2, #4              @ offset from the branch's PC
        lsr     r3, r2, #1
        ldr     r12, =0x7ff
        and     r3, r3, r12
        orr     r3, r3, #0xb800         @ 10 J1=1 1 J2=1 imm11
        lsr     r2, r2, #12
        ldr     r12, =0x3ff
        and     r2, r2, r12
        orr     r2, r2, #0xf000         @ 11110 S=0 imm10
        bx      lr

@ ---- A32: [word][b RETPAGE].  The way back is a branch to a read-only page,
@ so that a store by the instruction into its own page cannot redirect it.
run_arm:
        ldr     r0, =SLOT_ARM
        bl      slot_offset
        ldr     r0, =UDF_ARM
        bl      fill_slot
        str     r5, [r6]
        ldr     r0, =RETPAGE
        sub     r0, r0, r6
        sub     r0, r0, #12             @ from the branch's PC (slot + 4 + 8)
        lsr     r0, r0, #2
        bic     r0, r0, #0xff000000
        orr     r0, r0, #0xea000000     @ b
        str     r0, [r6, #4]
        mov     r0, r6
        bl      run_slot
        b       next_word

@ ---- T16: [hw][b.w RETPAGE+0x10]
run_t16:
        ldr     r0, =SLOT_THUMB
        bl      slot_offset
        ldr     r0, =UDF_THUMB
        bl      fill_slot
        strh    r5, [r6]
        add     r1, r6, #2
        bl      thumb_branch
        strh    r2, [r6, #2]
        strh    r3, [r6, #4]
        add     r0, r6, #1
        bl      run_slot
        b       next_word

@ ---- T32: [hw1][hw2][b.w RETPAGE+0x10]
run_t32:
        ldr     r0, =SLOT_THUMB
        bl      slot_offset
        ldr     r0, =UDF_THUMB
        bl      fill_slot
        lsr     r0, r5, #16
        strh    r0, [r6]
        strh    r5, [r6, #2]
        add     r1, r6, #4
        bl      thumb_branch
        strh    r2, [r6, #4]
        strh    r3, [r6, #6]
        add     r0, r6, #1
        bl      run_slot
        b       next_word

@ fill_slot(r0 = fill word, r6 = slot): the 128 bytes from the slot on
fill_slot:
        mov     r1, r6
        add     r2, r6, #128
1:      str     r0, [r1], #4
        cmp     r1, r2
        blt     1b
        bx      lr

@ run_slot(r0 = entry, bit 0 = Thumb): every register into the scratch area, then jump.
run_slot:
        push    {r4-r11, lr}
        ldr     r1, =saved_sp
        str     sp, [r1]
        @ The jump into the slot must not need a register, so it goes through
        @ a two-word trampoline in the RWX page: ldr pc, [pc, #-4]; .word entry
        ldr     r1, =TRAMPOLINE
        ldr     r2, =0xe51ff004
        str     r2, [r1]
        str     r0, [r1, #4]
        ldr     r0, =SCRATCH + 0x80000
        add     r1, r0, #0x100
        add     r2, r0, #0x200
        add     r3, r0, #0x300
        add     r4, r0, #0x400
        add     r5, r0, #0x500
        add     r6, r0, #0x600
        add     r7, r0, #0x700
        add     r8, r0, #0x800
        add     r9, r0, #0x900
        add     r10, r0, #0xa00
        add     r11, r0, #0xb00
        add     r12, r0, #0xc00
        add     lr, r0, #0xe00
        add     sp, r0, #0xd00
        ldr     pc, =TRAMPOLINE
        .ltorg

        .global slot_return
slot_return:
        setend  le
        ldr     r1, =saved_sp
        ldr     sp, [r1]
        pop     {r4-r11, pc}

done:
        mov     r0, #0
        mov     r7, #248                @ exit_group
        svc     0
usage:
        mov     r0, #2
        mov     r7, #248
        svc     0

@ read_words(r0 = path) -> r0 = number of pairs
read_words:
        push    {r4-r7, lr}
        mov     r1, #0                  @ O_RDONLY
        mov     r7, #5                  @ open
        svc     0
        cmp     r0, #0
        blt     usage
        mov     r4, r0
        ldr     r5, =words
        mov     r6, #0
1:      mov     r0, r4
        add     r1, r5, r6
        ldr     r2, =WORDS_MAX
        sub     r2, r2, r6
        cmp     r2, #0
        ble     2f
        mov     r7, #3                  @ read
        svc     0
        cmp     r0, #0
        ble     2f
        add     r6, r6, r0
        b       1b
2:      mov     r0, r4
        mov     r7, #6                  @ close
        svc     0
        lsr     r0, r6, #3
        pop     {r4-r7, pc}

@ mmap2 the slot pages, the scratch area and the signal stack
map_areas:
        push    {r4-r7, lr}
        ldr     r0, =SLOT_ARM
        ldr     r1, =0x100000
        mov     r2, #7                  @ PROT_READ|WRITE|EXEC
        bl      mmap_fixed
        ldr     r0, =SCRATCH
        ldr     r1, =SCRATCH_SZ
        mov     r2, #3                  @ PROT_READ|WRITE
        bl      mmap_fixed
        ldr     r0, =ALTSTACK
        ldr     r1, =0x10000
        mov     r2, #3
        bl      mmap_fixed
        ldr     r0, =RETPAGE
        ldr     r1, =0x1000
        mov     r2, #3
        bl      mmap_fixed
        ldr     r0, =TRAMPOLINE
        ldr     r1, =0x1000
        mov     r2, #7
        bl      mmap_fixed
        @ RETPAGE+0: ldr pc, [pc, #-4]; .word slot_return   (A32)
        @ RETPAGE+16: ldr.w pc, [pc, #0]; .word slot_return (Thumb, literal at +20)
        ldr     r0, =RETPAGE
        ldr     r1, =0xe51ff004
        str     r1, [r0]
        ldr     r1, =slot_return
        str     r1, [r0, #4]
        ldr     r1, =0xf8df
        strh    r1, [r0, #16]
        ldr     r1, =0xf000
        strh    r1, [r0, #18]
        ldr     r1, =slot_return
        str     r1, [r0, #20]
        ldr     r0, =RETPAGE
        ldr     r1, =0x1000
        mov     r2, #5                  @ PROT_READ|EXEC
        mov     r7, #125                @ mprotect
        svc     0
        @ scratch contents
        ldr     r0, =SCRATCH
        ldr     r1, =SCRATCH + SCRATCH_SZ
        ldr     r2, =FILL_DATA
1:      str     r2, [r0], #4
        cmp     r0, r1
        blt     1b
        @ whole slot pages start as UDF
        ldr     r0, =SLOT_ARM
        add     r1, r0, #0x40000
        ldr     r2, =UDF_ARM
1:      str     r2, [r0], #4
        cmp     r0, r1
        blt     1b
        ldr     r0, =SLOT_THUMB
        add     r1, r0, #0x40000
        ldr     r2, =UDF_THUMB
1:      str     r2, [r0], #4
        cmp     r0, r1
        blt     1b
        pop     {r4-r7, pc}

mmap_fixed:                             @ r0 addr, r1 len, r2 prot
        push    {r4-r7, lr}
        mov     r3, #0x32               @ MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS
        mvn     r4, #0                  @ fd -1
        mov     r5, #0
        mov     r7, #192                @ mmap2
        svc     0
        cmn     r0, #4096
        bhi     usage
        pop     {r4-r7, pc}

install_handlers:
        push    {r4-r7, lr}
        @ sigaltstack({ALTSTACK, 0, 0x10000}, NULL)
        ldr     r0, =altstack_desc
        mov     r1, #0
        mov     r7, #186
        svc     0
        @ rt_sigaction for SIGILL(4) SIGTRAP(5) SIGBUS(7) SIGFPE(8) SIGSEGV(11) SIGALRM(14) SIGSYS(31)
        ldr     r4, =signals
1:      ldr     r0, [r4], #4
        cmp     r0, #0
        beq     2f
        ldr     r1, =sigact
        mov     r2, #0
        mov     r3, #8
        mov     r7, #174
        svc     0
        b       1b
2:      @ setitimer(ITIMER_REAL, {10ms, 10ms})
        mov     r0, #0
        ldr     r1, =itimer
        mov     r2, #0
        mov     r7, #104
        svc     0
        pop     {r4-r7, pc}

@ handler(sig, info, ucontext): resume at slot_return in ARM state, little
@ endian, outside any IT block -- unless the signal is a timer tick that
@ arrived outside the slot pages.
handler:
        add     r3, r2, #20             @ uc_mcontext
        cmp     r0, #14
        bne     1f
        @ A timer tick: redirect only when the word has run for two ticks
        @ without the driver moving on (a loop, or a jump into other code); the
        @ driver itself needs microseconds per word.  Redirecting on the first
        @ tick could skip a word that was about to start.
        ldr     r0, =progress
        ldr     r1, [r0]
        ldr     r2, [r0, #4]            @ progress seen at the last tick
        str     r1, [r0, #4]
        cmp     r1, r2
        movne   r1, #0
        ldreq   r1, [r0, #8]
        addeq   r1, r1, #1
        str     r1, [r0, #8]            @ ticks without progress
        cmp     r1, #2
        bxlt    lr
1:      ldr     r1, =slot_return
        str     r1, [r3, #72]
        ldr     r1, [r3, #76]           @ arm_cpsr
        ldr     r12, =0x0600fe20        @ IT bits, E, T
        bic     r1, r1, r12
        str     r1, [r3, #76]
        bx      lr

restorer:
        mov     r7, #173                @ rt_sigreturn
        svc     0

        .data
        .align  2
signals:        .word 4, 5, 7, 8, 11, 14, 31, 0
sigact:         .word handler, 0x0c000004, restorer, 0, 0   @ SA_SIGINFO|SA_ONSTACK|SA_RESTORER
altstack_desc:  .word ALTSTACK, 0, 0x10000
itimer:         .word 0, 10000, 0, 10000
saved_sp:       .word 0
progress:       .word 0, 0, 0               @ words started, value at the last tick, stalled ticks

        .bss
        .align  2
        .equ WORDS_MAX, 0x100000
words:  .space WORDS_MAX
