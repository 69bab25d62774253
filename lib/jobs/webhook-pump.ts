import "server-only";

import { logger } from "@/lib/server/logger";
import { attemptClaimed, claimDueDeliveries, type TAttemptOptions } from "@/lib/server/webhooks/deliver";
import type { TDeliveryRow } from "@/lib/server/webhooks/delivery-row";
import { FAN_OUT_BATCH, fanOutEvents } from "@/lib/server/webhooks/fan-out";
import { createBatchRecorder } from "@/lib/server/webhooks/record";

// The worker's webhook delivery loop (SPEC §2: first attempt within 5 s of the commit). pg-boss
// schedules by the minute, so like the rank cache this runs on a timer: each tick fans out the new
// events (at most every FAN_OUT_EVERY_MS, sooner while a backlog remains), claims what is due
// (leased in the database, so any number of workers can run it) and starts the attempts without
// waiting for the ones in flight; their outcomes are recorded in batches. A receiver that hangs
// holds at most PER_ENDPOINT of the CAPACITY slots for its 10 s timeouts; the other endpoints'
// deliveries keep flowing past it.

const TICK_MS = 250;
const FAN_OUT_EVERY_MS = 100;
const CAPACITY = 32;
const PER_ENDPOINT = 8;

export type TWebhookPump = { stop: () => Promise<void>; tick: () => Promise<void> };

export function startWebhookPump(
  options: TAttemptOptions & { tickMs?: number; capacity?: number; perEndpoint?: number } = {},
): TWebhookPump {
  const { tickMs = TICK_MS, capacity = CAPACITY, perEndpoint = PER_ENDPOINT, ...attemptOptions } = options;
  const busy = new Map<string, number>(); // endpoint id → its attempts in flight
  // The attempts that finish together are recorded in one statement (record.ts).
  const recorder = createBatchRecorder();
  const inFlight = new Set<Promise<void>>();
  let claiming: Promise<void> | undefined;
  let isStopped = false;
  // The last claim found something due: more may be (a backlog, or an endpoint at its per-endpoint
  // cap), so each attempt that finishes claims again at once instead of waiting for the next tick.
  let mayHaveMore = false;

  let lastFanOut = -Infinity;
  let fanOutBacklog = false;

  const launch = (row: TDeliveryRow) => {
    const { endpointId } = row;
    busy.set(endpointId, (busy.get(endpointId) ?? 0) + 1);
    const attempt: Promise<void> = attemptClaimed(row, attemptOptions, recorder.record)
      .then(() => undefined)
      .catch((error) => logger.error({ err: error, delivery: row.id }, "webhook attempt failed to run"))
      .finally(() => {
        inFlight.delete(attempt);
        const left = (busy.get(endpointId) ?? 1) - 1;
        if (left > 0) busy.set(endpointId, left);
        else busy.delete(endpointId);
        if (mayHaveMore) void tick();
      });
    inFlight.add(attempt);
  };

  // The claims between two fan-outs (one per finished attempt while busy) don't each fan out too.
  const fanOutWhenDue = async () => {
    if (!fanOutBacklog && performance.now() - lastFanOut < FAN_OUT_EVERY_MS) return;
    lastFanOut = performance.now();
    fanOutBacklog = (await fanOutEvents()).events === FAN_OUT_BATCH;
  };

  const tick = (): Promise<void> => {
    if (isStopped || claiming) return claiming ?? Promise.resolve();
    const free = capacity - inFlight.size;
    if (free <= 0) return Promise.resolve();
    claiming = fanOutWhenDue()
      .then(() => claimDueDeliveries({ max: free, perEndpoint, busy }))
      .then((claimed) => {
        mayHaveMore = claimed.length > 0 || fanOutBacklog;
        for (const row of claimed) launch(row);
      })
      .catch((error) => logger.error({ err: error }, "webhook claim failed"))
      .finally(() => (claiming = undefined));
    return claiming;
  };

  const timer = setInterval(() => void tick(), tickMs);
  return {
    tick,
    // No new claims; the attempts in flight finish (each bounded by its timeout) and are recorded.
    stop: async () => {
      isStopped = true;
      clearInterval(timer);
      await claiming;
      await Promise.all([...inFlight]);
      await recorder.flush();
    },
  };
}
