@ Straight-line code with IT blocks, VFP and A32/Thumb interworking, for
@ comparing whole translation blocks of qemu-arm's `-d in_asm` with our
@ disassembler (test/arm/disas-blocks.test.ts): capstone carries the IT
@ state from one instruction to the next inside a block.

        .syntax unified
        .arch   armv7-a
        .fpu    vfpv4-d16
        .text

        .arm
        .global _start
_start:
        mov     r0, #0
        mov     r1, #1
        cmp     r0, r1
        addne   r2, r0, r1, lsl #2
        moveq   r3, #7
        vmov.f32 s0, #1.0
        vadd.f32 s1, s0, s0
        vcmp.f32 s1, s0
        vmrs    APSR_nzcv, fpscr
        vmulgt.f32 s2, s1, s1
        push    {r4, lr}
        pop     {r4, lr}
        blx     thumb_code
        mov     r0, #0
        mov     r7, #1
        svc     0

        .thumb
        .thumb_func
thumb_code:
        movs    r0, #0
        movs    r1, #5
        cmp     r0, #0
        itte    eq
        addeq   r1, r1, #1              @ 16-bit: no S inside the block
        moveq   r2, r3
        movne   r2, #9
        ittet   ne
        addne.w r2, r2, #0x100          @ not executed, still in the block
        lslne   r3, r1, #2
        subeq   r4, r1, r0
        movne   r5, #1
        cmp     r1, #6
        iteee   eq
        vaddeq.f32 s3, s0, s1
        vsubne.f32 s3, s0, s1
        ldrne   r6, [sp, #-4]
        strne   r6, [sp, #-8]
        .short  0xbfe8                  @ it al
        .short  0x3000                  @ adds r0, #0 (no S inside the block)
        adds    r0, r0, #1
        it      hi
        movhi   r0, r1
        mov     r0, r0
        ite     lt
        movlt   r7, #0
        movge   r7, #1
        cbz     r0, 1f
1:      it      ne
        bxne    lr
        bx      lr
