#!/usr/bin/env bash
# npm test — everything: types, lint, unit, integration, the production build, browser tests, the
# embedded-database start check and the SIGTERM shutdown check. Integration and browser tests use
# DATABASE_URL's server when set (a fresh database each), else an embedded PGlite (race tests are
# then skipped, loudly).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

# First, so that a machine without a browser learns it in seconds, not after the build.
step "browser for the browser tests"
# Finds a Chromium (CHROMIUM_PATH, Playwright's, the system's) or installs one; one clear line if it can't.
CHROMIUM_PATH=$(node --import tsx scripts/find-chromium.ts)
export CHROMIUM_PATH
echo "browser: $CHROMIUM_PATH"
step "typecheck"
npx --no-install tsc --noEmit
step "lint"
npx --no-install eslint . --max-warnings 0
step "OpenAPI: regenerate the document and client types, lint the document (recommended-strict: any warning fails)"
# Exit 3: the types tsc checked above were stale; they are regenerated now, so typecheck again.
openapi_status=0
npx --no-install tsx scripts/openapi-write.ts --check || openapi_status=$?
if [ "$openapi_status" -eq 3 ]; then npx --no-install tsc --noEmit; elif [ "$openapi_status" -ne 0 ]; then exit "$openapi_status"; fi
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint --config redocly.yaml
step "unit + integration"
npx --no-install vitest run
step "build"
npm run -s build
step "browser tests (Chromium)"
npx --no-install playwright test
step "npm start on the embedded database"
bash scripts/check-embedded-start.sh
step "SIGTERM to npm start: drain and exit within 30 s"
bash scripts/check-sigterm.sh
