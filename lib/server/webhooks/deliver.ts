import "server-only";

import http from "node:http";
import https from "node:https";

import { AppError } from "@/lib/domain/errors";
import type { TTarget } from "@/lib/domain/webhooks/address";
import { PING_EVENT_TYPE } from "@/lib/schemas/webhooks";
import { logger } from "@/lib/server/logger";
import { sql } from "@/lib/server/sql-transaction";
import { checkWebhookUrl } from "@/lib/server/webhooks/address";
import {
  DELIVERY_ROW_COLUMNS, isSuccess, type TDeliveryRow, type TResult,
} from "@/lib/server/webhooks/delivery-row";
import { fanOutEvents } from "@/lib/server/webhooks/fan-out";
import { isoSql } from "@/lib/server/webhooks/outbox";
import { recordNow, type TRecord } from "@/lib/server/webhooks/record";
import { activeSecrets, signatureHeader } from "@/lib/server/webhooks/signing";

// Delivery of the webhook outbox (SPEC §2 "Grants and webhooks", §7 "Outbound calls"). Each attempt
// runs outside every database transaction: a short statement reads what to send, the HTTP call holds
// no connection and no lock, and a statement records the outcome (record.ts; the worker's pump records
// the attempts that finish together in one). So a receiver that hangs costs its own attempt's 10 s
// and nothing else: ingestion and the other deliveries go on. At least once: a claimed delivery is
// leased (its nextAttemptAt pushed past the longest attempt), so two workers never send one attempt
// twice, and a worker that dies mid-attempt leaves it to be retried.
// The worker's statements run on pg directly (sql-transaction.ts), named and prepared: a busy
// endpoint takes hundreds of attempts a second, and Prisma's engine cost per statement was most of it.

export type TAttemptOutcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };
export type TAttemptOptions = { timeoutMs?: number };

/** An attempt's whole budget: address check, connect, request, response and its body. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** The most of a response body read (the rest is not waited for); and the most of it kept for the log. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
export const STORED_RESPONSE_CHARS = 2048;
const STORED_ERROR_CHARS = 500;
// Longer than any attempt (its timeout, then recording it): a leased delivery is never claimed twice.
export const LEASE_MS = ATTEMPT_TIMEOUT_MS + 20_000;
const DELIVER_DUE_CONCURRENCY = 8;

/** One attempt at one delivery, now: sent, then recorded (DELIVERED, retried later, or FAILED). */
export async function attemptDelivery(deliveryId: string, options: TAttemptOptions = {}): Promise<TAttemptOutcome> {
  const [row] = await sql.$queryRaw<TDeliveryRow[]>`
    SELECT ${DELIVERY_ROW_COLUMNS}
    FROM "WebhookDelivery" d
    JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
    JOIN "WebhookEvent" ev ON ev.id = d."eventId"
    WHERE d.id = ${deliveryId}::uuid`;
  // Deleted meanwhile (with its endpoint), or delivered by a resend's other attempt: nothing to send.
  if (!row) return { ok: false, statusCode: null, error: "This delivery no longer exists", durationMs: 0 };
  return attemptClaimed(row, options);
}

/**
 * One attempt at a delivery already read (and, by the worker, leased): sent, then recorded by
 * `record` (the worker's pump records the attempts that finish together in one statement).
 */
export async function attemptClaimed(
  row: TDeliveryRow,
  options: TAttemptOptions = {},
  record: TRecord = recordNow,
): Promise<TAttemptOutcome> {
  if (row.status !== "PENDING")
    return { ok: false, statusCode: null, error: `This delivery is ${row.status}`, durationMs: 0 };

  const attemptedAt = new Date();
  const started = performance.now();
  const result = await send(row, options.timeoutMs ?? ATTEMPT_TIMEOUT_MS);
  const durationMs = Math.round(performance.now() - started);
  await record({ row, attemptedAt, finishedAt: new Date(), durationMs, result });
  return { ok: isSuccess(result.statusCode), statusCode: result.statusCode, error: result.error, durationMs };
}

async function send(row: TDeliveryRow, timeoutMs: number): Promise<TResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = { statusCode: null, error: `Timed out after ${timeoutMs} ms`, response: null };
  const checked = await Promise.race([checkWebhookUrl(row.url), aborted(signal)]);
  if (checked === "aborted") return timedOut;
  if (!checked.ok) return { statusCode: null, error: `Address refused: ${checked.reason}`, response: null };
  // The body is the same on every attempt; the timestamp (and so the signature) is the attempt's,
  // so a receiver's replay window (Standard Webhooks: 5 minutes) holds for a retry hours later.
  const body = JSON.stringify({ type: row.type, timestamp: row.eventCreatedAt.toISOString(), data: row.data });
  const now = new Date();
  const headers = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "user-agent": "Rollover-Webhooks/1",
    "webhook-id": row.eventId,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": signatureHeader(activeSecrets(row, now), row.eventId, now, body),
  };
  return post(row.endpointId, { url: new URL(row.url), targets: checked.addresses, headers, body, signal, timedOut });
}

const aborted = (signal: AbortSignal) =>
  new Promise<"aborted">((resolve) => signal.addEventListener("abort", () => resolve("aborted"), { once: true }));

// Kept-alive connections, one pool per endpoint (and URL origin): a busy endpoint's attempts reuse a
// few connections instead of a handshake each. A connection was made to an address checked then, and
// every attempt checks the address again before it sends. Idle connections close after a few seconds.
const KEEP_ALIVE_IDLE_MS = 4_000;
const MAX_SOCKETS_PER_ENDPOINT = 16;
const MAX_AGENTS = 1_000;
const agents = new Map<string, http.Agent>();

function agentFor(endpointId: string, url: URL): http.Agent {
  const key = `${endpointId} ${url.origin}`;
  let agent = agents.get(key);
  if (!agent) {
    if (agents.size >= MAX_AGENTS) {
      for (const a of agents.values()) a.destroy();
      agents.clear();
    }
    const options: http.AgentOptions = {
      keepAlive: true,
      maxSockets: MAX_SOCKETS_PER_ENDPOINT,
      maxFreeSockets: MAX_SOCKETS_PER_ENDPOINT,
      timeout: KEEP_ALIVE_IDLE_MS,
      scheduling: "lifo",
    };
    agent = url.protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

type TPost = {
  url: URL;
  targets: TTarget[];
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  timedOut: TResult;
};

/**
 * POSTs on a kept-alive connection of the endpoint's pool; when that connection turns out to have
 * been closed by the receiver meanwhile (the usual race of keep-alive: reset before any answer), once
 * more on a fresh one, so a receiver's idle timeout never costs a retry 10 s later.
 */
async function post(endpointId: string, request: TPost): Promise<TResult> {
  const first = await postOnce(request, agentFor(endpointId, request.url));
  return first === "stale" ? ((await postOnce(request, false)) as TResult) : first;
}

/**
 * One POST to the checked addresses themselves (the lookup is pinned: no second resolution to
 * rebind), no redirect followed (node:http follows none: a 3xx is a failure), the response body read
 * up to MAX_RESPONSE_BYTES. Resolves, never rejects: "stale" when a reused connection was reset
 * before any answer.
 */
function postOnce(request: TPost, agent: http.Agent | false): Promise<TResult | "stale"> {
  const { url, targets, headers, body, signal, timedOut } = request;
  return new Promise((resolve) => {
    let statusCode: number | null = null;
    let location: string | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // `early`: the answer is taken before the response ended (an error, the cap): the connection
    // can't be reused. A response read to its end leaves it to the pool.
    const finish = (error?: unknown, early = true) => {
      if (settled) return;
      settled = true;
      if (early) req?.destroy();
      if (statusCode === null) {
        if (signal.aborted) return resolve(timedOut);
        const code = (error as { code?: string } | undefined)?.code;
        if (req?.reusedSocket && (code === "ECONNRESET" || code === "EPIPE")) return resolve("stale");
        return resolve({ statusCode: null, error: describeError(error), response: null });
      }
      // Once the status is in, it is the answer: a body cut short by the cap or the timeout is still an answer.
      resolve({ statusCode, error: statusError(statusCode, location), response: storedResponse(chunks) });
    };
    const client = url.protocol === "https:" ? https : http;
    let req: http.ClientRequest | undefined;
    try {
      req = client.request(
        url,
        {
          method: "POST",
          headers,
          agent,
          signal,
          lookup: (_host, options, callback) => {
            const cb = callback as (...args: unknown[]) => void;
            // Node asks for all addresses when it may try them in turn (autoSelectFamily): all were checked.
            if ((options as { all?: boolean }).all) cb(null, targets);
            else cb(null, targets[0].address, targets[0].family);
          },
        },
        (res) => {
          statusCode = res.statusCode ?? null;
          location = typeof res.headers.location === "string" ? res.headers.location : undefined;
          res.on("data", (chunk: Buffer) => {
            const room = MAX_RESPONSE_BYTES - size;
            chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
            size += Math.min(chunk.length, room);
            if (size >= MAX_RESPONSE_BYTES) finish();
          });
          res.on("end", () => finish(undefined, false));
          res.on("error", finish);
          res.on("close", () => finish());
        },
      );
    } catch (error) {
      return finish(error);
    }
    req.on("error", finish);
    req.end(body);
  });
}

function statusError(status: number, location: string | undefined): string | null {
  if (isSuccess(status)) return null;
  if (status >= 300 && status < 400)
    return clip(`Redirect (${status}) not followed${location ? `: ${location}` : ""}`, STORED_ERROR_CHARS);
  return `HTTP ${status}`;
}

function describeError(error: unknown): string {
  const e = error as { code?: string; message?: string } | undefined;
  if (e?.code === "ECONNREFUSED") return "Connection refused";
  if (e?.code === "ECONNRESET") return "Connection reset by the receiver";
  const text = [e?.code, e?.message].filter(Boolean).join(": ") || "The request failed";
  return clip(text, STORED_ERROR_CHARS);
}

/** What the log keeps of a response: text, no NUL (PostgreSQL's text can't hold one), ≤ 2 KiB. */
function storedResponse(chunks: Buffer[]): string | null {
  if (chunks.length === 0) return null;
  const text = Buffer.concat(chunks)
    .subarray(0, STORED_RESPONSE_CHARS * 4)
    .toString("utf8")
    .replaceAll("\u0000", "");
  return clip(text, STORED_RESPONSE_CHARS);
}

/** At most `n` UTF-16 units, never ending in half a surrogate pair. */
function clip(text: string, n: number): string {
  if (text.length <= n) return text;
  const cut = text.slice(0, n);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * Claims up to `max` due PENDING deliveries of enabled endpoints, at most `perEndpoint` of each
 * (less where `busy` says that endpoint already has attempts in flight: a slow receiver can't take
 * every slot), and leases them in the same statement (FOR UPDATE SKIP LOCKED, then nextAttemptAt
 * pushed out and committed): another worker skips them now and finds them not due afterwards.
 * Each comes with what its attempt sends, so an attempt reads nothing more.
 */
export async function claimDueDeliveries(input: {
  max: number;
  perEndpoint: number;
  busy?: Map<string, number>;
}): Promise<TDeliveryRow[]> {
  const { max, perEndpoint, busy = new Map() } = input;
  if (max <= 0) return [];
  const busyIds = [...busy.keys()];
  const rooms = busyIds.map((id) => Math.max(perEndpoint - (busy.get(id) ?? 0), 0));
  return sql.$queryRaw<TDeliveryRow[]>`
    WITH busy AS (SELECT * FROM unnest(${busyIds}::uuid[], ${rooms}::int[]) AS b(endpoint_id, room)),
    picked AS (
      SELECT x.id, x."nextAttemptAt" AS due, COALESCE(b.room, ${perEndpoint}) AS room,
             row_number() OVER (PARTITION BY e.id ORDER BY x."nextAttemptAt", x.id) AS n
      FROM "WebhookEndpoint" e
      LEFT JOIN busy b ON b.endpoint_id = e.id
      CROSS JOIN LATERAL (
        SELECT d.id, d."nextAttemptAt" FROM "WebhookDelivery" d
        WHERE d."endpointId" = e.id AND d.status = 'PENDING' AND d."nextAttemptAt" <= now()
        ORDER BY d."nextAttemptAt" LIMIT ${perEndpoint}
        FOR UPDATE SKIP LOCKED
      ) x
      WHERE e.enabled AND COALESCE(b.room, ${perEndpoint}) > 0
    ),
    chosen AS (SELECT id FROM picked WHERE n <= room ORDER BY due LIMIT ${max})
    UPDATE "WebhookDelivery" d SET "nextAttemptAt" = now() + ${`${LEASE_MS} milliseconds`}::interval
    FROM chosen c, "WebhookEndpoint" e, "WebhookEvent" ev
    WHERE d.id = c.id AND e.id = d."endpointId" AND ev.id = d."eventId"
    RETURNING ${DELIVERY_ROW_COLUMNS}`;
}

/**
 * Fans out the new events, claims the due deliveries (up to `max`) and attempts them, a few at a
 * time; resolves to how many. The worker's pump does the same continuously (lib/jobs/webhook-pump.ts).
 */
export async function deliverDue(max = 50, options: TAttemptOptions & { perEndpoint?: number } = {}): Promise<number> {
  await fanOutEvents();
  const claimed = await claimDueDeliveries({ max, perEndpoint: options.perEndpoint ?? max });
  let next = 0;
  const lane = async () => {
    while (next < claimed.length) {
      const row = claimed[next++];
      const id = row.id;
      await attemptClaimed(row, options).catch((error) =>
        logger.error({ err: error, delivery: id }, "webhook attempt failed to run"),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELIVER_DUE_CONCURRENCY, claimed.length) }, lane));
  return claimed.length;
}

/** The delivery log's resend: back to PENDING and due now (the worker sends it within a second or so). */
export async function resendDelivery(deliveryId: string): Promise<{ id: string }> {
  const [row] = await sql.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" SET status = 'PENDING', "nextAttemptAt" = now(), "updatedAt" = now()
    WHERE id = ${deliveryId}::uuid RETURNING id`;
  if (!row) throw new AppError("NOT_FOUND", "This delivery no longer exists; reload the page.");
  return row;
}

/**
 * The test button: a `ping` event and its delivery to this endpoint only (leased, so the worker
 * leaves it alone), attempted at once; the answer is what the receiver said. Not retried.
 */
export async function sendPing(endpointId: string, options: TAttemptOptions = {}): Promise<TAttemptOutcome> {
  // The event is written fanned out already: its one delivery is this one.
  const [row] = await sql.$queryRaw<{ id: string }[]>`
    WITH ev AS (
      INSERT INTO "WebhookEvent" (id, type, data, "fannedOutAt")
      SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), ${PING_EVENT_TYPE}::text,
             jsonb_build_object('endpointId', e.id::text, 'sentAt', ${isoSql("now()")}), now()
      FROM "WebhookEndpoint" e WHERE e.id = ${endpointId}::uuid
      RETURNING id
    )
    INSERT INTO "WebhookDelivery" ("eventId", "endpointId", "nextAttemptAt")
    SELECT ev.id, ${endpointId}::uuid, now() + ${`${LEASE_MS} milliseconds`}::interval FROM ev
    RETURNING id`;
  if (!row) throw new AppError("NOT_FOUND", "This endpoint no longer exists (deleted meanwhile?); reload the page.");
  return attemptDelivery(row.id, options);
}
