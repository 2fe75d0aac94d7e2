#!/usr/bin/env bash
# Rebuild testdata/i386/libm/x87-trig (committed) from x87-trig.c with Debian's
# i686 cross compiler (apt-get install gcc-i686-linux-gnu).  Freestanding,
# static, non-PIE, no build-id, compiled from inside this folder with relative
# paths, so a rebuild with the same toolchain is byte-identical.
#
#   bash testdata/i386/libm/build.sh          # build
#   bash testdata/i386/libm/build.sh check    # build, then run it once under trixie's qemu-i386
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CC="${I386_CC:-i686-linux-gnu-gcc}"
command -v "$CC" >/dev/null || { echo "need $CC: apt-get install gcc-i686-linux-gnu" >&2; exit 1; }

cd "$HERE"
"$CC" -static -nostdlib -nostartfiles -no-pie -fno-pic -ffreestanding -fno-builtin \
  -fno-ident -fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables \
  -O2 -Wall -Wextra -march=i686 \
  -Wl,--build-id=none -Wl,-z,noexecstack -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments \
  -o x87-trig x87-trig.c
echo "built $HERE/x87-trig"

if [[ "${1:-}" == check ]]; then
  QEMU="$(bash "$HERE/../../../tools/debian/fetch.sh" qemu-path i386)"
  # 1.0 and 2^64 (out of range: C2 set, ST0 unchanged)
  printf '\x00\x00\x00\x00\x00\x00\xf0\x3f\x00\x00\x00\x00\x00\x00\xf0\x43' | "$QEMU" ./x87-trig | od -A d -t x8
fi
