#!/usr/bin/env bash
# Runs the agent (backend/) and the chat UI (frontend/) on this machine, with no network needed: without provider
# keys the agent answers with its offline local model. Prints the URL when both are ready; Ctrl-C stops both.
#
#   ./run-local.sh               build (skipping tests) and run
#   ./run-local.sh --no-build    run the jars already in */target
#
# Environment (all optional): AGENT_PORT (8081), FRONTEND_PORT (8080), AGENT_API_TOKEN (a random one is made per run),
# the model provider's variables to put a real model in front of the local one (README.md names them), LOCAL_JAVA_OPTS
# (default: quick-start flags for a laptop; the chat UI also gets a small heap), LOCAL_CDS (true: start from class
# data sharing archives made once per build in .project51/cds), MALLOC_ARENA_MAX (2, as in the images).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

build=true
for arg in "$@"; do
	case "$arg" in
	--no-build) build=false ;;
	-h | --help)
		sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "run-local.sh: unknown option '$arg' (try --help)" >&2
		exit 2
		;;
	esac
done

agent_port=${AGENT_PORT:-8081}
frontend_port=${FRONTEND_PORT:-8080}
for port in "$agent_port" "$frontend_port"; do
	if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
		echo "run-local.sh: port '$port' is not a number between 1 and 65535 (check AGENT_PORT and FRONTEND_PORT)" >&2
		exit 2
	fi
done
command -v java >/dev/null || { echo "run-local.sh: java not found; install JDK 17 or newer" >&2; exit 1; }
for port in "$agent_port" "$frontend_port"; do
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		echo "run-local.sh: port $port is already in use (another run-local.sh?); stop that process or choose" \
			"other ports with AGENT_PORT and FRONTEND_PORT" >&2
		exit 1
	fi
done

started=$(date +%s)
if [[ "$build" == true ]]; then
	command -v mvn >/dev/null || { echo "run-local.sh: mvn not found; install Maven 3.8+ (or use --no-build)" >&2; exit 1; }
	echo "==> Building backend and frontend (tests skipped)"
	mvn -B -q -ntp package -DskipTests -pl backend,frontend -am
fi

jar_of() {
	local jar
	jar=$(find "$1/target" -maxdepth 1 -name '*.jar' ! -name '*-plain.jar' ! -name '*.original' 2>/dev/null | head -n 1)
	if [[ -z "$jar" ]]; then
		echo "run-local.sh: no jar in $1/target; run without --no-build first" >&2
		exit 1
	fi
	printf '%s' "$jar"
}
backend_jar=$(jar_of backend)
frontend_jar=$(jar_of frontend)

# The frontend authenticates to the agent with a shared token, as in production; make one for this run.
if [[ -z "${AGENT_API_TOKEN:-}" ]]; then
	AGENT_API_TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
fi
export AGENT_API_TOKEN

# Both JVMs start at once on what may be a small machine: compile less, collect simply.
read -r -a java_opts <<<"${LOCAL_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
# At most two glibc malloc arenas per JVM, as in the images: less native memory kept after a burst of requests.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

mkdir -p .project51/logs

# Class data sharing: once per build of a jar, it is extracted into .project51/cds/<name>/ and a training run that
# stops once the application context is refreshed records the classes it loaded into application.jsa; every start
# then maps that archive instead of loading those classes again (about a third of the start-up). Delete .project51/cds
# to make the archives again; LOCAL_CDS=false starts the jars as they are.
cds_jar() { # name jar: prints the jar to start, extracted and trained if needed
	local name=$1 jar=$2 stamp
	local cds_dir=".project51/cds/$name"
	stamp="$(basename "$jar") $(wc -c <"$jar") $(date -r "$jar" +%s) $(java -version 2>&1 | head -n 1)"
	if [[ ! -f "$cds_dir/application.jsa" || "$(cat "$cds_dir/stamp" 2>/dev/null)" != "$stamp" ]]; then
		echo "==> Preparing the $name's class data sharing archive (once per build; log: .project51/logs/$name-cds.log)" >&2
		rm -rf "$cds_dir"
		mkdir -p "$cds_dir/training"
		java -Djarmode=tools -jar "$jar" extract --destination "$cds_dir/extracted" >/dev/null
		if AI_PROVIDER=local PORT=0 PROJECT51_AGENT_MEMORY_PATH="$PWD/$cds_dir/training/agent-db" \
			java "${java_opts[@]}" -XX:ArchiveClassesAtExit="$cds_dir/application.jsa" -Dspring.context.exit=onRefresh \
			-Djava.io.tmpdir="$cds_dir/training" -jar "$cds_dir/extracted/$(basename "$jar")" \
			>".project51/logs/$name-cds.log" 2>&1 && [[ -s "$cds_dir/application.jsa" ]]; then
			printf '%s' "$stamp" >"$cds_dir/stamp"
		else
			echo "run-local.sh: no class data sharing archive for the $name (see .project51/logs/$name-cds.log);" \
				"starting it without one" >&2
		fi
		rm -rf "$cds_dir/training"
	fi
	if [[ -f "$cds_dir/stamp" ]]; then
		printf '%s' "$cds_dir/extracted/$(basename "$jar")"
	else
		printf '%s' "$jar"
	fi
}
backend_flags=("${java_opts[@]}")
# The chat UI keeps about 30 MiB of live objects: it starts with a 32 MiB heap, not 1/64 of the machine's memory, whose
# young generation startup's garbage would fill (and keep resident) first; the heap still grows under load. Flags in
# LOCAL_JAVA_OPTS come after it and win.
frontend_flags=(-Xms32m "${java_opts[@]}")
if [[ "${LOCAL_CDS:-true}" != false ]]; then
	backend_jar=$(cds_jar backend "$backend_jar")
	[[ ! -f .project51/cds/backend/stamp ]] \
		|| backend_flags+=(-XX:SharedArchiveFile=.project51/cds/backend/application.jsa)
	frontend_jar=$(cds_jar frontend "$frontend_jar")
	[[ ! -f .project51/cds/frontend/stamp ]] \
		|| frontend_flags+=(-XX:SharedArchiveFile=.project51/cds/frontend/application.jsa)
fi

pids=()
# shellcheck disable=SC2317  # called through the EXIT trap
stop() {
	trap - INT TERM EXIT
	if ((${#pids[@]})); then
		echo
		echo "==> Stopping"
		kill "${pids[@]}" 2>/dev/null || true
		wait "${pids[@]}" 2>/dev/null || true
	fi
	rm -f .project51/backend.pid .project51/frontend.pid
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Starting the agent on port $agent_port (log: .project51/logs/backend.log)"
PORT="$agent_port" java "${backend_flags[@]}" -jar "$backend_jar" >.project51/logs/backend.log 2>&1 &
pids+=($!)
echo $! >.project51/backend.pid
echo "==> Starting the chat UI on port $frontend_port (log: .project51/logs/frontend.log)"
PORT="$frontend_port" PROJECT51_FRONTEND_AGENT_BASE_URL="http://localhost:$agent_port" \
	java "${frontend_flags[@]}" -jar "$frontend_jar" >.project51/logs/frontend.log 2>&1 &
pids+=($!)
echo $! >.project51/frontend.pid

# Ready = both readiness probes answer 200 (bash's /dev/tcp: no curl needed).
ready() {
	(
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
		read -r -t 2 status <&3 || exit 1
		[[ "$status" == *" 200 "* ]]
	) 2>/dev/null
}
deadline=$((SECONDS + 180))
until ready "$agent_port" && ready "$frontend_port"; do
	for i in "${!pids[@]}"; do
		if ! kill -0 "${pids[$i]}" 2>/dev/null; then
			name=$([[ $i -eq 0 ]] && echo backend || echo frontend)
			echo "run-local.sh: the $name stopped; last lines of .project51/logs/$name.log:" >&2
			tail -n 20 ".project51/logs/$name.log" >&2
			exit 1
		fi
	done
	if ((SECONDS > deadline)); then
		echo "run-local.sh: not ready after 180 s; see .project51/logs/" >&2
		exit 1
	fi
	sleep 0.5
done

echo
echo "Project51 is ready after $(($(date +%s) - started)) s:  http://localhost:$frontend_port"
echo "(agent API: http://localhost:$agent_port, token in AGENT_API_TOKEN)  Press Ctrl-C to stop."
wait -n "${pids[@]}" || true
echo "run-local.sh: one of the applications stopped; see .project51/logs/" >&2
exit 1
