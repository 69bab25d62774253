import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import {
  WEBHOOK_EVENT_TYPES,
  type TWebhookDeliveryQuery,
  type TWebhookDeliveryStatus,
  type TWebhookEventType,
} from "@/lib/schemas/webhooks";
import { db } from "@/lib/server/db";

// Settings → Webhooks (ADMIN; the pages check the permission): the endpoints with their health, and
// each endpoint's delivery log. Secrets never leave this module: no DTO carries one.

export const DELIVERIES_PAGE_SIZE = 50;
/** How much of a receiver's answer a page shows (the worker stores at most 64 KiB of it). */
export const RESPONSE_SHOWN_CHARS = 4000;
/** The attempts a delivery's page lists, newest first (a delivery retried for 24 h has about 30). */
const ATTEMPTS_SHOWN = 100;

/** What the health badge says: disabled (and why), failing since when (and how many deliveries), or healthy. */
export type TWebhookHealth =
  | { state: "healthy" }
  | { state: "failing"; since: string; failedDeliveries: number }
  | { state: "disabled"; reason: string | null };

type TEndpointRow = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  lastSuccessAt: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
  failedDeliveries: number;
};

// The columns every endpoint DTO is made of (never the secrets). "Failed deliveries" are those tried
// since the endpoint began failing and not delivered: what the badge counts.
const ENDPOINT_COLUMNS = Prisma.sql`
  e.id, e.url, e.description, e."eventTypes", e.enabled, e."disabledReason", e."failingSince", e."lastSuccessAt",
  CASE WHEN e."previousSecretExpiresAt" > now() THEN e."previousSecretExpiresAt" END AS "previousSecretExpiresAt",
  e."createdAt", u.username AS "createdBy",
  CASE WHEN e."failingSince" IS NULL THEN 0 ELSE (
    SELECT count(*)::int FROM "WebhookDelivery" d
    WHERE d."endpointId" = e.id AND d.status <> 'DELIVERED' AND d.attempts > 0 AND d."lastAttemptAt" >= e."failingSince"
  ) END AS "failedDeliveries"`;

const isEventType = (t: string): t is TWebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t);

function health(r: TEndpointRow): TWebhookHealth {
  if (!r.enabled) return { state: "disabled", reason: r.disabledReason };
  if (r.failingSince) return { state: "failing", since: r.failingSince.toISOString(), failedDeliveries: r.failedDeliveries };
  return { state: "healthy" };
}

function toEndpointDto(r: TEndpointRow) {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    eventTypes: r.eventTypes.filter(isEventType),
    enabled: r.enabled,
    health: health(r),
    lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
    /** Until when the secret before the last rotation still signs (null when it no longer does). */
    previousSecretExpiresAt: r.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy ?? "command line",
  };
}
export type TWebhookEndpointDto = ReturnType<typeof toEndpointDto>;

/** Every endpoint, oldest first (there are a handful). */
export async function listWebhookEndpoints(): Promise<TWebhookEndpointDto[]> {
  const rows = await db.$queryRaw<TEndpointRow[]>`
    SELECT ${ENDPOINT_COLUMNS}
    FROM "WebhookEndpoint" e LEFT JOIN "User" u ON u.id = e."createdById"
    ORDER BY e."createdAt", e.id`;
  return rows.map(toEndpointDto);
}

export async function getWebhookEndpoint(id: string): Promise<TWebhookEndpointDto | null> {
  const [row] = await db.$queryRaw<TEndpointRow[]>`
    SELECT ${ENDPOINT_COLUMNS}
    FROM "WebhookEndpoint" e LEFT JOIN "User" u ON u.id = e."createdById"
    WHERE e.id = ${id}::uuid`;
  return row ? toEndpointDto(row) : null;
}

type TDeliveryRow = {
  id: string;
  eventId: string;
  type: string;
  status: TWebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

function toDeliveryDto(r: TDeliveryRow) {
  return {
    id: r.id,
    /** The `webhook-id` header: the event's id, the same on every attempt. */
    webhookId: r.eventId,
    type: r.type,
    status: r.status,
    attempts: r.attempts,
    // Only a pending delivery has a next attempt.
    nextAttemptAt: r.status === "PENDING" ? r.nextAttemptAt.toISOString() : null,
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
export type TWebhookDeliveryDto = ReturnType<typeof toDeliveryDto>;

/** One endpoint's deliveries, newest first, 50 a page, filtered by status and event type; `total` counts every match. */
export async function listWebhookDeliveries(endpointId: string, q: TWebhookDeliveryQuery) {
  const where: Prisma.Sql[] = [Prisma.sql`d."endpointId" = ${endpointId}::uuid`];
  if (q.status) where.push(Prisma.sql`d.status = ${q.status}::"WebhookDeliveryStatus"`);
  if (q.type) where.push(Prisma.sql`ev.type = ${q.type}`);
  const cond = Prisma.join(where, " AND ");
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<TDeliveryRow[]>`
      SELECT d.id, d."eventId", ev.type, d.status, d.attempts, d."nextAttemptAt", d."lastAttemptAt", d."lastStatusCode",
             left(d."lastError", 300) AS "lastError", d."deliveredAt", d."createdAt"
      FROM "WebhookDelivery" d JOIN "WebhookEvent" ev ON ev.id = d."eventId"
      WHERE ${cond}
      ORDER BY d."createdAt" DESC, d.id DESC
      LIMIT ${DELIVERIES_PAGE_SIZE} OFFSET ${(q.page - 1) * DELIVERIES_PAGE_SIZE}`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM "WebhookDelivery" d JOIN "WebhookEvent" ev ON ev.id = d."eventId" WHERE ${cond}`,
  ]);
  return { rows: rows.map(toDeliveryDto), total, page: q.page, pageSize: DELIVERIES_PAGE_SIZE };
}

/**
 * One delivery of `endpointId` with its event's payload, the receiver's last answer and the attempts
 * (newest first); texts are cut to what a page shows and rendered as text, never as markup.
 */
export async function getWebhookDelivery(endpointId: string, deliveryId: string) {
  const [row] = await db.$queryRaw<(TDeliveryRow & { lastResponse: string | null; responseChars: number | null; data: unknown; eventAt: Date })[]>`
    SELECT d.id, d."eventId", ev.type, d.status, d.attempts, d."nextAttemptAt", d."lastAttemptAt", d."lastStatusCode",
           left(d."lastError", 2000) AS "lastError", d."deliveredAt", d."createdAt",
           left(d."lastResponse", ${RESPONSE_SHOWN_CHARS}) AS "lastResponse", length(d."lastResponse") AS "responseChars",
           ev.data, ev."createdAt" AS "eventAt"
    FROM "WebhookDelivery" d JOIN "WebhookEvent" ev ON ev.id = d."eventId"
    WHERE d.id = ${deliveryId}::uuid AND d."endpointId" = ${endpointId}::uuid`;
  if (!row) return null;
  const attempts = await db.$queryRaw<
    { id: bigint; attemptedAt: Date; durationMs: number; statusCode: number | null; error: string | null; response: string | null; responseChars: number | null }[]
  >`
    SELECT a.id, a."attemptedAt", a."durationMs", a."statusCode", left(a.error, 2000) AS error,
           left(a.response, ${RESPONSE_SHOWN_CHARS}) AS response, length(a.response) AS "responseChars"
    FROM "WebhookAttempt" a WHERE a."deliveryId" = ${deliveryId}::uuid
    ORDER BY a."attemptedAt" DESC, a.id DESC LIMIT ${ATTEMPTS_SHOWN}`;
  return {
    ...toDeliveryDto(row),
    eventAt: row.eventAt.toISOString(),
    payload: JSON.stringify(row.data, null, 2).slice(0, RESPONSE_SHOWN_CHARS),
    lastResponse: row.lastResponse,
    lastResponseCut: (row.responseChars ?? 0) > RESPONSE_SHOWN_CHARS,
    attemptRows: attempts.map((a) => ({
      id: a.id.toString(),
      attemptedAt: a.attemptedAt.toISOString(),
      durationMs: a.durationMs,
      statusCode: a.statusCode,
      error: a.error,
      response: a.response,
      responseCut: (a.responseChars ?? 0) > RESPONSE_SHOWN_CHARS,
    })),
  };
}
export type TWebhookDeliveryDetail = NonNullable<Awaited<ReturnType<typeof getWebhookDelivery>>>;
