#!/usr/bin/env bash
# Builds testdata/i386/fpu/fpu-ops.elf from fpu-ops.c with Debian's i686 cross
# compiler (package gcc-i686-linux-gnu).  Run from anywhere:
#   bash testdata/i386/fpu/build.sh
# The program is freestanding (its own _start and int $0x80 system calls), so
# the committed ELF is small and a rebuild with the same toolchain is
# byte-identical.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC="${I686_CC:-i686-linux-gnu-gcc}"
command -v "$CC" >/dev/null || { echo "need $CC: apt-get install gcc-i686-linux-gnu" >&2; exit 1; }
# -msse2 for the SSE/SSE2 mnemonics; the C code itself does no floating point.
"$CC" -static -O1 -msse2 -nostdlib -ffreestanding -fno-builtin -fno-pie -no-pie -fno-stack-protector \
  -fno-asynchronous-unwind-tables -fno-ident -Wall -Wextra \
  -Wl,--build-id=none -Wl,-z,noexecstack -o fpu-ops.elf fpu-ops.c
