#!/usr/bin/env bash
# A real Kubernetes control plane on 127.0.0.1 for Tributary's tests and sandbox:
# etcd (Debian's etcd-server) + kube-apiserver + kube-controller-manager + kube-scheduler,
# built once from Debian bookworm's `kubernetes` source package and cached outside the clone.
#
#   control-plane.sh up       build if not cached, make the PKI, start (a running plane is left alone)
#   control-plane.sh build    only build (first time 10-16 min on 2 cores); prints the bin folder
#   control-plane.sh stop     stop the four processes, each by its PID file
#   control-plane.sh reset    stop, then forget the cluster's state (etcd data, logs); keep PKI and binaries
#   control-plane.sh status   what runs;   control-plane.sh env   export lines for KUBECONFIG and kubectl
#   control-plane.sh where    the admin kubeconfig, the binaries' folder and the audit log, as key=value
#
# Settings (environment, all optional):
#   TRIBUTARY_K8S_CACHE   binaries, keyed by version     (default $HOME/.cache/tributary-k8s)
#   TRIBUTARY_K8S_RUN     PKI, etcd data, logs, PIDs, kubeconfigs (default $TRIBUTARY_K8S_CACHE/run)
#   TRIBUTARY_K8S_API_PORT (6443)  TRIBUTARY_K8S_ETCD_PORT (2379)  TRIBUTARY_K8S_ETCD_PEER_PORT (2380)
#   TRIBUTARY_K8S_KCM_PORT (10257) TRIBUTARY_K8S_SCHEDULER_PORT (10259)
#   TRIBUTARY_K8S_APISERVER_ARGS   more kube-apiserver flags (split on spaces)
set -euo pipefail

DEB_VERSION="${TRIBUTARY_K8S_DEB_VERSION:-1.20.5+really1.20.2-1.1+deb12u1}"
BUILD_REVISION="t2"   # change whenever what is built changes: it is part of the cache key
CACHE="${TRIBUTARY_K8S_CACHE:-$HOME/.cache/tributary-k8s}"
RUN="${TRIBUTARY_K8S_RUN:-$CACHE/run}"
API_PORT="${TRIBUTARY_K8S_API_PORT:-6443}"
ETCD_PORT="${TRIBUTARY_K8S_ETCD_PORT:-2379}"
ETCD_PEER_PORT="${TRIBUTARY_K8S_ETCD_PEER_PORT:-2380}"
KCM_PORT="${TRIBUTARY_K8S_KCM_PORT:-10257}"
SCHEDULER_PORT="${TRIBUTARY_K8S_SCHEDULER_PORT:-10259}"
BINARIES="kube-apiserver kube-controller-manager kube-scheduler kubectl"
BIN="$CACHE/kubernetes-$DEB_VERSION-$BUILD_REVISION/bin"
PKI="$RUN/pki"

say() { printf '[control-plane] %s\n' "$*" >&2; }
fail() { say "error: $*"; exit 1; }
AS_ROOT=""; [ "$(id -u)" = 0 ] || AS_ROOT="sudo"

install_missing() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} with apt-get"
  $AS_ROOT apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $AS_ROOT apt-get install -y -qq "${missing[@]}" >/dev/null
}

# apt-get source needs deb-src entries; a Debian image ships only deb ones. Copy bookworm's.
enable_sources() {
  apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Package: kubernetes' && return 0
  local out; out="$(mktemp)"
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] && [ "$file" != /etc/apt/sources.list.d/tributary-src.sources ] || continue
    grep -qE '^Suites:.*bookworm' "$file" || continue
    sed -E 's/^Types:.*$/Types: deb-src/' "$file" >> "$out"; echo >> "$out"
  done
  if [ -s "$out" ]; then
    $AS_ROOT install -m 0644 "$out" /etc/apt/sources.list.d/tributary-src.sources
  else
    grep -hsE '^deb .*bookworm' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | sed 's/^deb /deb-src /' > "$out" || true
    [ -s "$out" ] || fail "no Debian bookworm apt source to derive a deb-src entry from"
    $AS_ROOT install -m 0644 "$out" /etc/apt/sources.list.d/tributary-src.list
  fi
  rm -f "$out"
  $AS_ROOT apt-get update -qq
}

built() {
  local binary
  for binary in $BINARIES; do [ -x "$BIN/$binary" ] || return 1; done
}

build() {
  install_missing etcd-server openssl curl
  built && return 0
  mkdir -p "$CACHE"
  exec 8>"$CACHE/.build.lock"
  flock 8                       # two test JVMs may ask at once: one builds, the other waits
  if built; then exec 8>&-; return 0; fi
  install_missing golang-go make rsync dpkg-dev \
    golang-github-modern-go-reflect2-dev golang-github-json-iterator-go-dev
  enable_sources
  local scratch="$CACHE/scratch-$DEB_VERSION-$BUILD_REVISION"
  rm -rf "$scratch"; mkdir -p "$scratch"
  say "fetching the source of kubernetes $DEB_VERSION"
  (cd "$scratch" && apt-get source -qq "kubernetes=$DEB_VERSION" > source.log 2>&1) \
    || fail "apt-get source kubernetes=$DEB_VERSION failed: see $scratch/source.log"
  local tree; tree="$(find "$scratch" -maxdepth 1 -type d -name 'kubernetes-*' | head -n 1)"
  [ -n "$tree" ] || fail "apt-get source unpacked nothing into $scratch"

  # The vendored reflect2 1.0.1 reaches into the Go runtime's map iterator with its pre-1.18
  # signature: built with Go 1.19 the API server dies ("fatal error: fault") on its first map.
  # Debian packages the releases that fixed it (reflect2 1.0.2, json-iterator 1.1.12).
  local module
  for module in github.com/modern-go/reflect2 github.com/json-iterator/go; do
    [ -d "/usr/share/gocode/src/$module" ] || fail "Debian's /usr/share/gocode/src/$module is missing"
    find "$tree/vendor/$module" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) -delete
    find "/usr/share/gocode/src/$module" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) \
      ! -name '*_test.go' -exec cp {} "$tree/vendor/$module/" \;
  done

  # OpenAPI validation took any zero value ("", 0, false) for null: it compares reflect.Values
  # with DeepEqual, and since Go 1.19 "" and reflect.Zero share one address. A custom resource
  # with an empty string anywhere was refused ("must be of type string: null"); Kubernetes
  # releases built with their own Go accept it. Later kube-openapi checks for nil only.
  local zero='data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data))'
  local patched
  patched="$(grep -rlF --include='*.go' "$zero" "$tree/vendor" || true)"
  [ -n "$patched" ] || fail "the OpenAPI zero-value check to fix was not found in $tree/vendor"
  for module in $patched; do sed -i "s/$zero/data == nil/" "$module"; done

  say "building $BINARIES with $(go version | cut -d' ' -f3): 10-16 minutes on 2 cores, once"
  local started=$SECONDS
  # hack/ builds in GOPATH mode from vendor/, so this needs no network.
  (cd "$tree" && env GOFLAGS= CGO_ENABLED=0 nice -n 10 \
      make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler cmd/kubectl") \
      > "$scratch/build.log" 2>&1 || { tail -n 30 "$scratch/build.log" >&2; fail "build failed: see $scratch/build.log"; }
  say "built in $((SECONDS - started)) s"
  local staged="$BIN.partial"
  rm -rf "$staged"; mkdir -p "$staged"
  for module in $BINARIES; do install -m 0755 "$tree/_output/bin/$module" "$staged/"; done
  rm -rf "$BIN"; mv "$staged" "$BIN"
  rm -rf "$scratch"
  exec 8>&-
}

certificate() {   # certificate NAME SUBJECT EXTENDED-KEY-USAGE [SUBJECT-ALT-NAMES]
  openssl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n%s' \
    "$3" "${4:+subjectAltName=$4}" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -sha256 \
    -extfile "$1.ext" -out "$1.crt" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

pki() {
  [ -f "$PKI/complete" ] && return 0
  rm -rf "$PKI"; mkdir -p "$PKI"; chmod 700 "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -sha256 \
      -subj "/CN=tributary-test-ca" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
    certificate apiserver "/CN=kube-apiserver" serverAuth \
      "DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.0.0.1"
    certificate admin "/O=system:masters/CN=tributary-admin" clientAuth
    certificate controller-manager "/CN=system:kube-controller-manager" clientAuth
    certificate scheduler "/CN=system:kube-scheduler" clientAuth
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
    touch complete
  )
}

kubeconfig() {   # kubeconfig FILE CERTIFICATE-NAME
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: tributary-test
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority-data: $(base64 -w0 "$PKI/ca.crt")
users:
- name: $2
  user:
    client-certificate-data: $(base64 -w0 "$PKI/$2.crt")
    client-key-data: $(base64 -w0 "$PKI/$2.key")
contexts:
- name: tributary-test
  context: {cluster: tributary-test, user: $2}
current-context: tributary-test
EOF
  chmod 600 "$1"
}

running() {   # running NAME: its PID file names a live process of that program
  local pid
  [ -f "$RUN/$1.pid" ] || return 1
  pid="$(cat "$RUN/$1.pid")"
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$1"
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

launch() {   # launch NAME PORT COMMAND...
  local name=$1 port=$2; shift 2
  running "$name" && return 0
  ! port_taken "$port" || fail "127.0.0.1:$port is taken, so $name cannot start (see the port settings in $0)"
  mkdir -p "$RUN/logs"
  setsid "$@" >> "$RUN/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

await() {   # await NAME SECONDS COMMAND...: until COMMAND succeeds, or NAME dies, or time is up
  local name=$1 deadline=$((SECONDS + $2)); shift 2
  until "$@" > /dev/null 2>&1; do
    running "$name" || { tail -n 20 "$RUN/logs/$name.log" >&2; fail "$name stopped while starting"; }
    [ $SECONDS -lt "$deadline" ] || { tail -n 20 "$RUN/logs/$name.log" >&2; fail "$name did not become healthy in time"; }
    sleep 0.2
  done
}

api() { curl -fsS --max-time 5 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "https://127.0.0.1:$API_PORT$1"; }

up() {
  build
  pki
  mkdir -p "$RUN/etcd"; chmod 700 "$RUN/etcd"
  kubeconfig "$RUN/admin.kubeconfig" admin
  kubeconfig "$RUN/controller-manager.kubeconfig" controller-manager
  kubeconfig "$RUN/scheduler.kubeconfig" scheduler

  launch etcd "$ETCD_PORT" "$(command -v etcd)" --name=tributary --data-dir="$RUN/etcd" --logger=zap \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="tributary=http://127.0.0.1:$ETCD_PEER_PORT"
  await etcd 30 curl -fsS --max-time 2 "http://127.0.0.1:$ETCD_PORT/health"

  # Every request is audited (who, what, the answer's code), so a test can tell what a client was
  # refused: RBAC's 403s happen on the server, and a client may swallow them.
  printf 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n- level: Metadata\n' \
    > "$RUN/audit-policy.yaml"
  # Without the requestheader flags the controller manager complains every minute of a missing CA bundle.
  launch kube-apiserver "$API_PORT" "$BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --secure-port="$API_PORT" --advertise-address=127.0.0.1 \
    --endpoint-reconciler-type=none --cert-dir="$RUN/apiserver-certs" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" --client-ca-file="$PKI/ca.crt" \
    --requestheader-client-ca-file="$PKI/ca.crt" --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction --allow-privileged=true \
    --service-cluster-ip-range=10.0.0.0/24 \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-signing-key-file="$PKI/sa.key" --service-account-key-file="$PKI/sa.pub" \
    --audit-policy-file="$RUN/audit-policy.yaml" --audit-log-path="$RUN/logs/audit.log" --audit-log-maxsize=200 \
    ${TRIBUTARY_K8S_APISERVER_ARGS:-}
  await kube-apiserver 180 api /readyz

  launch kube-controller-manager "$KCM_PORT" "$BIN/kube-controller-manager" \
    --kubeconfig="$RUN/controller-manager.kubeconfig" \
    --authentication-kubeconfig="$RUN/controller-manager.kubeconfig" \
    --authorization-kubeconfig="$RUN/controller-manager.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --port=0 --cert-dir="$RUN/kcm-certs" \
    --use-service-account-credentials=true --controllers='*' \
    --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
    --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
    --leader-elect=false
  launch kube-scheduler "$SCHEDULER_PORT" "$BIN/kube-scheduler" \
    --kubeconfig="$RUN/scheduler.kubeconfig" \
    --authentication-kubeconfig="$RUN/scheduler.kubeconfig" \
    --authorization-kubeconfig="$RUN/scheduler.kubeconfig" \
    --bind-address=127.0.0.1 --secure-port="$SCHEDULER_PORT" --port=0 --cert-dir="$RUN/scheduler-certs" \
    --leader-elect=false
  await kube-controller-manager 60 curl -fsSk --max-time 2 "https://127.0.0.1:$KCM_PORT/healthz"
  await kube-scheduler 60 curl -fsSk --max-time 2 "https://127.0.0.1:$SCHEDULER_PORT/healthz"
  say "up: export KUBECONFIG=$RUN/admin.kubeconfig PATH=$BIN:\$PATH"
}

stop_process() {
  local pid
  running "$1" || { rm -f "$RUN/$1.pid"; return 0; }
  pid="$(cat "$RUN/$1.pid")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN/$1.pid"
}

stop() { stop_process kube-scheduler; stop_process kube-controller-manager; stop_process kube-apiserver; stop_process etcd; }

case "${1:-up}" in
  up) up ;;
  build) build; echo "$BIN" ;;
  stop) stop ;;
  reset) stop; rm -rf "$RUN/etcd" "$RUN/logs" "$RUN/kcm-certs" "$RUN/scheduler-certs" "$RUN/apiserver-certs" ;;
  where) printf 'kubeconfig=%s\nbin=%s\naudit-log=%s\n' "$RUN/admin.kubeconfig" "$BIN" "$RUN/logs/audit.log" ;;
  status) for name in etcd kube-apiserver kube-controller-manager kube-scheduler; do
            if running "$name"; then echo "$name: running (pid $(cat "$RUN/$name.pid"))"; else echo "$name: stopped"; fi
          done ;;
  env) echo "export KUBECONFIG=$RUN/admin.kubeconfig PATH=$BIN:\$PATH" ;;
  *) sed -n '2,17p' "$0"; exit 2 ;;
esac
