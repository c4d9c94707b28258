#!/usr/bin/env bash
# Builds the binaries of the local Kubernetes control plane from Go modules and caches them:
#   etcd                               go.etcd.io/etcd/server/v3
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl
#                                      k8s.io/kubernetes, inside a small module of our own that replaces every
#                                      k8s.io staging module (required at v0.0.0 upstream) with its published v0.x
#   kwok                               sigs.k8s.io/kwok (simulated nodes and pod lifecycles)
#   kind-config-check                  kind-config-check/main.go: kind's own config types (sigs.k8s.io/kind)
#
# Usage: build.sh [--print-bin-dir]
#   Prints the directory of the binaries on its last line (only that with --print-bin-dir).
#
# The versions are the root pom's properties (kubernetes.version, etcd.version, kwok.version, kind.version); the
# environment variables of the same name in upper case (KUBERNETES_VERSION, ...) override them.
# Binaries go to ${XDG_CACHE_HOME:-$HOME/.cache}/project51/kubernetes/<kubernetes version>/bin, each with a stamp
# of what it was built from: a second run builds nothing. The Go build and module caches are Go's own (GOCACHE,
# GOMODCACHE), so a rebuild after a version change reuses what did not change. Needs Go 1.26 and the Go module proxy.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/../../pom.xml"

quiet=""
case "${1:-}" in
  --print-bin-dir) quiet="yes" ;;
  "") ;;
  *)
    echo "usage: $0 [--print-bin-dir]" >&2
    exit 2
    ;;
esac

log() {
  if [[ -z "$quiet" ]]; then
    printf '%s build: %s\n' "$(date -u '+%H:%M:%S')" "$*" >&2
  fi
}

pom_property() {
  local value
  value="$(sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$pom" | head -n 1)"
  [[ -n "$value" ]] || {
    echo "build.sh: property $1 not found in $pom" >&2
    exit 1
  }
  printf '%s' "$value"
}

KUBERNETES_VERSION="${KUBERNETES_VERSION:-$(pom_property kubernetes.version)}"
ETCD_VERSION="${ETCD_VERSION:-$(pom_property etcd.version)}"
KWOK_VERSION="${KWOK_VERSION:-$(pom_property kwok.version)}"
KIND_VERSION="${KIND_VERSION:-$(pom_property kind.version)}"

[[ "$KUBERNETES_VERSION" =~ ^v1\.([0-9]+)\.([0-9]+)$ ]] ||
  {
    echo "build.sh: kubernetes.version must look like v1.35.4, not '$KUBERNETES_VERSION'" >&2
    exit 1
  }
minor="${BASH_REMATCH[1]}"
staging_version="v0.${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"

command -v go >/dev/null || {
  echo "build.sh: go is not on PATH (Go 1.26 is needed: apt-get install golang-go, or https://go.dev/dl)" >&2
  exit 1
}

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/project51/kubernetes/$KUBERNETES_VERSION"
bin="$cache_root/bin"
src="$cache_root/src"
mkdir -p "$bin" "$src"

# One build at a time per version (two test JVMs may start together); the second waits, then finds all built.
exec 8>"$cache_root/.build.lock"
flock 8

export GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod"
export CGO_ENABLED=0
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

# is_built NAME STAMP: the binary exists and was built from exactly STAMP.
is_built() {
  [[ -x "$bin/$1" && -f "$bin/.$1.stamp" && "$(cat "$bin/.$1.stamp")" == "$2" ]]
}

mark_built() {
  printf '%s' "$2" >"$bin/.$1.stamp"
}

# go_build DIR OUT LDFLAGS PACKAGE...: build PACKAGEs of the module at DIR; OUT is a directory (ending in /) or,
# for one package, the binary's path.
go_build() {
  local dir="$1" out="$2" ldflags="$3"
  shift 3
  (cd "$dir" && nice -n 19 go build -trimpath -ldflags "-s -w$ldflags" -o "$out" "$@")
}

# new_module DIR NAME: an empty module of our own in DIR.
new_module() {
  rm -rf "$1"
  mkdir -p "$1"
  (cd "$1" && go mod init "$2" >/dev/null 2>&1)
}

# build_command NAME MODULE VERSION PACKAGE LDFLAGS: build the command PACKAGE of MODULE at VERSION into $bin/NAME,
# in a module of our own, unless it was built from exactly that module version.
build_command() {
  local name="$1" module="$2" version="$3" package="$4" ldflags="$5"
  is_built "$name" "$module $version" && return 0
  log "building $name from $module $version"
  local dir="$src/$name"
  new_module "$dir" "project51.dev/$name-binary"
  (cd "$dir" && go get "$package@$version" >/dev/null)
  go_build "$dir" "$bin/$name" "$ldflags" "$package"
  mark_built "$name" "$module $version"
}

started=$SECONDS

# --- kube-apiserver, kube-controller-manager, kube-scheduler, kubectl --------------------------------------------
kube_binaries=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
kube_stamp="k8s.io/kubernetes $KUBERNETES_VERSION"
kube_missing=()
for name in "${kube_binaries[@]}"; do
  is_built "$name" "$kube_stamp" || kube_missing+=("$name")
done
if ((${#kube_missing[@]})); then
  log "building ${kube_missing[*]} from k8s.io/kubernetes $KUBERNETES_VERSION (several minutes per binary on 2 cores)"
  dir="$src/kubernetes"
  new_module "$dir" project51.dev/kubernetes-binaries
  # Every staging module k8s.io/kubernetes replaces with ./staging/src/... gets its published version instead.
  gomod="$(cd "$dir" && go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
  [[ -f "$gomod" ]] || {
    echo "build.sh: could not download k8s.io/kubernetes@$KUBERNETES_VERSION" >&2
    exit 1
  }
  mapfile -t staging < <(awk '$2 == "=>" && $3 ~ /^\.\/staging\// {print $1}' "$gomod")
  ((${#staging[@]} > 20)) || {
    echo "build.sh: found only ${#staging[@]} staging modules in $gomod" >&2
    exit 1
  }
  edits=("-require=k8s.io/kubernetes@$KUBERNETES_VERSION")
  for module in "${staging[@]}"; do
    edits+=("-replace=$module=$module@$staging_version")
  done
  (cd "$dir" && go mod edit "${edits[@]}")
  packages=()
  versioned=()
  for name in "${kube_missing[@]}"; do
    packages+=("k8s.io/kubernetes/cmd/$name")
    versioned+=("k8s.io/kubernetes/cmd/$name@$KUBERNETES_VERSION")
  done
  (cd "$dir" && go get "${versioned[@]}" >/dev/null)
  resolved="$(cd "$dir" && go list -m -f '{{.Version}}' k8s.io/kubernetes)"
  [[ "$resolved" == "$KUBERNETES_VERSION" ]] || {
    echo "build.sh: k8s.io/kubernetes resolved to $resolved, not $KUBERNETES_VERSION" >&2
    exit 1
  }
  version_flags=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    version_flags+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    version_flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  go_build "$dir" "$bin/" "$version_flags" "${packages[@]}"
  for name in "${kube_missing[@]}"; do
    mark_built "$name" "$kube_stamp"
  done
fi

# --- etcd ---------------------------------------------------------------------------------------------------------
build_command etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION" go.etcd.io/etcd/server/v3 ""

# --- kwok ---------------------------------------------------------------------------------------------------------
build_command kwok sigs.k8s.io/kwok "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok \
  " -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION"
kwok_stamp="sigs.k8s.io/kwok $KWOK_VERSION"
# start.sh installs kwok's Stage API and its default stages (nodes become Ready and keep a lease; pods become Running
# and Ready at once, and go away when deleted), taken from the same module version.
if [[ "$(cat "$cache_root/kwok/.stamp" 2>/dev/null)" != "$kwok_stamp" ]]; then
  kwok_dir="$(cd "$src" && GOFLAGS="" go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -d "$kwok_dir" ]] || {
    echo "build.sh: could not download sigs.k8s.io/kwok@$KWOK_VERSION" >&2
    exit 1
  }
  rm -rf "$cache_root/kwok"
  mkdir -p "$cache_root/kwok/crds" "$cache_root/kwok/stages"
  cp "$kwok_dir/kustomize/crd/bases/kwok.x-k8s.io_stages.yaml" "$cache_root/kwok/crds/"
  cp "$kwok_dir/kustomize/stage/node/fast/node-initialize.yaml" \
    "$kwok_dir/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml" \
    "$kwok_dir"/kustomize/stage/pod/fast/pod-*.yaml "$cache_root/kwok/stages/"
  chmod -R u+w "$cache_root/kwok"
  printf '%s' "$kwok_stamp" >"$cache_root/kwok/.stamp"
fi

# --- kind-config-check --------------------------------------------------------------------------------------------
check_source="$here/kind-config-check/main.go"
kind_stamp="sigs.k8s.io/kind $KIND_VERSION $(sha256sum "$check_source" | cut -d ' ' -f 1)"
if ! is_built kind-config-check "$kind_stamp"; then
  log "building kind-config-check against sigs.k8s.io/kind $KIND_VERSION"
  dir="$src/kind-config-check"
  new_module "$dir" project51.dev/kind-config-check
  cp "$check_source" "$dir/main.go"
  (cd "$dir" && go get "sigs.k8s.io/kind@$KIND_VERSION" >/dev/null && go mod tidy >/dev/null)
  go_build "$dir" "$bin/kind-config-check" "" .
  mark_built kind-config-check "$kind_stamp"
fi

log "binaries in $bin ($((SECONDS - started)) s)"
printf '%s\n' "$bin"
