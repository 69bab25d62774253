import "server-only";

import { sql } from "@/lib/server/sql-transaction";

// The outbox's fan-out, run by the worker just before it claims what is due (SPEC §2: first
// attempt within 5 s). The causing transaction wrote the event row only (outbox.ts); here each event
// not yet fanned out gets one delivery per endpoint that is enabled and subscribed to its type now,
// and is stamped, in one statement. Events are taken FOR UPDATE SKIP LOCKED, so two workers fan out
// disjoint events and an event is fanned out once; the unique (event, endpoint) pair is the backstop.
// An endpoint created or enabled between the commit and the fan-out (about a second) gets the event
// too; one disabled meanwhile doesn't, as it would not be sent to anyway.

/** Events fanned out per statement; the next call (the pump calls again while it found work) takes the rest. */
export const FAN_OUT_BATCH = 2_000;

/** Fans out up to `max` events, oldest first; resolves to how many events and deliveries that made. */
export async function fanOutEvents(max = FAN_OUT_BATCH): Promise<{ events: number; deliveries: number }> {
  const [row] = await sql.$queryRaw<{ events: number; deliveries: number }[]>`
    WITH batch AS (
      SELECT id, type FROM "WebhookEvent"
      WHERE "fannedOutAt" IS NULL
      ORDER BY "createdAt"
      LIMIT ${max}
      FOR UPDATE SKIP LOCKED
    ),
    stamped AS (
      UPDATE "WebhookEvent" ev SET "fannedOutAt" = now() FROM batch b WHERE ev.id = b.id
    ),
    made AS (
      INSERT INTO "WebhookDelivery" ("eventId", "endpointId")
      SELECT b.id, e.id FROM batch b
      JOIN "WebhookEndpoint" e ON e.enabled AND b.type = ANY (e."eventTypes")
      ORDER BY 1, 2
      ON CONFLICT ("eventId", "endpointId") DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM batch)::int AS events, (SELECT count(*) FROM made)::int AS deliveries`;
  return row;
}
