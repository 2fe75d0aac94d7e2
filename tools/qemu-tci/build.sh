#!/usr/bin/env bash
# Build QEMU's TCG *interpreter* (TCI) for riscv64 Linux user mode, from the
# very Debian trixie `qemu` source package whose binary qemu-user we use as
# the oracle (tools/debian/fetch.sh qemu).  This is the like-for-like
# competitor for tciemu: same guest front end, TCG ops interpreted as
# bytecode instead of being JIT-compiled to host code.
#
# Everything happens outside the repository, in
#   ${TCIEMU_CACHE:-$HOME/.cache/tciemu}/qemu-tci/
#     apt/                     private apt configuration (deb + deb-src trixie)
#     dl/                      .dsc + orig/debian tarballs (apt-get source)
#     meson/                   trixie's meson (bookworm's 1.0 is too old)
#     src-<version>/           dpkg-source -x result (Debian patches applied)
#     build-<version>/         configure + ninja build directory
#     qemu-riscv64-tci         the result
#     configure-summary.txt    meson's summary (shows "TCG backend: TCI")
#   and, for `build.sh counter` (optional: tools/bench/user.ts uses it to
#   cross-check tciemu's instruction counts, and as the count when tciemu
#   cannot run a workload):
#     build-count-<version>/   the same source with the native JIT + TCG plugins
#     count/qemu-riscv64       that qemu-riscv64 (JIT, plugins enabled)
#     count/libbb.so           QEMU's tests/tcg/plugins/bb.c: counts executed
#                              guest instructions (-plugin libbb.so,inline=on -d plugin)
# Nothing here is ever committed.  The machine's /etc/apt is never modified;
# only the host build dependencies (bookworm packages) are installed with the
# ordinary apt-get when missing.
#
# Usage:
#   tools/qemu-tci/build.sh           # build if needed, print the binary path
#   tools/qemu-tci/build.sh path      # print the binary path if built (no work), or exit 1
#   tools/qemu-tci/build.sh counter   # build the instruction-counting JIT build, print
#                                     # "qemu-path plugin-path"
#   tools/qemu-tci/build.sh counter-path
#   tools/qemu-tci/build.sh source    # only fetch and unpack the source, print its directory
#
# Environment:
#   TCIEMU_CACHE                cache root (default $HOME/.cache/tciemu)
#   TCIEMU_DEBIAN_MIRROR        archive URI (default: as tools/debian/fetch.sh)
#   TCIEMU_QEMU_TCI_VERSION     Debian source version (default: the version of
#                               the cached trixie qemu-user oracle, else the
#                               newest trixie qemu source)
#   TCIEMU_QEMU_TCI_FORCE=1     rebuild even if the binary exists
#   TCIEMU_JOBS                 parallel build jobs (default: nproc)
#
# Idempotent: when the binary exists, runs and carries a stamp, the script
# prints its path and exits at once without touching the network.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SUITE=trixie
CACHE_ROOT="${TCIEMU_CACHE:-${HOME:-/root}/.cache/tciemu}"
OUT="$CACHE_ROOT/qemu-tci"
CMD="${1:-build}"
case "$CMD" in
  build|path) FLAVOUR=tci; BIN="$OUT/qemu-riscv64-tci"; STAMP="$OUT/.tciemu-stamp" ;;
  counter|counter-path) FLAVOUR=count; BIN="$OUT/count/qemu-riscv64"; STAMP="$OUT/count/.tciemu-stamp" ;;
  source) FLAVOUR=source; BIN=""; STAMP="" ;;
  *) sed -n '2,44p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
PLUGIN="$OUT/count/libbb.so"
APTDIR="$OUT/apt"
FORCE="${TCIEMU_QEMU_TCI_FORCE:-0}"
JOBS="${TCIEMU_JOBS:-$(nproc 2>/dev/null || echo 2)}"
LISTS_MAX_AGE="${TCIEMU_LISTS_MAX_AGE:-604800}"
# meson >= this is needed by QEMU 10 (pythondeps.toml)
MESON_MIN=1.5.0

log() { printf '[qemu-tci] %s\n' "$*" >&2; }
die() { printf '[qemu-tci] error: %s\n' "$*" >&2; exit 1; }

bin_runs() {
  [[ -x "$BIN" ]] && "$BIN" -version >/dev/null 2>&1 || return 1
  [[ -x "${BIN/riscv64/i386}" && -x "${BIN/riscv64/arm}" ]] || return 1
  [[ "$FLAVOUR" != count || -f "$PLUGIN" ]]
}
result() {
  if [[ "$FLAVOUR" == count ]]; then printf '%s %s\n' "$BIN" "$PLUGIN"; else printf '%s\n' "$BIN"; fi
}

# ---------------------------------------------------------------------------
# Fast paths
# ---------------------------------------------------------------------------
if [[ "$CMD" == path || "$CMD" == counter-path ]]; then
  bin_runs || exit 1
  result
  exit 0
fi
if [[ "$CMD" != source && "$FORCE" != 1 && -f "$STAMP" ]] && bin_runs; then
  result
  exit 0
fi

T0="$(date +%s)"
mkdir -p "$OUT"

# ---------------------------------------------------------------------------
# Host build dependencies (bookworm, via the machine's own apt)
# ---------------------------------------------------------------------------
host_deps() {
  local missing=()
  command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
  command -v ninja >/dev/null 2>&1 || missing+=(ninja-build)
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
  command -v dpkg-source >/dev/null 2>&1 || missing+=(dpkg-dev)
  command -v xz >/dev/null 2>&1 || missing+=(xz-utils)
  if command -v pkg-config >/dev/null 2>&1; then
    pkg-config --exists 'glib-2.0 >= 2.66' 2>/dev/null || missing+=(libglib2.0-dev)
    pkg-config --exists zlib 2>/dev/null || missing+=(zlib1g-dev)
  else
    missing+=(libglib2.0-dev zlib1g-dev)
  fi
  ((${#missing[@]})) || return 0
  [[ "$(id -u)" == 0 ]] || die "missing build dependencies: ${missing[*]} (run: sudo apt-get install ${missing[*]})"
  log "installing host build dependencies: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${missing[@]}" >&2 ||
    { apt-get -q update >&2 && DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${missing[@]}" >&2; } ||
    die "apt-get install ${missing[*]} failed"
}

# ---------------------------------------------------------------------------
# Private apt for trixie (binary lists for meson, source lists for qemu)
# ---------------------------------------------------------------------------
keyring() {
  local k
  for k in /usr/share/keyrings/debian-archive-keyring.gpg \
           /usr/share/keyrings/debian-archive-keyring.pgp \
           /etc/apt/trusted.gpg.d/debian-archive-keyring.gpg; do
    [[ -r "$k" ]] && { printf '%s\n' "$k"; return; }
  done
  die "debian-archive-keyring not found (apt-get install debian-archive-keyring)"
}

setup_apt() {
  mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/state"
  [[ -f "$APTDIR/state/status" ]] || : >"$APTDIR/state/status"
  local uri key want
  uri="$(bash "$REPO/tools/debian/fetch.sh" mirror)"
  key="$(keyring)"
  want="deb [arch=amd64 signed-by=$key] $uri $SUITE main
deb-src [signed-by=$key] $uri $SUITE main"
  if [[ ! -f "$APTDIR/sources.list" ]] || [[ "$(cat "$APTDIR/sources.list")" != "$want" ]]; then
    printf '%s\n' "$want" >"$APTDIR/sources.list"
    rm -f "$APTDIR/lists/"*_Packages* "$APTDIR/lists/"*_Sources* "$APTDIR/lists/"*Release* "$APTDIR/updated" 2>/dev/null || true
  fi
  APT_OPTS=(
    -o "Dir::Etc::SourceList=$APTDIR/sources.list"
    -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::Etc::Preferences=/dev/null"
    -o "Dir::Etc::PreferencesParts=/dev/null"
    -o "Dir::State=$APTDIR/state"
    -o "Dir::State::Lists=$APTDIR/lists"
    -o "Dir::State::status=$APTDIR/state/status"
    -o "Dir::Cache=$APTDIR/cache"
    -o "Dir::Cache::archives=$APTDIR/cache/archives"
    -o "Dir::Cache::pkgcache=$APTDIR/cache/pkgcache.bin"
    -o "Dir::Cache::srcpkgcache=$APTDIR/cache/srcpkgcache.bin"
    -o "APT::Architecture=amd64"
    -o "APT::Architectures=amd64"
    -o "Acquire::Languages=none"
    -o "Acquire::PDiffs=false"
    -o "Acquire::Retries=3"
    -o "Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false"
    -o "APT::Get::AllowUnauthenticated=false"
    -o "Debug::NoLocking=true"
  )
  # As root apt drops to the _apt user for downloads, which cannot write
  # into $HOME/.cache: download as root instead.
  [[ "$(id -u)" != 0 ]] || APT_OPTS+=(-o "APT::Sandbox::User=root")
}

apt_() { apt-get -q "${APT_OPTS[@]}" "$@"; }
apt_cache() { apt-cache "${APT_OPTS[@]}" "$@"; }

update_lists() {
  local stamp="$APTDIR/updated" now age
  now="$(date +%s)"
  if [[ "${1:-}" != force && -f "$stamp" ]]; then
    age=$(( now - $(stat -c %Y "$stamp") ))
    if (( age < LISTS_MAX_AGE )) && compgen -G "$APTDIR/lists/*_Sources*" >/dev/null; then
      return
    fi
  fi
  log "apt-get update ($SUITE deb + deb-src, private configuration)"
  apt_ update >&2
  touch "$stamp"
}

# ---------------------------------------------------------------------------
# Which qemu source version
# ---------------------------------------------------------------------------
oracle_version() {
  local q
  q="$(bash "$REPO/tools/debian/fetch.sh" qemu-path 2>/dev/null)" || return 1
  "$q" -version 2>/dev/null | sed -n 's/.*(Debian \([^)]*\)).*/\1/p' | head -n1
}

source_versions() {
  apt_cache showsrc qemu 2>/dev/null | awk '/^Package: /{p=$2} /^Version: /{ if (p == "qemu") print $2 }'
}

pick_version() {
  local want="${TCIEMU_QEMU_TCI_VERSION:-}" avail
  avail="$(source_versions)"
  [[ -n "$avail" ]] || die "no qemu source package in $SUITE's Sources"
  if [[ -z "$want" ]]; then
    want="$(oracle_version || true)"
    if [[ -n "$want" ]]; then
      if ! grep -qxF "$want" <<<"$avail"; then
        update_lists force
        avail="$(source_versions)"
        if ! grep -qxF "$want" <<<"$avail"; then
          log "oracle qemu-user is $want but $SUITE now has $(head -n1 <<<"$avail"); using that"
          want=""
        fi
      fi
    fi
  fi
  if [[ -z "$want" ]]; then
    want="$(printf '%s\n' "$avail" | sort -V | tail -n1)"
  fi
  grep -qxF "$want" <<<"$avail" || die "qemu source version $want not in $SUITE (have: $(tr '\n' ' ' <<<"$avail"))"
  printf '%s\n' "$want"
}

# ---------------------------------------------------------------------------
# meson >= 1.5 (trixie's pure-Python package, extracted privately)
# ---------------------------------------------------------------------------
# Prints a PYTHONPATH entry to use (empty if the host's meson suffices).
ensure_meson() {
  if python3 - "$MESON_MIN" >/dev/null 2>&1 <<'EOF'
import sys
from importlib.metadata import version
v = tuple(int(x) for x in version("meson").split(".")[:3] if x.isdigit())
want = tuple(int(x) for x in sys.argv[1].split("."))
sys.exit(0 if v >= want else 1)
EOF
  then
    return 0
  fi
  local dir="$OUT/meson" pp
  pp="$dir/usr/lib/python3/dist-packages"
  if [[ -f "$dir/.tciemu-meson" ]] && [[ -d "$pp/mesonbuild" ]]; then
    printf '%s\n' "$pp"
    return 0
  fi
  log "host meson is older than $MESON_MIN: fetching $SUITE's meson (Architecture: all)"
  local ver deb
  ver="$(apt_cache show --no-all-versions meson 2>/dev/null | awk '/^Version: /{print $2; exit}')"
  [[ -n "$ver" ]] || die "meson not found in $SUITE"
  mkdir -p "$OUT/dl"
  (cd "$OUT/dl" && apt_ download "meson=$ver" >&2) || die "apt-get download meson failed"
  deb="$(ls -1 "$OUT/dl"/meson_*_all.deb | tail -n1)"
  rm -rf "$dir"
  mkdir -p "$dir"
  dpkg-deb -x "$deb" "$dir"
  [[ -d "$pp/mesonbuild" ]] || die "unexpected layout in $deb"
  printf '%s\n' "$ver" >"$dir/.tciemu-meson"
  printf '%s\n' "$pp"
}

# ---------------------------------------------------------------------------
# Source
# ---------------------------------------------------------------------------
fetch_source() { # version -> prints source dir
  local ver="$1" upver dir dsc
  upver="${ver#*:}"           # strip the epoch: 10.0.13+ds-0+deb13u1
  dir="$OUT/src-$upver"
  if [[ -f "$dir/.tciemu-extracted" ]]; then
    printf '%s\n' "$dir"
    return
  fi
  mkdir -p "$OUT/dl"
  dsc="$OUT/dl/qemu_${upver}.dsc"
  if [[ ! -s "$dsc" ]]; then
    log "apt-get source --download-only qemu=$ver"
    (cd "$OUT/dl" && apt_ source --download-only "qemu=$ver" >&2) || die "apt-get source qemu=$ver failed"
  fi
  [[ -s "$dsc" ]] || die "$dsc missing after download"
  rm -rf "$dir" "$dir.tmp"
  log "dpkg-source -x $(basename "$dsc")"
  # apt checked the files against the signed Sources index; the uploader's
  # signature on the .dsc cannot be checked without debian-keyring.
  dpkg-source --no-check -x "$dsc" "$dir.tmp" >"$OUT/dpkg-source.log" 2>&1 ||
    { tail -n 20 "$OUT/dpkg-source.log" >&2; die "dpkg-source -x failed"; }
  # dpkg-source leaves a copy of the upstream tarball beside the target
  rm -f "$OUT/qemu_${upver%-*}.orig.tar".*
  touch "$dir.tmp/.tciemu-extracted"
  mv "$dir.tmp" "$dir"
  printf '%s\n' "$dir"
}

# ---------------------------------------------------------------------------
# Configure + build
# ---------------------------------------------------------------------------
CONFIGURE_OPTS=(
  --target-list=riscv64-linux-user,i386-linux-user,arm-linux-user
  --enable-linux-user
  --disable-system
  --disable-tools
  --disable-docs
  --disable-guest-agent
  --disable-debug-info
  --disable-werror
  --disable-download
  --disable-install-blobs
  --without-default-features
  --without-default-devices
)
if [[ "$FLAVOUR" == tci ]]; then
  CONFIGURE_OPTS+=(--enable-tcg-interpreter --disable-plugins)
else
  CONFIGURE_OPTS+=(--enable-plugins)
fi

build() {
  local ver="$1" src="$2" pp="$3" upver bdir
  upver="${ver#*:}"
  if [[ "$FLAVOUR" == tci ]]; then bdir="$OUT/build-$upver"; else bdir="$OUT/build-count-$upver"; fi
  local clog="$OUT/configure.log" blog="$OUT/build.log"
  [[ "$FLAVOUR" == tci ]] || { clog="$OUT/configure-count.log"; blog="$OUT/build-count.log"; }
  export PYTHONPATH="${pp}${PYTHONPATH:+:$PYTHONPATH}"
  local recipe
  recipe="$(printf '%s\n' "$ver" "${CONFIGURE_OPTS[@]}" | sha256sum | cut -c1-16)"
  if [[ ! -f "$bdir/.tciemu-configured" || "$(cat "$bdir/.tciemu-configured")" != "$recipe" ]]; then
    rm -rf "$bdir"
    mkdir -p "$bdir"
    log "configure ${CONFIGURE_OPTS[*]}"
    (cd "$bdir" && "$src/configure" "${CONFIGURE_OPTS[@]}" \
        --with-pkgversion="Debian $ver, tciemu $FLAVOUR build") >"$clog" 2>&1 ||
      { tail -n 40 "$clog" >&2; die "configure failed (see $clog)"; }
    if [[ "$FLAVOUR" == tci ]]; then
      # meson's summary, for the record
      sed -n '/^  Targets and accelerators/,/^  Block layer support/p' "$clog" >"$OUT/configure-summary.txt" || true
      grep -q 'TCG backend *: *TCI' "$clog" ||
        die "configure did not select the TCG interpreter (see $clog)"
    fi
    printf '%s\n' "$recipe" >"$bdir/.tciemu-configured"
  fi
  local targets=(qemu-riscv64 qemu-i386 qemu-arm)
  [[ "$FLAVOUR" == tci ]] || targets+=(tests/tcg/plugins/libbb.so)
  log "ninja -j$JOBS ${targets[*]} (log: $blog)"
  ninja -C "$bdir" -j"$JOBS" "${targets[@]}" >"$blog" 2>&1 ||
    { tail -n 40 "$blog" >&2; die "build failed (see $blog)"; }
  mkdir -p "$(dirname "$BIN")"
  if [[ "$FLAVOUR" == count ]]; then
    install -m 0755 "$bdir/tests/tcg/plugins/libbb.so" "$PLUGIN"
  fi
  # the other guests' TCI builds sit beside it: qemu-i386-tci, qemu-arm-tci (count/qemu-i386, ...)
  local g
  for g in i386 arm; do
    install -m 0755 "$bdir/qemu-$g" "${BIN/riscv64/$g}.tmp"
    mv "${BIN/riscv64/$g}.tmp" "${BIN/riscv64/$g}"
  done
  install -m 0755 "$bdir/qemu-riscv64" "$BIN.tmp"
  mv "$BIN.tmp" "$BIN"
}

verify() {
  "$BIN" -version >/dev/null 2>&1 || die "$BIN does not run"
  local sysroot="$CACHE_ROOT/debian/sysroot-riscv64" out
  if [[ -x "$sysroot/bin/busybox" ]]; then
    out="$("$BIN" -L "$sysroot" "$sysroot/bin/busybox" echo ok 2>&1)" || die "busybox echo failed under $BIN: $out"
    [[ "$out" == ok ]] || die "busybox echo printed '$out' under $BIN"
    log "verified: busybox echo ok under the $FLAVOUR build"
    if [[ "$FLAVOUR" == count ]]; then
      local logf="$OUT/count/.smoke.log"
      "$BIN" -L "$sysroot" -plugin "$PLUGIN,inline=on" -d plugin -D "$logf" "$sysroot/bin/busybox" true ||
        die "the bb plugin does not load"
      grep -q 'insns: [0-9]' "$logf" || die "the bb plugin printed no instruction count (see $logf)"
      log "verified: $(grep -m1 'insns:' "$logf")"
    fi
  else
    log "no sysroot busybox ($sysroot; run tools/debian/fetch.sh sysroot) — skipped the smoke test"
  fi
}

# `build.sh source`: only the unpacked Debian source (for tools that read QEMU's own files, e.g.
# the decodetree cross-check), printed as its directory; no build dependencies, no build.
source_only() {
  setup_apt
  update_lists
  local ver
  ver="$(pick_version)"
  fetch_source "$ver"
}

main() {
  if [[ "$CMD" == source ]]; then
    source_only
    return
  fi
  host_deps
  setup_apt
  update_lists
  local ver src pp
  ver="$(pick_version)"
  log "qemu source version $ver"
  pp="$(ensure_meson)"
  src="$(fetch_source "$ver")"
  build "$ver" "$src" "$pp"
  verify
  printf '%s\n' "$ver" >"$(dirname "$STAMP")/.tciemu-version"
  printf '%s\n' "$ver" >"$STAMP"
  log "$("$BIN" -version | head -n1)"
  log "built in $(( $(date +%s) - T0 )) s with $JOBS jobs"
  result
}

main
