#!/usr/bin/env bash
# Lighthouse on the chat page, mobile and desktop, in the system's Chromium: writes docs/lighthouse.md (scores,
# metrics, the audits that did not pass) and the full HTML/JSON reports under frontend-starter/target/lighthouse/.
# Fails when accessibility or best practices is below 100, or performance below 95. On demand; not part of the tests.
#
#   frontend-starter/scripts/lighthouse.sh [extra Maven arguments, e.g. -o]
#
# Needs Node.js 18.16+ with npm (Lighthouse 12 from the npm registry, src/test/lighthouse/package-lock.json) and
# Chromium (CHROME_PATH, default /usr/bin/chromium). Lighthouse never downloads a browser.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
(cd frontend-starter/src/test/lighthouse && npm ci --no-audit --no-fund --prefer-offline)
exec mvn -B -ntp -pl frontend-starter verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
	-Dit.test='PageReportsIT#lighthouse' -Dproject51.reports=true "$@"
