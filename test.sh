#!/usr/bin/env bash
# The one test command: installs what the tests need, builds, runs every test project,
# and ends with one line "N passed, M failed".
#   ./test.sh          everything (apt packages, control plane, npm, every project including the browser tests)
#   ./test.sh --fast   the inner loop: unit and page-model tests of Core, Cli, Web and Kubernetes only; no apt, no
#                      control plane, no browser, no test that starts external programs (trait Category=ControlPlane
#                      or Category=External)
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
FAST=0
case "${1:-}" in
  --fast) FAST=1 ;;
  "") ;;
  *) echo "usage: ./test.sh [--fast]" >&2; exit 2 ;;
esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
RESULTS=${RESULTS:-$ROOT/artifacts/test-results}
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
log() { printf '[test.sh] %s\n' "$*" >&2; }

if ((FAST)); then
  # Projects and filter of the fast run: no control plane, no browser, no external programs (nginx, gcc, dotnet publish).
  FAST_PROJECTS=(tests/ClusterNet.Core.Tests tests/ClusterNet.Cli.Tests tests/ClusterNet.Web.Tests tests/ClusterNet.Kubernetes.Tests)
  FAST_FILTER='Category!=ControlPlane&Category!=External&Category!=Slow'
  log "fast: ${FAST_PROJECTS[*]##*/} with $FAST_FILTER"
  log "dotnet build"
  for proj in "${FAST_PROJECTS[@]}"; do
    if ! dotnet build "$proj" -c Debug -nologo -v q >>"$RESULTS/build.log" 2>&1; then
      grep -E "error" "$RESULTS/build.log" | sort -u | head -40 >&2
      echo "0 passed, 1 failed"
      exit 1
    fi
  done
fi

# --- system packages -------------------------------------------------------
if ((!FAST)); then
need=()
for pkg in chromium fonts-dejavu-core dnsmasq-base nginx-light haproxy musl-tools gcc libc6-dev iproute2 jq openssl curl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  log "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { log "apt-get install failed"; echo "0 passed, 1 failed"; exit 1; }
fi
# nginx-light's and haproxy's services are not wanted: tests start their own on loopback.
systemctl disable --now nginx >/dev/null 2>&1 || true
systemctl disable --now haproxy >/dev/null 2>&1 || true

# --- control plane for integration tests (built once, cached outside the repo) ---
if [[ -x tests/testenv/provision.sh ]]; then
  log "provisioning control plane (cached after the first build)"
  if ! tests/testenv/provision.sh >"$RESULTS/provision.log" 2>&1; then
    log "control plane provisioning failed; see $RESULTS/provision.log (integration tests will fail with that message)"
    tail -20 "$RESULTS/provision.log" >&2
    export CLUSTERNET_PROVISION_ERROR="provisioning failed: $(tail -3 "$RESULTS/provision.log" | tr '\n' ' ')"
  fi
fi

# --- musl 1.2.5 for the measured DNS resolver tests (built once, cached outside the repo) ---
if [[ -x tests/testenv/provision-musl.sh ]]; then
  log "provisioning musl 1.2.5 (cached after the first build)"
  if ! tests/testenv/provision-musl.sh >"$RESULTS/provision-musl.log" 2>&1; then
    log "musl 1.2.5 provisioning failed; see $RESULTS/provision-musl.log (the musl 1.2.5 measurement test will fail naming the script)"
    tail -5 "$RESULTS/provision-musl.log" >&2
  fi
fi

# --- front-end packages ----------------------------------------------------
if [[ -f wwwroot/package.json ]]; then
  log "npm ci (wwwroot)"
  (cd wwwroot && { [[ -f package-lock.json ]] && npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error; }) >&2 \
    || { log "npm install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# --- build -----------------------------------------------------------------
log "dotnet build"
if ! dotnet build Dashboard.sln -c Debug -nologo -v q >"$RESULTS/build.log" 2>&1; then
  grep -E "error" "$RESULTS/build.log" | sort -u | head -40 >&2
  echo "0 passed, 1 failed"
  exit 1
fi
fi

# --- tests -----------------------------------------------------------------
# TEST_FAST=1 (and --fast) skips tests marked [Trait("Category", "Slow")] (e.g. packing and installing the CLI tool).
filter=()
[[ ${TEST_FAST:-0} == 1 ]] && filter=(--filter "Category!=Slow")
status=0
if ((FAST)); then
  projects=($(for p in "${FAST_PROJECTS[@]}"; do echo "$p/$(basename "$p").csproj"; done))
  filter=(--filter "$FAST_FILTER")
else
  projects=(tests/*/*.csproj)
  filter=()
fi
for proj in "${projects[@]}"; do
  name=$(basename "$proj" .csproj)
  log "dotnet test $name"
  dotnet test "$proj" --no-build -nologo "${filter[@]}" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$RESULTS" -- RunConfiguration.TestSessionTimeout=1500000 >&2 || status=1
done

passed=0; failed=0
for trx in "$RESULTS"/*.trx; do
  [[ -f $trx ]] || continue
  c=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$c")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$c")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
expected=${#projects[@]}; got=$(ls "$RESULTS"/*.trx 2>/dev/null | wc -l)
if ((got < expected)); then
  log "only $got of $expected test projects produced results"
  failed=$((failed + expected - got))
fi
((failed > 0)) && status=1
echo "$passed passed, $failed failed"
exit $status
