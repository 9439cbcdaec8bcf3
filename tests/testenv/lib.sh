# shellcheck shell=bash
# ClusterNet test environment helpers.
#
# Source this file from bash:   . tests/testenv/lib.sh
# Helpers that talk to a running environment take the state DIR (the
# directory given to start.sh) as their first argument.
#
# Binary resolution (first match wins):
#   KUBE_APISERVER_BIN, KUBE_CONTROLLER_MANAGER_BIN, KUBECTL_BIN, ETCD_BIN,
#   ETCDCTL_BIN environment variables, then the provision cache
#   ($CLUSTERNET_K8S_CACHE/bin), then /usr/bin for etcd/etcdctl.

TESTENV_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${CLUSTERNET_K8S_CACHE:=/var/cache/clusternet/k8s-1.20.2}"
export CLUSTERNET_K8S_CACHE
TESTENV_K8S_VERSION="1.20.2"

te_log()  { printf '[testenv %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
te_die()  { printf '[testenv %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# te_resolve_bins: sets and exports the *_BIN variables, fails if missing.
te_resolve_bins() {
  : "${KUBE_APISERVER_BIN:=$CLUSTERNET_K8S_CACHE/bin/kube-apiserver}"
  : "${KUBE_CONTROLLER_MANAGER_BIN:=$CLUSTERNET_K8S_CACHE/bin/kube-controller-manager}"
  : "${KUBECTL_BIN:=$CLUSTERNET_K8S_CACHE/bin/kubectl}"
  : "${ETCD_BIN:=$(command -v etcd || echo /usr/bin/etcd)}"
  : "${ETCDCTL_BIN:=$(command -v etcdctl || echo /usr/bin/etcdctl)}"
  export KUBE_APISERVER_BIN KUBE_CONTROLLER_MANAGER_BIN KUBECTL_BIN ETCD_BIN ETCDCTL_BIN
  local v missing=0
  for v in KUBE_APISERVER_BIN KUBE_CONTROLLER_MANAGER_BIN KUBECTL_BIN ETCD_BIN ETCDCTL_BIN; do
    if [[ ! -x "${!v}" ]]; then
      te_log "$v=${!v} is not an executable file"
      missing=1
    fi
  done
  if (( missing )); then
    te_die "binaries missing: run tests/testenv/provision.sh (or set the *_BIN variables)"
  fi
}

# te_hold_ports DIR WATCH_PID PORT...: binds each PORT on 127.0.0.1 in a helper process that keeps them bound, never
# listening, until te_release_ports, a TERM, or WATCH_PID's end. PORT 0 means a port below the kernel's ephemeral range
# (so an outgoing connection never takes it while no one holds it) that the helper finds by binding candidates: a
# successful bind is the check, so there is no window between "free" and "ours". Sets TE_HELD_PORTS (the ports, in
# the order asked) and TE_HOLDER_PID. Why: picking a free port and letting the server bind it later left a window in
# which another start could take it, and the scripts retried on "address in use".
# The servers share the held ports: Go servers (etcd, kube-apiserver) bind with SO_REUSEADDR, which may share a port
# with a socket that is not listening; kube-apiserver --permit-port-sharing adds SO_REUSEPORT, so its port can be held
# while it still listens (restart without a gap). The server is the only socket listening, so it gets every
# connection. DIR is only passed along so te_pid_alive can tell the holder from a reused pid.
te_hold_ports() {
  local dir=$1 watch=$2 line
  shift 2
  coproc TE_HOLDER {
    exec perl -MSocket -MIO::Handle -e '
      my ($dir, $watch, @ports) = @ARGV;
      open(my $r, "<", "/proc/sys/net/ipv4/ip_local_port_range") or die "ip_local_port_range: $!\n";
      my ($ephemeral) = split " ", scalar <$r>;
      my @held;
      for my $p (@ports) {
        my @candidates = $p ? ($p) : map { 20000 + int(rand($ephemeral - 20000)) } 1 .. 200;
        my $bound;
        for my $c (@candidates) {
          socket(my $s, PF_INET, SOCK_STREAM, 0) or die "socket: $!\n";
          setsockopt($s, SOL_SOCKET, SO_REUSEADDR, 1) or die "SO_REUSEADDR: $!\n";
          setsockopt($s, SOL_SOCKET, SO_REUSEPORT, 1) or die "SO_REUSEPORT: $!\n";
          if (bind($s, pack_sockaddr_in($c, inet_aton("127.0.0.1")))) { $bound = $s; last; }
          die "bind 127.0.0.1:$c: $!\n" if $p;
        }
        die "no free port in 20000-$ephemeral on 127.0.0.1\n" unless $bound;
        push @held, $bound;
      }
      print join(" ", map { (unpack_sockaddr_in(getsockname($_)))[0] } @held), "\n";
      STDOUT->flush;
      sleep 1 while kill(0, $watch);' "$dir" "$watch" "$@" 2>> "$dir/port-holder.log"
  }
  # Its stderr goes to a file: a holder outliving the script must not keep the caller's pipes open.
  read -r line <&"${TE_HOLDER[0]}" \
    || te_die "could not hold TCP ports $* on 127.0.0.1: $(tail -n 3 "$dir/port-holder.log" 2> /dev/null)"
  read -r -a TE_HELD_PORTS <<< "$line"
}

# te_release_ports: ends the holder of te_hold_ports (call once the servers listen on the ports).
te_release_ports() {
  [[ -n ${TE_HOLDER_PID:-} ]] || return 0
  kill "$TE_HOLDER_PID" 2> /dev/null || true
  wait "$TE_HOLDER_PID" 2> /dev/null || true
  TE_HOLDER_PID=""
}

# te_outage_hold DIR PORT WATCH_PID: holds PORT (see te_hold_ports) beyond this script, until te_release_outage_hold
# or WATCH_PID's end: stop.sh --apiserver-only keeps kube-apiserver's port so the restart finds it free.
te_outage_hold() {
  te_hold_ports "$1" "$3" "$2"
  echo "$TE_HOLDER_PID" > "$1/apiserver-port.holder"
  TE_HOLDER_PID=""
}

# te_release_outage_hold DIR: ends the holder of te_outage_hold, if any.
te_release_outage_hold() {
  [[ -f $1/apiserver-port.holder ]] || return 0
  te_kill "$(cat "$1/apiserver-port.holder")" "$1" "port holder" 5
  rm -f "$1/apiserver-port.holder"
}

# te_debian_apt_source [SUITE]: prints "URI SIGNED-BY" of the system's binary Debian entry for component main, so a
# deb-src entry can sit beside it (deb822 .sources first, then one-line .list format). With SUITE, the entry for that
# suite (provision.sh: the system's own codename); without, the first Debian mirror that is not the security archive
# (provision-musl.sh: trixie is not configured, any bookworm mirror serves it). Falls back to deb.debian.org and the
# archive keyring. TE_APT_DIR (default /etc/apt) is for trying it on other source files.
te_debian_apt_source() {
  local suite=${1:-} apt=${TE_APT_DIR:-/etc/apt} uri="" signed="" f
  for f in "$apt"/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    read -r uri signed < <(awk -v cn="$suite" '
      function wanted() { return cn != "" ? ((" " suites " ") ~ (" " cn " ") && uris != "") : (uris ~ /debian\/?$/ && uris !~ /security/) }
      function flush() { if (types ~ /(^| )deb( |$)/ && comps ~ /main/ && wanted() && !done) { split(uris, u, " "); print u[1], (signed == "" ? "-" : signed); done=1 } types=suites=comps=uris=signed="" }
      /^[[:space:]]*$/ { flush(); next }
      /^[[:space:]]*#/ { next }
      { key=$1; sub(/:$/, "", key); $1=""; sub(/^ +/, ""); val=$0 }
      key=="Types" { types=val } key=="Suites" { suites=val } key=="Components" { comps=val }
      key=="URIs" { uris=val } key=="Signed-By" { signed=val }
      END { flush() }' "$f") || true
    [[ -n $uri ]] && break
  done
  if [[ -z $uri ]]; then
    uri=$(awk -v cn="$suite" '$1=="deb" { i=2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
            if (cn != "" ? ($(i+1) == cn) : ($i ~ /debian\/?$/ && $i !~ /security/)) { print $i; exit } }' \
          "$apt/sources.list" "$apt"/sources.list.d/*.list 2> /dev/null || true)
  fi
  [[ -n $uri ]] || uri=http://deb.debian.org/debian
  [[ -z $signed || $signed == - ]] && signed=/usr/share/keyrings/debian-archive-keyring.gpg
  echo "$uri $signed"
}

# te_write_deb_src FILE URI SUITE SIGNED-BY COMMENT...: writes a deb822 deb-src entry for SUITE main (each COMMENT a
# "# " line on top).
te_write_deb_src() {
  local file=$1 uri=$2 suite=$3 signed=$4 line
  shift 4
  {
    for line in "$@"; do echo "# $line"; done
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' "$uri" "$suite" "$signed"
  } > "$file"
}

# te_pid_alive PID DIR: true if PID is alive and its command line mentions DIR
# (guards against PID reuse).
te_pid_alive() {
  local pid=$1 dir=$2
  [[ -n "$pid" && "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir"
}

# te_kill PID DIR [NAME] [GRACE_SECONDS=15]: TERM, wait up to GRACE, then KILL.
# GRACE 0 means SIGKILL right away (crash simulation).
te_kill() {
  local pid=$1 dir=$2 name=${3:-process} grace=${4:-15} i
  te_pid_alive "$pid" "$dir" || return 0
  if [[ $grace == 0 ]]; then
    te_log "killing $name (pid $pid) with SIGKILL"
  else
    te_log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      te_pid_alive "$pid" "$dir" || return 0
      sleep 0.1
    done
    te_log "$name (pid $pid) still running ${grace}s after SIGTERM, sending SIGKILL"
  fi
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    te_pid_alive "$pid" "$dir" || return 0
    sleep 0.1
  done
  te_log "WARNING: $name (pid $pid) still alive"
}

# te_load_env DIR: sources DIR/env into the current shell.
te_load_env() {
  local dir=$1
  [[ -f "$dir/env" ]] || te_die "$dir/env not found (was start.sh run with DIR=$dir?)"
  # shellcheck disable=SC1091
  . "$dir/env"
}

# te_curl DIR [USER] CURL-ARGS...: curl against the API server as USER
# (admin|nobody, default admin). Example: te_curl "$DIR" nobody -i /api/v1/pods
# If the LAST argument starts with "/", it is prefixed with the API server URL.
te_curl() {
  local dir=$1; shift
  local user=admin
  if [[ "${1:-}" == admin || "${1:-}" == nobody ]]; then user=$1; shift; fi
  (
    te_load_env "$dir"
    local token=$ADMIN_TOKEN
    [[ $user == nobody ]] && token=$NOBODY_TOKEN
    local args=("$@")
    local last=$(( ${#args[@]} - 1 ))
    if (( last >= 0 )) && [[ "${args[$last]}" == /* ]]; then
      args[$last]="$KUBE_APISERVER_URL${args[$last]}"
    fi
    curl --silent --show-error --cacert "$CA_CERT" -H "Authorization: Bearer $token" "${args[@]}"
  )
}

# kubectl_as DIR USER ARGS...: run the provisioned kubectl as admin|nobody.
kubectl_as() {
  local dir=$1 user=$2; shift 2
  (
    te_load_env "$dir"
    local kc=$ADMIN_KUBECONFIG
    [[ $user == nobody ]] && kc=$NOBODY_KUBECONFIG
    "$KUBECTL_BIN" --kubeconfig "$kc" "$@"
  )
}

# kubectl_admin DIR ARGS...
kubectl_admin() { local dir=$1; shift; kubectl_as "$dir" admin "$@"; }

# patch_status DIR API-PATH JSON: merge-patches the status subresource.
#   patch_status "$DIR" /api/v1/namespaces/ns/pods/p '{"status":{"phase":"Running"}}'
# Prints the resulting object; fails on HTTP errors.
patch_status() {
  local dir=$1 path=$2 json=$3 out code
  out=$(te_curl "$dir" admin -X PATCH -H 'Content-Type: application/merge-patch+json' \
        --data "$json" -w '\n%{http_code}' "${path%/status}/status") || return 1
  code=${out##*$'\n'}
  out=${out%$'\n'*}
  if [[ "$code" != 2* ]]; then
    printf 'patch_status %s failed: HTTP %s: %s\n' "$path" "$code" "$out" >&2
    return 1
  fi
  printf '%s\n' "$out"
}

# set_pod_status DIR NAMESPACE POD PHASE POD_IP [READY=true|false] [HOST_IP]
# Sets phase, podIP/podIPs, hostIP, startTime and the PodScheduled,
# Initialized, ContainersReady and Ready conditions. Pass POD_IP "" for none.
set_pod_status() {
  local dir=$1 ns=$2 pod=$3 phase=$4 ip=${5:-} ready=${6:-true} hostip=${7:-}
  local now ready_s json
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  [[ $ready == true ]] && ready_s=True || ready_s=False
  json=$(jq -cn --arg phase "$phase" --arg ip "$ip" --arg hostip "$hostip" \
               --arg ready "$ready_s" --arg now "$now" '
    {status: ({
      phase: $phase,
      startTime: $now,
      conditions: [
        {type: "Initialized",     status: "True",  lastTransitionTime: $now},
        {type: "PodScheduled",    status: "True",  lastTransitionTime: $now},
        {type: "ContainersReady", status: $ready,  lastTransitionTime: $now},
        {type: "Ready",           status: $ready,  lastTransitionTime: $now}
      ]}
      + (if $ip == "" then {podIP: null, podIPs: null} else {podIP: $ip, podIPs: [{ip: $ip}]} end)
      + (if $hostip == "" then {} else {hostIP: $hostip} end))}')
  patch_status "$dir" "/api/v1/namespaces/$ns/pods/$pod" "$json" > /dev/null
}

# set_node_status DIR NODE READY(true|false|unknown) [INTERNAL_IP]
# Sets the Ready condition (and InternalIP/Hostname addresses if given).
set_node_status() {
  local dir=$1 node=$2 ready=${3:-true} ip=${4:-} now st json
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  case $ready in true) st=True ;; false) st=False ;; *) st=Unknown ;; esac
  json=$(jq -cn --arg st "$st" --arg now "$now" --arg ip "$ip" --arg node "$node" '
    {status: ({
      conditions: [{type: "Ready", status: $st, reason: "ClusterNetTestEnv",
                    message: "set by tests/testenv", lastHeartbeatTime: $now,
                    lastTransitionTime: $now}]}
      + (if $ip == "" then {} else
           {addresses: [{type: "InternalIP", address: $ip}, {type: "Hostname", address: $node}]} end))}')
  patch_status "$dir" "/api/v1/nodes/$node" "$json" > /dev/null
}

# create_node DIR NAME POD_CIDR [INTERNAL_IP]: creates a Node with spec.podCIDR(s)
# and marks it Ready.
create_node() {
  local dir=$1 name=$2 cidr=$3 ip=${4:-}
  jq -n --arg n "$name" --arg c "$cidr" \
     '{apiVersion: "v1", kind: "Node", metadata: {name: $n, labels: {"kubernetes.io/hostname": $n}},
       spec: {podCIDR: $c, podCIDRs: [$c]}}' \
    | kubectl_admin "$dir" create -f - > /dev/null || return 1
  set_node_status "$dir" "$name" true "$ip"
}

# etcd_compact DIR: compacts etcd at its current revision, so that watches or
# lists with an older resourceVersion get 410 Gone. Prints the revision.
etcd_compact() {
  local dir=$1
  (
    te_load_env "$dir"
    local rev
    rev=$(ETCDCTL_API=3 "$ETCDCTL_BIN" --endpoints "$ETCD_ENDPOINT" endpoint status -w json \
          | jq -r '.[0].Status.header.revision') || exit 1
    [[ "$rev" =~ ^[0-9]+$ ]] || { echo "etcd_compact: bad revision '$rev'" >&2; exit 1; }
    ETCDCTL_API=3 "$ETCDCTL_BIN" --endpoints "$ETCD_ENDPOINT" compact "$rev" --physical >/dev/null || exit 1
    echo "$rev"
  )
}

# wait_for DESCRIPTION TIMEOUT_SECONDS COMMAND...: polls COMMAND every 0.5 s.
wait_for() {
  local what=$1 timeout=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" > /dev/null 2>&1; do
    if (( SECONDS >= deadline )); then
      te_log "timed out after ${timeout}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}
