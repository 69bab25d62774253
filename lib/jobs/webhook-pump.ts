import "server-only";

import { logger } from "@/lib/server/logger";
import { ATTEMPT_TIMEOUT_MS, attemptClaimed, claimDueDeliveries, LEASE_MS, type TAttemptOptions } from "@/lib/server/webhooks/deliver";
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
//
// A claim takes up to PER_ENDPOINT more of an endpoint's due deliveries than it has slots for, and
// keeps them queued here: a finished attempt starts the next one at once, without waiting for a
// claim statement (which, with the database busy with ingestion, took longer than the attempts —
// the bench's deliveries waited 2.4 s between fan-out and their attempt). A queued delivery is
// still leased; one that waited too long for its endpoint's slot (a hanging receiver) is dropped
// before its lease could run out during its attempt, and another claim takes it again later.

const TICK_MS = 250;
const FAN_OUT_EVERY_MS = 100;
const CAPACITY = 64;
const PER_ENDPOINT = 16;
// After an attempt finishes, the next claim waits this long for others to finish too: one claim
// statement then refills several slots instead of one statement per finished attempt.
const REFILL_AFTER_MS = 20;
// A queued delivery starts by then or not at all: its lease must outlast the attempt and its record.
const START_WITHIN_MS = LEASE_MS - ATTEMPT_TIMEOUT_MS - 10_000;

export type TWebhookPump = { stop: () => Promise<void>; tick: () => Promise<void> };

export function startWebhookPump(
  options: TAttemptOptions & { tickMs?: number; capacity?: number; perEndpoint?: number } = {},
): TWebhookPump {
  const { tickMs = TICK_MS, capacity = CAPACITY, perEndpoint = PER_ENDPOINT, ...attemptOptions } = options;
  const busy = new Map<string, number>(); // endpoint id → its attempts in flight
  const queued = new Map<string, { row: TDeliveryRow; claimedAt: number }[]>(); // claimed, not started
  // The attempts that finish together are recorded in one statement (record.ts).
  const recorder = createBatchRecorder();
  const inFlight = new Set<Promise<void>>();
  let claiming: Promise<void> | undefined;
  let isStopped = false;
  // The last claim found something due: more may be (a backlog, or an endpoint at its per-endpoint
  // cap), so finished attempts claim again soon instead of waiting for the next tick.
  let mayHaveMore = false;
  let refill: ReturnType<typeof setTimeout> | undefined;
  const refillSoon = () => {
    refill ??= setTimeout(() => {
      refill = undefined;
      void tick();
    }, REFILL_AFTER_MS);
  };

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
        startQueued();
        if (mayHaveMore) refillSoon();
      });
    inFlight.add(attempt);
  };

  // Queued deliveries into the free slots: every endpoint's, since a slot freed by one endpoint may
  // be the one another's queue waited for (all CAPACITY slots taken).
  const startQueued = () => {
    for (const [endpointId, queue] of queued) {
      while (!isStopped && queue.length > 0 && (busy.get(endpointId) ?? 0) < perEndpoint && inFlight.size < capacity) {
        const { row, claimedAt } = queue.shift()!;
        if (performance.now() - claimedAt <= START_WITHIN_MS) launch(row);
      }
      if (queue.length === 0) queued.delete(endpointId);
    }
  };

  // The claims between two fan-outs (one per finished attempt while busy) don't each fan out too.
  const fanOutWhenDue = async () => {
    if (!fanOutBacklog && performance.now() - lastFanOut < FAN_OUT_EVERY_MS) return;
    lastFanOut = performance.now();
    fanOutBacklog = (await fanOutEvents()).events === FAN_OUT_BATCH;
  };

  const tick = (): Promise<void> => {
    if (isStopped || claiming) return claiming ?? Promise.resolve();
    // What each endpoint holds (in flight and queued), and room for twice the slots in all.
    const held = new Map(busy);
    let holding = inFlight.size;
    for (const [id, queue] of queued) {
      held.set(id, (held.get(id) ?? 0) + queue.length);
      holding += queue.length;
    }
    const free = 2 * capacity - holding;
    if (free <= 0) return Promise.resolve();
    claiming = fanOutWhenDue()
      .then(() => claimDueDeliveries({ max: free, perEndpoint: 2 * perEndpoint, busy: held }))
      .then((claimed) => {
        const claimedAt = performance.now();
        for (const row of claimed) {
          const queue = queued.get(row.endpointId) ?? [];
          queue.push({ row, claimedAt });
          queued.set(row.endpointId, queue);
        }
        startQueued();
        // Still queued: its endpoint was full, so more of it may be due than this claim had room for.
        mayHaveMore = claimed.length > 0 || fanOutBacklog || queued.size > 0;
      })
      .catch((error) => logger.error({ err: error }, "webhook claim failed"))
      .finally(() => {
        claiming = undefined;
        // Ticks that came while this claim ran were dropped: one more, soon, while there may be more.
        if (mayHaveMore && !isStopped) refillSoon();
      });
    return claiming;
  };

  const timer = setInterval(() => void tick(), tickMs);
  return {
    tick,
    // No new claims or starts (queued deliveries stay leased and are claimed again after it); the
    // attempts in flight finish (each bounded by its timeout) and are recorded.
    stop: async () => {
      isStopped = true;
      clearInterval(timer);
      clearTimeout(refill);
      await claiming;
      queued.clear();
      await Promise.all([...inFlight]);
      await recorder.flush();
    },
  };
}
