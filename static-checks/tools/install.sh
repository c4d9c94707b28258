#!/usr/bin/env bash
# Installs and caches the static-check tools the tests of static-checks run:
#   actionlint   Go module github.com/rhysd/actionlint/cmd/actionlint, built with the machine's Go
#   checkov      PyPI package checkov, in a virtual environment of its own, with the dependency versions of
#                checkov-constraints.txt beside this script
#   schemathesis PyPI package schemathesis (the API fuzzer), in a virtual environment of its own, with the
#                dependency versions of schemathesis-constraints.txt beside this script
#   promtool     Go module github.com/prometheus/prometheus/cmd/promtool (Prometheus' own rule checker and rule unit
#                tester), built with the machine's Go
#
# Usage: install.sh [--print-paths]
#   Prints the four executables on its last four lines, as actionlint=<path>, checkov=<path>, schemathesis=<path> and
#   promtool=<path> (only those with --print-paths).
#
# The versions are the root pom's properties actionlint.version, checkov.version, schemathesis.version and
# promtool.version; the environment variables ACTIONLINT_VERSION, CHECKOV_VERSION, SCHEMATHESIS_VERSION and
# PROMTOOL_VERSION override them. Everything goes under
# ${XDG_CACHE_HOME:-$HOME/.cache}/project51/static-checks/, keyed by tool and version, each with a stamp of what it was
# installed from: a second run installs nothing. Needs Go 1.26 (and the Go module proxy) and Python 3.9 to 3.12 with
# venv (and PyPI) the first time; PYTHON names the interpreter (default python3).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/../../pom.xml"
constraints="$here/checkov-constraints.txt"
schemathesis_constraints="$here/schemathesis-constraints.txt"

quiet=""
case "${1:-}" in
  --print-paths) quiet="yes" ;;
  "") ;;
  *)
    echo "usage: $0 [--print-paths]" >&2
    exit 2
    ;;
esac

log() {
  if [[ -z "$quiet" ]]; then
    printf '%s install: %s\n' "$(date -u '+%H:%M:%S')" "$*" >&2
  fi
}

pom_property() {
  local value
  value="$(sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$pom" | head -n 1)"
  [[ -n "$value" ]] || {
    echo "install.sh: property $1 not found in $pom" >&2
    exit 1
  }
  printf '%s' "$value"
}

ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-$(pom_property actionlint.version)}"
CHECKOV_VERSION="${CHECKOV_VERSION:-$(pom_property checkov.version)}"
SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-$(pom_property schemathesis.version)}"
PROMTOOL_VERSION="${PROMTOOL_VERSION:-$(pom_property promtool.version)}"
PYTHON="${PYTHON:-python3}"

[[ "$ACTIONLINT_VERSION" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || {
  echo "install.sh: actionlint.version must look like v1.7.12, not '$ACTIONLINT_VERSION'" >&2
  exit 1
}
[[ "$CHECKOV_VERSION" =~ ^3\.[0-9]+\.[0-9]+$ ]] || {
  echo "install.sh: checkov.version must be a 3.x release like 3.3.30, not '$CHECKOV_VERSION'" >&2
  exit 1
}

[[ "$SCHEMATHESIS_VERSION" =~ ^4\.[0-9]+\.[0-9]+$ ]] || {
  echo "install.sh: schemathesis.version must be a 4.x release like 4.32.5, not '$SCHEMATHESIS_VERSION'" >&2
  exit 1
}

[[ "$PROMTOOL_VERSION" =~ ^v0\.[0-9]+\.[0-9]+$ ]] || {
  echo "install.sh: promtool.version must be a Go module version of Prometheus like v0.316.0, not '$PROMTOOL_VERSION'" >&2
  exit 1
}

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/project51/static-checks"
mkdir -p "$cache_root"

# One install at a time (two test JVMs may start together); the second waits, then finds everything installed.
exec 8>"$cache_root/.install.lock"
flock 8

# is_installed DIR STAMP: DIR holds a finished install of exactly STAMP.
is_installed() {
  [[ -f "$1/.stamp" && "$(cat "$1/.stamp")" == "$2" ]]
}

started=$SECONDS

# go_tool NAME VERSION PACKAGE VERSION_OPTION [LDFLAGS [STAMP_NOTE [LOG_NOTE]]]: the command PACKAGE@VERSION, built with
# the machine's Go (no toolchain download) into $cache_root/NAME/VERSION/bin/NAME unless it is there; LDFLAGS are added
# to "-s -w", VERSION_OPTION makes the command tell its version (a check that it runs), the notes are added to the
# stamp and to the log line.
go_tool() {
  local name="$1" version="$2" package="$3" version_option="$4" ldflags="${5:-}" stamp_note="${6:-}" log_note="${7:-}"
  local dir="$cache_root/$name/$version"
  local stamp="$package $version$stamp_note"
  if is_installed "$dir" "$stamp" && [[ -x "$dir/bin/$name" ]]; then
    return 0
  fi
  command -v go >/dev/null || {
    echo "install.sh: go is not on PATH (Go 1.26 is needed to build $name: https://go.dev/dl)" >&2
    exit 1
  }
  log "building $name $version from its Go module$log_note"
  rm -rf "$dir"
  mkdir -p "$dir/bin"
  (
    export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0 GOBIN="$dir/bin" GOFLAGS=""
    nice -n 19 go install -trimpath -ldflags "-s -w$ldflags" "$package@$version"
  )
  "$dir/bin/$name" "$version_option" >/dev/null
  printf '%s' "$stamp" >"$dir/.stamp"
}

# --- actionlint ---------------------------------------------------------------------------------------------------
# actionlint's go.mod asks for Go 1.25: the machine's Go builds it.
actionlint="$cache_root/actionlint/$ACTIONLINT_VERSION/bin/actionlint"
go_tool actionlint "$ACTIONLINT_VERSION" github.com/rhysd/actionlint/cmd/actionlint -version

# python_tool NAME VERSION COMMAND CONSTRAINTS NEWEST: the PyPI package NAME==VERSION, every dependency pinned by the
# CONSTRAINTS file to the versions this was tested with, in a virtual environment of its own whose bin holds COMMAND;
# NEWEST is the newest Python it runs on (3.12), empty for any from 3.9. A virtual environment whose base interpreter
# went away (a Python upgrade) is installed again.
python_tool() {
  local name="$1" version="$2" command="$3" constraints="$4" newest="$5"
  local dir="${command%/bin/*}"
  local stamp
  stamp="$name $version $(sha256sum "$constraints" | cut -d ' ' -f 1)"
  if is_installed "$dir" "$stamp" && [[ -x "$command" ]] && "$dir/bin/python" -c '' 2>/dev/null; then
    return 0
  fi
  local supported="Python 3.9 or newer" condition="(3, 9) <= sys.version_info[:2]"
  if [[ -n "$newest" ]]; then
    supported="Python 3.9 to $newest"
    condition+=" <= (${newest/./, })"
  fi
  command -v "$PYTHON" >/dev/null || {
    echo "install.sh: $PYTHON is not on PATH ($supported with venv is needed for $name)" >&2
    exit 1
  }
  "$PYTHON" -c "import sys; sys.exit(0 if $condition else 1)" || {
    echo "install.sh: $name $version needs $supported; $PYTHON is $("$PYTHON" --version 2>&1)" >&2
    exit 1
  }
  log "installing $name $version into a virtual environment ($("$PYTHON" --version 2>&1))"
  rm -rf "$dir"
  "$PYTHON" -m venv "$dir"
  nice -n 19 "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --constraint "$constraints" "$name==$version"
  "$command" --version >/dev/null
  printf '%s' "$stamp" >"$dir/.stamp"
}

# --- checkov ------------------------------------------------------------------------------------------------------
checkov="$cache_root/checkov/$CHECKOV_VERSION/bin/checkov"
python_tool checkov "$CHECKOV_VERSION" "$checkov" "$constraints" 3.12

# --- schemathesis -------------------------------------------------------------------------------------------------
schemathesis="$cache_root/schemathesis/$SCHEMATHESIS_VERSION/bin/st"
python_tool schemathesis "$SCHEMATHESIS_VERSION" "$schemathesis" "$schemathesis_constraints" ""

# --- promtool -----------------------------------------------------------------------------------------------------
# Prometheus publishes its Go module as v0.<minor of 3.x>.<patch> (v0.316.0 is Prometheus 3.16.0). Its go.mod asks for
# Go 1.26.7, which the machine's Go 1.26 builds: no toolchain download. A module of its size takes about 6 minutes to
# build cold on 2 cores; the Go caches and the binary are kept.
promtool="$cache_root/promtool/$PROMTOOL_VERSION/bin/promtool"
# The release it reports: module v0.316.0 is Prometheus 3.16.0.
promtool_minor="${PROMTOOL_VERSION#v0.}"
promtool_minor="${promtool_minor%%.*}"
promtool_release="${promtool_minor:0:1}.$((10#${promtool_minor:1})).${PROMTOOL_VERSION##*.}"
go_tool promtool "$PROMTOOL_VERSION" github.com/prometheus/prometheus/cmd/promtool --version \
  " -X github.com/prometheus/common/version.Version=$promtool_release" " (Prometheus $promtool_release)" \
  " (about 6 minutes the first time)"

log "tools ready in $cache_root ($((SECONDS - started)) s)"
printf 'actionlint=%s\n' "$actionlint"
printf 'checkov=%s\n' "$checkov"
printf 'schemathesis=%s\n' "$schemathesis"
printf 'promtool=%s\n' "$promtool"
