#!/usr/bin/env bash
# Builds testdata/riscv/user/*.c (Linux user-mode test programs) with Debian's riscv64-linux-gnu-gcc,
# with the same flags and freestanding runtime (testdata/riscv/rt) as tools/build-testdata.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T="$ROOT/testdata/riscv"
CC="${RISCV_CC:-riscv64-linux-gnu-gcc}"
COMMON=(
  -mabi=lp64d -static -nostdlib -nostartfiles -no-pie -fno-pic
  -ffreestanding -fno-builtin -fno-ident -fno-stack-protector
  -fno-asynchronous-unwind-tables -fno-unwind-tables
  -ffunction-sections -fdata-sections
  -O2 -Wall -Wextra
  -I rt
  -Wl,--gc-sections -Wl,--build-id=none -Wl,--no-relax -Wl,-z,noexecstack
  -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments
)
RT_SRCS=(rt/start.S rt/dump.S rt/syscall.c rt/printf.c rt/string.c)
for src in "$T"/user/*.c; do
  name="$(basename "${src%.c}")"
  objdir="$(mktemp -d)"
  objs=()
  for s in "user/$name.c" "${RT_SRCS[@]}"; do
    obj="$objdir/$(basename "$s" | tr . _).o"
    (cd "$T" && "$CC" -march=rv64gc "${COMMON[@]}" -c "$s" -o "$obj")
    objs+=("$(basename "$obj")")
  done
  (cd "$objdir" && "$CC" -march=rv64gc "${COMMON[@]}" -o "$T/user/$name.elf" "${objs[@]}" -lgcc)
  rm -rf "$objdir"
  size=$(stat -c %s "$T/user/$name.elf")
  ((size < 65536)) || { echo "error: $name.elf is $size bytes (limit 64 KiB)" >&2; exit 1; }
  printf '  %-24s %6d bytes\n' "user/$name.elf" "$size"
done
