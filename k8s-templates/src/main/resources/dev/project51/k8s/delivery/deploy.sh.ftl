#!/usr/bin/env bash
[=generatedBy]
#
# deploy.sh: continuous delivery of [=appName] onto the kind cluster "[=clusterName]" of this host.
#
# Each run, in order:
#   1. takes a lock, so two runs (cron and a person) never deploy at once;
#   2. fast-forwards this checkout to origin/[=branch] (never merges, never rewrites history);
#   3. creates or updates the Secret [=tokenSecret] from AGENT_API_TOKEN in the environment
#      (the value never goes into git)[#if agentInCluster], and agent-provider-keys from the provider keys that are set[/#if];
#   4. applies k8s/ with each Deployment pointed at the image CI pushed for this commit (tag = git SHA);
#   5. waits for the rollout: kubectl rollout status --timeout;
#   6. smoke-checks the app through the NodePort (host port [=hostPort]);
#   7. when 4 fails part-way, or 5 or 6 fails, rolls back what this run changed (kubectl rollout
#      undo), records the commit as rolled back (an annotation on the namespace) and exits 1.
# A run on an unchanged commit re-applies the manifests (repairing drift) and smoke-checks, but
# never rolls back a version it did not deploy. A commit that was rolled back is not applied
# again: later runs exit 1 at once until a new commit arrives (push a fix), or until the mark is
# removed to retry it: kubectl annotate namespace [=namespace] project51.dev/rolled-back-commit-
# Except when the rollout failed only because this commit's image is not in the registry yet
# (cron ran before CI pushed it: its pods wait in ErrImagePull or ImagePullBackOff): then the run
# rolls back and exits 1 as well, but does not record the commit, so the next run retries it.
#
# Usage: ./deploy.sh [--help]
#
# Environment (all optional, except AGENT_API_TOKEN until the Secret exists):
#   AGENT_API_TOKEN   the token the frontend sends to the agent: the value Render generated
#                     (Render dashboard > [=renderServiceName] > Environment)
[#list providerKeys as key]
[#if agentInCluster]
#   [=key?right_pad(17)] provider key for the in-cluster agent
[/#if]
[/#list]
#   DEPLOY_ENV_FILE   file sourced first when it exists (default /etc/[=appName]/deploy.env, mode 600)
#   DEPLOY_BRANCH     branch to deploy (default [=branch])
#   DEPLOY_LOCK_FILE  lock file (default /tmp/[=appName]-deploy.lock)
#   KUBE_CONTEXT      kubectl context (default [=kubeContext])
#   ROLLOUT_TIMEOUT   how long to wait for a rollout (default [=rolloutTimeout])
#   SMOKE_URL         base URL of the smoke check (default http://127.0.0.1:[=hostPort])
#   SMOKE_ATTEMPTS    tries per smoke-check path (default 12)
#   SMOKE_INTERVAL    seconds between tries (default 5)
#
# Exit codes: 0 deployed (or nothing to do), 1 failed (rolled back if this run had changed a
# Deployment), 2 bad usage, 75 another deploy holds the lock (try again later).
#
# Run it every 5 minutes with cron (crontab -e as the user that owns the checkout and the
# kind cluster):
#   */5 * * * * [=installDir]/deploy.sh >>/var/log/[=appName]-deploy.log 2>&1
# or with the systemd timer at the end of this file.

set -euo pipefail

# cron starts jobs with a minimal PATH: add the usual homes of kubectl, kind, git and flock.
export PATH="${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"

usage() {
  # The comment block at the top of this file, up to the first empty line.
  sed -n '3,/^$/p' "$0" | sed -e 's/^# \{0,1\}//'
}

case "${1:-}" in
  -h | --help)
    usage
    exit 0
    ;;
  "") ;;
  *)
    printf 'deploy.sh: unknown argument: %s (see ./deploy.sh --help)\n' "$1" >&2
    exit 2
    ;;
esac

DEPLOY_ENV_FILE="${DEPLOY_ENV_FILE:-/etc/[=appName]/deploy.env}"
if [[ -f "$DEPLOY_ENV_FILE" ]]; then
  # shellcheck source=/dev/null
  . "$DEPLOY_ENV_FILE"
fi

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BRANCH="${DEPLOY_BRANCH:-[=branch]}"
NAMESPACE="[=namespace]"
KUBE_CONTEXT="${KUBE_CONTEXT:-[=kubeContext]}"
LOCK_FILE="${DEPLOY_LOCK_FILE:-/tmp/[=appName]-deploy.lock}"
ROLLOUT_TIMEOUT="${ROLLOUT_TIMEOUT:-[=rolloutTimeout]}"
SMOKE_URL="${SMOKE_URL:-http://127.0.0.1:[=hostPort]}"
SMOKE_ATTEMPTS="${SMOKE_ATTEMPTS:-12}"
SMOKE_INTERVAL="${SMOKE_INTERVAL:-5}"
TOKEN_SECRET="[=tokenSecret]"

log() {
  printf '%s deploy: %s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')" "$*"
}

fail() {
  log "FAILED: $*" >&2
  exit 1
}

# Every cluster call names the context and namespace: never whatever kubectl points at.
kc() {
  kubectl --context "$KUBE_CONTEXT" --namespace "$NAMESPACE" "$@"
}

# 1. One deploy at a time.
exec 9>"$LOCK_FILE"
if ! flock -n 9; then
  log "another deploy is running (lock $LOCK_FILE is held); not starting a second one"
  exit 75
fi

WORK_DIR="$(mktemp -d)"
trap 'rm -rf "$WORK_DIR"' EXIT

# 2. Fast-forward the checkout.
cd "$REPO_DIR"
log "updating $REPO_DIR from origin/$BRANCH (fast-forward only)"
git pull --ff-only --quiet origin "$BRANCH" ||
  fail "cannot fast-forward $REPO_DIR to origin/$BRANCH (local commits or changes?); fix the checkout by hand"
SHA="$(git rev-parse HEAD)"
[[ "$SHA" =~ ^[0-9a-f]{40}$ ]] || fail "git rev-parse HEAD printed '$SHA', not a commit SHA"
log "commit $SHA"

# 3. Secrets come from this host's environment, never from git.
log "applying namespace $NAMESPACE"
kc apply -f k8s/00-namespace.yaml || fail "could not apply k8s/00-namespace.yaml; is the cluster up? (kind get clusters)"
# Applying a commit that was rolled back would roll out the same failure again on every run.
ROLLED_BACK_ANNOTATION="project51.dev/rolled-back-commit"
rolled_back="$(kc get namespace "$NAMESPACE" -o "jsonpath={.metadata.annotations.project51\.dev/rolled-back-commit}")" ||
  fail "could not read namespace $NAMESPACE"
if [[ "$rolled_back" == "$SHA" ]]; then
  fail "commit $SHA was rolled back by an earlier run; not deploying it again. Push a fix to $BRANCH, or retry this commit: kubectl --context $KUBE_CONTEXT annotate namespace $NAMESPACE $ROLLED_BACK_ANNOTATION-"
fi
SECRET_CHANGED=""
if [[ -n "${AGENT_API_TOKEN:-}" ]]; then
  result="$(kc create secret generic "$TOKEN_SECRET" \
    --from-env-file=<(printf 'AGENT_API_TOKEN=%s\n' "$AGENT_API_TOKEN") \
    --dry-run=client -o yaml | kc apply -f -)" || fail "could not create or update the Secret $TOKEN_SECRET"
  log "$result"
  if [[ "$result" != *unchanged* ]]; then
    SECRET_CHANGED="yes"
  fi
elif kc get secret "$TOKEN_SECRET" -o name >/dev/null 2>&1; then
  log "AGENT_API_TOKEN is not set; keeping the existing Secret $TOKEN_SECRET"
else
  fail "AGENT_API_TOKEN is not set and the Secret $TOKEN_SECRET does not exist; export AGENT_API_TOKEN (or put it in $DEPLOY_ENV_FILE) with the token Render generated for [=renderServiceName]"
fi
[#if agentInCluster]
provider_keys() {
  local key
  for key in[#list providerKeys as key] [=key][/#list]; do
    if [[ -n "${!key:-}" ]]; then
      printf '%s=%s\n' "$key" "${!key}"
    fi
  done
}
result="$(kc create secret generic agent-provider-keys --from-env-file=<(provider_keys) \
  --dry-run=client -o yaml | kc apply -f -)" || fail "could not create or update the Secret agent-provider-keys"
log "$result"
if [[ "$result" != *unchanged* ]]; then
  SECRET_CHANGED="yes"
fi
[/#if]

# 4. Apply, with every Deployment pointed at the image built from this commit.
# The images CI pushes for this commit, one per Deployment.
COMMIT_IMAGES=([#list deployments as deployment]"[=deployment.image]:$SHA"[#sep] [/#sep][/#list])

pod_template() {
  kc get deployment "$1" -o jsonpath='{.spec.template}' 2>/dev/null || true
}

cp k8s/*.yaml "$WORK_DIR"/
[#list deployments as deployment]
kubectl set image --local -f "$WORK_DIR/[=deployment.name]-deployment.yaml" \
  "[=deployment.name]=[=deployment.image]:$SHA" -o yaml >"$WORK_DIR/[=deployment.name]-deployment.yaml.new"
mv "$WORK_DIR/[=deployment.name]-deployment.yaml.new" "$WORK_DIR/[=deployment.name]-deployment.yaml"
BEFORE_[=deployment?index]="$(pod_template [=deployment.name])"
[/#list]
log "applying k8s/ with image tag $SHA"
# kubectl applies file by file: when one is refused, those before it are applied already.
APPLY_FAILED=""
kc apply -f "$WORK_DIR" || APPLY_FAILED="yes"

CHANGED=""
[#list deployments as deployment]
if [[ -z "$APPLY_FAILED" && -n "$SECRET_CHANGED" && "$(pod_template [=deployment.name])" == "$BEFORE_[=deployment?index]" ]]; then
  log "the Secret changed: restarting deployment/[=deployment.name] so its pods read it"
  kc rollout restart deployment/[=deployment.name]
fi
if [[ "$(pod_template [=deployment.name])" != "$BEFORE_[=deployment?index]" ]]; then
  CHANGED="$CHANGED [=deployment.name]"
fi
[/#list]
if [[ -n "$CHANGED" ]]; then
  log "rolling out:$CHANGED"
else
  log "no Deployment changed"
fi

undo() {
  log "rolling back deployment/$1"
  if kc rollout undo "deployment/$1"; then
    kc rollout status "deployment/$1" --timeout="$ROLLOUT_TIMEOUT" ||
      log "the rollback of deployment/$1 did not finish within $ROLLOUT_TIMEOUT; check: kubectl --context $KUBE_CONTEXT --namespace $NAMESPACE get pods"
  else
    log "deployment/$1 has no earlier revision to return to (first deploy?)"
  fi
}

# unpulled_images: prints each image of this commit that a container of this namespace waits for
# because the kubelet cannot pull it. ErrImagePull and ImagePullBackOff are what a kubelet reports
# for a tag the registry does not have (yet); InvalidImageName or ErrImageNeverPull would not heal
# by waiting, so they do not count, nor do images that are not this commit's.
unpulled_images() {
  local statuses image reason
  statuses="$(kc get pods -o jsonpath='{range .items[*]}{range .status.containerStatuses[*]}{.image}{"\t"}{.state.waiting.reason}{"\n"}{end}{end}')" ||
    return 0
  while IFS=$'\t' read -r image reason; do
    case "$reason" in
      ErrImagePull | ImagePullBackOff)
        if [[ " ${COMMIT_IMAGES[*]} " == *" $image "* ]]; then
          printf '%s\n' "$image"
        fi
        ;;
    esac
  done <<<"$statuses"
}

# rollback REASON [UNPULLED_IMAGES]: undoes what this run changed and exits 1; records the commit
# as rolled back unless its images could not be pulled (then the next run retries it).
rollback() {
  if [[ -z "$CHANGED" ]]; then
    fail "$1; this run changed no Deployment, so there is nothing to roll back"
  fi
  log "$1: rolling back"
[#list deployments as deployment]
  if [[ " $CHANGED " == *" [=deployment.name] "* ]]; then
    undo [=deployment.name]
  fi
[/#list]
  if [[ -n "${2:-}" ]]; then
    fail "$1; rolled back to the previous version. The image $2 is not in the registry yet (its pods wait in ErrImagePull/ImagePullBackOff; CI pushes it after its tests): commit $SHA is not marked as rolled back, so the next run retries it"
  fi
  kc annotate --overwrite namespace "$NAMESPACE" "$ROLLED_BACK_ANNOTATION=$SHA" >/dev/null ||
    log "could not record commit $SHA as rolled back; the next run will apply it again"
  fail "$1; rolled back to the previous version"
}

if [[ -n "$APPLY_FAILED" ]]; then
  rollback "kubectl apply failed (see above); fix the manifests in k8s/ and push again"
fi

# 5. Wait for the rollout.
[#list deployments as deployment]
log "waiting up to $ROLLOUT_TIMEOUT for deployment/[=deployment.name]"
if ! kc rollout status deployment/[=deployment.name] --timeout="$ROLLOUT_TIMEOUT"; then
  # Before the rollback deletes them: do the new pods wait for an image that is not pushed yet?
  unpulled="$(unpulled_images | sort -u | paste -s -d ' ' -)"
  rollback "deployment/[=deployment.name] did not become ready within $ROLLOUT_TIMEOUT" "$unpulled"
fi
[/#list]

# 6. Smoke check through the NodePort, as a user would reach the app.
smoke_check() {
  local path attempt
  for path in[#list smokePaths as path] [=path][/#list]; do
    attempt=1
    until curl --fail --silent --show-error --max-time 5 --output /dev/null "$SMOKE_URL$path"; do
      if ((attempt >= SMOKE_ATTEMPTS)); then
        log "smoke check failed: $SMOKE_URL$path did not answer 2xx after $attempt attempts"
        return 1
      fi
      attempt=$((attempt + 1))
      sleep "$SMOKE_INTERVAL"
    done
    log "smoke check passed: $SMOKE_URL$path"
  done
}

if ! smoke_check; then
  rollback "the smoke check failed"
fi

log "deployed $SHA"
exit 0

# systemd timer (an alternative to cron): create both units, then
#   systemctl daemon-reload && systemctl enable --now [=appName]-deploy.timer
#
# /etc/systemd/system/[=appName]-deploy.service
#   [Unit]
#   Description=Deploy [=appName] to the kind cluster [=clusterName]
#   Wants=network-online.target
#   After=network-online.target docker.service
#
#   [Service]
#   Type=oneshot
#   User=ubuntu
#   WorkingDirectory=[=installDir]
#   EnvironmentFile=-/etc/[=appName]/deploy.env
#   ExecStart=[=installDir]/deploy.sh
#   SuccessExitStatus=75
#
# /etc/systemd/system/[=appName]-deploy.timer
#   [Unit]
#   Description=Deploy [=appName] every 5 minutes
#
#   [Timer]
#   OnBootSec=2min
#   OnUnitInactiveSec=5min
#   Persistent=true
#
#   [Install]
#   WantedBy=timers.target
