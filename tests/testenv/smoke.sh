#!/usr/bin/env bash
# End-to-end smoke test of the loopback test environment.
#
# Usage: smoke.sh [DIR]
#   DIR defaults to a fresh mktemp dir (removed afterwards on success).
#   SMOKE_SKIP_PROVISION=1 skips running provision.sh first.
#   SMOKE_KEEP=1 leaves the environment running (prints DIR) for poking around.
#
# Checks: provision -> start -> namespace/node/pod creation -> pod status via
# the status subresource -> Service -> Endpoints and discovery.k8s.io/v1beta1
# EndpointSlices filled by kube-controller-manager -> readiness flip to
# notReadyAddresses -> "nobody" user gets 403 -> 410 Gone after etcd compaction
# -> kube-apiserver-only restart on the same port keeps the data -> stop.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/lib.sh"

if [[ ${SMOKE_SKIP_PROVISION:-0} != 1 ]]; then
  "$HERE/provision.sh"
fi

OWN_DIR=0
if [[ $# -ge 1 ]]; then DIR=$1; else DIR=$(mktemp -d /tmp/clusternet-testenv.XXXXXX); OWN_DIR=1; fi

fail() { te_log "SMOKE FAILED: $*"; exit 1; }
finish() {
  local rc=$?
  if [[ ${SMOKE_KEEP:-0} == 1 && $rc == 0 ]]; then
    te_log "SMOKE_KEEP=1: environment left running in $DIR (stop with: $HERE/stop.sh $DIR)"
    return
  fi
  "$HERE/stop.sh" "$DIR" || true
  if (( rc == 0 && OWN_DIR )); then rm -rf "$DIR"; fi
  (( rc == 0 )) || te_log "logs kept in $DIR/logs"
}
trap finish EXIT

t0=$SECONDS
"$HERE/start.sh" "$DIR"
te_log "start.sh took $((SECONDS - t0))s"
te_load_env "$DIR"
k() { kubectl_admin "$DIR" "$@"; }
NS=smoke

te_log "server version: $(k version -o json | jq -r '.serverVersion.gitVersion')"

# --- objects ---------------------------------------------------------------
k create namespace "$NS" > /dev/null
create_node "$DIR" node-1 10.244.1.0/24 192.168.50.11
[[ $(k get node node-1 -o jsonpath='{.spec.podCIDR}') == 10.244.1.0/24 ]] || fail "node podCIDR not set"
[[ $(k get node node-1 -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}') == True ]] \
  || fail "node Ready condition not set"

k -n "$NS" apply -f - > /dev/null <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: web-0
  labels: {app: web}
spec:
  nodeName: node-1
  containers:
  - name: web
    image: registry.invalid/clusternet/none:1
    ports:
    - {name: http, containerPort: 8080}
EOF

set_pod_status "$DIR" "$NS" web-0 Running 10.244.1.5 true 192.168.50.11
[[ $(k -n "$NS" get pod web-0 -o jsonpath='{.status.phase}/{.status.podIP}') == Running/10.244.1.5 ]] \
  || fail "pod status patch did not stick"

k -n "$NS" apply -f - > /dev/null <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http}
EOF

ep_ready_ip()  { k -n "$NS" get endpoints web -o jsonpath='{.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}'; }
slice_state()  {
  te_curl "$DIR" admin -f "/apis/discovery.k8s.io/v1beta1/namespaces/$NS/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dweb" \
    | jq -r '[.items[] | .endpoints[]? | "\(.addresses[0])/\(.conditions.ready)"] | join(",")'
}
for i in $(seq 1 120); do [[ $(ep_ready_ip 2> /dev/null) == 10.244.1.5:8080 ]] && break; sleep 0.5; done
[[ $(ep_ready_ip) == 10.244.1.5:8080 ]] || fail "Endpoints not populated: $(k -n "$NS" get endpoints web -o json)"
te_log "OK Endpoints web -> $(ep_ready_ip)"
for i in $(seq 1 120); do [[ $(slice_state 2> /dev/null) == 10.244.1.5/true ]] && break; sleep 0.5; done
[[ $(slice_state) == 10.244.1.5/true ]] || fail "EndpointSlice not populated: $(slice_state)"
te_log "OK EndpointSlice (discovery.k8s.io/v1beta1) web -> $(slice_state)"

# --- readiness flip ----------------------------------------------------------
set_pod_status "$DIR" "$NS" web-0 Running 10.244.1.5 false 192.168.50.11
nr() { k -n "$NS" get endpoints web -o jsonpath='{.subsets[0].notReadyAddresses[0].ip}'; }
for i in $(seq 1 120); do [[ $(nr 2> /dev/null) == 10.244.1.5 ]] && break; sleep 0.5; done
[[ $(nr) == 10.244.1.5 ]] || fail "pod not moved to notReadyAddresses"
for i in $(seq 1 120); do [[ $(slice_state 2> /dev/null) == 10.244.1.5/false ]] && break; sleep 0.5; done
[[ $(slice_state) == 10.244.1.5/false ]] || fail "EndpointSlice ready condition not updated: $(slice_state)"
te_log "OK not-ready pod -> Endpoints.notReadyAddresses and EndpointSlice ready=false"
set_pod_status "$DIR" "$NS" web-0 Running 10.244.1.5 true 192.168.50.11

# --- RBAC: nobody -----------------------------------------------------------
code=$(te_curl "$DIR" nobody -o /dev/null -w '%{http_code}' "/api/v1/namespaces/$NS/pods")
[[ $code == 403 ]] || fail "nobody listing pods: expected 403, got $code"
if kubectl_as "$DIR" nobody -n "$NS" get pods > /dev/null 2>&1; then fail "kubectl as nobody should be forbidden"; fi
code=$(te_curl "$DIR" admin -o /dev/null -w '%{http_code}' "/api/v1/namespaces/$NS/pods")
[[ $code == 200 ]] || fail "admin listing pods: expected 200, got $code"
te_log "OK nobody -> 403, admin -> 200"

# --- 410 Gone after etcd compaction -----------------------------------------
old_rv=$(te_curl "$DIR" admin -f "/api/v1/namespaces/$NS/pods" | jq -r .metadata.resourceVersion)
k -n "$NS" annotate pod web-0 smoke/touch=1 > /dev/null
rev=$(etcd_compact "$DIR")
code=$(te_curl "$DIR" admin -o /dev/null -w '%{http_code}' \
  "/api/v1/namespaces/$NS/pods?resourceVersion=$old_rv&resourceVersionMatch=Exact")
[[ $code == 410 ]] || fail "expected 410 for Exact list at compacted rv $old_rv (compacted at $rev), got $code"
te_log "OK etcd compacted at revision $rev; list at rv $old_rv -> 410 Gone"

# --- restart only the API server --------------------------------------------
url_before=$KUBE_APISERVER_URL
"$HERE/stop.sh" "$DIR" --apiserver-only
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$CA_CERT" "$KUBE_APISERVER_URL/readyz" || true)
[[ $code == 000 ]] || fail "API server still answering after stop --apiserver-only ($code)"
t1=$SECONDS
"$HERE/start.sh" "$DIR" --apiserver-only
te_log "start.sh --apiserver-only took $((SECONDS - t1))s"
te_load_env "$DIR"
[[ $KUBE_APISERVER_URL == "$url_before" ]] || fail "API server URL changed after restart"
[[ $(k -n "$NS" get pod web-0 -o jsonpath='{.status.podIP}') == 10.244.1.5 ]] || fail "data lost after apiserver restart"
# the controller-manager must survive the restart and keep reconciling
k -n "$NS" delete pod web-0 --wait=false > /dev/null
for i in $(seq 1 120); do [[ -z $(ep_ready_ip 2> /dev/null | tr -d :) ]] && break; sleep 0.5; done
[[ -z $(ep_ready_ip | tr -d :) ]] || fail "Endpoints not updated after pod deletion following restart"
te_log "OK kube-apiserver restarted on the same URL; controller-manager still reconciling"

te_log "SMOKE PASSED"
