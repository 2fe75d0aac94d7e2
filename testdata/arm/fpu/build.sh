#!/usr/bin/env bash
# Builds testdata/arm/fpu/vfp-ops.elf from vfp-ops.c with Debian's armhf cross
# compiler (package gcc-arm-linux-gnueabihf).  Run from anywhere:
#   bash testdata/arm/fpu/build.sh
# Freestanding (its own _start and svc system calls): the committed ELF is
# small and a rebuild with the same toolchain is byte-identical.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC="${ARMHF_CC:-arm-linux-gnueabihf-gcc}"
command -v "$CC" >/dev/null || { echo "need $CC: apt-get install gcc-arm-linux-gnueabihf" >&2; exit 1; }
"$CC" -static -O1 -marm -march=armv7-a -mfpu=vfpv4-d16 -mfloat-abi=hard -nostdlib -ffreestanding -fno-builtin \
  -fno-pie -no-pie -fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-ident -Wall -Wextra \
  -Wl,--build-id=none -Wl,-z,noexecstack -o vfp-ops.elf vfp-ops.c
