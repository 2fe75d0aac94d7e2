#!/usr/bin/env bash
# Builds testdata/i386/fuzz/harness.elf (the runtime of tools/fuzz/i386-diff.ts) with Debian's
# i686 cross compiler (package gcc-i686-linux-gnu):  bash testdata/i386/fuzz/build.sh
# Text at 0x08048000+, data at 0x08100000; symbols kept (the fuzzer looks up `record`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC="${I686_CC:-i686-linux-gnu-gcc}"
command -v "$CC" >/dev/null || { echo "need $CC: apt-get install gcc-i686-linux-gnu" >&2; exit 1; }
"$CC" -static -nostdlib -no-pie -Wl,--build-id=none -Wl,-z,noexecstack -Wl,-Tdata=0x08100000 \
  -o harness.elf harness.S
