// The process tests/integration/group-commit.test.ts kills mid-flush. Run as
//   node_modules/.bin/tsx --conditions=react-server tests/support/group-commit-crash-child.ts <waves.json>
// with DATABASE_URL (and the app's secrets) in its environment. It submits bets through the app's own
// gatherer (ingestBetRequest), one event per submission: the first wave is awaited (so it is
// committed before anything else happens), the others are fired a few milliseconds apart, so they
// form several groups. Each answer is printed as one JSON line as it arrives ({"ack": id, "status"}
// or {"failed": id, "message"}), then "WAVE1" once the first wave is answered and "SUBMITTED" once
// every event is handed over. The test kills it with SIGKILL; it never exits on its own.
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

import { parseEvents } from "@/lib/api/events";
import { ZBetEvent } from "@/lib/schemas/api/events";
import { configureDb } from "@/lib/server/db";
import { ingestBetRequest } from "@/lib/server/ingest/single-events";

type TWaves = { waves: Record<string, unknown>[][]; gapMs: number };

// No caller is waiting on this process: a flush held behind the test's lock must wait there (the
// request profile's 5 s lock budget would end it with a 503 before the kill).
configureDb({ waitMs: 120_000 });

const { waves, gapMs } = JSON.parse(readFileSync(process.argv[2], "utf8")) as TWaves;
const line = (value: unknown) => {
  process.stdout.write(`${typeof value === "string" ? value : JSON.stringify(value)}\n`);
};

function submit(event: Record<string, unknown>): Promise<void> {
  return ingestBetRequest(parseEvents(event, ZBetEvent)).then(
    ([result]) => line({ ack: event.id, status: result.status, code: result.error?.code ?? null }),
    (error: unknown) => line({ failed: event.id, message: error instanceof Error ? error.message : String(error) }),
  );
}

const [first, ...rest] = waves;
await Promise.all(first.map(submit));
line("WAVE1");
for (const wave of rest) {
  for (const event of wave) void submit(event);
  await sleep(gapMs);
}
line("SUBMITTED");
// Stay up until killed (the pending flushes keep the event loop busy anyway).
setInterval(() => undefined, 60_000);
