#!/usr/bin/env bash
# Fetch and unpack Debian's glibc source package with apt's own client and a
# PRIVATE configuration (deb-src for one suite; the machine's /etc/apt is not
# touched), for tools/libm/gen-tables.ts and tools/libm/contraction.sh.
#
#   bash tools/libm/fetch-glibc-source.sh [SUITE] [VERSION]
#     SUITE    trixie (default) or bookworm
#     VERSION  a source version of that suite (default: the newest)
#   -> prints the unpacked source tree, e.g. /tmp/tciemu-glibc/trixie/glibc-2.41
#
# Environment: TCIEMU_DEBIAN_MIRROR (default http://deb.debian.org/debian),
# TCIEMU_GLIBC_DIR (default /tmp/tciemu-glibc).  Needs apt-get, dpkg-source
# (dpkg-dev) and debian-archive-keyring.
set -euo pipefail

SUITE="${1:-trixie}"
VERSION="${2:-}"
MIRROR="${TCIEMU_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
BASE="${TCIEMU_GLIBC_DIR:-/tmp/tciemu-glibc}/$SUITE"
APTDIR="$BASE/apt"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

command -v dpkg-source >/dev/null || { echo "need dpkg-source: apt-get install dpkg-dev" >&2; exit 1; }
[[ -r "$KEYRING" ]] || { echo "need $KEYRING: apt-get install debian-archive-keyring" >&2; exit 1; }

mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/state"
[[ -f "$APTDIR/state/status" ]] || : >"$APTDIR/state/status"
printf 'deb-src [signed-by=%s] %s %s main\n' "$KEYRING" "$MIRROR" "$SUITE" >"$APTDIR/sources.list"
OPTS=(
  -o "Dir::Etc::SourceList=$APTDIR/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::Etc::Preferences=/dev/null" -o "Dir::Etc::PreferencesParts=/dev/null"
  -o "Dir::State=$APTDIR/state" -o "Dir::State::Lists=$APTDIR/lists" -o "Dir::State::status=$APTDIR/state/status"
  -o "Dir::Cache=$APTDIR/cache" -o "Acquire::Languages=none" -o "Debug::NoLocking=true"
)
[[ "$(id -u)" == 0 ]] && OPTS+=(-o "APT::Sandbox::User=root")

apt-get -q "${OPTS[@]}" update >&2
SPEC=glibc
[[ -n "$VERSION" ]] && SPEC="glibc=$VERSION"
cd "$BASE"
apt-get -q "${OPTS[@]}" source --download-only "$SPEC" >&2
DSC="$(ls -t glibc_*.dsc | head -1)"
[[ -n "$VERSION" ]] && DSC="glibc_${VERSION#*:}.dsc"
UPSTREAM="$(sed -n 's/^Version: \([0-9.]*\).*/\1/p' "$DSC")"
DIR="$BASE/glibc-$UPSTREAM"
rm -rf "$DIR"
dpkg-source -x "$DSC" "$DIR" >&2
echo "$DIR"
