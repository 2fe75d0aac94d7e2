#!/usr/bin/env bash
# Builds testdata/i386/progs/cpu-corners (static, i686 + SSE2), epoll, sigwait, rcvtimeo and fsinfo (static; their
# sources are in testdata/linux-user, shared by every guest) with Debian's i686 cross compiler
# (package gcc-i686-linux-gnu):  bash testdata/i386/progs/build.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
CC="${I686_CC:-i686-linux-gnu-gcc}"
command -v "$CC" >/dev/null || { echo "need $CC: apt-get install gcc-i686-linux-gnu" >&2; exit 1; }
"$CC" -O1 -static -msse2 -mfpmath=387 -fno-pie -no-pie -Wl,--build-id=none -o cpu-corners cpu-corners.c
"$CC" -O1 -static -fno-pie -no-pie -Wl,--build-id=none -o epoll epoll.c
"$CC" -O1 -static -pthread -fno-ident -fno-pie -no-pie -Wl,--build-id=none -o sigwait ../../linux-user/sigwait.c
"$CC" -O1 -static -pthread -fno-ident -fno-pie -no-pie -Wl,--build-id=none -o rcvtimeo ../../linux-user/rcvtimeo.c
"$CC" -O1 -static -pthread -fno-ident -fno-pie -no-pie -Wl,--build-id=none -o fsinfo ../../linux-user/fsinfo.c
