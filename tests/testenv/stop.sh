#!/usr/bin/env bash
# Stop a control plane started by start.sh.
#
# Usage:
#   stop.sh DIR                   stop kube-controller-manager, kube-apiserver and etcd
#   stop.sh DIR --apiserver-only  stop only kube-apiserver (restart it later with
#                                 start.sh DIR --apiserver-only)
#   stop.sh DIR --purge           stop everything and delete DIR
#   --kill                        SIGKILL immediately (crash simulation)
#
# Only PIDs recorded in DIR/env whose command line mentions DIR are signalled:
# SIGTERM, then SIGKILL after 15 s (kube-apiserver: after
# TESTENV_APISERVER_GRACE=3 s, because while clients such as the
# controller-manager hold watches it drains for ~60 s; it stops listening
# immediately on SIGTERM). Missing/already-dead processes are fine.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 && $1 != -h && $1 != --help ]] || { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
DIR_ARG=$1; shift
MODE=all PURGE=0 KILL=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --apiserver-only) MODE=apiserver ;;
    --purge) PURGE=1 ;;
    --kill) KILL=1 ;;
    *) te_die "unknown argument: $1" ;;
  esac
  shift
done

if [[ ! -d $DIR_ARG ]]; then
  te_log "$DIR_ARG does not exist; nothing to stop"
  exit 0
fi
DIR=$(cd "$DIR_ARG" && pwd -P)
if [[ ! -f $DIR/env ]]; then
  te_log "$DIR/env not found; nothing to stop"
  [[ $PURGE == 1 ]] && rm -rf "$DIR"
  exit 0
fi

te_load_env "$DIR"

G=15 AG=${TESTENV_APISERVER_GRACE:-3}
(( KILL )) && G=0 AG=0

if [[ $MODE == apiserver ]]; then
  # Its port stays held (until start.sh --apiserver-only or etcd's end), so the restart finds it free.
  if te_pid_alive "${KUBE_APISERVER_PID:-}" "$DIR" && [[ ! -f $DIR/apiserver-port.holder ]]; then
    te_outage_hold "$DIR" "$KUBE_APISERVER_PORT" "$ETCD_PID"
  fi
  te_kill "${KUBE_APISERVER_PID:-}" "$DIR" kube-apiserver "$AG"
  # Record that it is down (keep everything else).
  sed -i 's/^KUBE_APISERVER_PID=.*/KUBE_APISERVER_PID=\x27\x27/' "$DIR/env"
  jq '.KUBE_APISERVER_PID = ""' "$DIR/env.json" > "$DIR/env.json.tmp" && mv "$DIR/env.json.tmp" "$DIR/env.json"
  exit 0
fi

te_kill "${KUBE_CONTROLLER_MANAGER_PID:-}" "$DIR" kube-controller-manager "$G"
te_kill "${KUBE_APISERVER_PID:-}" "$DIR" kube-apiserver "$AG"
te_kill "${ETCD_PID:-}" "$DIR" etcd "$G"
te_release_outage_hold "$DIR"
te_log "stopped environment in $DIR"
if [[ $PURGE == 1 ]]; then
  rm -rf "$DIR"
  te_log "removed $DIR"
fi
