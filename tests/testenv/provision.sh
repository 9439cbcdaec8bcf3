#!/usr/bin/env bash
# Provision the binaries for the ClusterNet loopback Kubernetes test environment.
#
# Usage: provision.sh [--force-rebuild] [--clean-build-tree]
#
#   --force-rebuild     rebuild Kubernetes even if the cache already has binaries
#   --clean-build-tree  after a successful build, delete sources and Go build
#                       cache from the cache dir (keeps only bin/, ~240 MB; frees ~2.8 GiB)
#
# Idempotent. Installs missing Debian packages (etcd-server, etcd-client, jq,
# openssl, curl; plus golang-go, make, rsync, golang-github-modern-go-reflect2-dev
# when a build is needed), then, unless
# the cache already holds them, builds kube-apiserver, kube-controller-manager
# and kubectl 1.20.2 from Debian bookworm's "kubernetes" source package
# (1.20.5+really1.20.2, vendored modules) into
#   ${CLUSTERNET_K8S_CACHE:-/var/cache/clusternet/k8s-1.20.2}/bin
#
# Bring-your-own binaries: if KUBE_APISERVER_BIN, KUBE_CONTROLLER_MANAGER_BIN
# and KUBECTL_BIN all point at executables, nothing is built. ETCD_BIN /
# ETCDCTL_BIN default to the Debian etcd-server / etcd-client packages.
# Prints the resolved binary paths as shell assignments on the last lines.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FORCE=0 CLEAN=0
for a in "$@"; do
  case $a in
    --force-rebuild) FORCE=1 ;;
    --clean-build-tree) CLEAN=1 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) te_die "unknown argument: $a" ;;
  esac
done

CACHE=$CLUSTERNET_K8S_CACHE
K8S_VERSION=$TESTENV_K8S_VERSION
BIN_DIR=$CACHE/bin
STAMP=$BIN_DIR/.complete
KUBE_BINS=(kube-apiserver kube-controller-manager kubectl)

trap 'rc=$?; (( rc == 0 )) || te_log "provisioning FAILED (exit $rc)"' EXIT

# ------------------------------------------------------------ apt helpers ---

APT_UPDATED=0
apt_update() {
  (( APT_UPDATED )) && return 0
  te_log "apt-get update"
  apt-get update -q > "$CACHE/apt-update.log" 2>&1 \
    || { tail -n 20 "$CACHE/apt-update.log" >&2; te_die "apt-get update failed (see $CACHE/apt-update.log)"; }
  APT_UPDATED=1
}

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2> /dev/null | grep -q 'install ok installed'; }

ensure_packages() {
  local missing=() p
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  (( ${#missing[@]} )) || return 0
  [[ $(id -u) == 0 ]] || te_die "missing Debian packages: ${missing[*]} (run as root or install them)"
  apt_update
  te_log "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    > "$CACHE/apt-install.log" 2>&1 \
    || { tail -n 20 "$CACHE/apt-install.log" >&2; te_die "apt-get install ${missing[*]} failed (see $CACHE/apt-install.log)"; }
}

have_deb_src() {
  grep -rqsE '^[[:space:]]*Types:.*deb-src' /etc/apt/sources.list.d/*.sources 2> /dev/null && return 0
  grep -qsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2> /dev/null
}

# Adds a deb-src entry for <codename> main, reusing the URI and keyring of the
# existing binary entry (te_debian_apt_source).
ensure_deb_src() {
  have_deb_src && return 0
  [[ $(id -u) == 0 ]] || te_die "no deb-src entry in apt sources; run as root so one can be added"
  local codename uri signed
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  read -r uri signed < <(te_debian_apt_source "$codename")
  te_log "adding deb-src entry ($uri $codename main) as /etc/apt/sources.list.d/clusternet-deb-src.sources"
  te_write_deb_src /etc/apt/sources.list.d/clusternet-deb-src.sources "$uri" "$codename" "$signed" \
    "Added by ClusterNet tests/testenv/provision.sh (needed for: apt-get source kubernetes)"
  APT_UPDATED=0
}

# ---------------------------------------------------------------- build ---

cache_complete() {
  [[ -f $STAMP ]] || return 1
  local b
  for b in "${KUBE_BINS[@]}"; do [[ -x $BIN_DIR/$b ]] || return 1; done
}

build_kubernetes() {
  local src_root=$CACHE/src
  local gopath=$CACHE/gopath
  local log=$CACHE/build.log
  mkdir -p "$src_root" "$BIN_DIR"

  ensure_packages golang-go make rsync ca-certificates golang-github-modern-go-reflect2-dev
  local gov
  gov=$(go env GOVERSION 2> /dev/null || go version | awk '{print $3}')
  te_log "using $(command -v go) ($gov)"

  # 1. Source package (kubernetes_1.20.5+really1.20.2.orig.tar.gz, vendored modules).
  local orig
  orig=$(ls "$src_root"/kubernetes_*really${K8S_VERSION}.orig.tar.gz 2> /dev/null | head -n1 || true)
  if [[ -z $orig ]]; then
    ensure_deb_src
    apt_update
    te_log "downloading Debian source package 'kubernetes' into $src_root"
    (cd "$src_root" && apt-get source --download-only kubernetes) > "$CACHE/apt-source.log" 2>&1 \
      || { tail -n 20 "$CACHE/apt-source.log" >&2; te_die "apt-get source kubernetes failed (see $CACHE/apt-source.log)"; }
    orig=$(ls "$src_root"/kubernetes_*really${K8S_VERSION}.orig.tar.gz 2> /dev/null | head -n1 || true)
    [[ -n $orig ]] || te_die "downloaded source is not Kubernetes $K8S_VERSION: $(ls "$src_root")"
  else
    te_log "source tarball already present: $orig"
  fi

  # 2. Unpack (fresh unless a previous unpack completed).
  local src=$src_root/kubernetes-$K8S_VERSION
  if [[ ! -f $src_root/.unpacked || ! -d $src ]]; then
    te_log "unpacking $(basename "$orig")"
    rm -rf "$src" "$src_root/.unpacked"
    tar -xzf "$orig" -C "$src_root" || te_die "failed to unpack $orig"
    [[ -f $src/Makefile && -d $src/vendor ]] || te_die "unexpected source layout in $src"
    touch "$src_root/.unpacked"
  fi

  # 3. Go >= 1.18 fix: the vendored github.com/modern-go/reflect2 v1.0.1 makes
  #    kube-apiserver panic (nil pointer in reflect2.(*UnsafeMapType).Key while
  #    decoding any JSON request body, e.g. POST /api/v1/namespaces) when built
  #    with Go 1.18+. Bookworm only has Go 1.19, so swap in reflect2 v1.0.2 from
  #    Debian's golang-github-modern-go-reflect2-dev (same API, what Kubernetes
  #    >= 1.23 vendors).
  local r2_src=/usr/share/gocode/src/github.com/modern-go/reflect2
  local r2_dst=$src/vendor/github.com/modern-go/reflect2
  if [[ ! -f $r2_dst/.clusternet-reflect2-1.0.2 ]]; then
    [[ -f $r2_src/go_above_118.go ]] || te_die "$r2_src/go_above_118.go missing (package golang-github-modern-go-reflect2-dev >= 1.0.2 needed)"
    te_log "replacing vendored modern-go/reflect2 v1.0.1 with v1.0.2 from $r2_src (Go 1.18+ fix)"
    find "$r2_dst" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) -delete
    find "$r2_src" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) ! -name '*_test.go' \
      -exec cp {} "$r2_dst/" \;
    touch "$r2_dst/.clusternet-reflect2-1.0.2"
  fi

  # 4. GOPATH layout expected by hack/ (k8s.io/kubernetes).
  mkdir -p "$gopath/src/k8s.io" "$CACHE/home"
  ln -sfn "$src" "$gopath/src/k8s.io/kubernetes"

  # 5. Build: ~4-5 min on 2 idle cores, ~18 min on a busy machine; output in _output/local/bin.
  te_log "building ${KUBE_BINS[*]} (Kubernetes $K8S_VERSION) - takes several minutes; log: $log"
  local t0=$SECONDS
  (
    cd "$gopath/src/k8s.io/kubernetes"
    # (hack/ puts GOCACHE into _output/local/go/cache, so rebuilds are incremental)
    export GOPATH=$gopath CGO_ENABLED=0 GOFLAGS=-mod=vendor \
           HOME=$CACHE/home GOPROXY=off GOTOOLCHAIN=local
    unset GOROOT
    make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kubectl"
  ) > "$log" 2>&1 &
  local pid=$!
  local next=$((SECONDS + 30))
  while kill -0 "$pid" 2> /dev/null; do
    sleep 1
    if (( SECONDS >= next )); then
      te_log "  ... still building ($((SECONDS - t0))s)"
      next=$((SECONDS + 30))
    fi
  done
  local rc=0
  wait "$pid" || rc=$?
  if (( rc != 0 )); then
    tail -n 40 "$log" >&2
    te_die "Kubernetes build failed (exit $rc); full log: $log"
  fi
  local out=$src/_output/local/bin/linux/amd64 b
  for b in "${KUBE_BINS[@]}"; do
    [[ -x $out/$b ]] || te_die "build finished but $out/$b is missing (log: $log)"
    install -m 0755 "$out/$b" "$BIN_DIR/$b"
  done
  local dt=$((SECONDS - t0))
  printf 'version=%s\nbuilt=%s\nbuild_seconds=%s\ngo=%s\nsource=%s\n' \
    "$K8S_VERSION" "$(date -u +%FT%TZ)" "$dt" "$gov" "$(basename "$orig")" > "$STAMP"
  te_log "build finished in ${dt}s; binaries in $BIN_DIR"
  if (( CLEAN )); then
    te_log "removing build tree and Go cache (--clean-build-tree)"
    rm -rf "$src" "$src_root/.unpacked" "$gopath"
  fi
}

# ----------------------------------------------------------------- main ---

mkdir -p "$CACHE" 2> /dev/null || te_die "cannot create cache dir $CACHE (set CLUSTERNET_K8S_CACHE)"
[[ -w $CACHE ]] || te_die "cache dir $CACHE is not writable (set CLUSTERNET_K8S_CACHE)"

# One provisioner at a time per cache.
exec 9> "$CACHE/.provision.lock"
if ! flock -n 9; then
  te_log "another provision.sh holds $CACHE/.provision.lock; waiting"
  flock 9
fi

te_log "cache dir: $CACHE"
ensure_packages etcd-server etcd-client jq openssl curl

user_bins=1
for v in KUBE_APISERVER_BIN KUBE_CONTROLLER_MANAGER_BIN KUBECTL_BIN; do
  [[ -n ${!v:-} ]] || user_bins=0
done

if (( user_bins )); then
  te_log "KUBE_APISERVER_BIN, KUBE_CONTROLLER_MANAGER_BIN and KUBECTL_BIN are set; not building"
elif (( ! FORCE )) && cache_complete; then
  te_log "cache already holds Kubernetes binaries ($(grep -E '^(built|build_seconds)=' "$STAMP" | tr '\n' ' '))"
else
  (( FORCE )) && rm -f "$STAMP"
  build_kubernetes
fi

te_resolve_bins
te_log "verifying binaries"
"$KUBE_APISERVER_BIN" --version > /dev/null 2>&1 || te_die "$KUBE_APISERVER_BIN --version failed"
"$KUBE_CONTROLLER_MANAGER_BIN" --version > /dev/null 2>&1 || te_die "$KUBE_CONTROLLER_MANAGER_BIN --version failed"
"$KUBECTL_BIN" version --client > /dev/null 2>&1 || te_die "$KUBECTL_BIN version --client failed"
"$ETCD_BIN" --version > /dev/null 2>&1 || te_die "$ETCD_BIN --version failed"
"$ETCDCTL_BIN" version > /dev/null 2>&1 || te_die "$ETCDCTL_BIN version failed"
te_log "kube-apiserver: $("$KUBE_APISERVER_BIN" --version 2>&1)  etcd: $("$ETCD_BIN" --version 2>&1 | head -n1)"
te_log "provisioning OK"
for v in KUBE_APISERVER_BIN KUBE_CONTROLLER_MANAGER_BIN KUBECTL_BIN ETCD_BIN ETCDCTL_BIN; do
  printf '%s=%q\n' "$v" "${!v}"
done
