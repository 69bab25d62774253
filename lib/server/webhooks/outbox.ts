import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { MARKETING_EVENT_TYPES, type TWebhookEventType } from "@/lib/schemas/webhooks";
import { playerTakesPartText } from "@/lib/server/players/takes-part";

// The webhook outbox (SPEC §2 "Grants and webhooks"): each state change writes its event in the
// transaction that caused it — a rolled-back transaction sends nothing. The worker then fans each
// event out to the enabled endpoints subscribed to its type, one WebhookDelivery each, and delivers
// them (lib/server/webhooks/fan-out.ts, deliver.ts): the causing transaction writes one row per
// event and nothing per endpoint, so three endpoints cost a bet batch what one does. Written as
// common table expressions so the hot paths add their events to a statement they already run,
// set-based: a bet batch crossing 500 thresholds writes 500 events in the one statement. When no
// enabled endpoint subscribes to the type the gate below is false once for the statement and
// nothing of the source is even read.

/**
 * A CTE (named `${name}_events`) that writes one event of `type` for each row `source` selects,
 * with columns `user_id int`, `dedupe_key text` (NULL, or a key that makes the event once-only: a
 * second write of it is skipped) and `data jsonb` (the payload's data, built with the SQL helpers
 * below so amounts are strings and times ISO 8601 UTC). Marketing types skip players who don't take
 * part now (blocked, paused, opted out).
 */
export function outboxCtesSql(type: TWebhookEventType, source: Prisma.Sql, name = "outbox"): Prisma.Sql {
  const events = Prisma.raw(`${name}_events`);
  const marketing = MARKETING_EVENT_TYPES.includes(type)
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "User" mu WHERE mu.id = s.user_id AND ${Prisma.raw(playerTakesPartText("mu", "now()"))})`
    : Prisma.empty;
  return Prisma.sql`
    ${events} AS (
      INSERT INTO "WebhookEvent" (id, type, "userId", "dedupeKey", data)
      SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), ${type}, s.user_id, s.dedupe_key, s.data
      FROM (${source}) s
      WHERE ${webhookSubscribedSql(type)}
        ${marketing}
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING id
    )`;
}

/** "An enabled endpoint subscribes to `type`": the outbox's gate, also read by a caller that skips the write when false. */
export function webhookSubscribedSql(type: TWebhookEventType): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "WebhookEndpoint" e WHERE e.enabled AND ${type} = ANY (e."eventTypes"))`;
}

/** The outbox write as a statement of its own, for callers with nothing else to add it to. */
export function outboxStatementSql(type: TWebhookEventType, source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`WITH ${outboxCtesSql(type, source)} SELECT count(*)::int AS written FROM outbox_events`;
}

type TRawRunner = { $executeRaw(query: Prisma.Sql): PromiseLike<number> };

/** Writes events of one type from values computed in TypeScript (a few rows: a claim, a commission claim). */
export async function writeWebhookEvents(
  tx: TRawRunner,
  type: TWebhookEventType,
  rows: { userId: number | null; dedupeKey?: string | null; data: Record<string, unknown> }[],
): Promise<void> {
  if (rows.length === 0) return;
  const source = Prisma.sql`
    SELECT * FROM unnest(${rows.map((r) => r.userId)}::int[], ${rows.map((r) => r.dedupeKey ?? null)}::text[],
                         ${rows.map((r) => JSON.stringify(r.data))}::jsonb[]) AS r(user_id, dedupe_key, data)`;
  await tx.$executeRaw(outboxStatementSql(type, source));
}

/** A timestamptz as the payloads' ISO 8601 UTC text (e.g. 2026-12-03T10:00:00.000Z); NULL stays NULL. */
export function isoSql(expr: Prisma.Sql | string): Prisma.Sql {
  const e = typeof expr === "string" ? Prisma.raw(expr) : expr;
  return Prisma.sql`to_char((${e}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** An amount as text at its currency's scale, rounded down (the one money rule). */
export function amountTextSql(amount: Prisma.Sql | string, currency: Prisma.Sql | string): Prisma.Sql {
  const a = typeof amount === "string" ? Prisma.raw(amount) : amount;
  const c = typeof currency === "string" ? Prisma.raw(currency) : currency;
  return Prisma.sql`round_down_currency(${a}, ${c})::text`;
}

/** USD as text, rounded down to cents. */
export function usdTextSql(usd: Prisma.Sql | string): Prisma.Sql {
  return amountTextSql(usd, Prisma.sql`'USD'::"CurrencyId"`);
}
