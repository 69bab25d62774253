#!/usr/bin/env bash
# npm test — everything: types, lint, unit, integration, the production build, browser tests, and the
# embedded-database start check. Integration and browser tests use DATABASE_URL's server when set
# (a fresh database each), else an embedded PGlite (race tests are then skipped, loudly).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }

step "typecheck"
npx --no-install tsc --noEmit
step "lint"
npx --no-install eslint . --max-warnings 0
step "unit + integration"
npx --no-install vitest run
step "build"
npm run -s build
step "browser tests (Chromium)"
npx --no-install playwright test
step "npm start on the embedded database"
bash scripts/check-embedded-start.sh
