#!/usr/bin/env bash
[=generatedBy]
#
# deploy.sh: continuous delivery of [=appName] onto the kind cluster "[=clusterName]" of this host.
#
# Each run, in order, each step announced as it starts ([1/7] ...):
#   1. takes a lock, so two runs (cron and a person) never deploy at once;
#   2. fast-forwards this checkout to origin/[=branch] (never merges, never rewrites history);
#   3. applies the namespace and the admission policy [=imagePolicyName], which refuses in it
#      any Deployment whose images are not tagged with a commit SHA: k8s/ carries a placeholder
#      tag, so "kubectl apply -f k8s/" alone is refused instead of deploying it;
#   4. creates or updates the Secret [=tokenSecret] from AGENT_API_TOKEN in the environment
#      (the value never goes into git)[#if agentInCluster], and [=providerSecret] from the provider settings that are set[/#if];
#   5. applies k8s/ with each Deployment pointed at the image CI pushed for this commit: the
#      image tag is the commit SHA, taken from git here and nowhere else;
#   6. waits for the rollout (kubectl rollout status --timeout prints each step), then
#      smoke-checks the app through the NodePort (host port [=hostPort]);
#   7. when 5 fails part-way, or 6 fails, rolls back what this run changed (kubectl rollout
#      undo), waits for the rollback, records the commit as rolled back (an annotation on the
#      namespace) and exits 1.
# A run on an unchanged commit re-applies the manifests (repairing drift) and smoke-checks, but
# never rolls back a version it did not deploy. A commit that was rolled back is not applied
# again: later runs exit 1 at once until a new commit arrives (push a fix), or until a run with
# --force re-applies it (after fixing something outside git; a success clears the mark).
# Except when the rollout failed only because this commit's image is not in the registry yet
# (cron ran before CI pushed it: its pods wait in ErrImagePull or ImagePullBackOff): then the run
# rolls back and exits 1 as well, but does not record the commit, so the next run retries it.
#
# Usage: ./deploy.sh [--force] [--help]
#   --force   deploy the current commit even if an earlier run rolled it back
#
# Environment (all optional, except AGENT_API_TOKEN until the Secret exists):
#   AGENT_API_TOKEN   the token the frontend sends to the agent: the value Render generated
#                     (Render dashboard > [=renderServiceName] > Environment)
[#if agentInCluster]
[#list providerVariables as variable]
[#if variable.provided]
#   [=variable.name?right_pad(17)] [=variable.description] (the in-cluster agent's [=aiProvider] provider[#if variable.required], required[/#if])
[/#if]
[/#list]
[/#if]
#   DEPLOY_ENV_FILE   file sourced first when it exists, never group- or world-writable (default
#                     $XDG_CONFIG_HOME/[=appName]/deploy.env, else ~/.config/[=appName]/deploy.env)
#   DEPLOY_BRANCH     branch to deploy (default [=branch])
#   DEPLOY_LOCK_FILE  lock file (default $XDG_RUNTIME_DIR/[=appName]/deploy.lock, else
#                     ~/.cache/[=appName]/deploy.lock: a folder only this user can write)
#   KUBE_CONTEXT      kubectl context (default [=kubeContext])
#   ROLLOUT_TIMEOUT   how long to wait for a rollout (default [=rolloutTimeout])
#   SMOKE_URL         base URL of the smoke check (default http://127.0.0.1:[=hostPort])
#   SMOKE_ATTEMPTS    tries per smoke-check path (default 12)
#   SMOKE_INTERVAL    seconds between tries (default 5)
#
# Exit codes: 0 deployed (or nothing to do), 1 failed (rolled back if this run had changed a
# Deployment), 2 bad usage, 75 another deploy holds the lock (try again later).
#
# Run it every 5 minutes with cron, as the user that owns the checkout and the kind cluster
# (ubuntu on the host), logging to a file that user can write:
#   install -d -m 700 ~/.local/state/[=appName]
#   */5 * * * * [=installDir]/deploy.sh >>"$HOME/.local/state/[=appName]/deploy.log" 2>&1
# or with the systemd timer at the end of this file.

set -euo pipefail

# cron starts jobs with a minimal PATH: add the usual homes of kubectl, kind, git and flock.
export PATH="${PATH:-/usr/bin:/bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"

usage() {
  # The comment block at the top of this file, up to the first empty line.
  sed -n '3,/^$/p' "$0" | sed -e 's/^# \{0,1\}//'
}

FORCE=""
for argument in "$@"; do
  case "$argument" in
    -h | --help)
      usage
      exit 0
      ;;
    --force) FORCE="yes" ;;
    *)
      printf 'deploy.sh: unknown argument: %s (see ./deploy.sh --help)\n' "$argument" >&2
      exit 2
      ;;
  esac
done

if [[ -z "${HOME:-}" ]]; then
  printf 'deploy.sh: HOME is not set; run it as the user that owns the checkout (cron and systemd set HOME)\n' >&2
  exit 2
fi
DEPLOY_ENV_FILE="${DEPLOY_ENV_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/[=appName]/deploy.env}"
if [[ -f "$DEPLOY_ENV_FILE" ]]; then
  # The file holds secrets and is executed: refuse it when others may change it.
  if [[ -n "$(find "$DEPLOY_ENV_FILE" -maxdepth 0 -perm /022)" ]]; then
    printf 'deploy.sh: %s is writable by others; make it private first: chmod 600 %s\n' "$DEPLOY_ENV_FILE" "$DEPLOY_ENV_FILE" >&2
    exit 2
  fi
  # shellcheck source=/dev/null
  . "$DEPLOY_ENV_FILE"
fi

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BRANCH="${DEPLOY_BRANCH:-[=branch]}"
NAMESPACE="[=namespace]"
KUBE_CONTEXT="${KUBE_CONTEXT:-[=kubeContext]}"
LOCK_DIRECTORY="${XDG_RUNTIME_DIR:-$HOME/.cache}/[=appName]"
LOCK_FILE="${DEPLOY_LOCK_FILE:-$LOCK_DIRECTORY/deploy.lock}"
ROLLOUT_TIMEOUT="${ROLLOUT_TIMEOUT:-[=rolloutTimeout]}"
SMOKE_URL="${SMOKE_URL:-http://127.0.0.1:[=hostPort]}"
SMOKE_ATTEMPTS="${SMOKE_ATTEMPTS:-12}"
SMOKE_INTERVAL="${SMOKE_INTERVAL:-5}"
TOKEN_SECRET="[=tokenSecret]"
IMAGE_POLICY="[=imagePolicyName]"
STEPS=7

log() {
  printf '%s deploy: %s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')" "$*"
}

# step N TEXT: announces step N of STEPS as it starts, with the seconds since the run began.
step() {
  local number="$1"
  shift
  log "[$number/$STEPS] $* (after ${SECONDS}s)"
}

fail() {
  log "FAILED: $*" >&2
  exit 1
}

# Every cluster call names the context and namespace: never whatever kubectl points at.
kc() {
  kubectl --context "$KUBE_CONTEXT" --namespace "$NAMESPACE" "$@"
}

# 1. One deploy at a time. The lock lives in a folder only this user can write, so nobody else can
# hold it or replace it by a link.
step 1 "taking the lock $LOCK_FILE"
if [[ -z "${DEPLOY_LOCK_FILE:-}" ]]; then
  mkdir -p "$LOCK_DIRECTORY"
  chmod 700 "$LOCK_DIRECTORY"
fi
exec 9>"$LOCK_FILE"
if ! flock -n 9; then
  log "another deploy is running (lock $LOCK_FILE is held); not starting a second one"
  exit 75
fi

WORK_DIR="$(mktemp -d)"
trap 'rm -rf "$WORK_DIR"' EXIT

# 2. Fast-forward the checkout.
cd "$REPO_DIR"
step 2 "updating $REPO_DIR from origin/$BRANCH (fast-forward only)"
git pull --ff-only --quiet origin "$BRANCH" ||
  fail "cannot fast-forward $REPO_DIR to origin/$BRANCH (local commits or changes?); fix the checkout by hand"
SHA="$(git rev-parse HEAD)"
[[ "$SHA" =~ ^[0-9a-f]{40}$ ]] || fail "git rev-parse HEAD printed '$SHA', not a commit SHA"
# The one source of the image tag: every image this run deploys is tagged with this commit.
IMAGE_TAG="$SHA"
log "commit $SHA"

# 3. The namespace, and the admission policy that refuses placeholder tags in it.
step 3 "applying namespace $NAMESPACE and the admission policy $IMAGE_POLICY"
kc apply -f k8s/00-namespace.yaml -f k8s/[=imagePolicy] -f k8s/[=imagePolicyBinding] ||
  fail "could not apply the namespace and the admission policy; is the cluster up (kind get clusters), and does it run Kubernetes 1.30 or newer?"
# A new policy takes a moment to be enforced: wait until the committed manifest, with its
# placeholder tag, is refused.
attempt=1
until ! probe="$(kc apply --dry-run=server -f k8s/[=deployments[0].name]-deployment.yaml 2>&1)"; do
  if ((attempt >= 30)); then
    fail "the admission policy $IMAGE_POLICY does not refuse the placeholder tag of k8s/[=deployments[0].name]-deployment.yaml after 30 s; the cluster needs Kubernetes 1.30 or newer"
  fi
  attempt=$((attempt + 1))
  sleep 1
done
if [[ "$probe" != *"$IMAGE_POLICY"* ]]; then
  fail "k8s/[=deployments[0].name]-deployment.yaml was refused for another reason than its placeholder tag: $probe"
fi
# Applying a commit that was rolled back would roll out the same failure again on every run.
ROLLED_BACK_ANNOTATION="project51.dev/rolled-back-commit"
rolled_back="$(kc get namespace "$NAMESPACE" -o "jsonpath={.metadata.annotations.project51\.dev/rolled-back-commit}")" ||
  fail "could not read namespace $NAMESPACE"
if [[ "$rolled_back" == "$SHA" ]]; then
  if [[ -z "$FORCE" ]]; then
    fail "commit $SHA was rolled back by an earlier run; not deploying it again. Push a fix to $BRANCH, or retry this commit: $0 --force"
  fi
  log "--force: deploying commit $SHA although an earlier run rolled it back"
fi

# 4. Secrets come from this host's environment, never from git.
step 4 "updating the Secret $TOKEN_SECRET"
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
[#if providerKeys?has_content]
provider_keys() {
  local key
  for key in[#list providerKeys as key] [=key][/#list]; do
    if [[ -n "${!key:-}" ]]; then
      printf '%s=%s\n' "$key" "${!key}"
    fi
  done
}
[#list providerVariables as variable]
[#if variable.required]
if [[ -z "${[=variable.name]:-}" ]] && ! kc get secret [=providerSecret] -o name >/dev/null 2>&1; then
  fail "[=variable.name] is not set and the Secret [=providerSecret] does not exist; put it in $DEPLOY_ENV_FILE: [=variable.description]"
fi
[/#if]
[/#list]
result="$(kc create secret generic [=providerSecret] --from-env-file=<(provider_keys) \
  --dry-run=client -o yaml | kc apply -f -)" || fail "could not create or update the Secret [=providerSecret]"
log "$result"
if [[ "$result" != *unchanged* ]]; then
  SECRET_CHANGED="yes"
fi
[/#if]
[/#if]

# 5. Apply, with every Deployment pointed at the image built from this commit.
# The images CI pushes for this commit, one per Deployment.
COMMIT_IMAGES=([#list deployments as deployment]"[=deployment.image]:$IMAGE_TAG"[#sep] [/#sep][/#list])

pod_template() {
  kc get deployment "$1" -o jsonpath='{.spec.template}' 2>/dev/null || true
}

cp k8s/*.yaml "$WORK_DIR"/
[#list deployments as deployment]
kubectl set image --local -f "$WORK_DIR/[=deployment.name]-deployment.yaml" \
  "[=deployment.name]=[=deployment.image]:$IMAGE_TAG" -o yaml >"$WORK_DIR/[=deployment.name]-deployment.yaml.new"
mv "$WORK_DIR/[=deployment.name]-deployment.yaml.new" "$WORK_DIR/[=deployment.name]-deployment.yaml"
BEFORE_[=deployment?index]="$(pod_template [=deployment.name])"
[/#list]
step 5 "applying k8s/ with image tag $IMAGE_TAG"
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
  step 7 "$1: rolling back"
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

# 6. Wait for the rollout.
step 6 "waiting for the rollout, then smoke-checking $SMOKE_URL"
[#list deployments as deployment]
log "waiting up to $ROLLOUT_TIMEOUT for deployment/[=deployment.name]"
if ! kc rollout status deployment/[=deployment.name] --timeout="$ROLLOUT_TIMEOUT"; then
  # Before the rollback deletes them: do the new pods wait for an image that is not pushed yet?
  unpulled="$(unpulled_images | sort -u | paste -s -d ' ' -)"
  rollback "deployment/[=deployment.name] did not become ready within $ROLLOUT_TIMEOUT" "$unpulled"
fi
[/#list]

# Smoke check through the NodePort, as a user would reach the app.
smoke_check() {
  local path attempt
  for path in[#list smokePaths as path] [=path][/#list]; do
    attempt=1
    until curl --fail --silent --show-error --max-time 5 --output /dev/null "$SMOKE_URL$path"; do
      if ((attempt >= SMOKE_ATTEMPTS)); then
        log "smoke check failed: $SMOKE_URL$path did not answer 2xx after $attempt attempts"
        return 1
      fi
      log "smoke check: $SMOKE_URL$path did not answer 2xx (attempt $attempt of $SMOKE_ATTEMPTS); retrying in ${SMOKE_INTERVAL}s"
      attempt=$((attempt + 1))
      sleep "$SMOKE_INTERVAL"
    done
    log "smoke check passed: $SMOKE_URL$path"
  done
}

if ! smoke_check; then
  rollback "the smoke check failed"
fi

if [[ -n "$FORCE" && "$rolled_back" == "$SHA" ]]; then
  kc annotate namespace "$NAMESPACE" "$ROLLED_BACK_ANNOTATION-" >/dev/null ||
    log "could not remove the rolled-back mark of commit $SHA from namespace $NAMESPACE"
fi
log "deployed $SHA in ${SECONDS}s"
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
