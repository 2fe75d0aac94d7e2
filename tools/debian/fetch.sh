#!/usr/bin/env bash
# Fetch Debian trixie packages (riscv64 guest userland, amd64 qemu) with apt's
# own client and a PRIVATE configuration: the machine's /etc/apt and dpkg
# database are never touched.  Everything lands in
#   ${TCIEMU_CACHE:-$HOME/.cache/tciemu}/debian
# which lives outside the repository and is never committed.
#
# Usage:
#   tools/debian/fetch.sh sysroot [ARCH]  # -> $CACHE/debian/sysroot-ARCH (merged-usr);
#                                         #    ARCH: riscv64 (default), i386, armhf
#   tools/debian/fetch.sh userland [ARCH] # -> $CACHE/debian/userland-ARCH: the sysroot plus dash, bash,
#                                         #    make, findutils, grep, sed, coreutils, python3.13, perl
#   tools/debian/fetch.sh qemu            # -> $CACHE/debian/qemu-trixie (qemu-riscv64,
#                                         #    qemu-i386, qemu-arm), prints qemu-riscv64's path
#   tools/debian/fetch.sh system          # -> $CACHE/debian/system (riscv64 kernel, opensbi, busybox)
#   tools/debian/fetch.sh system-arm      # -> $CACHE/debian/system-armhf (armmp kernel, busybox)
#   tools/debian/fetch.sh qemu-system-arm # -> $CACHE/debian/qemu-system-trixie: trixie's
#                                         #    qemu-system-arm with the libraries it links and a
#                                         #    wrapper that runs it with them; prints the wrapper
#   tools/debian/fetch.sh cpython-tests [ARCH] # -> $CACHE/debian/cpython-tests-ARCH: the userland
#                                         #    (riscv64) or sysroot (i386, armhf), hard-linked, plus
#                                         #    CPython's test suite (libpython3.13-testsuite), for
#                                         #    tools/linux-user/cpython-diff.sh (exploration, not CI)
#   tools/debian/fetch.sh update          # force a refresh of the package lists
#   tools/debian/fetch.sh all             # every target above
#   tools/debian/fetch.sh qemu-path [EMU] # print the cached qemu-EMU (riscv64, i386, arm;
#                                         #    no network), or exit 1
#
# Environment:
#   TCIEMU_CACHE           cache root (default $HOME/.cache/tciemu)
#   TCIEMU_DEBIAN_MIRROR   archive URI (default: taken from the machine's apt sources)
#   TCIEMU_DEBIAN_SUITE    suite (default trixie)
#   TCIEMU_FETCH_FORCE=1   ignore stamps and rebuild
#
# Idempotent: each target writes a stamp holding a hash of its recipe; a second
# run with the same recipe does no network access at all and returns at once.
set -euo pipefail

SUITE="${TCIEMU_DEBIAN_SUITE:-trixie}"
CACHE_ROOT="${TCIEMU_CACHE:-${HOME:-/root}/.cache/tciemu}"
CACHE="$CACHE_ROOT/debian"
APTDIR="$CACHE/apt-$SUITE"
DEBS="$CACHE/debs-$SUITE"
FORCE="${TCIEMU_FETCH_FORCE:-0}"
# The package lists are refreshed when older than this many seconds.
LISTS_MAX_AGE="${TCIEMU_LISTS_MAX_AGE:-604800}"

# Guest userland for the Linux-user tests.  Every NEEDED library of every ELF in
# here must come from a package in this list (checked after extraction).
SYSROOT_PKGS=(
  libc6 libgcc-s1 libstdc++6
  busybox-static
  lua5.4 liblua5.4-0
  sqlite3 libsqlite3-0
  xz-utils liblzma5
  bzip2 libbz2-1.0
  gzip
  7zip
  zlib1g
  libreadline8t64 libtinfo6 libncursesw6
)
# The i386 and armhf guests add what their issues test: coreutils, python3.13, perl (every userland too).
SYSROOT_PKGS_EXTRA=(
  coreutils libacl1 libattr1 libselinux1 libpcre2-8-0 libgmp10 libcap2 libssl3t64 libzstd1 libsystemd0 liblz4-1 libgcrypt20 libgpg-error0 libxxhash0
  python3.13-minimal libpython3.13-minimal libpython3.13-stdlib python3.13 libexpat1 libffi8 libuuid1 libmpdec4 libdb5.3t64 libgdbm6t64 libnsl2 libtirpc3t64 libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2 libkeyutils1 libgssapi-krb5-2 libcrypt1
  perl perl-base perl-modules-5.40 libperl5.40 libgdbm-compat4t64
)
# The userland (fetch.sh userland ARCH: a sysroot of its own, so that the sysroot's recipe and stamp
# stay what every other test expects) adds the shells and tools that the multi-process tests
# (test/linux-user/processes) run and compare with Linux, and that the page's shell serves.
SYSROOT_PKGS_SHELL=(
  dash bash make findutils grep sed
)
SYSTEM_PKGS=(linux-image-riscv64 opensbi busybox-static)
SYSTEM_ARM_PKGS=(linux-image-armmp busybox-static)

log() { printf '[fetch.sh] %s\n' "$*" >&2; }
die() { printf '[fetch.sh] error: %s\n' "$*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found (apt-get install $2)"
}

# ---------------------------------------------------------------------------
# Archive URI: reuse the machine's own apt configuration, don't hard-code it.
# ---------------------------------------------------------------------------
mirror_uri() {
  if [[ -n "${TCIEMU_DEBIAN_MIRROR:-}" ]]; then
    printf '%s\n' "${TCIEMU_DEBIAN_MIRROR%/}"
    return
  fi
  local f uri=""
  # deb822 sources: first "URIs:" of a stanza whose suites are not *-security
  for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
    [[ -r "$f" ]] || continue
    uri="$(awk '
      BEGIN { IGNORECASE = 1 }
      function flush() {
        if (uris != "" && suites !~ /-security/ && uris !~ /security/ && types ~ /(^|[ \t])deb([ \t]|$)/ && enabled !~ /^no$/) {
          split(uris, u, /[ \t]+/); print u[1]; found = 1; exit
        }
        uris = ""; suites = ""; types = ""; enabled = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^URIs:/    { sub(/^URIs:[ \t]*/, "");    uris = $0 }
      /^Suites:/  { sub(/^Suites:[ \t]*/, "");  suites = $0 }
      /^Types:/   { sub(/^Types:[ \t]*/, "");   types = $0 }
      /^Enabled:/ { sub(/^Enabled:[ \t]*/, ""); enabled = $0 }
      END { if (!found) flush() }
    ' "$f")"
    if [[ -n "$uri" ]]; then printf '%s\n' "${uri%/}"; return; fi
  done
  # one-line sources
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -r "$f" ]] || continue
    uri="$(awk '
      $1 == "deb" {
        i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        if ($(i) !~ /security/ && $(i+1) !~ /-security/) { print $(i); exit }
      }' "$f")"
    if [[ -n "$uri" ]]; then printf '%s\n' "${uri%/}"; return; fi
  done
  die "no Debian archive URI found in /etc/apt; set TCIEMU_DEBIAN_MIRROR"
}

keyring() {
  local k
  for k in /usr/share/keyrings/debian-archive-keyring.gpg \
           /usr/share/keyrings/debian-archive-keyring.pgp \
           /etc/apt/trusted.gpg.d/debian-archive-keyring.gpg; do
    [[ -r "$k" ]] && { printf '%s\n' "$k"; return; }
  done
  die "debian-archive-keyring not found (apt-get install debian-archive-keyring)"
}

# ---------------------------------------------------------------------------
# Private apt
# ---------------------------------------------------------------------------
setup_apt() {
  mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/state" "$DEBS"
  : >"$APTDIR/state/status.tmp"
  [[ -f "$APTDIR/state/status" ]] || mv "$APTDIR/state/status.tmp" "$APTDIR/state/status"
  rm -f "$APTDIR/state/status.tmp"
  local uri key want
  uri="$(mirror_uri)"
  key="$(keyring)"
  want="deb [arch=riscv64,i386,armhf,amd64 signed-by=$key] $uri $SUITE main"
  if [[ ! -f "$APTDIR/sources.list" ]] || [[ "$(cat "$APTDIR/sources.list")" != "$want" ]]; then
    printf '%s\n' "$want" >"$APTDIR/sources.list"
    rm -f "$APTDIR/lists/"*_Packages* "$APTDIR/lists/"*Release* "$APTDIR/updated" 2>/dev/null || true
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
    -o "APT::Architectures=riscv64,i386,armhf,amd64"
    -o "Acquire::Languages=none"
    -o "Acquire::PDiffs=false"
    -o "Acquire::Retries=3"
    -o "Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false"
    -o "APT::Get::AllowUnauthenticated=false"
    -o "Debug::NoLocking=true"
  )
  # As root apt drops to the _apt user for downloads; it cannot write into
  # $HOME/.cache, so download as root (no warning) instead.
  if [[ "$(id -u)" == 0 ]]; then
    APT_OPTS+=(-o "APT::Sandbox::User=root")
  fi
}

apt_() { apt-get -q "${APT_OPTS[@]}" "$@"; }
apt_cache() { apt-cache "${APT_OPTS[@]}" "$@"; }

update_lists() {
  local stamp="$APTDIR/updated" now age
  now="$(date +%s)"
  if [[ "${1:-}" != force && -f "$stamp" ]]; then
    age=$(( now - $(stat -c %Y "$stamp") ))
    if (( age < LISTS_MAX_AGE )) && compgen -G "$APTDIR/lists/*_Packages*" >/dev/null; then
      return
    fi
  fi
  log "apt-get update ($SUITE, riscv64+i386+armhf+amd64) from $(mirror_uri)"
  apt_ update >&2
  touch "$stamp"
}

# pkg_info SPEC... -> one line per spec: "name version arch" (arch is "all"
# for architecture-independent packages).  A single apt-cache call.
pkg_info() {
  local spec names=()
  for spec in "$@"; do
    names+=("$spec")
    [[ "$spec" == *:* ]] && names+=("${spec%%:*}")
  done
  local stanzas
  stanzas="$(apt_cache show --no-all-versions "${names[@]}" 2>/dev/null || true)"
  for spec in "$@"; do
    local name="${spec%%:*}" arch=amd64
    [[ "$spec" == *:* ]] && arch="${spec#*:}"
    awk -v want="$name" -v arch="$arch" '
      function flush() {
        if (p == want && (a == arch || a == "all") && !done) { print p, v, a; done = 1 }
        p = v = a = ""
      }
      /^Package:/ { p = $2 } /^Version:/ { v = $2 } /^Architecture:/ { a = $2 }
      /^$/ { flush() }
      END { flush(); if (!done) exit 1 }' <<<"$stanzas" || die "package $spec not found in $SUITE"
  done
}

# download SPEC...  -> prints the local .deb paths, one per line
download() {
  local infos name ver arch base paths=() todo=()
  infos="$(pkg_info "$@")"
  while read -r name ver arch; do
    # the name apt-get download gives the file (epoch ':' escaped as %3a)
    base="$DEBS/${name}_${ver//:/%3a}_${arch}.deb"
    paths+=("$base")
    if [[ ! -s "$base" ]]; then
      if [[ "$arch" == all ]]; then todo+=("$name=$ver"); else todo+=("$name:$arch=$ver"); fi
    fi
  done <<<"$infos"
  if ((${#todo[@]})); then
    log "downloading ${todo[*]}"
    if ! (cd "$DEBS" && apt_ download "${todo[@]}" >&2); then
      # stale lists name versions the archive no longer has: refresh once
      [[ -z "${TCIEMU_FETCH_RETRIED:-}" ]] || die "apt-get download failed"
      log "download failed; refreshing the package lists and trying again"
      update_lists force
      TCIEMU_FETCH_RETRIED=1 download "$@"
      return
    fi
  fi
  local p
  for p in "${paths[@]}"; do
    [[ -s "$p" ]] || die "download of $p failed"
    printf '%s\n' "$p"
  done
}

# Versioned dependency that a metapackage points at (linux-image-riscv64 ->
# linux-image-6.x-riscv64).
meta_target() {
  local spec="$1" prefix="$2"
  apt_cache depends "$spec" 2>/dev/null |
    awk -v pre="$prefix" '$1 == "Depends:" { sub(/:.*/, "", $2); if (index($2, pre) == 1) { print $2; exit } }'
}

recipe_hash() { printf '%s\n' "$@" | sha256sum | cut -c1-16; }

is_fresh() { # dir recipe
  [[ "$FORCE" != 1 && -f "$1/.tciemu-stamp" && "$(cat "$1/.tciemu-stamp")" == "$2" ]]
}

# ---------------------------------------------------------------------------
# sysroot
# ---------------------------------------------------------------------------
readelf_bin() {
  local r
  for r in riscv64-linux-gnu-readelf readelf; do
    command -v "$r" >/dev/null 2>&1 && { printf '%s\n' "$r"; return; }
  done
  die "readelf not found (apt-get install binutils-riscv64-linux-gnu)"
}

# Check that every NEEDED library of every ELF in the sysroot is present.
check_needed() {
  local root="$1" triplet="$2" re f lib missing=0
  re="$(readelf_bin)"
  local -A seen=()
  while IFS= read -r -d '' f; do
    head -c4 "$f" 2>/dev/null | grep -q $'^\x7fELF' || continue
    while read -r lib; do
      [[ -n "$lib" ]] || continue
      [[ -n "${seen[$(dirname "$f")|$lib]:-}" ]] && continue
      seen[$(dirname "$f")|$lib]=1
      if [[ ! -e "$root/usr/lib/$triplet/$lib" && ! -e "$root/usr/lib/$lib" && ! -e "$(dirname "$f")/$lib" ]]; then
        log "missing NEEDED library $lib (of ${f#$root/})"
        missing=1
      fi
    done < <("$re" -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p')
  done < <(find "$root/usr/bin" "$root/usr/lib" -type f \( -perm -u+x -o -name '*.so*' \) -print0 2>/dev/null)
  ((missing == 0)) || die "sysroot has unresolved NEEDED libraries; add their packages to SYSROOT_PKGS"
  log "NEEDED check: ${#seen[@]} (directory, library) pairs, all resolved"
}

cmd_sysroot() {
  local arch="${1:-riscv64}" kind="${2:-sysroot}" triplet ldso
  case "$arch" in
    riscv64) triplet=riscv64-linux-gnu; ldso=usr/lib/ld-linux-riscv64-lp64d.so.1 ;;
    i386) triplet=i386-linux-gnu; ldso=usr/lib/ld-linux.so.2 ;;
    armhf) triplet=arm-linux-gnueabihf; ldso=usr/lib/ld-linux-armhf.so.3 ;;
    *) die "unknown sysroot architecture '$arch' (riscv64, i386, armhf)" ;;
  esac
  local out="$CACHE/$kind-$arch" specs=() p recipe
  for p in "${SYSROOT_PKGS[@]}"; do specs+=("$p:$arch"); done
  if [[ "$arch" != riscv64 || "$kind" == userland ]]; then
    for p in "${SYSROOT_PKGS_EXTRA[@]}"; do specs+=("$p:$arch"); done
  fi
  if [[ "$kind" == userland ]]; then
    for p in "${SYSROOT_PKGS_SHELL[@]}"; do specs+=("$p:$arch"); done
  fi
  recipe="$(recipe_hash "$SUITE" "${specs[@]}")"
  if is_fresh "$out" "$recipe"; then
    printf '%s\n' "$out"
    return
  fi
  need dpkg-deb dpkg
  setup_apt
  update_lists
  local list debs
  list="$(download "${specs[@]}")"
  mapfile -t debs <<<"$list"
  log "extracting ${#debs[@]} packages into $out"
  rm -rf "$out.tmp"
  mkdir -p "$out.tmp"
  for p in "${debs[@]}"; do dpkg-deb -x "$p" "$out.tmp"; done
  # merged /usr: /bin /lib /sbin -> usr/...
  local d
  for d in bin lib sbin; do
    mkdir -p "$out.tmp/usr/$d"
    if [[ -d "$out.tmp/$d" && ! -L "$out.tmp/$d" ]]; then
      cp -a "$out.tmp/$d/." "$out.tmp/usr/$d/"
      rm -rf "${out:?}.tmp/$d"
    fi
    ln -sfn "usr/$d" "$out.tmp/$d"
  done
  if [[ -d "$out.tmp/usr/lib64" || -d "$out.tmp/lib64" ]]; then
    [[ -L "$out.tmp/lib64" ]] || ln -sfn usr/lib64 "$out.tmp/lib64"
  fi
  mkdir -p "$out.tmp/tmp" "$out.tmp/etc"
  [[ -e "$out.tmp/$ldso" ]] || die "$ldso missing from the $arch sysroot"
  check_needed "$out.tmp" "$triplet"
  {
    for p in "${debs[@]}"; do basename "$p"; done
  } >"$out.tmp/.tciemu-packages"
  printf '%s\n' "$recipe" >"$out.tmp/.tciemu-stamp"
  rm -rf "$out"
  mv "$out.tmp" "$out"
  log "sysroot ready: $out"
  printf '%s\n' "$out"
}

# A copy of a guest tree (hard links: nothing of the original is written) with CPython's own test
# suite added: a differential test of the Linux ABI beyond this repository's tests.
cmd_cpython_tests() {
  local arch="${1:-riscv64}" base out recipe deb
  if [[ "$arch" == riscv64 ]]; then base="$(cmd_sysroot riscv64 userland)"; else base="$(cmd_sysroot "$arch")"; fi
  out="$CACHE/cpython-tests-$arch"
  setup_apt
  update_lists
  deb="$(download libpython3.13-testsuite)"
  recipe="$(recipe_hash "$(cat "$base/.tciemu-stamp")" "$(basename "$deb")")"
  if is_fresh "$out" "$recipe"; then
    printf '%s\n' "$out"
    return
  fi
  rm -rf "$out.tmp" "$out.deb"
  cp -al "$base" "$out.tmp"
  dpkg-deb -x "$deb" "$out.deb"
  # new inodes for every file the package brings: never write through a hard link into $base
  cp -r --remove-destination "$out.deb/." "$out.tmp/"
  rm -rf "$out.deb"
  rm -f "$out.tmp/.tciemu-stamp" # the base's, hard-linked
  printf '%s\n' "$recipe" >"$out.tmp/.tciemu-stamp"
  rm -rf "$out"
  mv "$out.tmp" "$out"
  log "CPython's tests ready: $out"
  printf '%s\n' "$out"
}

# ---------------------------------------------------------------------------
# qemu (amd64 build of trixie's qemu-user, runnable on this host)
# ---------------------------------------------------------------------------
qemu_runs() { "$1" -version >/dev/null 2>&1; }

cmd_qemu() {
  local out="$CACHE/qemu-trixie" recipe q
  recipe="$(recipe_hash "$SUITE" qemu-user qemu-user-static amd64 v4 riscv i386 arm)"
  if is_fresh "$out" "$recipe" && [[ -f "$out/.tciemu-qemu" ]]; then
    q="$(cat "$out/.tciemu-qemu")"
    if qemu_runs "$q"; then printf '%s\n' "$q"; return; fi
  fi
  need dpkg-deb dpkg
  setup_apt
  update_lists
  rm -rf "$out.tmp"
  mkdir -p "$out.tmp"
  local cand deb found=""
  # qemu-user first (trixie builds it statically); then qemu-user-static.
  for cand in qemu-user qemu-user-static; do
    deb="$(download "$cand:amd64")" || { log "$cand not available"; continue; }
    rm -rf "$out.tmp/$cand"
    mkdir -p "$out.tmp/$cand"
    dpkg-deb -x "$deb" "$out.tmp/$cand"
    for q in "$out.tmp/$cand/usr/bin/qemu-riscv64" "$out.tmp/$cand/usr/bin/qemu-riscv64-static"; do
      if [[ -x "$q" && ! -L "$q" ]] && qemu_runs "$q"; then
        found="${q/#$out.tmp/$out}"
        break 2
      fi
    done
    log "$cand: no runnable qemu-riscv64 on this host, trying the next package"
  done
  [[ -n "$found" ]] || die "no runnable qemu-riscv64 in trixie's qemu-user/qemu-user-static"
  # keep only the guests tciemu has (the package holds ~450 MB of others)
  find "$out.tmp" -path '*/usr/bin/qemu-*' ! -name 'qemu-riscv*' ! -name 'qemu-i386' ! -name 'qemu-i386-static' \
    ! -name 'qemu-arm' ! -name 'qemu-arm-static' -exec rm -f {} +
  printf '%s\n' "$found" >"$out.tmp/.tciemu-qemu"
  printf '%s\n' "$recipe" >"$out.tmp/.tciemu-stamp"
  rm -rf "$out"
  mv "$out.tmp" "$out"
  log "$("$found" -version | head -n1)"
  printf '%s\n' "$found"
}

# ---------------------------------------------------------------------------
# qemu-system-arm (amd64 build of trixie's, the reference for the ARM virt board). It is linked
# against trixie's shared libraries, newer than this host's (glibc among them), so the libraries of
# its dependency closure are extracted next to it and a wrapper runs it through trixie's own
# dynamic loader with only those libraries: nothing of the host's is used, nothing is installed.
# ---------------------------------------------------------------------------
cmd_qemu_system_arm() {
  local out="$CACHE/qemu-system-trixie" recipe w
  recipe="$(recipe_hash "$SUITE" qemu-system-arm amd64 libs v2)"
  w="$out/qemu-system-arm"
  if is_fresh "$out" "$recipe" && "$w" -version >/dev/null 2>&1; then printf '%s\n' "$w"; return; fi
  need dpkg-deb dpkg
  setup_apt
  update_lists
  # qemu-system-arm and the shared-library packages of its Depends closure (amd64; no scripts,
  # users or configuration: those packages are what an installation needs, not the binary)
  local pkgs=() p
  mapfile -t pkgs < <(apt_cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances qemu-system-arm:amd64 2>/dev/null | grep -v '^[ <]' | grep -v ':' |
    grep -E '^(lib[a-z0-9].*|zlib1g|qemu-system-arm)$' | sort -u)
  ((${#pkgs[@]} > 1)) || die "cannot resolve qemu-system-arm's dependencies in $SUITE"
  local specs=()
  for p in "${pkgs[@]}"; do specs+=("$p:amd64"); done
  local list debs
  list="$(download "${specs[@]}")"
  mapfile -t debs <<<"$list"
  log "extracting qemu-system-arm and ${#debs[@]} packages into $out"
  rm -rf "$out.tmp"
  mkdir -p "$out.tmp"
  for p in "${debs[@]}"; do dpkg-deb -x "$p" "$out.tmp"; done
  rm -rf "$out.tmp/usr/share/doc" "$out.tmp/usr/share/man" "$out.tmp/usr/share/locale"
  local ldso="" d
  for d in "$out.tmp/usr/lib/x86_64-linux-gnu" "$out.tmp/lib/x86_64-linux-gnu" "$out.tmp/usr/lib64" "$out.tmp/lib64"; do
    [[ -z "$ldso" && -e "$d/ld-linux-x86-64.so.2" ]] && ldso="${d#$out.tmp/}/ld-linux-x86-64.so.2"
  done
  [[ -n "$ldso" ]] || die "trixie's dynamic loader is not in libc6"
  [[ -x "$out.tmp/usr/bin/qemu-system-arm" ]] || die "qemu-system-arm missing from its package"
  cat >"$out.tmp/qemu-system-arm" <<WRAP
#!/bin/sh
# trixie's qemu-system-arm through trixie's dynamic loader and libraries (tools/debian/fetch.sh)
d=\$(dirname "\$(readlink -f "\$0")")
# QEMU_MODULE_DIR: trixie's own modules (none are extracted), never the host's older ones
QEMU_MODULE_DIR="\$d/usr/lib/x86_64-linux-gnu/qemu" exec "\$d/$ldso" --library-path "\$d/usr/lib/x86_64-linux-gnu:\$d/lib/x86_64-linux-gnu" "\$d/usr/bin/qemu-system-arm" -L "\$d/usr/share/qemu" "\$@"
WRAP
  chmod +x "$out.tmp/qemu-system-arm"
  local why
  why="$("$out.tmp/qemu-system-arm" -version 2>&1 >/dev/null)" || die "trixie's qemu-system-arm does not run here: $why"
  {
    for p in "${debs[@]}"; do basename "$p"; done
  } >"$out.tmp/.tciemu-packages"
  printf '%s\n' "$recipe" >"$out.tmp/.tciemu-stamp"
  rm -rf "$out"
  mv "$out.tmp" "$out"
  log "$("$w" -version | head -n1)"
  printf '%s\n' "$w"
}

# ---------------------------------------------------------------------------
# system (kernel + firmware + busybox for the virt board, later)
# ---------------------------------------------------------------------------
cmd_system() {
  local arch="${1:-riscv64}" out pkgs
  if [[ "$arch" == riscv64 ]]; then
    out="$CACHE/system"
    pkgs=("${SYSTEM_PKGS[@]}")
  else
    out="$CACHE/system-$arch"
    pkgs=("${SYSTEM_ARM_PKGS[@]}")
  fi
  local recipe
  recipe="$(recipe_hash "$SUITE" "$arch" "${pkgs[@]}")"
  [[ "$arch" == riscv64 ]] && recipe="$(recipe_hash "$SUITE" "${pkgs[@]}")"
  if is_fresh "$out" "$recipe"; then printf '%s\n' "$out"; return; fi
  need dpkg-deb dpkg
  setup_apt
  update_lists
  local specs=() p img
  for p in "${pkgs[@]}"; do
    specs+=("$p:$arch")
    if [[ "$p" == linux-image-* ]]; then
      img="$(meta_target "$p:$arch" linux-image-)"
      [[ -n "$img" ]] || die "cannot resolve the kernel image behind $p"
      specs+=("$img:$arch")
    fi
  done
  local list debs
  list="$(download "${specs[@]}")"
  mapfile -t debs <<<"$list"
  rm -rf "$out.tmp"
  mkdir -p "$out.tmp"
  for p in "${debs[@]}"; do dpkg-deb -x "$p" "$out.tmp"; done
  {
    for p in "${debs[@]}"; do basename "$p"; done
  } >"$out.tmp/.tciemu-packages"
  printf '%s\n' "$recipe" >"$out.tmp/.tciemu-stamp"
  rm -rf "$out"
  mv "$out.tmp" "$out"
  log "system files ready: $out ($(ls "$out"/boot/vmlinu* 2>/dev/null | head -n1))"
  printf '%s\n' "$out"
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    sysroot) cmd_sysroot "${2:-riscv64}" ;;
    userland) cmd_sysroot "${2:-riscv64}" userland ;;
    qemu) cmd_qemu ;;
    system) cmd_system riscv64 ;;
    system-arm) cmd_system armhf ;;
    qemu-system-arm) cmd_qemu_system_arm ;;
    cpython-tests) cmd_cpython_tests "${2:-riscv64}" ;;
    update) setup_apt; update_lists force ;;
    all) cmd_sysroot riscv64; cmd_sysroot i386; cmd_sysroot armhf; cmd_sysroot riscv64 userland; cmd_qemu; cmd_system riscv64; cmd_system armhf; cmd_qemu_system_arm ;;
    cache-dir) printf '%s\n' "$CACHE" ;;
    qemu-path) # the cached trixie qemu-<emu>, if fetched (no network)
      [[ -f "$CACHE/qemu-trixie/.tciemu-qemu" ]] || exit 1
      local q
      q="$(cat "$CACHE/qemu-trixie/.tciemu-qemu")"
      q="${q/qemu-riscv64/qemu-${2:-riscv64}}"
      [[ -x "$q" ]] || exit 1
      printf '%s\n' "$q" ;;
    mirror) mirror_uri ;;
    *)
      sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//' >&2
      exit 2 ;;
  esac
}

main "$@"
