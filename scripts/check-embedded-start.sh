#!/usr/bin/env bash
# Checks that `npm start` with no DATABASE_URL comes up on the embedded PostgreSQL (PGlite), serves
# the sign-in page, and that Ctrl-C (SIGINT) stops every child process.
set -uo pipefail
cd "$(dirname "$0")/.."

data_dir=$(mktemp -d)
port=$((31000 + RANDOM % 2000))
pg_port=$((33000 + RANDOM % 2000))
log="$data_dir/start.log"

env -u DATABASE_URL -u NEXTAUTH_SECRET -u PLAYER_JWT_SECRET -u NEXTAUTH_URL \
  ROLLOVER_DATA_DIR="$data_dir" PORT="$port" ROLLOVER_PG_PORT="$pg_port" \
  setsid ${NPM_CMD:-npm} start >"$log" 2>&1 &
pid=$!

ok=0
# A first start in a fresh checkout builds the app first: START_TIMEOUT gives it longer.
for _ in $(seq 1 "${START_TIMEOUT:-180}"); do
  if curl -fsS "http://127.0.0.1:$port/sign-in" 2>/dev/null | grep -q "Sign in to the promotions back office"; then ok=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done

if [ "$ok" = 1 ]; then
  grep -q "admin@rollover.local" "$log" || { echo "FAIL: demo sign-ins were not printed"; ok=0; }
  [ -f "$data_dir/secrets.json" ] || { echo "FAIL: secrets were not kept under the data dir"; ok=0; }
fi

# Ctrl-C goes to the whole process group, as a terminal would send it.
kill -INT -- "-$pid" 2>/dev/null
# Every process of the group must be gone within 60 s (the worker finishes its jobs gracefully).
for _ in $(seq 1 60); do [ "$(pgrep -g "$pid" | wc -l)" = 0 ] && break; sleep 1; done
left=$(pgrep -g "$pid" | wc -l)
if [ "$left" != 0 ]; then
  echo "FAIL: $left processes still running 60 s after Ctrl-C:"; ps -o pid,stat,args -g "$pid"
  pkill -9 -g "$pid"; ok=0
fi

if [ "$ok" = 1 ]; then
  echo "embedded start: OK (sign-in page served on :$port from PGlite; Ctrl-C stopped everything)"
  rm -rf "$data_dir"
  exit 0
fi
echo "embedded start: FAILED; log follows"
cat "$log"
exit 1
