import "server-only";

import { logger } from "@/lib/server/logger";
import { attemptDelivery, claimDueDeliveries, type TAttemptOptions } from "@/lib/server/webhooks/deliver";

// The worker's webhook delivery loop (SPEC §2: first attempt within 5 s of the commit). pg-boss
// schedules by the minute, so like the rank cache this runs on a timer: each tick claims what is due
// (leased in the database, so any number of workers can run it) and starts the attempts without
// waiting for the ones in flight. A receiver that hangs holds at most PER_ENDPOINT of the CAPACITY
// slots for its 10 s timeouts; the other endpoints' deliveries keep flowing past it.

const TICK_MS = 1_000;
const CAPACITY = 32;
const PER_ENDPOINT = 4;

export type TWebhookPump = { stop: () => Promise<void>; tick: () => Promise<void> };

export function startWebhookPump(
  options: TAttemptOptions & { tickMs?: number; capacity?: number; perEndpoint?: number } = {},
): TWebhookPump {
  const { tickMs = TICK_MS, capacity = CAPACITY, perEndpoint = PER_ENDPOINT, ...attemptOptions } = options;
  const busy = new Map<string, number>(); // endpoint id → its attempts in flight
  const inFlight = new Set<Promise<void>>();
  let claiming: Promise<void> | undefined;
  let isStopped = false;
  // The last claim found something due: more may be (a backlog, or an endpoint at its per-endpoint
  // cap), so each attempt that finishes claims again at once instead of waiting for the next tick.
  let mayHaveMore = false;

  const launch = (id: string, endpointId: string) => {
    busy.set(endpointId, (busy.get(endpointId) ?? 0) + 1);
    const attempt: Promise<void> = attemptDelivery(id, attemptOptions)
      .then(() => undefined)
      .catch((error) => logger.error({ err: error, delivery: id }, "webhook attempt failed to run"))
      .finally(() => {
        inFlight.delete(attempt);
        const left = (busy.get(endpointId) ?? 1) - 1;
        if (left > 0) busy.set(endpointId, left);
        else busy.delete(endpointId);
        if (mayHaveMore) void tick();
      });
    inFlight.add(attempt);
  };

  const tick = (): Promise<void> => {
    if (isStopped || claiming) return claiming ?? Promise.resolve();
    const free = capacity - inFlight.size;
    if (free <= 0) return Promise.resolve();
    claiming = claimDueDeliveries({ max: free, perEndpoint, busy })
      .then((claimed) => {
        mayHaveMore = claimed.length > 0;
        for (const c of claimed) launch(c.id, c.endpointId);
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
    },
  };
}
