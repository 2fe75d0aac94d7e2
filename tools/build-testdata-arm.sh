#!/usr/bin/env bash
# Rebuild every committed guest ELF under testdata/arm/ with Debian's arm-linux-gnueabihf-gcc
# (packages gcc-arm-linux-gnueabihf, binutils-arm-linux-gnueabihf).
#
#   bash tools/build-testdata-arm.sh          # build everything
#   bash tools/build-testdata-arm.sh check    # build, then run every ELF under qemu-arm (trixie's)
#   bash tools/build-testdata-arm.sh repro    # build twice, check byte-identical output
#
# The programs are freestanding (-nostdlib, our own runtime in rt/), static, non-PIE, for a
# cortex-a15 with VFPv4-D16 hard float and no Neon (tciemu's CPU model), built without a build-id from inside
# testdata/arm with relative paths and fixed object names, so a rebuild with the same toolchain is
# byte-identical (`repro` checks this).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
T="$ROOT/testdata/arm"
CC="${ARM_CC:-arm-linux-gnueabihf-gcc}"
MODE="${1:-build}"

command -v "$CC" >/dev/null || { echo "need $CC: apt-get install gcc-arm-linux-gnueabihf" >&2; exit 1; }

COMMON=(
  -mcpu=cortex-a15 -mfpu=vfpv4-d16 -mfloat-abi=hard
  -static -nostdlib -nostartfiles -no-pie -fno-pic
  -ffreestanding -fno-builtin -fno-ident -fno-stack-protector
  -fno-asynchronous-unwind-tables -fno-unwind-tables
  -ffunction-sections -fdata-sections
  -O2 -Wall -Wextra
  -I rt
  -Wl,--gc-sections -Wl,--build-id=none -Wl,-z,noexecstack
  -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments
)
RT_SRCS=(rt/start.S rt/syscall.c rt/printf.c rt/string.c)

# build OUT MODE(arm|thumb) SRC... (paths relative to testdata/arm); the runtime is always A32
build() {
  local out="$1" isa="$2"
  shift 2
  local objdir src obj objs=()
  objdir="$(mktemp -d)"
  for src in "$@"; do
    obj="$objdir/$(basename "$src" | tr . _).o"
    (cd "$T" && "$CC" "-m$isa" "${COMMON[@]}" -c "$src" -o "$obj")
    objs+=("$(basename "$obj")")
  done
  for src in "${RT_SRCS[@]}"; do
    obj="$objdir/rt_$(basename "$src" | tr . _).o"
    (cd "$T" && "$CC" -marm "${COMMON[@]}" -c "$src" -o "$obj")
    objs+=("$(basename "$obj")")
  done
  (cd "$objdir" && "$CC" "${COMMON[@]}" -o "$T/$out.tmp" "${objs[@]}" -lgcc)
  rm -rf "$objdir"
  mv "$T/$out.tmp" "$T/$out"
  printf '  %-24s %6d bytes  -m%s\n' "$out" "$(stat -c %s "$T/$out")" "$isa"
}

build_all() {
  echo "building ARM test programs with $("$CC" --version | head -n1)"
  build alu-arm.elf arm alu.c
  build alu-thumb.elf thumb alu.c
  build it.elf thumb it.c
  build vfp-arm.elf arm vfp.c
  build vfp-thumb.elf thumb vfp.c
  build excl.elf thumb excl.c
  build unaligned.elf arm unaligned.c
  build signals.elf arm signals.c
  build smc.elf arm smc.c
  build epoll.elf thumb epoll.c
  build timers.elf arm timers.c
  # static glibc (libc6-dev-armhf-cross): the sources every guest shares in testdata/linux-user
  local name
  for name in sigwait rcvtimeo fsinfo; do
    (cd "$T" && "$CC" -O1 -static -pthread -fno-ident -Wl,--build-id=none -o "$name.elf.tmp" "../linux-user/$name.c")
    mv "$T/$name.elf.tmp" "$T/$name.elf"
    printf '  %-24s %6d bytes  glibc static\n' "$name.elf" "$(stat -c %s "$T/$name.elf")"
  done
}

case "$MODE" in
  build) build_all ;;
  check)
    build_all
    QEMU="$(ls "${TCIEMU_CACHE:-$HOME/.cache/tciemu}"/debian/qemu-trixie/qemu-user/usr/bin/qemu-arm)"
    for f in "$T"/*.elf; do
      if "$QEMU" -cpu cortex-a15,neon=off,vfp-d32=off "$f" >/dev/null; then echo "  ok   $(basename "$f")"; else echo "  FAIL $(basename "$f") (exit $?)"; fi
    done
    ;;
  repro)
    build_all
    sums="$(cd "$T" && sha256sum ./*.elf)"
    build_all >/dev/null
    if [ "$sums" = "$(cd "$T" && sha256sum ./*.elf)" ]; then echo "reproducible"; else echo "NOT reproducible" >&2; exit 1; fi
    ;;
  *) echo "usage: $0 [build|check|repro]" >&2; exit 2 ;;
esac
