#!/usr/bin/env bash
# Benchmarks the reference deployment (examples/project51) on this machine, offline, and writes a Markdown report:
# for each JVM flag profile it starts the agent and then the frontend from their jars, measures the time to readiness
# and the resident memory (idle after readiness, and peak), runs the load generator against both (chat, stream, the
# framework floor and the frontend's relay at each concurrency), and stops them. Then it times generating a project
# with the archetype and building it.
#
#   examples/load-generator/benchmark.sh --build      build the jars (tests skipped), then benchmark
#   examples/load-generator/benchmark.sh              benchmark the jars already built
#   examples/load-generator/benchmark.sh --build --report docs/benchmarks.md
#                                                     regenerate the benchmark page, charts included (~38 min)
#
# Options:
#   --report PAGE          write the benchmark page instead of a report: the agent client's JMH benchmark (~5 min),
#                          start-up and memory of every profile (with each app's CPU time by thread at readiness),
#                          the load on the first profile only, a memory profile (the agent with the JVM's
#                          Native Memory Tracking, idle and under streams, with the container flags and then
#                          with the JVM's defaults; needs jcmd), the peer race (then its agent's memory
#                          profile, idle and under the race's load), then the page with its charts (PNG, in
#                          images/benchmarks/ beside the page); no archetype.
#                          Warm-up 30s and duration 10s unless given
#   --no-jmh               (--report) skip the JMH benchmark     --no-peer   (--report) skip the peer race
#   --jmh-args "ARGS"      (--report) JMH's options (default: "-f 2 -wi 5 -i 10 -w 1s -r 2s": two forks
#                          and twenty iterations keep the error small enough to judge item 2; with three, the
#                          error was larger than the scores)
#   --litellm VERSION      (--report) the peer: LiteLLM's proxy from PyPI, pinned (default: 1.106.12), installed in
#                          the virtual environment ~/.cache/project51/litellm-venv (python3 with venv and pip)
#   --peer-port PORT       (--report) LiteLLM's port (default: 18082)
#   --note TEXT            (--report) a remark for the page, e.g. what else ran on the machine
#   --out FILE             the report (default: examples/load-generator/target/benchmark-report.md)
#   --profiles LIST        JVM flag profiles, comma-separated (default: defaults,container,heap,quick-start,appcds,
#                          run-local,aot-cache); appcds starts each app as its
#                          container image does on a host without limits (the Dockerfile's JAVA_TOOL_OPTIONS and an
#                          AppCDS archive from a training run), run-local as run-local.sh does (its flags, the
#                          archive and the quick-start flags); also heap-256m (-Xmx256m for both) and
#                          render (the agent under a real 512 MB memory limit, a cgroup; needs root), and
#                          aot-cache (the appcds profile on a JDK 25 or later, with its AOT cache in place of the
#                          class archive: what the next JVM gives the images; see --aot-java)
#   --aot-java PATH        the java of a JDK 25 or later for the aot-cache profile (default: the newest such JDK in
#                          /usr/lib/jvm, if any; without one the profile's row says it did not run)
#   --concurrency LIST     callers at once (default: 1,16,64)
#   --warmup DURATION      before each measured load run, dropped (default: 3s; 30s with --report: with 10s the
#                          frontend's C2 compiler was still taking its per-answer methods in the relay row at 64,
#                          see docs/benchmark-history.md)
#   --prime DURATION       how long each scenario runs at the highest concurrency, dropped, before its first row, so
#                          that the rows meet the JVMs past their JIT warm-up (default: the warm-up; 60s with --report)
#   --duration DURATION    of each measured load run (default: 10s); e.g. 500ms, 10s, 2m
#   --min-calls N          each measured load run goes on until N calls ended, for at most 10 times the duration, so
#                          that slow rows (streams at concurrency 1) have a p99 (default: 100 with --report, else 0)
#   --agent-port PORT      (default: 18081)    --frontend-port PORT   (default: 18080)
#   --no-load              start-up and idle memory only
#   --no-archetype         skip the archetype timings    --no-generated-verify   skip `mvn -o verify` of the project
#   --build                build the two jars and the load generator first (mvn -o, tests skipped)
#   -h, --help             this help
#
# Needs JDK 17+, curl, Linux (/proc) and, for --build and the archetype, Maven with the Project51 modules installed
# in ~/.m2 (mvn -o install -DskipTests). Provider keys are removed from the apps' environment: the agent answers with
# its offline local model. The agent's rate limit is raised (one client address sends all the load).
# One run at a time: a second one is refused while the first holds ~/.cache/project51/benchmark.lock (flock).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out="$repo/examples/load-generator/target/benchmark-report.md"
cache_dir="$HOME/.cache/project51" # the lock and the peer's virtual environment
profiles="defaults,container,heap,quick-start,appcds,run-local,aot-cache"
aot_java=""
concurrency="1,16,64"
warmup=""
duration=""
agent_port=18081
frontend_port=18080
load=true
archetype=true
generated_verify=true
build=false
report=""
jmh=true
peer=true
jmh_args="-f 2 -wi 5 -i 10 -w 1s -r 2s"
litellm_version="1.106.12"
peer_port=18082
note=""
min_calls=""
prime=""
command_line="examples/load-generator/benchmark.sh"
for arg in "$@"; do # as one would type it: plain words bare, the rest in single quotes
	if [[ "$arg" =~ ^[A-Za-z0-9_./:=,@+-]+$ ]]; then
		command_line+=" $arg"
	else
		command_line+=" '${arg//\'/\'\\\'\'}'"
	fi
done

die_usage() {
	echo "benchmark.sh: $1 (try --help)" >&2
	exit 2
}
value_of() {
	[[ $# -ge 2 && -n "$2" && "$2" != --* ]] || die_usage "$1 needs a value"
	printf '%s' "$2"
}
while (($#)); do
	case "$1" in
	--out) out=$(value_of "$@"); shift ;;
	--profiles) profiles=$(value_of "$@"); shift ;;
	--concurrency) concurrency=$(value_of "$@"); shift ;;
	--warmup) warmup=$(value_of "$@"); shift ;;
	--duration) duration=$(value_of "$@"); shift ;;
	--min-calls) min_calls=$(value_of "$@"); shift ;;
	--prime) prime=$(value_of "$@"); shift ;;
	--report) report=$(value_of "$@"); shift ;;
	--no-jmh) jmh=false ;;
	--no-peer) peer=false ;;
	--jmh-args) jmh_args=$(value_of "$@"); shift ;;
	--litellm) litellm_version=$(value_of "$@"); shift ;;
	--peer-port) peer_port=$(value_of "$@"); shift ;;
	--note) note=$(value_of "$@"); shift ;;
	--aot-java) aot_java=$(value_of "$@"); shift ;;
	--agent-port) agent_port=$(value_of "$@"); shift ;;
	--frontend-port) frontend_port=$(value_of "$@"); shift ;;
	--no-load) load=false ;;
	--no-archetype) archetype=false ;;
	--no-generated-verify) generated_verify=false ;;
	--build) build=true ;;
	-h | --help)
		sed -n '2,/^set -euo pipefail$/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*) die_usage "unknown option '$1'" ;;
	esac
	shift
done

known_profiles=" defaults container heap heap-256m quick-start appcds run-local render aot-cache "
IFS=',' read -r -a profile_list <<<"$profiles"
((${#profile_list[@]})) || die_usage "--profiles is empty"
for profile in "${profile_list[@]}"; do
	[[ "$known_profiles" == *" $profile "* ]] || die_usage "--profiles: '$profile' is not one of:$known_profiles"
done
[[ "$concurrency" =~ ^[0-9]+(,[0-9]+)*$ ]] || die_usage "--concurrency '$concurrency': use e.g. 1,16,64"
for d in ${warmup:+"$warmup"} ${duration:+"$duration"} ${prime:+"$prime"}; do
	[[ "$d" =~ ^[0-9]+(ms|s|m)?$ ]] || die_usage "duration '$d': use a number with ms, s or m, e.g. 10s"
done
for port in "$agent_port" "$frontend_port" "$peer_port"; do
	if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
		die_usage "port '$port' is not a number between 1 and 65535"
	fi
done
[[ "$agent_port" != "$frontend_port" && "$peer_port" != "$agent_port" && "$peer_port" != "$frontend_port" ]] \
	|| die_usage "--agent-port, --frontend-port and --peer-port must differ"
if [[ -n "$min_calls" ]] && ! [[ "$min_calls" =~ ^[0-9]{1,7}$ ]]; then
	die_usage "--min-calls '$min_calls': use a whole number, e.g. 100"
fi
[[ "$litellm_version" =~ ^[0-9]+(\.[0-9]+)*$ ]] || die_usage "--litellm '$litellm_version': use a version, e.g. 1.106.12"
[[ "$jmh_args" != *[\;\&\|\`\$]* ]] || die_usage "--jmh-args: options only, no shell syntax"
if [[ -n "$report" ]]; then
	[[ "$report" == *.md ]] || die_usage "--report '$report': the page must be a .md file"
	archetype=false
	warmup=${warmup:-30s}
	duration=${duration:-10s}
	min_calls=${min_calls:-100}
	prime=${prime:-60s}
fi
java_major() { # the major version of a java binary, or nothing
	"$1" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9]*\).*/\1/p'
}
if [[ -n "$aot_java" ]]; then
	aot_major=$(java_major "$aot_java" 2>/dev/null || true)
	[[ -n "$aot_major" ]] || die_usage "--aot-java '$aot_java' is not a java binary, e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java"
	((aot_major >= 25)) || die_usage "--aot-java '$aot_java' is Java $aot_major; the AOT cache needs Java 25 or later"
elif [[ ",$profiles," == *,aot-cache,* ]]; then # look for one only where the profile runs
	for candidate in /usr/lib/jvm/*/bin/java; do
		major=$(java_major "$candidate" 2>/dev/null || true)
		if [[ -n "$major" ]] && ((major >= 25)) && ((major > ${aot_major:-0})); then
			aot_java=$candidate
			aot_major=$major
		fi
	done
fi
min_calls=${min_calls:-0}
warmup=${warmup:-3s}
duration=${duration:-10s}
prime=${prime:-$warmup}
# One run at a time: a second run could start its apps while the first one builds or runs JMH, and the first one
# would then find them answering on its ports and measure them instead of its own.
if command -v flock >/dev/null; then
	mkdir -p "$cache_dir"
	exec 9>"$cache_dir/benchmark.lock"
	flock -n 9 || {
		echo "benchmark.sh: another benchmark.sh is running (it holds $cache_dir/benchmark.lock); wait until it ends" >&2
		exit 1
	}
fi
for tool in java curl; do
	command -v "$tool" >/dev/null || { echo "benchmark.sh: $tool not found" >&2; exit 1; }
done
[[ -r /proc/self/status ]] || { echo "benchmark.sh: needs Linux (/proc) to read resident memory" >&2; exit 1; }
for port in "$agent_port" "$frontend_port" "$peer_port"; do
	if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
		echo "benchmark.sh: port $port is in use; stop that process or choose --agent-port/--frontend-port" >&2
		exit 1
	fi
done

backend_jar="$repo/examples/project51/backend/target/project51-demo-backend-1.0.0-SNAPSHOT.jar"
frontend_jar="$repo/examples/project51/frontend/target/project51-demo-frontend-1.0.0-SNAPSHOT.jar"
loadgen_jar="$repo/examples/load-generator/target/load-generator.jar"
jmh_jar="$repo/benchmarks/target/benchmarks.jar"
build_modules="examples/project51/backend,examples/project51/frontend,examples/load-generator"
needed_jars=("$backend_jar" "$frontend_jar" "$loadgen_jar")
if [[ -n "$report" && "$jmh" == true ]]; then
	build_modules="$build_modules,benchmarks"
	needed_jars+=("$jmh_jar")
fi
build_command="mvn -B -o -q package -DskipTests -pl $build_modules"
if [[ "$build" == true ]]; then
	echo "==> Building the agent, the frontend and the load generator (offline, tests skipped)"
	# shellcheck disable=SC2086  # the command's words
	(cd "$repo" && $build_command)
fi
for jar in "${needed_jars[@]}"; do
	if [[ ! -f "$jar" ]]; then
		echo "benchmark.sh: $jar is missing; run with --build (or mvn -o package -DskipTests in its module)" >&2
		exit 1
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/project51-benchmark.XXXXXX")
logs="${out%.md}-logs" # the apps' and Maven's logs are copied there at the end
pids=()
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
	if ((${#pids[@]})); then
		kill "${pids[@]}" 2>/dev/null || true
		wait "${pids[@]}" 2>/dev/null || true
	fi
	remove_cgroup
	mkdir -p "$logs"
	cp "$work"/*.log "$logs"/ 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# "sk-" because the same token is LiteLLM's master key in the peer race (the load generator sends one token).
token="sk-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
now_ms() { echo $(($(date +%s%N) / 1000000)); }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# VmRSS / VmHWM of a process in MiB (from kB, rounded).
memory_mib() { awk -v field="$2:" '$1 == field { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# The JVM flags of a profile: agent flags, then frontend flags. "container" gives each JVM the memory and CPU view of
# its deployment (Render starter: 512 MB, 0.5 CPU; the k8s frontend: limit 768Mi, 1 CPU) with the images' flags.
quick_start_flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" # run-local.sh's default LOCAL_JAVA_OPTS
image_flags() { # app: the JAVA_TOOL_OPTIONS its Dockerfile sets
	sed -n 's/^[[:space:]]*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' "$repo/examples/project51/$1/Dockerfile"
}
run_local_flags() { # app: the flags run-local.sh puts before LOCAL_JAVA_OPTS
	# shellcheck disable=SC2016 # the pattern matches the literal text ${java_opts[@]}
	sed -n 's/^'"$1"'_flags=(\(.*\)"\${java_opts\[@\]}")$/\1/p' "$repo/examples/project51/run-local.sh"
}
render_tool_options() { # the agent's JAVA_TOOL_OPTIONS in the Render Blueprint
	awk '/key: JAVA_TOOL_OPTIONS/ { getline; sub(/^ *value: */, ""); gsub(/"/, ""); print; exit }' \
		"$repo/examples/project51/render.yaml"
}
deployment_tool_options() { # app: the JAVA_TOOL_OPTIONS of its Kubernetes Deployment
	awk '/name: JAVA_TOOL_OPTIONS/ { getline; sub(/^ *value: */, ""); gsub(/"/, ""); print; exit }' \
		"$repo/examples/project51/k8s/$1-deployment.yaml"
}
flags_of() {
	case "$1" in
	defaults) agent_flags=""; frontend_flags="" ;;
	# The JAVA_TOOL_OPTIONS each deployment sets: the Blueprint's for the agent, the Deployment's for the frontend.
	container) agent_flags="-XX:MaxRAM=512m -XX:ActiveProcessorCount=1 $(render_tool_options)"
		frontend_flags="-XX:MaxRAM=768m -XX:ActiveProcessorCount=1 $(deployment_tool_options frontend)" ;;
	heap) agent_flags="-Xmx384m"; frontend_flags="-Xmx256m" ;;
	heap-256m) agent_flags="-Xmx256m"; frontend_flags="-Xmx256m" ;;
	quick-start) agent_flags="$quick_start_flags"; frontend_flags="$agent_flags" ;;
	# As the images start the apps on a host without limits: their JAVA_TOOL_OPTIONS and their archives.
	appcds) agent_flags="$(image_flags backend) -XX:SharedArchiveFile=$work/agent-appcds.jsa"
		frontend_flags="$(image_flags frontend) -XX:SharedArchiveFile=$work/frontend-appcds.jsa" ;;
	# As run-local.sh starts them: its flags before LOCAL_JAVA_OPTS (the frontend's heap), the defaults, the archives.
	run-local) agent_flags="$(run_local_flags backend) $quick_start_flags -XX:SharedArchiveFile=$work/agent-run-local.jsa"
		frontend_flags="$(run_local_flags frontend) $quick_start_flags -XX:SharedArchiveFile=$work/frontend-run-local.jsa" ;;
	# The agent's JAVA_TOOL_OPTIONS from the Blueprint (render.yaml) and the starter plan's 0.5 CPU (seen as 1); the
	# memory limit is the cgroup's (below), which the JVM reads itself.
	render) agent_flags="-XX:ActiveProcessorCount=1 $(render_tool_options)"
		frontend_flags="" ;;
	# The appcds profile on a JDK 25 or later: its AOT cache (JEP 483, 514, 515) from the same training run holds the
	# classes loaded and linked, and method profiles, where the class archive holds the classes parsed and verified.
	aot-cache) agent_flags="$(image_flags backend) -XX:AOTCache=$work/agent-aot-cache.aot"
		frontend_flags="$(image_flags frontend) -XX:AOTCache=$work/frontend-aot-cache.aot" ;;
	esac
	java_cmd=java
	[[ "$1" != aot-cache ]] || java_cmd=$aot_java
	# The images, run-local.sh and so Render keep glibc to two malloc arenas; plain java -jar does not.
	case "$1" in
	container | appcds | run-local | render | aot-cache) profile_env=(MALLOC_ARENA_MAX=2) ;;
	*) profile_env=() ;;
	esac
	# one space between flags, none around them: the page shows them as they are
	agent_flags=$(xargs <<<"$agent_flags")
	frontend_flags=$(xargs <<<"$frontend_flags")
}

# render: the agent runs in a memory cgroup limited to the Render starter plan's 512 MB (512,000,000 bytes, no swap),
# a real limit the kernel enforces, not the JVM's view of one. cgroup v2 or v1's memory controller; needs root.
render_limit=512000000
cgroup_dir=""
make_cgroup() {
	local name="project51-benchmark-$$"
	if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
		grep -qw memory /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null \
			|| echo +memory >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
		cgroup_dir="/sys/fs/cgroup/$name"
		mkdir "$cgroup_dir" && echo "$render_limit" >"$cgroup_dir/memory.max" \
			&& { echo 0 >"$cgroup_dir/memory.swap.max" 2>/dev/null || true; }
	elif [[ -d /sys/fs/cgroup/memory ]]; then
		cgroup_dir="/sys/fs/cgroup/memory/$name"
		mkdir "$cgroup_dir" && echo "$render_limit" >"$cgroup_dir/memory.limit_in_bytes" \
			&& { echo "$render_limit" >"$cgroup_dir/memory.memsw.limit_in_bytes" 2>/dev/null || true; }
	else
		false
	fi || {
		echo "benchmark.sh: profile render needs a memory cgroup (root, cgroup v2 or v1 memory controller)" >&2
		cgroup_dir=""
		return 1
	}
}
remove_cgroup() { [[ -z "$cgroup_dir" ]] || rmdir "$cgroup_dir" 2>/dev/null || true; }
# The cgroup's peak memory use, its OOM kills and what it holds now (anonymous memory, page cache), in MiB.
cgroup_summary() {
	local peak kills anon cache
	if [[ -f "$cgroup_dir/memory.max_usage_in_bytes" ]]; then
		peak=$(cat "$cgroup_dir/memory.max_usage_in_bytes")
		kills=$(awk '$1 == "oom_kill" { print $2 }' "$cgroup_dir/memory.oom_control")
		anon=$(awk '$1 == "rss" || $1 == "rss_huge" { sum += $2 } END { print sum + 0 }' "$cgroup_dir/memory.stat")
		cache=$(awk '$1 == "cache" { print $2 }' "$cgroup_dir/memory.stat")
	else
		peak=$(cat "$cgroup_dir/memory.peak" 2>/dev/null || echo 0)
		kills=$(awk '$1 == "oom_kill" { print $2 }' "$cgroup_dir/memory.events")
		anon=$(awk '$1 == "anon" { print $2 }' "$cgroup_dir/memory.stat")
		cache=$(awk '$1 == "file" { print $2 }' "$cgroup_dir/memory.stat")
	fi
	awk -v peak="$peak" -v kills="${kills:-?}" -v anon="${anon:-0}" -v cache="${cache:-0}" 'BEGIN {
		printf "%.0f MiB peak, %s OOM kills; now %.0f MiB anonymous, %.0f MiB page cache",
			peak / 1048576, kills, anon / 1048576, cache / 1048576 }'
}

# AppCDS, as the images and run-local.sh do it: extract each jar (java -Djarmode=tools) and record a class archive in
# a training run that stops after the application context refreshed, with the flags the images and run-local.sh train
# with (none, as an image's JAVA_TOOL_OPTIONS are set after its training run; run-local.sh's quick-start flags); the
# profile then starts from the extracted jars with that archive. aot-cache records JDK 25's AOT cache the same way.
# The training run's temporary files stay in the work folder, as the images keep theirs in a scratch folder. An
# archive that is there already (the appcds profile's, for the peer race) is kept.
prepare_cds() { # [app ...]: the apps to train (default: the agent and the frontend)
	local name jar train_flags archive output_flag
	local -a names=("$@")
	((${#names[@]})) || names=(agent frontend)
	for name in "${names[@]}"; do
		jar=$([[ "$name" == agent ]] && echo "$backend_jar" || echo "$frontend_jar")
		[[ -d "$work/$name-extracted" ]] \
			|| java -Djarmode=tools -jar "$jar" extract --destination "$work/$name-extracted" >/dev/null
		train_flags=""
		[[ "$profile" != run-local ]] || train_flags=$quick_start_flags
		archive="$work/$name-$profile.jsa"
		output_flag="-XX:ArchiveClassesAtExit=$archive"
		if [[ "$profile" == aot-cache ]]; then
			archive="$work/$name-$profile.aot"
			output_flag="-XX:AOTCacheOutput=$archive"
		fi
		[[ ! -f "$archive" ]] || continue
		echo "==> Training run of the $name for its class archive or AOT cache (profile $profile)"
		mkdir -p "$work/training-tmp"
		# shellcheck disable=SC2086  # the flags are words
		(cd "$work" && env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u GEMINI_API_KEY PORT=0 \
			AGENT_API_TOKEN="$token" PROJECT51_AGENT_MEMORY_PATH="$work/agent-db-training" \
			"$java_cmd" $train_flags "$output_flag" -Dspring.context.exit=onRefresh \
			"-Djava.io.tmpdir=$work/training-tmp" -jar "$work/$name-extracted/$(basename "$jar")" \
			>"$work/$name-training-$profile.log" 2>&1) || true
		[[ -f "$archive" ]] || { echo "benchmark.sh: no class archive or AOT cache; see $work/$name-training-$profile.log" >&2; exit 1; }
	done
}

# Starts an app and waits for its readiness probe; sets app_pid and ready_ms.
start_app() {
	local name=$1 jar=$2 port=$3 flags=$4
	shift 4
	local -a java_flags=() in_cgroup=()
	read -r -a java_flags <<<"$flags"
	if [[ "$profile" == render && "$name" == agent ]]; then # enter the cgroup, then become java
		# shellcheck disable=SC2016  # expanded by that sh
		in_cgroup=(sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$cgroup_dir")
	fi
	local started
	started=$(now_ms)
	(cd "$work" && exec env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u GEMINI_API_KEY PORT="$port" \
		AGENT_API_TOKEN="$token" PROJECT51_AGENT_MEMORY_PATH="$work/agent-db-$profile" \
		PROJECT51_FRONTEND_AGENT_BASE_URL="http://127.0.0.1:$agent_port" ${extra_env[@]+"${extra_env[@]}"} \
		${profile_env[@]+"${profile_env[@]}"} ${in_cgroup[@]+"${in_cgroup[@]}"} "$java_cmd" ${java_flags[@]+"${java_flags[@]}"} -jar "$jar" "$@" \
		>"$work/$name-$profile.log" 2>&1) &
	app_pid=$!
	pids+=("$app_pid")
	until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
		"http://127.0.0.1:$port/actuator/health/readiness" || true) == 200 ]]; do
		if ! kill -0 "$app_pid" 2>/dev/null; then
			failure="the $name stopped: $(grep -m1 -oE 'java\.lang\.[A-Za-z]*Error: [^.]*' "$work/$name-$profile.log" \
				|| echo "see its log")"
			echo "benchmark.sh: $failure (profile $profile; log kept in $logs)" >&2
			return 1
		fi
		if (($(now_ms) - started > 180000)); then
			failure="the $name was not ready after 180 s"
			echo "benchmark.sh: $failure (profile $profile)" >&2
			return 1
		fi
		sleep 0.1
	done
	ready_ms=$(($(now_ms) - started))
	# What the start-up spent the cores on (--report, the flag profiles): the process's CPU time and each live
	# thread's, read at once.
	if [[ -n "$report" && "$profile" != memory-* && "$profile" != peer ]]; then
		cat "/proc/$app_pid/stat" "/proc/$app_pid/task/"*/stat >"$results/cpu-$profile-$name.txt" 2>/dev/null || true
		# and the JVM's class loading counters (jstat reads them from the JVM's shared memory, without attaching)
		if command -v jstat >/dev/null; then
			jstat -J-Djstat.showUnsupported=true -snap "$app_pid" >"$results/classes-$profile-$name.txt" 2>/dev/null || true
		fi
	fi
}

extra_env=() # more environment for the apps (the peer race's provider)
java_cmd=java # the profile's java (flags_of sets it)
profile_env=() # the profile's environment for both apps (flags_of sets it)

stop_apps() {
	kill "${pids[@]}" 2>/dev/null || true
	wait "${pids[@]}" 2>/dev/null || true
	pids=()
}

jar_for() { # the jar a profile starts: the extracted one where a class archive is used
	if [[ "$profile" == appcds || "$profile" == run-local || "$profile" == aot-cache ]]; then
		printf '%s' "$work/$1-extracted/$(basename "$2")"
	else
		printf '%s' "$2"
	fi
}

mkdir -p "$(dirname "$out")"
[[ -z "$report" ]] || mkdir -p "$(dirname "$report")"
load_start=$(loadavg)
started_at=$(date -u +'%Y-%m-%d %H:%M UTC')
startup_rows=()
startup_tsv=() # the same for the page: profile, flags, ready ms, idle and peak MiB, load, note
load_sections=()
results="$repo/examples/load-generator/target/benchmark-results" # what the page is rendered from
commands=()                                                      # what ran, for the page
if [[ -n "$report" ]]; then
	rm -rf "$results"
	mkdir -p "$results"
	[[ "$build" == false ]] || commands+=("$build_command")
fi
tsv_row() { local IFS=$'\t'; startup_tsv+=("$*"); }
not_run() { # reason: the current profile's rows, in the report and on the page, when it cannot run on this machine
	startup_rows+=("| $profile | \`${agent_flags:-–}\` | \`${frontend_flags:-–}\` | not run: $1 | | | | | | |")
	tsv_row "$profile" "$agent_flags" "$frontend_flags" - - - - - - "$(loadavg)" "not run: $1"
}
start_failed() { # agent ready ms, or - : the current profile's rows when an app did not start ($failure, $load_before)
	startup_rows+=("| $profile | \`${agent_flags:-–}\` | \`${frontend_flags:-–}\` | $failure | | | | | | $load_before |")
	tsv_row "$profile" "$agent_flags" "$frontend_flags" "$1" - - - - - "$load_before" "$failure"
}
agent_args=(--project51.agent.limits.rate-limit.requests-per-minute=1000000
	--project51.agent.limits.rate-limit.burst=100000)

# The agent client against a raw HttpClient (JMH): the five benchmarks issue 19's target compares.
if [[ -n "$report" && "$jmh" == true ]]; then
	echo "==> JMH: AgentClientBenchmark ($jmh_args)"
	jmh_command="java -jar benchmarks/target/benchmarks.jar 'AgentClientBenchmark\.(rawChat|clientChat|rawStream|clientStreamListener|clientStreamIterator)\$' $jmh_args -rf csv -rff $results/jmh.csv"
	commands+=("${jmh_command/$results/examples/load-generator/target/benchmark-results}")
	read -r -a jmh_words <<<"$jmh_args"
	(cd "$repo" && java -jar "$jmh_jar" 'AgentClientBenchmark\.(rawChat|clientChat|rawStream|clientStreamListener|clientStreamIterator)$' \
		"${jmh_words[@]}" -rf csv -rff "$results/jmh.csv" >"$work/jmh.log" 2>&1) \
		|| echo "benchmark.sh: JMH failed; see $logs/jmh.log" >&2
fi

for profile in "${profile_list[@]}"; do
	flags_of "$profile"
	if [[ "$profile" == aot-cache && -z "$aot_java" ]]; then
		not_run "no JDK 25 or later (--aot-java)"
		continue
	fi
	if [[ "$profile" == appcds || "$profile" == run-local || "$profile" == aot-cache ]]; then
		prepare_cds
	fi
	if [[ "$profile" == render ]] && ! make_cgroup; then
		not_run "no memory cgroup (needs root)"
		continue
	fi
	echo "==> Profile $profile: agent [${agent_flags:-JVM defaults}], frontend [${frontend_flags:-JVM defaults}]"
	load_before=$(loadavg)
	commands+=("${profile_env[*]}${profile_env[*]:+ }$java_cmd${agent_flags:+ $agent_flags} -jar ${backend_jar#"$repo"/} ${agent_args[*]}   (profile $profile)"
		"${profile_env[*]}${profile_env[*]:+ }$java_cmd${frontend_flags:+ $frontend_flags} -jar ${frontend_jar#"$repo"/} --project51.frontend.rate-limit.enabled=false   (profile $profile)")
	if ! start_app agent "$(jar_for agent "$backend_jar")" "$agent_port" "$agent_flags" "${agent_args[@]}"; then
		[[ "$profile" != render ]] || failure="$failure ($(cgroup_summary))"
		start_failed -
		stop_apps
		remove_cgroup
		continue
	fi
	agent_pid=$app_pid
	agent_ready=$ready_ms
	# The load comes from one address: past the frontend's per-address limits, like the agent's above.
	if ! start_app frontend "$(jar_for frontend "$frontend_jar")" "$frontend_port" "$frontend_flags" \
		--project51.frontend.rate-limit.enabled=false; then
		start_failed "$agent_ready"
		stop_apps
		continue
	fi
	frontend_pid=$app_pid
	frontend_ready=$ready_ms
	sleep 5
	agent_idle=$(memory_mib "$agent_pid" VmRSS)
	frontend_idle=$(memory_mib "$frontend_pid" VmRSS)
	echo "    ready after ${agent_ready} ms (agent), ${frontend_ready} ms (frontend);" \
		"idle RSS ${agent_idle} / ${frontend_idle} MiB"
	# The page loads the first profile only: the other profiles differ in start-up and memory.
	if [[ "$load" == true && (-z "$report" || "$profile" == "${profile_list[0]}") ]]; then
		load_args=(--agent "http://127.0.0.1:$agent_port" --frontend "http://127.0.0.1:$frontend_port"
			--concurrency "$concurrency" --warmup "$warmup" --prime "$prime" --duration "$duration" --min-calls "$min_calls")
		[[ -z "$report" ]] || commands+=("AGENT_API_TOKEN=... java -Xmx512m -jar ${loadgen_jar#"$repo"/} \
${load_args[*]} --watch agent=PID --watch frontend=PID --results load.tsv --threads threads.tsv --report load.md")
		AGENT_API_TOKEN="$token" java -Xmx512m -jar "$loadgen_jar" "${load_args[@]}" \
			--watch "agent=$agent_pid" --watch "frontend=$frontend_pid" --title "Load, profile $profile" \
			--report "$work/load-$profile.md" --results "$work/load-$profile.tsv" --threads "$work/threads-$profile.tsv"
		load_sections+=("$work/load-$profile.md")
		if [[ -n "$report" ]]; then
			cp "$work/load-$profile.md" "$results/load.md"
			cp "$work/load-$profile.tsv" "$results/load.tsv"
			cp "$work/threads-$profile.tsv" "$results/threads.tsv"
		fi
	fi
	profile_note=""
	if kill -0 "$agent_pid" 2>/dev/null; then
		agent_peak=$(memory_mib "$agent_pid" VmHWM)
		agent_peak_tsv=$agent_peak
	else
		agent_peak="stopped during the load"
		agent_peak_tsv="-"
		profile_note="the agent stopped during the load"
	fi
	if [[ "$profile" == render ]]; then
		agent_peak="$agent_peak (cgroup of $((render_limit / 1000000)) MB: $(cgroup_summary))"
		echo "    agent in its cgroup: $(cgroup_summary)"
	fi
	frontend_peak=$(memory_mib "$frontend_pid" VmHWM)
	tsv_row "$profile" "$agent_flags" "$frontend_flags" "$agent_ready" "$frontend_ready" "$agent_idle" \
		"$frontend_idle" "$agent_peak_tsv" "$frontend_peak" "$load_before" "$profile_note"
	startup_rows+=("| $profile | \`${agent_flags:-–}\` | \`${frontend_flags:-–}\` | $(printf '%.1f' \
		"$((agent_ready))e-3") | $(printf '%.1f' "$((frontend_ready))e-3") | $agent_idle | $frontend_idle \
| $agent_peak | $frontend_peak | $load_before |")
	stop_apps
	remove_cgroup
done

# The memory profile (--report): the agent with the JVM's Native Memory Tracking, idle and halfway through streaming at
# the highest concurrency, first as on Kubernetes (the container profile's flags), then with the JVM's defaults (the
# profile defaults, whose heap the JVM sizes for this machine): what the JVM itself committed, by category, and the
# heap sizes it chose, against the RSS the kernel counts; then the frontend, idle, the same way. What the JVM does not
# track is the native libraries' own memory. The defaults' phases are named defaults-idle and defaults-streams-N, the
# frontend's frontend-idle and frontend-defaults-idle.
duration_ms() { # 500ms, 10s, 2m or 10 (seconds) in milliseconds
	case "$1" in
	*ms) echo "${1%ms}" ;;
	*m) echo $((${1%m} * 60000)) ;;
	*) echo $((${1%s} * 1000)) ;;
	esac
}
memory_snapshot() { # phase, pid: the JVM's summary and flags, and the kernel's view of the agent now
	jcmd "$2" VM.native_memory summary >"$results/nmt-$1.txt" 2>&1 || true
	jcmd "$2" VM.flags >"$results/flags-$1.txt" 2>&1 || true
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$(memory_mib "$2" VmRSS)" "$(memory_mib "$2" RssAnon)" \
		"$(memory_mib "$2" RssFile)" "$(memory_mib "$2" VmHWM)" >>"$results/memory-profile.tsv"
}
memory_under_load() { # phase, pid, results TSV, title, load generator arguments...: the load in the background, and
	# the agent's memory snapshot halfway through its measured part
	local phase=$1 pid=$2 tsv=$3 title=$4 name load_pid halfway
	shift 4
	name=$(basename "$tsv" .tsv)
	AGENT_API_TOKEN="$token" java -Xmx512m -jar "$loadgen_jar" "$@" --watch "agent=$pid" --title "$title" \
		--report "$work/$name.md" --results "$tsv" >"$work/$name.log" 2>&1 &
	load_pid=$!
	halfway=$(($(duration_ms "$warmup") + $(duration_ms "$duration") / 2))
	sleep "$((halfway / 1000)).$(printf '%03d' $((halfway % 1000)))"
	memory_snapshot "$phase" "$pid"
	wait "$load_pid" || echo "benchmark.sh: the load failed ($title); see $logs/$name.log" >&2
}
highest=$(tr ',' '\n' <<<"$concurrency" | sort -n | tail -n 1)
if [[ -n "$report" && "$load" == true ]] && ! command -v jcmd >/dev/null; then
	echo "benchmark.sh: jcmd not found (a JDK's bin): no memory profile" >&2
elif [[ -n "$report" && "$load" == true ]]; then
	printf 'phase\tRSS MiB\tanonymous MiB\tfile MiB\tpeak MiB\n' >"$results/memory-profile.tsv"
	memory_args=(--agent "http://127.0.0.1:$agent_port" --scenarios stream --concurrency "$highest" --prime 0s
		--warmup "$warmup" --duration "$duration")
	for memory_profile in container defaults; do
		profile=memory-$memory_profile # each run its own logs and database
		flags_of "$memory_profile"
		memory_env="${profile_env[*]}${profile_env[*]:+ }"
		memory_flags="${agent_flags:+$agent_flags }-XX:NativeMemoryTracking=summary"
		frontend_memory_flags="${frontend_flags:+$frontend_flags }-XX:NativeMemoryTracking=summary"
		phase_prefix="" load_suffix=""
		[[ "$memory_profile" == container ]] || { phase_prefix="$memory_profile-"; load_suffix="-$memory_profile"; }
		echo "==> Memory profile: the agent with [$memory_flags], idle and under $highest streams"
		commands+=("${memory_env}java $memory_flags -jar ${backend_jar#"$repo"/} ${agent_args[*]}   \
(memory profile, $memory_profile)"
			"AGENT_API_TOKEN=... java -Xmx512m -jar ${loadgen_jar#"$repo"/} ${memory_args[*]} --watch agent=PID   \
(memory profile, $memory_profile; jcmd PID VM.native_memory summary and VM.flags after 5 s idle and halfway through \
the measured part)"
			"${memory_env}java $frontend_memory_flags -jar ${frontend_jar#"$repo"/} \
--project51.frontend.rate-limit.enabled=false   (memory profile, $memory_profile; after the load, jcmd 5 s after \
it was ready)")
		if start_app agent "$backend_jar" "$agent_port" "$memory_flags" "${agent_args[@]}"; then
			sleep 5
			memory_snapshot "${phase_prefix}idle" "$app_pid"
			memory_under_load "${phase_prefix}streams-$highest" "$app_pid" "$results/memory-load$load_suffix.tsv" \
				"Memory profile ($memory_profile)" "${memory_args[@]}"
			if start_app frontend "$frontend_jar" "$frontend_port" "$frontend_memory_flags" \
				--project51.frontend.rate-limit.enabled=false; then
				sleep 5
				memory_snapshot "frontend-${phase_prefix}idle" "$app_pid"
			fi
		fi
		if [[ "$memory_profile" == container ]]; then
			prop_memory_flags="$memory_env$memory_flags"
			prop_memory_frontend_flags="$memory_env$frontend_memory_flags"
		else
			prop_memory_defaults_flags="$memory_env$memory_flags"
		fi
		stop_apps
	done
fi

# The peer race (--report): a local fake OpenAI-compatible upstream (provider-fakes), the agent's /v1 with its
# openai-compatible provider pointed at it, and LiteLLM's proxy in front of the same upstream; the load generator
# drives the three in one run, the upstream directly as the baseline.
tree_rss_mib() { # the VmRSS (or VmHWM) of a process and its children, in MiB
	local pid=$1 field=$2 total=0 child
	for child in $pid $(pgrep -P "$pid" 2>/dev/null || true); do
		total=$((total + $(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$child/status" 2>/dev/null || echo 0)))
	done
	echo $((total / 1024))
}
wait_for() { # URL, pid, name: until the URL answers 200, or the process stopped, or 120 s
	local url=$1 pid=$2 name=$3 started
	started=$(now_ms)
	until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true) == 200 ]]; do
		kill -0 "$pid" 2>/dev/null || { peer_note="$name stopped before it was ready (see its log in ${logs#"$repo"/})"; return 1; }
		(($(now_ms) - started < 120000)) || { peer_note="$name was not ready after 120 s"; return 1; }
		sleep 0.1
	done
}
peer_note=""
peer_words=20
peer_first_ms=20
peer_between_ms=5
if [[ -n "$report" && "$peer" == true ]]; then
	echo "==> Peer race: LiteLLM $litellm_version and the agent in front of a fake upstream"
	venv="$cache_dir/litellm-venv"
	if [[ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("litellm"))' 2>/dev/null)" \
		!= "$litellm_version" || ! -x "$venv/bin/litellm" ]]; then
		echo "    installing litellm[proxy]==$litellm_version into $venv"
		if ! { { [[ -x "$venv/bin/pip" ]] || python3 -m venv "$venv"; } \
			&& "$venv/bin/pip" install -q "litellm[proxy]==$litellm_version"; } \
			>"$work/litellm-install.log" 2>&1; then
			peer_note="LiteLLM $litellm_version did not install: $(grep -m1 'ERROR' "$work/litellm-install.log" || tail -n 1 "$work/litellm-install.log")"
		fi
	fi
fi
if [[ -n "$report" && "$peer" == true && -z "$peer_note" ]]; then
	java_cmd=java
	# The agent as its Render Blueprint runs it on the 512 MB starter instance: the image (the extracted jar and the
	# class archive of its training run, which the appcds profile records the same way), the Blueprint's
	# JAVA_TOOL_OPTIONS, the image's MALLOC_ARENA_MAX=2, the JVM's view of 512 MB and the serial collector the JVM
	# picks itself below 1,792 MB; the machine's cores, as LiteLLM has them.
	profile=appcds
	prepare_cds agent
	profile=peer
	profile_env=(MALLOC_ARENA_MAX=2)
	peer_agent_jar="$work/agent-extracted/$(basename "$backend_jar")"
	peer_agent_flags="-XX:MaxRAM=512m -XX:+UseSerialGC $(render_tool_options) -XX:SharedArchiveFile=$work/agent-appcds.jsa"
	peer_agent_flags=$(xargs <<<"$peer_agent_flags")
	upstream_command="java -Xmx256m -cp ${loadgen_jar#"$repo"/} dev.project51.examples.loadgen.upstream.FakeUpstream URL_FILE $peer_words $peer_first_ms $peer_between_ms"
	java -Xmx256m -cp "$loadgen_jar" dev.project51.examples.loadgen.upstream.FakeUpstream "$work/upstream.url" \
		"$peer_words" "$peer_first_ms" "$peer_between_ms" >"$work/upstream.log" 2>&1 &
	upstream_pid=$!
	pids+=("$upstream_pid")
	until [[ -s "$work/upstream.url" ]] || ! kill -0 "$upstream_pid" 2>/dev/null; do sleep 0.1; done
	upstream=$(cat "$work/upstream.url" 2>/dev/null || true)
	[[ -n "$upstream" ]] || peer_note="the fake upstream did not start (see ${logs#"$repo"/}/upstream.log)"
fi
if [[ -n "$report" && "$peer" == true && -z "$peer_note" ]]; then
	# The agent's provider in the race and in its memory profile: openai-compatible at the fake upstream.
	peer_provider_env=(AI_PROVIDER=openai-compatible OPENAI_COMPATIBLE_NAME=upstream OPENAI_COMPATIBLE_MODEL=fake-model
		OPENAI_COMPATIBLE_BASE_URL="$upstream" OPENAI_COMPATIBLE_API_KEY=fake-key)
	extra_env=("${peer_provider_env[@]}")
	commands+=("$upstream_command" "${extra_env[*]/$upstream/URL} ${profile_env[*]} java $peer_agent_flags \
-jar $peer_agent_jar ${agent_args[*]}   (the class archive recorded as for the appcds profile)")
	start_app agent "$peer_agent_jar" "$agent_port" "$peer_agent_flags" "${agent_args[@]}" || peer_note="the agent: $failure"
	peer_agent_pid=$app_pid
	extra_env=()
fi
if [[ -n "$report" && "$peer" == true && -z "$peer_note" ]]; then
	cat >"$work/litellm.yaml" <<YAML
model_list:
  - model_name: project51-agent
    litellm_params:
      model: openai/fake-model
      api_base: $upstream
      api_key: fake-key
litellm_settings:
  telemetry: false
YAML
	commands+=("LITELLM_LOCAL_MODEL_COST_MAP=True LITELLM_TELEMETRY=False LITELLM_LOG=ERROR LITELLM_MASTER_KEY=... \
~/.cache/project51/litellm-venv/bin/litellm --config litellm.yaml --host 127.0.0.1 --port $peer_port \
--telemetry False   (litellm.yaml: model project51-agent = openai/fake-model at the upstream)")
	(cd "$work" && exec env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u GEMINI_API_KEY -u DATABASE_URL \
		LITELLM_LOCAL_MODEL_COST_MAP=True LITELLM_TELEMETRY=False LITELLM_LOG=ERROR LITELLM_MASTER_KEY="$token" \
		"$venv/bin/litellm" --config "$work/litellm.yaml" --host 127.0.0.1 --port "$peer_port" --telemetry False \
		>"$work/litellm.log" 2>&1) &
	litellm_pid=$!
	pids+=("$litellm_pid")
	if wait_for "http://127.0.0.1:$peer_port/health/readiness" "$litellm_pid" "LiteLLM"; then
		sleep 5
		agent_idle=$(memory_mib "$peer_agent_pid" VmRSS)
		litellm_idle=$(tree_rss_mib "$litellm_pid" VmRSS)
		upstream_idle=$(memory_mib "$upstream_pid" VmRSS)
		peer_args=(--agent "http://127.0.0.1:$agent_port" --scenarios completions --completions "upstream=$upstream"
			--completions "agent=http://127.0.0.1:$agent_port/v1" --completions "litellm=http://127.0.0.1:$peer_port/v1"
			--concurrency "$concurrency" --warmup "$warmup" --prime "$prime" --duration "$duration" --min-calls "$min_calls")
		commands+=("AGENT_API_TOKEN=... java -Xmx512m -jar ${loadgen_jar#"$repo"/} ${peer_args[*]/$upstream/URL} \
--watch agent=PID --watch litellm=PID --watch upstream=PID --results peer.tsv --report peer.md")
		AGENT_API_TOKEN="$token" java -Xmx512m -jar "$loadgen_jar" "${peer_args[@]}" --watch "agent=$peer_agent_pid" \
			--watch "litellm=$litellm_pid" --watch "upstream=$upstream_pid" --title "Peer race" \
			--report "$results/peer.md" --results "$results/peer.tsv"
		{
			printf 'process\tversion\tidle RSS MiB\tpeak RSS MiB\n'
			printf 'agent\t%s: MALLOC_ARENA_MAX=2 %s\t%s\t%s\n' \
				"the agent image's extracted jar and class archive as on Render's 512 MB instance" \
				"$peer_agent_flags" "$agent_idle" "$(memory_mib "$peer_agent_pid" VmHWM)"
			printf 'litellm\tlitellm[proxy] %s, %s\t%s\t%s\n' "$litellm_version" \
				"$("$venv/bin/python" --version 2>&1)" "$litellm_idle" "$(tree_rss_mib "$litellm_pid" VmHWM)"
			printf 'upstream\tprovider-fakes FakeProvider, -Xmx256m\t%s\t%s\n' "$upstream_idle" \
				"$(memory_mib "$upstream_pid" VmHWM)"
		} >"$results/peer-memory.tsv"
		# What the race's agent holds (a memory profile, as above): the agent again, with the race's flags and Native
		# Memory Tracking, idle and halfway through the race's load at the highest concurrency on its /v1 alone.
		kill "$peer_agent_pid" "$litellm_pid" 2>/dev/null || true
		wait "$peer_agent_pid" "$litellm_pid" 2>/dev/null || true
		if command -v jcmd >/dev/null; then
			[[ -f "$results/memory-profile.tsv" ]] \
				|| printf 'phase\tRSS MiB\tanonymous MiB\tfile MiB\tpeak MiB\n' >"$results/memory-profile.tsv"
			profile=memory-peer
			extra_env=("${peer_provider_env[@]}")
			prop_memory_peer_flags="${profile_env[*]} $peer_agent_flags -XX:NativeMemoryTracking=summary"
			peer_memory_args=(--agent "http://127.0.0.1:$agent_port" --scenarios completions
				--completions "agent=http://127.0.0.1:$agent_port/v1" --concurrency "$highest" --prime 0s
				--warmup "$warmup" --duration "$duration")
			echo "==> Memory profile: the peer race's agent with [$prop_memory_peer_flags], idle and under $highest completions"
			commands+=("${extra_env[*]/$upstream/URL} ${profile_env[*]} java $peer_agent_flags \
-XX:NativeMemoryTracking=summary -jar $peer_agent_jar ${agent_args[*]}   (memory profile, peer race)"
				"AGENT_API_TOKEN=... java -Xmx512m -jar ${loadgen_jar#"$repo"/} ${peer_memory_args[*]} --watch agent=PID   \
(memory profile, peer race; jcmd PID VM.native_memory summary and VM.flags after 5 s idle and halfway through the \
measured part)")
			if start_app agent "$peer_agent_jar" "$agent_port" "$peer_agent_flags -XX:NativeMemoryTracking=summary" \
				"${agent_args[@]}"; then
				sleep 5
				memory_snapshot peer-idle "$app_pid"
				memory_under_load "peer-completions-$highest" "$app_pid" "$work/memory-load-peer.tsv" \
					"Memory profile (peer race)" "${peer_memory_args[@]}"
			fi
			extra_env=()
		fi
	fi
	stop_apps
fi

archetype_rows=()
if [[ "$archetype" == true ]]; then
	command -v mvn >/dev/null || { echo "benchmark.sh: mvn not found (or use --no-archetype)" >&2; exit 1; }
	timed() { # label, directory, command...: appends a table row
		local label=$1 dir=$2 begin status=ok
		shift 2
		begin=$(now_ms)
		(cd "$dir" && "$@" >"$work/archetype-$label.log" 2>&1) || status="failed (see the log)"
		archetype_rows+=("| $label | \`$*\` | $(printf '%.1f' "$(($(now_ms) - begin))e-3") | $status | $(loadavg) |")
		echo "    $label: ${archetype_rows[-1]}"
	}
	echo "==> Archetype"
	mkdir -p "$work/generated"
	timed "generate" "$work/generated" mvn -B -o -q \
		org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate -DarchetypeGroupId=dev.project51 \
		-DarchetypeArtifactId=project51-archetype -DarchetypeVersion=0.1.0-SNAPSHOT -DgroupId=com.example \
		-DartifactId=project51-demo
	timed "package" "$work/generated/project51-demo" mvn -B -o -q package -DskipTests
	if [[ "$generated_verify" == true ]]; then
		timed "verify" "$work/generated/project51-demo" mvn -B -o -q verify
	fi
fi

{
	echo "## Benchmark run of $started_at"
	echo
	echo "- Command: \`$command_line\` (commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown))"
	echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), \
$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); \
$(sed -n 's/^PRETTY_NAME="\(.*\)"$/\1/p' /etc/os-release); $(java -version 2>&1 | head -n 2 | tail -n 1)"
	echo "- Load average (1, 5, 15 min): $load_start at the start, $(loadavg) at the end"
	echo
	echo "### Start-up and resident memory"
	echo
	echo "Each app started alone (the agent, then the frontend once the agent was ready); ready = first 200 of"
	echo "\`/actuator/health/readiness\`, polled every 100 ms from the launch of \`java\`. Idle RSS: VmRSS 5 s after"
	echo "both were ready. Peak RSS: VmHWM (the highest RSS since start, over start-up and the load below)."
	echo
	echo "| profile | agent flags | frontend flags | agent ready s | frontend ready s | agent idle RSS MiB \
| frontend idle RSS MiB | agent peak RSS MiB | frontend peak RSS MiB | load avg before |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	printf '%s\n' "${startup_rows[@]}"
	for section in "${load_sections[@]}"; do
		echo
		cat "$section"
	done
	if ((${#archetype_rows[@]})); then
		echo
		echo "### Archetype"
		echo
		echo "| step | command | s | result | load avg after |"
		echo "|---|---|---|---|---|"
		printf '%s\n' "${archetype_rows[@]}"
	fi
} >"$out"
echo "==> Report: $out"

# The page (--report): the run's properties and the profiles' table beside the load generator's results, then
# BenchmarkPage renders the Markdown and the charts (JFreeChart).
prop() { # key, value: one line of a .properties file (backslashes escaped)
	printf '%s=%s\n' "$1" "${2//\\/\\\\}"
}
if [[ -n "$report" ]]; then
	page_dir=$(cd "$(dirname "$report")" && pwd)
	images="$page_dir/images/benchmarks"
	commands+=("java -cp ${loadgen_jar#"$repo"/} dev.project51.examples.loadgen.page.BenchmarkPage \
examples/load-generator/target/benchmark-results $report ${images#"$repo"/}")
	{
		printf 'profile\tagent flags\tfrontend flags\tagent ready ms\tfrontend ready ms\tagent idle MiB\t'
		printf 'frontend idle MiB\tagent peak MiB\tfrontend peak MiB\tload avg before\tnote\n'
		printf '%s\n' "${startup_tsv[@]}"
	} >"$results/startup.tsv"
	{
		prop command "$command_line"
		prop started "$started_at"
		prop finished "$(date -u +'%Y-%m-%d %H:%M UTC')"
		prop commit "$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
		prop machine.cores "$(nproc)"
		prop machine.cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
		prop machine.memory "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
		prop machine.os "$(sed -n 's/^PRETTY_NAME="\(.*\)"$/\1/p' /etc/os-release), kernel $(uname -r)"
		prop machine.jdk "$(java -version 2>&1 | head -n 2 | tail -n 1)"
		prop load.start "$load_start"
		prop load.end "$(loadavg)"
		prop note "$note"
		prop memory.flags "${prop_memory_flags:-}"
		prop memory.frontend.flags "${prop_memory_frontend_flags:-}"
		prop memory.defaults.flags "${prop_memory_defaults_flags:-}"
		prop memory.peer.flags "${prop_memory_peer_flags:-}"
		prop peer.note "$peer_note"
		prop peer.description "The upstream is provider-fakes' \`FakeProvider\` speaking OpenAI's chat completions \
on loopback: every answer is $peer_words words, streamed one token each, the first after $peer_first_ms ms and \
each next $peer_between_ms ms later. The agent's \`/v1/chat/completions\` (its provider \`openai-compatible\` at \
the upstream, everything else at its defaults) and LiteLLM's proxy ($litellm_version, \`openai/fake-model\` at \
the upstream) are driven by the load generator in the same run, one after the other at each concurrency but 1, \
where they take turns call by call, and the upstream directly as the baseline; overhead = their time minus the \
upstream's. RSS of LiteLLM includes its child processes. The agent runs as its Render Blueprint deploys it on the \
512 MB starter instance: the image's extracted jar and the class archive of its training run (here the appcds profile's, recorded \
the same way), the Blueprint's JAVA_TOOL_OPTIONS, the image's MALLOC_ARENA_MAX=2, the JVM's view of 512 MB \
(\`-XX:MaxRAM=512m\`) and the serial collector the JVM picks itself below 1,792 MB \
(\`${peer_agent_flags:-}\`); both gateways have the machine's cores."
		i=1
		for command in "${commands[@]}"; do
			prop "command.$i" "$command"
			i=$((i + 1))
		done
		prop setting.1 "Everything at its defaults (the example apps' application.yml; JVM defaults unless the \
profile sets flags), except what follows."
		prop setting.2 "Agent: rate limit raised to 1,000,000 requests per minute with a burst of 100,000 \
(\`--project51.agent.limits.rate-limit.*\`), frontend: rate limit off, because the whole load comes from one \
client address and the per-address limits would answer most of it with 429."
		prop setting.3 "Provider keys are removed from the apps' environment: in the profiles the agent answers \
with its offline local model; in the peer race its provider is \`openai-compatible\` at the fake upstream \
(AI_PROVIDER, OPENAI_COMPATIBLE_BASE_URL, OPENAI_COMPATIBLE_MODEL, OPENAI_COMPATIBLE_API_KEY)."
		prop setting.4 "Load: before the first row of each scenario, that scenario runs $prime at concurrency \
$highest (the highest; dropped) so that the rows meet the JVMs past \
their JIT warm-up; then a closed loop at concurrency $concurrency, $warmup warm-up (dropped) and $duration measured \
per row, or longer until $min_calls calls have ended (at most ten times as long: the streams at concurrency 1, whose \
p99 needs them), on the first profile (${profile_list[0]}) only. At concurrency 1 the two sides of a comparison (the \
agent directly and the frontend's relay; the upstream, the agent and the peer) take turns call by call, over the time \
their rows would take one after the other, so that whatever slows the machine for a while falls on both alike."
		prop setting.5 "LiteLLM $litellm_version: the newest release tried whose \`[proxy]\` extra installs from the \
package index used here (1.110.2 pins \`litellm-proxy\`, 1.108.13, 1.108.14 and 1.109.3 \`litellm-proxy-extras\` 0.4.110.post1 and \
later, 1.108.10 \`litellm-enterprise\` 0.1.79.post2: versions the index does not have). Offline (LITELLM_LOCAL_MODEL_COST_MAP=True, telemetry off), no database, a \
master key (it refuses to start without one; the agent's token), its default single worker, log level ERROR."
		prop setting.6 "JMH: $jmh_args, five benchmarks (raw and client, chat and stream; the stream with a listener and iterated)."
	} >"$results/run.properties"
	java -cp "$loadgen_jar" dev.project51.examples.loadgen.page.BenchmarkPage "$results" "$report" "$images"
	echo "==> Page: $report (charts in $images)"
fi
