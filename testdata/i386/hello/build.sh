#!/usr/bin/env bash
# Builds testdata/i386/hello/hello.elf (the int $0x80 hello world) with Debian's i686 cross compiler
# (package gcc-i686-linux-gnu):  bash testdata/i386/hello/build.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC="${I686_CC:-i686-linux-gnu-gcc}"
command -v "$CC" >/dev/null || { echo "need $CC: apt-get install gcc-i686-linux-gnu" >&2; exit 1; }
"$CC" -static -nostdlib -no-pie -Wl,--build-id=none -Wl,-z,noexecstack -o hello.elf hello.S
