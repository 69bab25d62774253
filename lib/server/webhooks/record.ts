import "server-only";

import { DISABLE_AFTER_FAILING_MS, nextRetryAt } from "@/lib/domain/webhooks/retry";
import { Prisma } from "@/lib/generated/prisma/client";
import { PING_EVENT_TYPE } from "@/lib/schemas/webhooks";
import { logger } from "@/lib/server/logger";
import { sql } from "@/lib/server/sql-transaction";
import { isSuccess, type TDeliveryRow, type TResult } from "@/lib/server/webhooks/delivery-row";
import { isoSql } from "@/lib/server/webhooks/outbox";

// Recording webhook attempts: the attempt in the log, its delivery's new state and its endpoint's
// health, for any number of attempts in one statement. The worker's pump gathers the attempts that
// finish within RECORD_EVERY_MS and records them together (one commit for dozens of attempts instead
// of one each: at hundreds of attempts a second that was the delivery's main cost to the database
// that ingestion shares); a single attempt (a resend, a ping, a test) is a batch of one.

/** One finished attempt, to record. */
export type TAttemptRecord = { row: TDeliveryRow; attemptedAt: Date; finishedAt: Date; durationMs: number; result: TResult };

// lastSuccessAt is refreshed at most this often on a healthy endpoint.
const LAST_SUCCESS_PRECISION = "5 seconds";
const FAILING_FOR = `${DISABLE_AFTER_FAILING_MS} milliseconds`;

/**
 * Records `records` in one statement. A failure schedules the next try (lib/domain/webhooks/retry.ts)
 * or, 24 h after the event, gives up; a ping is a test and is not retried. An endpoint's health is
 * read in the order of its attempts: failing since its first failure after its last success (or
 * since before, when none succeeded), healthy when its last attempt succeeded; one whose attempts
 * have all failed for 3 days is disabled, saying why, so its admins see it (Settings → Webhooks).
 */
export async function recordAttempts(records: TAttemptRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map(({ row, attemptedAt, finishedAt, durationMs, result }) => {
    const ok = isSuccess(result.statusCode);
    const retryAt =
      ok || row.type === PING_EVENT_TYPE
        ? null
        : nextRetryAt({ failedAttempts: row.attempts + 1, now: finishedAt, eventCreatedAt: row.eventCreatedAt });
    const status = ok ? "DELIVERED" : retryAt ? "PENDING" : "FAILED";
    return { row, attemptedAt, finishedAt, durationMs, result, ok, status, nextAt: retryAt ?? finishedAt };
  });
  const column = <T>(pick: (r: (typeof rows)[number]) => T) => rows.map(pick);
  // Every SET expression reads the endpoint as it was: "failing, for 3 days already, until its last attempt".
  const isDisabling = Prisma.sql`(NOT h.any_ok AND e.enabled
    AND COALESCE(e."failingSince" <= h.last_attempted - ${FAILING_FOR}::interval, false))`;
  await sql.$executeRaw`
    WITH r AS (
      SELECT * FROM unnest(
        ${column((r) => r.row.id)}::uuid[], ${column((r) => r.row.endpointId)}::uuid[],
        ${column((r) => r.attemptedAt)}::timestamptz[], ${column((r) => r.finishedAt)}::timestamptz[],
        ${column((r) => r.durationMs)}::int[], ${column((r) => r.result.statusCode)}::int[],
        ${column((r) => r.result.error)}::text[], ${column((r) => r.result.response)}::text[],
        ${column((r) => r.ok)}::boolean[], ${column((r) => r.status)}::text[], ${column((r) => r.nextAt)}::timestamptz[]
      ) AS r(delivery_id, endpoint_id, attempted_at, finished_at, duration_ms, status_code, error, response, ok, status, next_at)
    ),
    attempt AS (
      -- Joined to the delivery: one deleted meanwhile (with its endpoint) records nothing.
      INSERT INTO "WebhookAttempt" ("deliveryId", "attemptedAt", "durationMs", "statusCode", error, response)
      SELECT d.id, r.attempted_at, r.duration_ms, r.status_code, r.error, r.response
      FROM r JOIN "WebhookDelivery" d ON d.id = r.delivery_id
    ),
    delivery AS (
      UPDATE "WebhookDelivery" d SET status = r.status::"WebhookDeliveryStatus", attempts = d.attempts + 1,
        "nextAttemptAt" = r.next_at, "lastAttemptAt" = r.attempted_at, "lastStatusCode" = r.status_code,
        "lastError" = r.error, "lastResponse" = r.response,
        "deliveredAt" = CASE WHEN r.ok THEN r.finished_at ELSE d."deliveredAt" END, "updatedAt" = now()
      FROM r WHERE d.id = r.delivery_id
    ),
    per_endpoint AS (
      SELECT endpoint_id, bool_or(ok) AS any_ok, max(finished_at) FILTER (WHERE ok) AS last_ok_at,
             max(attempted_at) FILTER (WHERE ok) AS last_ok_attempted, max(attempted_at) AS last_attempted,
             (array_agg(error ORDER BY attempted_at DESC) FILTER (WHERE NOT ok))[1] AS last_error
      FROM r GROUP BY endpoint_id
    ),
    h AS (
      -- failing_from: the first failure after the last success (NULL: the last attempt succeeded).
      SELECT p.*, (SELECT min(f.attempted_at) FROM r f
                   WHERE f.endpoint_id = p.endpoint_id AND NOT f.ok
                     AND (p.last_ok_attempted IS NULL OR f.attempted_at > p.last_ok_attempted)) AS failing_from
      FROM per_endpoint p
    ),
    -- Locked in id order: two workers recording attempts of the same endpoints never deadlock.
    locked AS (SELECT id FROM "WebhookEndpoint" WHERE id IN (SELECT endpoint_id FROM h) ORDER BY id FOR UPDATE)
    UPDATE "WebhookEndpoint" e SET
      "lastSuccessAt" = CASE WHEN h.any_ok THEN h.last_ok_at ELSE e."lastSuccessAt" END,
      "failingSince" = CASE WHEN h.failing_from IS NULL THEN NULL
                            WHEN h.any_ok THEN h.failing_from
                            ELSE COALESCE(e."failingSince", h.failing_from) END,
      enabled = e.enabled AND NOT ${isDisabling},
      "disabledReason" = CASE WHEN ${isDisabling}
        THEN 'Disabled by the worker: every delivery attempt failed for 3 days, since '
             || ${isoSql(`e."failingSince"`)} || '. Last error: ' || COALESCE(h.last_error, 'none')
        ELSE e."disabledReason" END,
      "updatedAt" = CASE WHEN ${isDisabling} THEN now() ELSE e."updatedAt" END
    FROM h JOIN locked l ON l.id = h.endpoint_id
    WHERE e.id = h.endpoint_id
      -- Written only when something changes: a busy endpoint's row is not rewritten per batch.
      AND (${isDisabling}
           OR (h.any_ok AND (e."failingSince" IS NOT NULL OR e."lastSuccessAt" IS NULL
                             OR e."lastSuccessAt" < h.last_ok_at - ${LAST_SUCCESS_PRECISION}::interval))
           OR (h.failing_from IS NOT NULL AND e."failingSince" IS NULL))`;
  for (const r of rows)
    if (r.status === "FAILED")
      logger.warn({ delivery: r.row.id, endpoint: r.row.endpointId, error: r.result.error }, "webhook delivery failed for good");
}

/** Records one attempt as it finishes; resolves once it is committed, or queued (the worker's). */
export type TRecord = (record: TAttemptRecord) => Promise<void>;

/** The single attempt's recorder: its own statement, now. */
export const recordNow: TRecord = (record) => recordAttempts([record]);

// The pump's: what finishes within this long (or this many) is recorded in one statement.
const RECORD_EVERY_MS = 50;
const RECORD_AT_MOST = 500;

/**
 * The worker's recorder: `record` queues the attempt and returns at once (the attempt's slot is free
 * for the next send; its delivery stays leased until recorded), and what is queued is recorded
 * together every RECORD_EVERY_MS (at once from RECORD_AT_MOST). A batch that fails to record is
 * logged and its deliveries sent again once their lease ends: at least once. `flush` records what is
 * queued and resolves once every batch begun has committed or failed.
 */
export function createBatchRecorder(): { record: TRecord; flush: () => Promise<void> } {
  let waiting: TAttemptRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  const recording = new Set<Promise<void>>();
  const recordWaiting = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    const done: Promise<void> = recordAttempts(batch)
      .catch((error) => logger.error({ err: error, attempts: batch.length }, "webhook attempts not recorded; sent again after their lease"))
      .finally(() => recording.delete(done));
    recording.add(done);
  };
  const record: TRecord = async (attempt) => {
    waiting.push(attempt);
    if (waiting.length >= RECORD_AT_MOST) recordWaiting();
    else timer ??= setTimeout(recordWaiting, RECORD_EVERY_MS);
  };
  const flush = async () => {
    recordWaiting();
    await Promise.all([...recording]);
  };
  return { record, flush };
}
