#!/usr/bin/env bash
# Brings Debian trixie's capstone 5 (the disassembler library Debian's QEMU 10
# is built with) into ${TCIEMU_CACHE:-$HOME/.cache/tciemu}/capstone5 for the
# development oracle tools/arm/capstone-oracle.c.  Uses the trixie package
# lists that `bash tools/debian/fetch.sh qemu` keeps in the cache.  Tests do
# not need this: they compare with qemu-arm itself.
set -euo pipefail
CACHE="${TCIEMU_CACHE:-$HOME/.cache/tciemu}"
APTDIR="$CACHE/debian/apt-trixie"
OUT="$CACHE/capstone5"
[[ -f "$APTDIR/sources.list" ]] || { echo "no trixie apt lists: run bash tools/debian/fetch.sh qemu first" >&2; exit 1; }
mkdir -p "$OUT" "$APTDIR/cache/archives/partial"
opts=(
  -o "Dir::Etc::SourceList=$APTDIR/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::Etc::Preferences=/dev/null" -o "Dir::Etc::PreferencesParts=/dev/null"
  -o "Dir::State=$APTDIR/state" -o "Dir::State::Lists=$APTDIR/lists" -o "Dir::State::status=$APTDIR/state/status"
  -o "Dir::Cache=$APTDIR/cache" -o "Dir::Cache::archives=$APTDIR/cache/archives"
  -o "Dir::Cache::pkgcache=$OUT/pkgcache.bin" -o "Dir::Cache::srcpkgcache=$OUT/srcpkgcache.bin"
  -o "APT::Architecture=amd64" -o "APT::Architectures=riscv64,i386,armhf,amd64" -o "Debug::NoLocking=true"
)
[[ "$(id -u)" == 0 ]] && opts+=(-o "APT::Sandbox::User=root")
(cd "$OUT" && apt-get -q "${opts[@]}" download libcapstone5:amd64 libcapstone-dev:amd64)
for deb in "$OUT"/libcapstone*.deb; do dpkg-deb -x "$deb" "$OUT/root"; done
echo "capstone in $OUT/root"
