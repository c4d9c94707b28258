#!/usr/bin/env bash
# Starts a local Kubernetes control plane on loopback, for tests and by hand:
#   etcd, kube-apiserver (PodSecurity admission on, RBAC), kube-controller-manager, kube-scheduler, and kwok, which
#   simulates the nodes and the pod lifecycle (pods become Running and Ready without containers).
#
# Usage: start.sh [DIR]
#   DIR holds certificates, kubeconfig, data and logs (default: a new directory under ${TMPDIR:-/tmp}).
#   It prints `export KUBECONFIG=DIR/kubeconfig` on its last line; stop it with stop.sh DIR.
#
# Environment (all optional):
#   CONTROL_PLANE_BIN   directory of the binaries (default: build them with build.sh, or reuse its cache)
#   ETCD_PORT, ETCD_PEER_PORT, APISERVER_PORT, KWOK_PORT
#                       loopback ports (default: free ports picked here)
#   FAKE_NODES          number of kwok nodes (default 2)
#   START_TIMEOUT       seconds to wait for each component (default 120)
#   OWNER_PID           stop everything when this process is gone (the test JVM sets it)
#
# Exit codes: 0 started, 1 a component did not start (its log is printed and everything is stopped).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

dir="${1:-}"
if [[ -z "$dir" ]]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/project51-control-plane.XXXXXX")"
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
if [[ -e "$dir/pids" ]] && compgen -G "$dir/pids/*.pid" >/dev/null; then
  echo "start.sh: $dir already has a running control plane (stop it with stop.sh $dir)" >&2
  exit 1
fi
mkdir -p "$dir/pki" "$dir/logs" "$dir/pids" "$dir/etcd"

log() {
  printf '%s start: %s\n' "$(date -u '+%H:%M:%S')" "$*" >&2
}

bin="${CONTROL_PLANE_BIN:-}"
if [[ -z "$bin" ]]; then
  bin="$("$here/build.sh" --print-bin-dir | tail -n 1)"
fi
for name in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok; do
  [[ -x "$bin/$name" ]] || {
    echo "start.sh: $bin/$name is missing; run $here/build.sh" >&2
    exit 1
  }
done
manifests="$bin/../kwok"
command -v openssl >/dev/null || {
  echo "start.sh: openssl is not installed (apt-get install openssl)" >&2
  exit 1
}

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 20000))
    if ! (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s' "$port"
      return 0
    fi
  done
  echo "start.sh: found no free port" >&2
  return 1
}

ETCD_PORT="${ETCD_PORT:-$(free_port)}"
ETCD_PEER_PORT="${ETCD_PEER_PORT:-$(free_port)}"
APISERVER_PORT="${APISERVER_PORT:-$(free_port)}"
KWOK_PORT="${KWOK_PORT:-$(free_port)}"
FAKE_NODES="${FAKE_NODES:-2}"
START_TIMEOUT="${START_TIMEOUT:-120}"

failed() {
  local name="$1"
  log "FAILED: $name did not start within ${START_TIMEOUT}s; the end of $dir/logs/$name.log:"
  tail -n 40 "$dir/logs/$name.log" >&2 || true
  "$here/stop.sh" "$dir" >/dev/null 2>&1 || true
  exit 1
}

# launch NAME COMMAND...: run in the background, in its own session so a terminal's Ctrl-C does not reach it.
launch() {
  local name="$1"
  shift
  setsid "$@" >"$dir/logs/$name.log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$dir/pids/$name.pid"
}

alive() {
  kill -0 "$(cat "$dir/pids/$1.pid")" 2>/dev/null
}

# wait_for NAME COMMAND...: until COMMAND succeeds, while NAME runs, for at most START_TIMEOUT seconds.
wait_for() {
  local name="$1" deadline=$((SECONDS + START_TIMEOUT))
  shift
  until "$@" >/dev/null 2>&1; do
    if ! alive "$name" || ((SECONDS >= deadline)); then
      failed "$name"
    fi
    sleep 0.2
  done
}

# --- certificates and keys ------------------------------------------------------------------------------------------
pki="$dir/pki"
log "generating certificates in $pki"
ossl() {
  openssl "$@" 2>>"$dir/logs/openssl.log"
}
ossl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=project51-test-ca" \
  -keyout "$pki/ca.key" -out "$pki/ca.crt"

# client_cert NAME CN ORG: a client certificate signed by the CA.
client_cert() {
  ossl req -newkey rsa:2048 -nodes -subj "/O=$3/CN=$2" -keyout "$pki/$1.key" -out "$pki/$1.csr"
  printf 'extendedKeyUsage=clientAuth\n' >"$pki/$1.ext"
  ossl x509 -req -in "$pki/$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
    -extfile "$pki/$1.ext" -out "$pki/$1.crt"
}

ossl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr"
{
  printf 'extendedKeyUsage=serverAuth\n'
  printf 'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,'
  printf 'DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n'
} >"$pki/apiserver.ext"
ossl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
  -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt"
client_cert admin admin system:masters
client_cert controller-manager system:kube-controller-manager system:kube-controller-manager
client_cert scheduler system:kube-scheduler system:kube-scheduler
client_cert kwok kwok system:masters
# Service accounts: the API server verifies the tokens the controller manager's token controller signs.
ossl genrsa -out "$pki/service-account.key" 2048
ossl rsa -in "$pki/service-account.key" -pubout -out "$pki/service-account.pub"
chmod 600 "$pki"/*.key

server="https://127.0.0.1:$APISERVER_PORT"

# kubeconfig FILE USER: a kubeconfig with the client certificate of USER, context "project51-test".
kubeconfig() {
  cat >"$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: project51-test
  cluster:
    server: $server
    certificate-authority: $pki/ca.crt
users:
- name: $2
  user:
    client-certificate: $pki/$2.crt
    client-key: $pki/$2.key
contexts:
- name: project51-test
  context:
    cluster: project51-test
    user: $2
current-context: project51-test
KUBECONFIG
  chmod 600 "$1"
}
kubeconfig "$dir/kubeconfig" admin
kubeconfig "$dir/controller-manager.kubeconfig" controller-manager
kubeconfig "$dir/scheduler.kubeconfig" scheduler
kubeconfig "$dir/kwok.kubeconfig" kwok

kc() {
  "$bin/kubectl" --kubeconfig "$dir/kubeconfig" "$@"
}

if [[ -n "${OWNER_PID:-}" ]]; then
  # Stops everything when the owner (the test JVM) is gone, even when it was killed and ran no shutdown hook.
  # shellcheck disable=SC2016 # the inner script expands its own arguments
  launch watchdog bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; exec "$2" "$3"' \
    watchdog "$OWNER_PID" "$here/stop.sh" "$dir"
fi

# --- etcd ------------------------------------------------------------------------------------------------------------
log "starting etcd on 127.0.0.1:$ETCD_PORT"
launch etcd "$bin/etcd" --name default --data-dir "$dir/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "default=http://127.0.0.1:$ETCD_PEER_PORT" \
  --unsafe-no-fsync --quota-backend-bytes 268435456 --log-level warn
wait_for etcd bash -c "exec 3<>/dev/tcp/127.0.0.1/$ETCD_PORT"

# --- kube-apiserver --------------------------------------------------------------------------------------------------
log "starting kube-apiserver on $server"
launch kube-apiserver "$bin/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
  --cert-dir "$dir/apiserver" \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
  --client-ca-file "$pki/ca.crt" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$pki/service-account.pub" \
  --service-account-signing-key-file "$pki/service-account.key" \
  --service-cluster-ip-range 10.0.0.0/24 \
  --authorization-mode RBAC \
  --enable-admission-plugins PodSecurity,NamespaceLifecycle,ServiceAccount,LimitRanger,ResourceQuota \
  --allow-privileged=false \
  --profiling=false
wait_for kube-apiserver kc get --raw /readyz

# --- kube-controller-manager and kube-scheduler ---------------------------------------------------------------------
log "starting kube-controller-manager and kube-scheduler"
launch kube-controller-manager "$bin/kube-controller-manager" \
  --kubeconfig "$dir/controller-manager.kubeconfig" \
  --leader-elect=false --secure-port 0 \
  --use-service-account-credentials \
  --service-account-private-key-file "$pki/service-account.key" \
  --root-ca-file "$pki/ca.crt" \
  --cluster-name project51-test \
  --profiling=false
launch kube-scheduler "$bin/kube-scheduler" \
  --kubeconfig "$dir/scheduler.kubeconfig" \
  --authentication-kubeconfig "$dir/scheduler.kubeconfig" --authorization-kubeconfig "$dir/scheduler.kubeconfig" \
  --leader-elect=false --bind-address 127.0.0.1 --secure-port 0 \
  --profiling=false

# --- kwok: the Stage API, the default stages, the controller, the nodes ---------------------------------------------
log "starting kwok with $FAKE_NODES fake nodes"
kc apply --server-side -f "$manifests/crds" >/dev/null
# Retried: kubectl wait fails at once ("accessor error") while a new CRD has no status conditions yet.
wait_for kube-apiserver kc wait --for condition=Established --timeout 2s -f "$manifests/crds"
kc apply --server-side -f "$manifests/stages" >/dev/null
# Pods of the images listed here never get kwok's pod-ready stage; the test API (ControlPlane.podsNeverReady) fills
# the list and adds a stage that keeps those pods Running but not Ready. The placeholder keeps the list non-empty.
kc patch stage pod-ready --type json -p '[{"op": "add", "path": "/spec/selector/matchExpressions/-",
  "value": {"key": ".spec.containers.[0].image", "operator": "NotIn", "values": ["never-ready.invalid/none"]}}]' \
  >/dev/null
# kwok renews each node's Lease: without one the node lifecycle controller finds the nodes silent after its grace
# period and marks every pod on them not ready.
launch kwok "$bin/kwok" --kubeconfig "$dir/kwok.kubeconfig" \
  --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
  --enable-crds Stage \
  --node-lease-duration-seconds 40 \
  --node-ip 127.0.0.1 --cidr 10.244.0.0/16 \
  --server-address "127.0.0.1:$KWOK_PORT"
for i in $(seq 1 "$FAKE_NODES"); do
  kc apply -f - >/dev/null <<NODE
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/role: agent
    node-role.kubernetes.io/agent: ""
    type: kwok
status:
  allocatable:
    cpu: "16"
    memory: 64Gi
    pods: "110"
  capacity:
    cpu: "16"
    memory: 64Gi
    pods: "110"
NODE
done
wait_for kwok kc wait --for condition=Ready --timeout 2s node --all
# Pods need the namespace's default service account, which the controller manager creates.
wait_for kube-controller-manager kc get serviceaccount default --namespace default
alive kube-scheduler || failed kube-scheduler

cat >"$dir/control-plane.env" <<ENV
KUBECONFIG=$dir/kubeconfig
CONTROL_PLANE_BIN=$bin
APISERVER_URL=$server
ETCD_PORT=$ETCD_PORT
KWOK_PORT=$KWOK_PORT
ENV
log "ready: $server"
printf 'export KUBECONFIG=%s\n' "$dir/kubeconfig"
