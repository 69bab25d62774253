#!/usr/bin/env bash
# SPEC §7 shutdown: SIGTERM to the main process of `npm start` (what a process manager or a container
# runtime sends — to that one process, not its group). Checks that a request in flight is answered,
# with "Connection: close" so its keep-alive connection ends; that a new connection is refused; that
# the worker stops gracefully; and that every process of the tree is gone within 30 s. Runs the built
# app on the embedded PGlite in a temporary data dir, like check-embedded-start.sh.
set -uo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
port=$((35000 + RANDOM % 2000))
pg_port=$((37000 + RANDOM % 2000))
log="$work/start.log"
ok=1
fail() { echo "FAIL: $*"; ok=0; }
# For the tools run beside it (scripts/local-env.ts finds the embedded database and its secrets).
local_env() { env -u DATABASE_URL -u NEXTAUTH_SECRET -u PLAYER_JWT_SECRET -u NEXTAUTH_URL \
  ROLLOVER_DATA_DIR="$work/data" ROLLOVER_PG_PORT="$pg_port" "$@"; }

env -u DATABASE_URL -u NEXTAUTH_SECRET -u PLAYER_JWT_SECRET -u NEXTAUTH_URL \
  ROLLOVER_DATA_DIR="$work/data" PORT="$port" ROLLOVER_PG_PORT="$pg_port" \
  setsid npm start >"$log" 2>&1 &
pid=$! # npm itself: setsid makes it the leader of a new group, so the group is the whole tree

up=0
for _ in $(seq 1 240); do
  if grep -q "worker started" "$log" && curl -fsS "http://127.0.0.1:$port/sign-in" 2>/dev/null | grep -q "Sign in to the promotions back office"; then up=1; break; fi
  if ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
[ "$up" = 1 ] || fail "npm start did not come up (sign-in page and worker)"

if [ "$up" = 1 ]; then
  key=$(local_env npm run -s apikey:create -- --name "sigterm check" 2>>"$log" | tail -1)
  [ -n "$key" ] || fail "could not create an API key"

  # The request in flight: a batch of bets (for a player the platform hasn't sent, so each comes back
  # rejected — still a 200) on a keep-alive connection, half its body now and the rest 4 s later,
  # around the signal. Reports the status, the Connection header, and whether the server then closed
  # the connection.
  node - "$port" "$key" >"$work/inflight.json" 2>&1 <<'JS' &
const http = require("node:http");
const [port, key] = process.argv.slice(2);
const at = new Date().toISOString();
const events = Array.from({ length: 60 }, (_, i) => ({ id: `sigterm_${process.pid}_${i}`, userId: 999999001, gameId: 999999001,
  currencyId: "USDT", amount: "1.00", usdAmount: "1.00", payout: "0", payoutMultiplier: "0", createdAt: at }));
const body = Buffer.from(JSON.stringify({ events }));
const agent = new http.Agent({ keepAlive: true });
const headers = { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": body.length };
const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/v1/events/bets", agent, headers }, (res) => {
  const socket = res.socket;
  res.resume();
  res.on("end", () => {
    const report = (closed) => { console.log(JSON.stringify({ status: res.statusCode, connection: res.headers.connection, closed })); process.exit(0); };
    if (socket.destroyed) return report(true);
    socket.once("close", () => report(true));
    setTimeout(() => report(socket.destroyed), 2000);
  });
});
req.on("error", (e) => { console.log(JSON.stringify({ error: e.message })); process.exit(0); });
req.write(body.subarray(0, body.length >> 1));
setTimeout(() => req.end(body.subarray(body.length >> 1)), 4000);
JS
  client_pid=$!
  sleep 1

  started=$(date +%s%N)
  kill -TERM "$pid"
  sleep 1
  if curl -sS -o /dev/null --max-time 3 "http://127.0.0.1:$port/sign-in" 2>/dev/null; then
    fail "a new connection was served 1 s after SIGTERM"
  fi

  gone=0
  for _ in $(seq 1 350); do
    if [ "$(pgrep -g "$pid" | wc -l)" = 0 ]; then gone=1; break; fi
    sleep 0.1
  done
  elapsed_ms=$((($(date +%s%N) - started) / 1000000))
  if [ "$gone" = 1 ] && [ "$elapsed_ms" -le 30000 ]; then
    echo "every process of npm start exited $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s after SIGTERM"
  else
    fail "processes still running $((elapsed_ms / 1000)) s after SIGTERM:"; ps -o pid,stat,args -g "$pid"
  fi

  wait "$client_pid"
  inflight=$(cat "$work/inflight.json")
  echo "in-flight request: $inflight"
  case "$inflight" in
    *'"status":200'*'"connection":"close"'*'"closed":true'*) ;;
    *) fail "the request in flight was not answered 200 with its keep-alive connection closed" ;;
  esac
  grep -q "worker stopped" "$log" || fail "the worker did not stop gracefully (no \"worker stopped\" in its log)"
fi

if [ "$(pgrep -g "$pid" | wc -l)" != 0 ]; then pkill -9 -g "$pid"; fi

if [ "$ok" = 1 ]; then
  echo "SIGTERM: OK (in-flight request answered 200 with Connection: close; new connections refused; worker stopped; all exited)"
  rm -rf "$work"
  exit 0
fi
echo "SIGTERM: FAILED; log follows"
cat "$log"
exit 1
