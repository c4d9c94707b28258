#!/usr/bin/env bash
# The chat page's screenshots in docs/images/frontend/ (shown in the README and docs/frontend.md): a conversation with
# a code block, a source and a fallback answer, light and dark, desktop (1280x800) and phone (390x844), in the system's
# Chromium. On demand; not part of the tests (the browser tests save their own under frontend-starter/target/).
#
#   frontend-starter/scripts/screenshots.sh [extra Maven arguments, e.g. -o]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
exec mvn -B -ntp -pl frontend-starter verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
	-Dit.test='PageReportsIT#screenshots' -Dproject51.reports=true "$@"
