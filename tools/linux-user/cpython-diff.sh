#!/usr/bin/env bash
# CPython's own test suite as a differential test of tciemu's Linux ABI: runs test modules under
# tciemu-ARCH and trixie's qemu-ARCH (same -L tree: tools/debian/fetch.sh cpython-tests ARCH) and
# prints the tests that fail or err under tciemu only. Exploration, not CI: a difference can also be
# timing (tciemu is slower than qemu's JIT) or a documented difference (src/linux-user/README.md);
# a bug found this way gets a regression test of its own that does not need the suite.
#
#   tools/linux-user/cpython-diff.sh i386 test_os test_posix ...
#   ARCH: riscv64, i386, armhf. Logs: $TMPDIR/cpython-diff-ARCH-{qemu,tciemu}.log
set -euo pipefail
arch="${1:?usage: cpython-diff.sh ARCH MODULE...}"
shift
[[ $# -gt 0 ]] || { echo "usage: cpython-diff.sh ARCH MODULE..." >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
root="$(bash "$here/tools/debian/fetch.sh" cpython-tests "$arch")"
case "$arch" in
  riscv64) emu=riscv64; cli=tciemu-riscv64; cpu=() ;;
  i386) emu=i386; cli=tciemu-i386; cpu=(-cpu qemu32,-sse3) ;;
  armhf) emu=arm; cli=tciemu-arm; cpu=(-cpu cortex-a15,neon=off,vfp-d32=off) ;;
  *) echo "unknown ARCH $arch (riscv64, i386, armhf)" >&2; exit 2 ;;
esac
qemu="$(bash "$here/tools/debian/fetch.sh" qemu-path "$emu")" || { echo "no qemu-$emu: bash tools/debian/fetch.sh qemu" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/cpython-diff-XXXXXX")"
trap 'rm -rf "$work"' EXIT
logs="${TMPDIR:-/tmp}/cpython-diff-$arch"
# -v: one line per test; the suite's own temporary files go to the work directory
(cd "$work" && "$qemu" "${cpu[@]}" -L "$root" "$root/usr/bin/python3.13" -m test -v "$@" >"$logs-qemu.log" 2>&1) || true
(cd "$work" && "$here/tools/bin/$cli" -L "$root" "$root/usr/bin/python3.13" -m test -v "$@" >"$logs-tciemu.log" 2>&1) || true
fails() { grep -E '^(FAIL|ERROR): ' "$1" | sort -u; }
echo "tests that fail under tciemu-$arch and not under qemu-$emu (logs: $logs-{qemu,tciemu}.log):"
comm -13 <(fails "$logs-qemu.log") <(fails "$logs-tciemu.log")
grep -E "^Total tests:|Fatal Python error" "$logs-qemu.log" | sed 's/^/qemu:   /' || true
grep -E "^Total tests:|Fatal Python error" "$logs-tciemu.log" | sed 's/^/tciemu: /' || true
