import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { isoSql, outboxStatementSql, usdTextSql } from "@/lib/server/webhooks/outbox";

// bonus.expiring (SPEC §2 "Grants and webhooks"): once per ACTIVE bonus, when its expiry is within
// the next 24 h — the worker runs this every minute, so "24 h before" to the minute — and never for
// a bonus that runs less than 48 h (it would warn half-way or sooner). Marketing: the outbox leaves
// out players who don't take part when it is written, and writes nothing when no endpoint subscribes.

const NOTICE = "24 hours";
const SHORTEST_WINDOW = "48 hours";

/** Writes the due bonus.expiring events; resolves to how many were written. */
export async function writeExpiringEvents(now: Date = new Date()): Promise<number> {
  // The dedupe key makes it once per claim, whoever writes it; the NOT EXISTS only spares the outbox
  // the bonuses already told, minute after minute.
  const source = Prisma.sql`
    SELECT c."userId" AS user_id, 'bonus.expiring:' || c.id AS dedupe_key, jsonb_build_object(
      'userId', c."userId", 'claimId', c.id::text, 'promoCodeId', c."promoCodeId"::text,
      'wageredUsdAmount', ${usdTextSql(`p."wageredUsdAmount"`)},
      'wagerUsdAmountToComplete', ${usdTextSql(`p."wagerUsdAmountToComplete"`)},
      'leftUsdAmount', ${usdTextSql(`GREATEST(p."wagerUsdAmountToComplete" - p."wageredUsdAmount", 0)`)},
      'expiresAt', ${isoSql(`p."expiresAt"`)}) AS data
    FROM "UserPromoCode" c
    JOIN "UserPromoCodeProgress" p ON p."promoCodeId" = c."promoCodeId" AND p."userId" = c."userId"
    WHERE c.status = 'ACTIVE'
      AND p."expiresAt" > ${now}::timestamptz AND p."expiresAt" <= ${now}::timestamptz + ${NOTICE}::interval
      AND p."expiresAt" - p."activatedAt" >= ${SHORTEST_WINDOW}::interval
      AND NOT EXISTS (SELECT 1 FROM "WebhookEvent" w WHERE w."dedupeKey" = 'bonus.expiring:' || c.id)`;
  const [row] = await db.$queryRaw<{ written: number }[]>(outboxStatementSql("bonus.expiring", source));
  return row?.written ?? 0;
}
