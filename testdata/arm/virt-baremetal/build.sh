#!/bin/sh
# Builds the ARM virt bare-metal test programs with Debian's armhf cross compiler
# (apt-get install gcc-arm-linux-gnueabihf). The ELFs are committed next to their sources.
set -eu
cd "$(dirname "$0")"
CC=${CC:-arm-linux-gnueabihf-gcc}
for prog in mmu-walk dev-trace; do
  $CC -march=armv7ve -mfloat-abi=soft -marm -O2 -nostdlib -ffreestanding -fno-builtin -fno-pic -mno-unaligned-access \
    -Wall -Wextra -static -no-pie -T link.ld -Wl,--build-id=none -Wl,-z,noexecstack -s -o "$prog.elf" start.S "$prog.c"
done
# sys-check: the system architecture (modes, exceptions, cp15, GIC timer interrupt, VFP enable, PSCI)
$CC -march=armv7ve -mfpu=vfpv4-d16 -mfloat-abi=softfp -marm -O2 -nostdlib -ffreestanding -fno-builtin -fno-pic -mno-unaligned-access \
  -Wall -Wextra -static -no-pie -T link.ld -Wl,--build-id=none -Wl,-z,noexecstack -s -o sys-check.elf start.S sys-check-vectors.S sys-check.c
# banked: MRS/MSR (banked register) from every PL1 mode (needs armv7ve: the Virtualization Extensions)
$CC -march=armv7ve -mfloat-abi=soft -marm -O2 -nostdlib -ffreestanding -fno-builtin -fno-pic -mno-unaligned-access \
  -Wall -Wextra -static -no-pie -T link.ld -Wl,--build-id=none -Wl,-z,noexecstack -s -o banked.elf banked-asm.S banked.c
