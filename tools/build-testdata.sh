#!/usr/bin/env bash
# Rebuild every committed guest ELF under testdata/riscv/ with Debian's
# riscv64-linux-gnu-gcc (packages gcc-riscv64-linux-gnu, binutils-riscv64-linux-gnu),
# and the malformed inputs under testdata/riscv/bad/ (host gcc for the x86-64 one).
#
#   bash tools/build-testdata.sh          # build everything
#   bash tools/build-testdata.sh check    # build, then run every ELF under the
#                                         # qemu-riscv64 binaries found and report
#   bash tools/build-testdata.sh count    # executed instructions per program (slow)
#   bash tools/build-testdata.sh repro    # build twice, check byte-identical output
#
# The programs are freestanding (-nostdlib, our own runtime in rt/), static,
# non-PIE, linked without relaxation and without a build-id, compiled from
# inside testdata/riscv with relative paths, so a rebuild with the same
# toolchain is byte-identical (`repro` checks this).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
T="$ROOT/testdata/riscv"
CC="${RISCV_CC:-riscv64-linux-gnu-gcc}"
HOSTCC="${HOST_CC:-gcc}"
OBJCOPY="${RISCV_OBJCOPY:-riscv64-linux-gnu-objcopy}"
MODE="${1:-build}"

command -v "$CC" >/dev/null || { echo "need $CC: apt-get install gcc-riscv64-linux-gnu" >&2; exit 1; }

# Flags shared by every guest program.  -fno-ident keeps the compiler's version
# string out of the binary; --no-relax keeps gp free of hidden uses (the ext/
# programs use every register) and makes code addresses independent of
# relaxation; -fno-asynchronous-unwind-tables drops .eh_frame.
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

# build OUT MARCH SRC... (paths relative to testdata/riscv)
build() {
  local out="$1" march="$2"
  shift 2
  # Compile to objects with fixed names (the linker records object file names
  # as FILE symbols, so gcc's random temporary names would break rebuilds).
  local objdir src obj objs=()
  objdir="$(mktemp -d)"
  for src in "$@" "${RT_SRCS[@]}"; do
    obj="$objdir/$(basename "$src" | tr . _).o"
    (cd "$T" && "$CC" -march="$march" "${COMMON[@]}" -c "$src" -o "$obj")
    objs+=("$(basename "$obj")")
  done
  (cd "$objdir" && "$CC" -march="$march" "${COMMON[@]}" -o "$T/$out.tmp" "${objs[@]}" -lgcc)
  rm -rf "$objdir"
  mv "$T/$out.tmp" "$T/$out"
  local size
  size=$(stat -c %s "$T/$out")
  if ((size >= 65536)); then
    echo "error: $out is $size bytes (limit 64 KiB)" >&2
    exit 1
  fi
  printf '  %-24s %6d bytes  -march=%s\n' "$out" "$size" "$march"
}

march_for() {
  case "$1" in
    zba) echo rv64gc_zba ;;
    zbb) echo rv64gc_zbb ;;
    zbs) echo rv64gc_zbs ;;
    *) echo rv64gc ;;
  esac
}

build_all() {
  echo "building riscv64 test programs with $("$CC" --version | head -n1)"
  build demo.elf rv64gc demo.c
  build user/timers.elf rv64gc user/timers.c
  local src name
  for src in "$T"/ext/*.S "$T"/ext/*.c; do
    [[ -e "$src" ]] || continue
    name="$(basename "${src%.*}")"
    build "ext/$name.elf" "$(march_for "$name")" "ext/$(basename "$src")"
  done
  build user/mmapchurn.elf rv64gc user/mmapchurn.c
  build_glibc user/sigwait.elf ../linux-user/sigwait.c
  build_glibc user/rcvtimeo.elf ../linux-user/rcvtimeo.c
  build_glibc user/fsinfo.elf ../linux-user/fsinfo.c
  build_debug
  build_bad
}

# build_glibc OUT SRC: a static glibc program (Debian's libc6-dev-riscv64-cross), for the sources every
# guest shares in testdata/linux-user (not bound by the 64 KiB limit of the freestanding ones)
build_glibc() {
  local out="$1" src="$2"
  (cd "$T" && "$CC" -O1 -static -pthread -fno-ident -Wl,--build-id=none -o "$out.tmp" "$src")
  mv "$T/$out.tmp" "$T/$out"
  printf '  %-24s %6d bytes  glibc static\n' "$out" "$(stat -c %s "$T/$out")"
}

# ---------------------------------------------------------------------------
# Debugger test programs (testdata/riscv/debug/, used by test/debug/): built
# like the others but with DWARF debug info (-g -Og) so that gdb can break on
# functions and print variables. -fdebug-prefix-map keeps the build directory
# out of the DWARF, so rebuilds stay byte-identical across checkouts.
build_debug() {
  local src name out objdir obj objs
  for src in "$T"/debug/*.c; do
    [[ -e "$src" ]] || continue
    name="$(basename "${src%.*}")"
    out="debug/$name.elf"
    objdir="$(mktemp -d)"
    objs=()
    for s in "debug/$name.c" "${RT_SRCS[@]}"; do
      obj="$objdir/$(basename "$s" | tr . _).o"
      (cd "$T" && "$CC" -march=rv64gc "${COMMON[@]}" -g -Og -fdebug-prefix-map="$T"=. -c "$s" -o "$obj")
      objs+=("$(basename "$obj")")
    done
    (cd "$objdir" && "$CC" -march=rv64gc "${COMMON[@]}" -g -o "$T/$out.tmp" "${objs[@]}" -lgcc)
    rm -rf "$objdir"
    mv "$T/$out.tmp" "$T/$out"
    local size
    size=$(stat -c %s "$T/$out")
    if ((size >= 65536)); then
      echo "error: $out is $size bytes (limit 64 KiB)" >&2
      exit 1
    fi
    printf '  %-24s %6d bytes  -march=rv64gc -g -Og\n' "$out" "$size"
  done
}
# ---------------------------------------------------------------------------

build_bad() {
  local B="$T/bad" tmp
  mkdir -p "$B"
  tmp="$(mktemp -d)"

  # 1. not an ELF at all
  printf 'This is not an ELF file.\nIt is plain text given to the loader on purpose.\n' >"$B/not-elf.txt"
  # 2. empty file
  : >"$B/empty"
  # 3. x86-64 ELF: a static program that would just exit(0) on an x86-64 host
  if command -v "$HOSTCC" >/dev/null; then
    cat >"$tmp/x86.c" <<'C'
void _start(void) {
  __asm__ volatile("mov $60, %eax\n\txor %edi, %edi\n\tsyscall");
  for (;;) {}
}
C
    (cd "$tmp" && "$HOSTCC" -Os -static -nostdlib -no-pie -fno-pic -fno-ident \
      -fno-asynchronous-unwind-tables -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
      -o x86_64.elf x86.c)
    cp "$tmp/x86_64.elf" "$B/x86_64.elf"
  else
    echo "warning: no host gcc, bad/x86_64.elf not rebuilt" >&2
  fi
  # 4. riscv32 ELF (RV32I, ILP32), assembled and linked with the rv64 toolchain
  cat >"$tmp/rv32.S" <<'S'
	.globl _start
_start:
	li	a0, 0
	li	a7, 93
	ecall
S
  (cd "$tmp" && "$CC" -march=rv32i -mabi=ilp32 -c rv32.S -o rv32.o &&
    riscv64-linux-gnu-ld -m elf32lriscv -static --build-id=none -z max-page-size=4096 -o riscv32.elf rv32.o)
  cp "$tmp/riscv32.elf" "$B/riscv32.elf"
  # 5. truncated copies of demo.elf: ELF header and program headers intact but
  #    the segments cut off, and a file shorter than an ELF header
  head -c 1024 "$T/demo.elf" >"$B/truncated.elf"
  head -c 40 "$T/demo.elf" >"$B/short-header.elf"
  # 6. a riscv64 ELF whose e_machine was patched to x86-64 (62), and one
  #    whose program header table offset points past the end of the file
  cp "$T/demo.elf" "$tmp/m.elf"
  printf '\x3e\x00' | dd of="$tmp/m.elf" bs=1 seek=18 conv=notrunc status=none
  cp "$tmp/m.elf" "$B/wrong-machine.elf"
  cp "$T/demo.elf" "$tmp/p.elf"
  printf '\x00\x00\x01\x00\x00\x00\x00\x00' | dd of="$tmp/p.elf" bs=1 seek=32 conv=notrunc status=none
  cp "$tmp/p.elf" "$B/bad-phoff.elf"
  chmod 644 "$B"/*
  rm -rf "$tmp"
  local f
  for f in "$B"/*; do printf '  %-24s %6d bytes\n' "bad/$(basename "$f")" "$(stat -c %s "$f")"; done
}

# ---------------------------------------------------------------------------
# Checking against qemu (nothing here is recorded in the repository: the
# tests compare tciemu with qemu live).
qemus() {
  [[ -x /usr/bin/qemu-riscv64 ]] && echo /usr/bin/qemu-riscv64
  local q
  q="$(bash "$ROOT/tools/debian/fetch.sh" qemu-path 2>/dev/null || true)"
  [[ -n "$q" && -x "$q" ]] && echo "$q"
  return 0
}

# extra qemu arguments for a program; exit 1 if this qemu can't run it
qemu_args() {
  local q="$1" name="$2"
  case "$name" in
    zicond)
      "$q" -cpu rv64,zicond=true "$T/ext/zicsr.elf" >/dev/null 2>&1 || return 1
      echo "-cpu rv64,zicond=true" ;;
  esac
  return 0
}

programs() { echo "$T/demo.elf"; ls "$T"/ext/*.elf; }

check_all() {
  local q elf name args rc hash fail=0
  local -A first=()
  mapfile -t QS < <(qemus)
  ((${#QS[@]})) || { echo "no qemu-riscv64 found (apt-get install qemu-user, or tools/debian/fetch.sh qemu)" >&2; exit 1; }
  for q in "${QS[@]}"; do
    echo "== $q ($("$q" -version | head -n1))"
    while read -r elf; do
      name="$(basename "$elf" .elf)"
      if ! args="$(qemu_args "$q" "$name")"; then
        printf '  %-12s skipped: this qemu has no such CPU option\n' "$name"
        continue
      fi
      set +e
      # shellcheck disable=SC2086
      hash="$("$q" $args "$elf" 2>&1 | sha256sum | cut -c1-16; exit "${PIPESTATUS[0]}")"
      rc=$?
      set -e
      local note=""
      if [[ -n "${first[$name]:-}" && "${first[$name]}" != "$hash" ]]; then note="  (differs from ${QS[0]})"; fi
      [[ -n "${first[$name]:-}" ]] || first[$name]="$hash"
      printf '  %-12s exit %d  stdout sha256 %s%s\n' "$name" "$rc" "$hash" "$note"
      ((rc == 0)) || fail=1
    done < <(programs)
  done
  return "$fail"
}

# Executed guest instructions, from qemu's translation log: every "IN:" block
# gives a translation block's length, every "Trace" line one execution of it.
count_all() {
  local q="${QEMU:-$(qemus | tail -n1)}" elf name args
  echo "== instruction counts with $q"
  while read -r elf; do
    name="$(basename "$elf" .elf)"
    args="$(qemu_args "$q" "$name")" || { printf '  %-12s skipped\n' "$name"; continue; }
    # shellcheck disable=SC2086
    "$q" $args -d in_asm,exec,nochain -D /dev/stdout "$elf" 2>/dev/null | awk -v name="$name" '
      function key(h) { sub(/^0x/, "", h); sub(/^0+/, "", h); return h }
      /^IN:/ { intb = 1; n = 0; start = ""; next }
      intb && /^0x[0-9a-f]+:/ { if (start == "") start = key(substr($1, 1, length($1) - 1)); n++; next }
      intb && /^$/ { if (start != "") len[start] = n; intb = 0; next }
      /^Trace / { match($0, /\/[0-9a-f]+\//); total += len[key(substr($0, RSTART + 1, RLENGTH - 2))] }
      END { printf "  %-12s %12d instructions\n", name, total }'
  done < <(programs)
}

repro() {
  local before after
  before="$(cd "$T" && find . -name '*.elf' -o -path './bad/*' -type f | sort | xargs sha256sum)"
  build_all >/dev/null
  after="$(cd "$T" && find . -name '*.elf' -o -path './bad/*' -type f | sort | xargs sha256sum)"
  if [[ "$before" == "$after" ]]; then
    echo "rebuild is byte-identical ($(wc -l <<<"$after") files)"
  else
    diff <(echo "$before") <(echo "$after") || true
    echo "rebuild differs" >&2
    return 1
  fi
}

case "$MODE" in
  build) build_all ;;
  check) build_all && check_all ;;
  count) count_all ;;
  repro) build_all >/dev/null && repro ;;
  *) echo "usage: $0 [build|check|count|repro]" >&2; exit 2 ;;
esac
