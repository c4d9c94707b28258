#!/usr/bin/env bash
# Stops the control plane that start.sh started in DIR, and removes DIR.
#
# Usage: stop.sh [--keep] DIR
#   --keep   leave DIR (logs, certificates, etcd data) in place
# Each process gets SIGTERM, then SIGKILL after 10 s. Safe to run twice, or on a half-started DIR.
set -euo pipefail

keep=""
if [[ "${1:-}" == "--keep" ]]; then
  keep="yes"
  shift
fi
dir="${1:-}"
if [[ -z "$dir" || $# -ne 1 ]]; then
  echo "usage: $0 [--keep] DIR" >&2
  exit 2
fi
if [[ ! -d "$dir" ]]; then
  exit 0
fi

# The order matters little; kwok and the controllers first, so nothing reacts to the API server going away.
pids=()
for name in watchdog kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
  file="$dir/pids/$name.pid"
  [[ -f "$file" ]] || continue
  pid="$(cat "$file")"
  rm -f "$file"
  # The watchdog runs this script when the owner is gone: it must not signal itself.
  if [[ "$pid" =~ ^[0-9]+$ && "$pid" != "$$" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
  fi
done

deadline=$((SECONDS + 10))
for pid in "${pids[@]}"; do
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
done

if [[ -z "$keep" ]]; then
  rm -rf "$dir"
fi
