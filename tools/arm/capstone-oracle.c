/*
 * Prints what capstone (the library QEMU 10 disassembles ARM guests with)
 * makes of instruction words, set up as QEMU's disas/capstone.c sets it up
 * for an ARM guest: CS_ARCH_ARM, CS_MODE_ARM or CS_MODE_THUMB, little
 * endian, CS_OPT_SKIPDATA on.  A development oracle for src/target/arm/disas.ts
 * (tools/arm/disas-capstone-check.ts); the tests compare with qemu-arm itself.
 *
 *   capstone-oracle arm|thumb < words.bin
 *
 * Input: little-endian uint32 words.  In Thumb mode a word is one 32-bit
 * instruction (first halfword in bits 31:16) when its first halfword is
 * 0xe800 or above, else a 16-bit instruction in bits 15:0.  Output: one line
 * per word, "size<TAB>mnemonic<TAB>operands".  Each word is disassembled
 * with a fresh handle, as QEMU does for each translation block.
 */
#include <capstone/capstone.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    int thumb = argc > 1 && strcmp(argv[1], "thumb") == 0;
    csh h;
    if (cs_open(CS_ARCH_ARM, thumb ? CS_MODE_THUMB : CS_MODE_ARM, &h) != CS_ERR_OK) {
        fprintf(stderr, "cs_open failed\n");
        return 1;
    }
    cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
    cs_insn *insn = cs_malloc(h);
    static uint32_t buf[65536];
    size_t n;
    while ((n = fread(buf, 4, 65536, stdin)) > 0) {
        for (size_t i = 0; i < n; i++) {
            uint8_t bytes[4];
            size_t size;
            uint32_t w = buf[i];
            if (!thumb) {
                memcpy(bytes, &w, 4);
                size = 4;
            } else if ((w >> 16) >= 0xe800) {
                uint16_t hw1 = w >> 16, hw2 = w & 0xffff;
                memcpy(bytes, &hw1, 2);
                memcpy(bytes + 2, &hw2, 2);
                size = 4;
            } else {
                uint16_t hw = w & 0xffff;
                memcpy(bytes, &hw, 2);
                size = 2;
            }
            /* A fresh state per word: QEMU opens a handle per block. */
            cs_close(&h);
            cs_open(CS_ARCH_ARM, thumb ? CS_MODE_THUMB : CS_MODE_ARM, &h);
            cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
            const uint8_t *p = bytes;
            uint64_t pc = 0x10000;
            if (cs_disasm_iter(h, &p, &size, &pc, insn)) {
                printf("%u\t%s\t%s\n", insn->size, insn->mnemonic, insn->op_str);
            } else {
                printf("0\t\t\n");
            }
        }
    }
    cs_free(insn, 1);
    cs_close(&h);
    return 0;
}
