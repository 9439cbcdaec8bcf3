#!/usr/bin/env bash
# Start a loopback-only Kubernetes 1.20 control plane (etcd, kube-apiserver,
# kube-controller-manager) for ClusterNet integration tests.
#
# Usage:
#   start.sh DIR                   fresh cluster in state dir DIR (wipes DIR's old state)
#   start.sh DIR --apiserver-only  (re)start only kube-apiserver on the same etcd,
#                                  port and certificates (kills a running one first)
#
# On success writes DIR/env (shell-sourceable KEY=VALUE) and DIR/env.json and
# exits 0 once /readyz answers "ok" (and, for a full start, once the
# controller-manager has created the "default" ServiceAccount).
#
# Environment knobs (all optional):
#   KUBE_APISERVER_BIN KUBE_CONTROLLER_MANAGER_BIN KUBECTL_BIN ETCD_BIN ETCDCTL_BIN
#   CLUSTERNET_K8S_CACHE   provision cache (default /var/cache/clusternet/k8s-1.20.2)
#   TESTENV_TIMEOUT        seconds to wait for each component (default 120)
#   KCM_CONTROLLERS        default endpoint,endpointslice,namespace,serviceaccount
#   KUBE_APISERVER_EXTRA_ARGS, KUBE_CONTROLLER_MANAGER_EXTRA_ARGS, ETCD_EXTRA_ARGS
#                          extra whitespace-separated flags
#   TESTENV_ETCD_RESTORE   full start only: an etcd snapshot file (etcdctl snapshot save) to start from
#                          instead of an empty etcd (the live-scale benchmark caches its populated cluster so)
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

[[ $# -ge 1 ]] || usage
[[ "$1" == -h || "$1" == --help ]] && usage
DIR_ARG=$1; shift
MODE=full
while [[ $# -gt 0 ]]; do
  case $1 in
    --apiserver-only) MODE=apiserver ;;
    -h|--help) usage ;;
    *) te_die "unknown argument: $1" ;;
  esac
  shift
done

for t in openssl curl jq awk base64; do
  command -v "$t" > /dev/null || te_die "'$t' not found; run tests/testenv/provision.sh"
done

mkdir -p "$DIR_ARG"
DIR=$(cd "$DIR_ARG" && pwd -P)
TIMEOUT=${TESTENV_TIMEOUT:-120}
KCM_CONTROLLERS=${KCM_CONTROLLERS:-endpoint,endpointslice,namespace,serviceaccount}
ADMIN_TOKEN=admin-token
NOBODY_TOKEN=nobody-token
PKI=$DIR/pki
LOG_DIR=$DIR/logs
CA_CERT=$PKI/ca.crt
ADMIN_KUBECONFIG=$DIR/admin.kubeconfig
NOBODY_KUBECONFIG=$DIR/nobody.kubeconfig

# ---------------------------------------------------------------- helpers ---

gen_pki() {
  te_log "generating CA, serving certificate and service-account keys in $PKI"
  rm -rf "$PKI"; mkdir -p "$PKI"; chmod 700 "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
      -keyout ca.key -out ca.crt -subj "/CN=clusternet-testenv-ca" \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2> /dev/null
    openssl req -newkey rsa:2048 -nodes -sha256 -keyout apiserver.key -out apiserver.csr \
      -subj "/CN=kube-apiserver" 2> /dev/null
    cat > apiserver.ext <<'EOF'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
EOF
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
      -days 3650 -sha256 -extfile apiserver.ext -out apiserver.crt 2> /dev/null
    openssl genrsa -out sa.key 2048 2> /dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2> /dev/null
    rm -f apiserver.csr
  ) || te_die "openssl failed generating certificates in $PKI"
  # token,user,uid,"group1,group2"
  cat > "$DIR/tokens.csv" <<EOF
$ADMIN_TOKEN,admin,admin,"system:masters"
$NOBODY_TOKEN,nobody,nobody
EOF
  chmod 600 "$DIR/tokens.csv"
}

write_kubeconfig() { # FILE USER TOKEN
  local ca_data
  ca_data=$(base64 -w0 < "$CA_CERT")
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: clusternet-testenv
  cluster:
    server: $KUBE_APISERVER_URL
    certificate-authority-data: $ca_data
users:
- name: $2
  user:
    token: $3
contexts:
- name: $2@clusternet-testenv
  context:
    cluster: clusternet-testenv
    user: $2
    namespace: default
current-context: $2@clusternet-testenv
EOF
  chmod 600 "$1"
}

write_env() {
  local keys=(CLUSTERNET_TESTENV_DIR KUBERNETES_VERSION KUBE_APISERVER_URL KUBE_APISERVER_PORT
              ETCD_ENDPOINT ETCD_CLIENT_PORT ETCD_PEER_PORT
              ETCD_PID KUBE_APISERVER_PID KUBE_CONTROLLER_MANAGER_PID
              ADMIN_KUBECONFIG NOBODY_KUBECONFIG ADMIN_TOKEN NOBODY_TOKEN CA_CERT LOG_DIR
              KUBE_APISERVER_BIN KUBE_CONTROLLER_MANAGER_BIN KUBECTL_BIN ETCD_BIN ETCDCTL_BIN)
  local k tmp=$DIR/env.tmp jq_args=()
  CLUSTERNET_TESTENV_DIR=$DIR
  KUBERNETES_VERSION=$TESTENV_K8S_VERSION
  : > "$tmp"
  for k in "${keys[@]}"; do
    printf '%s=%q\n' "$k" "${!k:-}" >> "$tmp"
    jq_args+=(--arg "$k" "${!k:-}")
  done
  mv "$tmp" "$DIR/env"
  jq -n "${jq_args[@]}" '$ARGS.named' > "$DIR/env.json.tmp"
  mv "$DIR/env.json.tmp" "$DIR/env.json"
}

apiserver_ready() {
  curl -fsS --max-time 5 --cacert "$CA_CERT" -H "Authorization: Bearer $ADMIN_TOKEN" \
    "$KUBE_APISERVER_URL/readyz" 2> /dev/null | grep -qx ok
}

etcd_healthy() {
  curl -fsS --max-time 3 "$ETCD_ENDPOINT/health" 2> /dev/null | grep -q '"health":"true"'
}

# wait_proc NAME PID CHECK-FUNCTION LOG: waits for CHECK, fails early if PID dies.
wait_proc() {
  local name=$1 pid=$2 check=$3 log=$4 deadline=$((SECONDS + TIMEOUT))
  while ! $check; do
    if ! te_pid_alive "$pid" "$DIR"; then
      te_log "$name exited prematurely; last lines of $log:"
      tail -n 15 "$log" >&2 || true
      return 2
    fi
    if (( SECONDS >= deadline )); then
      te_log "$name not ready after ${TIMEOUT}s; last lines of $log:"
      tail -n 15 "$log" >&2 || true
      return 1
    fi
    sleep 0.25
  done
}

# start_etcd: on ETCD_CLIENT_PORT and ETCD_PEER_PORT, held by te_hold_ports (so no collision to retry on).
start_etcd() {
  local log=$LOG_DIR/etcd.log rc
  ETCD_ENDPOINT=http://127.0.0.1:$ETCD_CLIENT_PORT
  rm -rf "$DIR/etcd-data"
  if [[ -n ${TESTENV_ETCD_RESTORE:-} ]]; then
    # A populated cluster saved earlier (etcdctl snapshot save): restored under this start's member name and peer URL.
    te_log "restoring etcd data from $TESTENV_ETCD_RESTORE"
    ETCDCTL_API=3 "$ETCDCTL_BIN" snapshot restore "$TESTENV_ETCD_RESTORE" --data-dir "$DIR/etcd-data" --name default \
      --initial-cluster "default=http://127.0.0.1:$ETCD_PEER_PORT" \
      --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" > "$LOG_DIR/etcd-restore.log" 2>&1 \
      || { tail -n 15 "$LOG_DIR/etcd-restore.log" >&2; te_die "etcd snapshot restore of $TESTENV_ETCD_RESTORE failed"; }
  fi
  te_log "starting etcd on $ETCD_ENDPOINT (peer port $ETCD_PEER_PORT)"
  # shellcheck disable=SC2086
  setsid "$ETCD_BIN" --name default --data-dir "$DIR/etcd-data" \
    --listen-client-urls "$ETCD_ENDPOINT" --advertise-client-urls "$ETCD_ENDPOINT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "default=http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster-state new --logger zap --log-outputs stderr \
    ${ETCD_EXTRA_ARGS:-} > "$log" 2>&1 < /dev/null &
  ETCD_PID=$!
  rc=0; wait_proc etcd "$ETCD_PID" etcd_healthy "$log" || rc=$?
  (( rc == 0 )) || te_die "etcd failed to start (log: $log)"
}

launch_apiserver() {
  local log=$LOG_DIR/kube-apiserver.log
  [[ -f $log ]] && cat "$log" >> "$log.previous"
  te_log "starting kube-apiserver on $KUBE_APISERVER_URL"
  # shellcheck disable=SC2086
  setsid "$KUBE_APISERVER_BIN" \
    --etcd-servers="$ETCD_ENDPOINT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 \
    --secure-port="$KUBE_APISERVER_PORT" --permit-port-sharing \
    --cert-dir="$PKI/apiserver-generated" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --token-auth-file="$DIR/tokens.csv" \
    --authorization-mode=RBAC \
    --service-cluster-ip-range=10.96.0.0/12 \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-account-key-file="$PKI/sa.pub" \
    --service-account-signing-key-file="$PKI/sa.key" \
    --disable-admission-plugins=ServiceAccount \
    --endpoint-reconciler-type=none \
    ${KUBE_APISERVER_EXTRA_ARGS:-} > "$log" 2>&1 < /dev/null &
  KUBE_APISERVER_PID=$!
}

# start_apiserver_full: on KUBE_APISERVER_PORT, held by te_hold_ports (so no collision to retry on).
start_apiserver_full() {
  local rc log=$LOG_DIR/kube-apiserver.log
  KUBE_APISERVER_URL=https://127.0.0.1:$KUBE_APISERVER_PORT
  launch_apiserver
  rc=0; wait_proc kube-apiserver "$KUBE_APISERVER_PID" apiserver_ready "$log" || rc=$?
  (( rc == 0 )) || te_die "kube-apiserver failed to start (log: $log)"
}

default_sa_exists() {
  curl -fsS --max-time 5 --cacert "$CA_CERT" -H "Authorization: Bearer $ADMIN_TOKEN" \
    "$KUBE_APISERVER_URL/api/v1/namespaces/default/serviceaccounts/default" > /dev/null 2>&1
}

start_kcm() {
  local log=$LOG_DIR/kube-controller-manager.log rc
  te_log "starting kube-controller-manager (controllers: $KCM_CONTROLLERS)"
  # shellcheck disable=SC2086
  setsid "$KUBE_CONTROLLER_MANAGER_BIN" \
    --kubeconfig="$ADMIN_KUBECONFIG" \
    --controllers="$KCM_CONTROLLERS" \
    --bind-address=127.0.0.1 --secure-port=0 --port=0 \
    --leader-elect=false \
    ${KUBE_CONTROLLER_MANAGER_EXTRA_ARGS:-} > "$log" 2>&1 < /dev/null &
  KUBE_CONTROLLER_MANAGER_PID=$!
  if [[ ",$KCM_CONTROLLERS," == *,serviceaccount,* ]]; then
    rc=0; wait_proc kube-controller-manager "$KUBE_CONTROLLER_MANAGER_PID" default_sa_exists "$log" || rc=$?
    (( rc == 0 )) || te_die "kube-controller-manager failed (log: $log)"
  else
    sleep 1
    te_pid_alive "$KUBE_CONTROLLER_MANAGER_PID" "$DIR" || { tail -n 15 "$log" >&2; te_die "kube-controller-manager exited (log: $log)"; }
  fi
}

# ------------------------------------------------------------------- main ---

T0=$SECONDS

if [[ $MODE == apiserver ]]; then
  [[ -f $DIR/env ]] || te_die "$DIR/env not found: run '$0 $DIR' (full start) first"
  # Same ports, certificates and binaries as recorded by the full start.
  te_load_env "$DIR"
  te_resolve_bins
  te_pid_alive "$ETCD_PID" "$DIR" || te_die "etcd (pid $ETCD_PID) is not running; do a full start"
  # Held before the old kube-apiserver goes (both SO_REUSEPORT), so the port is never free in between; after
  # stop.sh --apiserver-only its holder has kept it since.
  te_hold_ports "$DIR" $$ "$KUBE_APISERVER_PORT"
  te_kill "$KUBE_APISERVER_PID" "$DIR" kube-apiserver "${TESTENV_APISERVER_GRACE:-3}"
  launch_apiserver
  rc=0; wait_proc kube-apiserver "$KUBE_APISERVER_PID" apiserver_ready "$LOG_DIR/kube-apiserver.log" || rc=$?
  te_release_ports
  te_release_outage_hold "$DIR"
  if (( rc != 0 )); then
    te_kill "$KUBE_APISERVER_PID" "$DIR" kube-apiserver
    KUBE_APISERVER_PID=""
    write_env
    te_die "kube-apiserver failed to restart on port $KUBE_APISERVER_PORT (log: $LOG_DIR/kube-apiserver.log)"
  fi
  write_env
  te_log "kube-apiserver restarted (pid $KUBE_APISERVER_PID) at $KUBE_APISERVER_URL in $((SECONDS - T0))s"
  exit 0
fi

te_resolve_bins

# Full start. Refuse to clobber a running environment in DIR.
if [[ -f $DIR/env ]]; then
  old_pids=$( (. "$DIR/env"; echo "${ETCD_PID:-} ${KUBE_APISERVER_PID:-} ${KUBE_CONTROLLER_MANAGER_PID:-}") )
  for p in $old_pids; do
    if te_pid_alive "$p" "$DIR"; then
      te_die "an environment is already running in $DIR (pid $p); run stop.sh $DIR first"
    fi
  done
fi

rm -rf "$DIR/etcd-data" "$LOG_DIR" "$DIR/env" "$DIR/env.json"
mkdir -p "$LOG_DIR"
gen_pki

ETCD_PID="" KUBE_APISERVER_PID="" KUBE_CONTROLLER_MANAGER_PID=""
# If anything below fails, do not leave half an environment behind.
cleanup_on_error() {
  local rc=$?
  if (( rc != 0 )); then
    te_log "start failed; stopping what was started"
    te_kill "${KUBE_CONTROLLER_MANAGER_PID:-}" "$DIR" kube-controller-manager
    te_kill "${KUBE_APISERVER_PID:-}" "$DIR" kube-apiserver
    te_kill "${ETCD_PID:-}" "$DIR" etcd
  fi
}
trap cleanup_on_error EXIT

te_hold_ports "$DIR" $$ 0 0 0
ETCD_CLIENT_PORT=${TE_HELD_PORTS[0]} ETCD_PEER_PORT=${TE_HELD_PORTS[1]} KUBE_APISERVER_PORT=${TE_HELD_PORTS[2]}
start_etcd
start_apiserver_full
te_release_ports
write_kubeconfig "$ADMIN_KUBECONFIG" admin "$ADMIN_TOKEN"
write_kubeconfig "$NOBODY_KUBECONFIG" nobody "$NOBODY_TOKEN"
write_env
start_kcm
write_env
trap - EXIT

te_log "control plane ready in $((SECONDS - T0))s: $KUBE_APISERVER_URL (etcd $ETCD_ENDPOINT)"
te_log "env: $DIR/env  $DIR/env.json   kubeconfigs: $ADMIN_KUBECONFIG $NOBODY_KUBECONFIG"
