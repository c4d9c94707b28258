#!/usr/bin/env bash
# Runs the reference deployment (examples/project51) on this machine: builds the libraries it uses and its backend
# and frontend (tests skipped), then starts both with the offline local model and prints the URL. Ctrl-C stops both.
#
#   ./run-example.sh              build, then run
#   ./run-example.sh --no-build   run what the last build produced
#
# Needs JDK 17+ and Maven 3.8+; no network once Maven has its dependencies. The options of
# examples/project51/run-local.sh (ports, provider keys) apply, see its --help.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

build=true
case "${1:-}" in
--no-build) build=false ;;
"") ;;
-h | --help)
	sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
	;;
*)
	echo "run-example.sh: unknown option '$1' (try --help)" >&2
	exit 2
	;;
esac

if [[ "$build" == true ]]; then
	command -v mvn >/dev/null || { echo "run-example.sh: mvn not found; install Maven 3.8+" >&2; exit 1; }
	echo "==> Building the libraries and the reference deployment (tests skipped)"
	mvn -B -q -ntp package -DskipTests -Dspring-javaformat.skip=true \
		-pl examples/project51/backend,examples/project51/frontend -am
fi
exec examples/project51/run-local.sh --no-build
