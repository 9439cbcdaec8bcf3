#!/usr/bin/env bash
# Provision musl 1.2.5 (Debian trixie's source package) for the measured-resolver tests.
#
# Usage: provision-musl.sh [--force-rebuild]
#
# Bookworm ships musl 1.2.3 (musl-tools); the DNS simulator is also measured against 1.2.5, which no bookworm
# package has. This script adds a deb-src entry for trixie (main, URI and keyring copied from the system's existing
# bookworm entry; source packages only, so no binary package on this machine can be upgraded from it), fetches
# trixie's "musl" source package with apt-get source (signature-checked), and builds it as a static-only library with
# its musl-gcc wrapper into
#   ${CLUSTERNET_MUSL_CACHE:-/var/cache/clusternet/musl-1.2.5}/{bin/musl-gcc,lib,include}
# outside the repository. Nothing is installed into /usr or /lib.
#
# Idempotent (a stamp file marks a complete build) and serialised with flock, so parallel test runs wait for one
# build. The tests (tests/ClusterNet.Core.Tests/Dns/Measured) read the same cache path and fail naming this script
# when it is missing. test.sh calls it.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MUSL_VERSION=1.2.5
CACHE=${CLUSTERNET_MUSL_CACHE:-/var/cache/clusternet/musl-$MUSL_VERSION}
SRC_LIST=/etc/apt/sources.list.d/clusternet-deb-src-trixie.sources
STAMP=$CACHE/.complete
FORCE=0

log() { printf '[provision-musl %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[provision-musl %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

for a in "$@"; do
  case $a in
    --force-rebuild) FORCE=1 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $a" ;;
  esac
done

complete() { [[ -f $STAMP && -x $CACHE/bin/musl-gcc && -f $CACHE/lib/libc.a ]]; }

mkdir -p "$CACHE" 2> /dev/null || die "cannot create cache dir $CACHE (set CLUSTERNET_MUSL_CACHE)"
[[ -w $CACHE ]] || die "cache dir $CACHE is not writable (set CLUSTERNET_MUSL_CACHE)"

# One provisioner at a time per cache; the others wait and then find the stamp.
exec 9> "$CACHE/.provision.lock"
if ! flock -n 9; then
  log "another provision-musl.sh holds $CACHE/.provision.lock; waiting"
  flock 9
fi

if (( ! FORCE )) && complete; then
  log "cache already holds musl $MUSL_VERSION ($(tr '\n' ' ' < "$STAMP"))"
  echo "MUSL_GCC=$CACHE/bin/musl-gcc"
  exit 0
fi

for tool in gcc make dpkg-source; do
  command -v "$tool" > /dev/null || die "'$tool' is missing (apt-get install gcc make dpkg-dev)"
done

# Reuses the URI and keyring of the system's Debian entry (te_debian_apt_source in lib.sh).
ensure_trixie_src() {
  [[ -f $SRC_LIST ]] && return 0
  [[ $(id -u) == 0 ]] || die "no trixie deb-src entry; run as root so $SRC_LIST can be added"
  local uri signed
  read -r uri signed < <(te_debian_apt_source)
  log "adding deb-src entry ($uri trixie main) as $SRC_LIST"
  te_write_deb_src "$SRC_LIST" "$uri" trixie "$signed" \
    "Added by ClusterNet tests/testenv/provision-musl.sh (needed for: apt-get source musl=$MUSL_VERSION-*)" \
    "Source packages only: no binary package can be installed or upgraded from this entry."
}

trixie_musl_version() {
  apt-cache showsrc musl 2> /dev/null | sed -n 's/^Version: //p' | { grep -E "^${MUSL_VERSION//./\\.}-" || true; } | sort -V | tail -1
}

ensure_trixie_src
version=$(trixie_musl_version)
if [[ -z $version ]]; then
  log "apt-get update (for the trixie deb-src entry)"
  apt-get update -q > "$CACHE/apt-update.log" 2>&1 \
    || { tail -n 20 "$CACHE/apt-update.log" >&2; die "apt-get update failed (see $CACHE/apt-update.log)"; }
  version=$(trixie_musl_version)
fi
[[ -n $version ]] || die "no musl $MUSL_VERSION source package found after apt-get update (is trixie in $SRC_LIST reachable?)"

src_root=$CACHE/src
rm -rf "$src_root" "$CACHE/bin" "$CACHE/lib" "$CACHE/include" "$STAMP"
mkdir -p "$src_root"
log "apt-get source musl=$version"
(cd "$src_root" && apt-get source -q "musl=$version") > "$CACHE/apt-source.log" 2>&1 \
  || { tail -n 20 "$CACHE/apt-source.log" >&2; die "apt-get source musl=$version failed (see $CACHE/apt-source.log)"; }
tree=$(find "$src_root" -mindepth 1 -maxdepth 1 -type d -name "musl-*" | head -1)
[[ -n $tree && -x $tree/configure ]] || die "apt-get source produced no musl tree in $src_root"

# Static only: the probe links with musl-gcc -static, and a shared build would want its dynamic linker in /lib.
log "building musl $version in $tree (static, prefix $CACHE)"
start=$(date +%s)
(
  cd "$tree"
  ./configure --prefix="$CACHE" --syslibdir="$CACHE/lib" --disable-shared --enable-wrapper=gcc
  make -j"$(nproc)"
  make install
) > "$CACHE/build.log" 2>&1 || { tail -n 30 "$CACHE/build.log" >&2; die "musl build failed (see $CACHE/build.log)"; }

printf 'version=%s\nbuilt=%s\nbuild_seconds=%s\n' "$version" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(( $(date +%s) - start ))" > "$STAMP"
# The extracted source stays: it is what the model notes cite (src/network/lookup_name.c, res_msend.c).
log "musl $version ready in $CACHE"
echo "MUSL_GCC=$CACHE/bin/musl-gcc"
