#!/usr/bin/env bash
# The Linux reference for tciemu's multi-process tests: runs a command under Linux itself, with
# Debian trixie's qemu-riscv64 registered through binfmt_misc for riscv64 ELFs, so that every
# fork, exec, pipe, wait and signal is the host kernel's and only the instructions are emulated.
#
# Usage:
#   tools/linux-user/linux-reference.sh --check                    # can we register? (exit 0, or 1 with why)
#   tools/linux-user/linux-reference.sh [--uid N] [--] COMMAND...  # run COMMAND under the reference setup
#
# --uid N runs COMMAND as host user N (and group N), not as root: Linux does not enforce
# RLIMIT_NPROC on root, so a fork bomb bounded by `ulimit -u` needs another user.
#
# It runs in a private user + mount namespace (Linux >= 6.7 gives each user namespace its own
# binfmt_misc instance), so the registration is seen by COMMAND only and disappears with it:
#   1. mount binfmt_misc and register qemu-riscv64 (flags F: the interpreter is opened now, so
#      it works whatever the namespace shows at /usr; P: argv[0] is preserved, as qemu-user-binfmt
#      registers it), magic and mask as Debian's qemu-user-binfmt;
#   2. overlay the sysroot's /usr and /etc over the host's (read-only, the sysroot first), which is
#      tciemu's -L rule (an absolute path names the sysroot's copy when it exists, else the host's);
#      /bin, /lib, /sbin are merged-usr links into /usr on both;
#   3. run COMMAND, then remove the registration and exit with COMMAND's status.
#
# Environment: TCIEMU_SYSROOT (default: fetch.sh's riscv64 userland), TCIEMU_QEMU_RISCV64 (default:
# trixie's static qemu-riscv64 from fetch.sh qemu). Needs root or unprivileged user namespaces,
# and util-linux's unshare. CI (.ci/run) and test/linux-user/processes.test.ts both use this.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${TCIEMU_CACHE:-${HOME:-/root}/.cache/tciemu}/debian"
sysroot="${TCIEMU_SYSROOT:-$cache/userland-riscv64}"
qemu="${TCIEMU_QEMU_RISCV64:-$cache/qemu-trixie/qemu-user/usr/bin/qemu-riscv64}"
NAME=tciemu-riscv64
# Debian's qemu-user-binfmt riscv64 entry: ELF64, little-endian, e_machine 243, ET_EXEC or ET_DYN.
MAGIC='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00'
MASK='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'

fail() {
  printf 'linux-reference: %s\n' "$*" >&2
  printf 'linux-reference: needs: bash tools/debian/fetch.sh userland && bash tools/debian/fetch.sh qemu, root (or unprivileged user namespaces), Linux >= 6.7 for a private binfmt_misc, util-linux unshare\n' >&2
  exit 1
}

check=0
uid=""
while (($#)); do
  case "$1" in
    --check) check=1 ;;
    --uid)
      uid="${2:?--uid needs a number}"
      shift
      ;;
    --) shift; break ;;
    *) break ;;
  esac
  shift
done

[[ -x "$qemu" ]] || fail "no qemu-riscv64 at $qemu"
[[ -e "$sysroot/.tciemu-stamp" ]] || fail "no riscv64 sysroot at $sysroot"
command -v unshare >/dev/null || fail "unshare (util-linux) not found"
if ((check)); then set -- true; fi
(($# > 0)) || fail "no command given"

# The inner script runs as root of the new namespaces.
inner='
set -u
reg=/proc/sys/fs/binfmt_misc
mount -t binfmt_misc binfmt_misc "$reg" 2>/dev/null || { echo "linux-reference: cannot mount binfmt_misc in a user namespace (Linux >= 6.7 needed)" >&2; exit 125; }
printf ":%s:M::%s:%s:%s:FP" "$NAME" "$MAGIC" "$MASK" "$QEMU" >"$reg/register" || { echo "linux-reference: cannot register $QEMU with binfmt_misc" >&2; exit 125; }
if compgen -G "$SYSROOT/etc/*" >/dev/null; then
  mount -t overlay overlay -o "lowerdir=$SYSROOT/etc:/etc" /etc || { echo "linux-reference: cannot overlay the sysroot on /etc" >&2; exit 125; }
fi
mount -t overlay overlay -o "lowerdir=$SYSROOT/usr:/usr" /usr || { echo "linux-reference: cannot overlay the sysroot on /usr" >&2; exit 125; }
# COMMAND sees the environment it was given, without this script'"'"'s variables.
run_uid="$RUN_UID"
unset NAME MAGIC MASK QEMU SYSROOT RUN_UID INNER GATE TCIEMU_SYSROOT TCIEMU_QEMU_RISCV64 TCIEMU_CACHE
if [ -n "$run_uid" ]; then
  setpriv --reuid "$run_uid" --regid "$run_uid" --clear-groups -- "$@"
else
  "$@"
fi
rc=$?
echo -1 >"$reg/tciemu-riscv64"
exit $rc
'
# The inner shell is the host's, started before the overlays hide its /usr/bin (it runs from memory).
rc=0
export NAME MAGIC MASK QEMU="$qemu" SYSROOT="$sysroot" RUN_UID="$uid" INNER="$inner" GATE=""
if [[ -z "$uid" ]]; then
  unshare --user --map-root-user --mount --propagation private -- /bin/bash -c "$inner" linux-reference "$@" || rc=$?
else
  # Every host user must exist in the namespace for `setpriv` to become one: map all of them to
  # themselves (root may write any map for a child namespace), once the namespace exists.
  (($(id -u) == 0)) || fail "--uid needs root"
  gate="$(mktemp -u)"
  mkfifo "$gate"
  export GATE="$gate"
  unshare --user --mount --propagation private -- /bin/bash -c 'read -r _ <"$GATE"; rm -f "$GATE"; eval "$INNER"' linux-reference "$@" &
  pid=$!
  for _ in $(seq 200); do
    [[ "$(readlink "/proc/$pid/ns/user" 2>/dev/null)" != "$(readlink /proc/self/ns/user)" ]] && break
    sleep 0.01
  done
  echo "0 0 4294967295" >"/proc/$pid/uid_map"
  echo "0 0 4294967295" >"/proc/$pid/gid_map"
  echo go >"$gate"
  wait "$pid" || rc=$?
fi
if ((rc == 125)); then fail "the binfmt_misc registration failed (see above)"; fi
if ((check)) && ((rc != 0)); then fail "unshare failed (status $rc)"; fi
exit "$rc"
