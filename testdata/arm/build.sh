#!/usr/bin/env bash
# Builds the committed ARM test programs from their sources with Debian's
# arm-linux-gnueabihf cross toolchain (packages gcc-arm-linux-gnueabihf,
# binutils-arm-linux-gnueabihf).
#
#   bash testdata/arm/build.sh
#
# disas/*.elf: freestanding (-nostdlib), static, no build-id, so a rebuild
# with the same toolchain is byte-identical.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CC="${ARM_CC:-arm-linux-gnueabihf-gcc}"
command -v "$CC" >/dev/null || { echo "need $CC: apt-get install gcc-arm-linux-gnueabihf" >&2; exit 1; }
cd "$HERE/disas"
# Text at 0x31000000: far from any value a random instruction computes from
# the slot (0x600x0000) or scratch (0x400x0000) addresses (UXTB16 of the slot
# address is 0x000100xx, where a default link would put the driver's code).
"$CC" -nostdlib -static -Wl,--build-id=none -Wl,-Ttext=0x31000000 -o driver.elf driver.S
# blocks.elf: straight-line A32/Thumb code with IT blocks, disassembled block by block.
"$CC" -nostdlib -static -Wl,--build-id=none -o blocks.elf blocks.S
echo "built testdata/arm/disas/driver.elf blocks.elf"
