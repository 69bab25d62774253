import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";
import type { TTx } from "@/lib/server/db";

/**
 * Adds a USD figure of a referred player to their referrer's per-owner totals and business-day
 * rollup (a no-op for unreferred players), as one statement. `column` is one of the rollups' USD
 * columns, which share their names in both tables.
 */
export async function addToReferrerRollups(
  tx: TTx,
  userId: number,
  column: "depositUsdAmount" | "bonusUsdAmount",
  usd: string,
  at: Date,
) {
  const col = Prisma.raw(`"${column}"`);
  await tx.$executeRaw`
    WITH owner AS (
      SELECT c."ownerId" AS id FROM "User" u JOIN "AffiliateCode" c ON c.id = u."affiliateCodeId" WHERE u.id = ${userId}
    ), totals AS (
      INSERT INTO "AffiliateOwnerStats" ("userId", ${col}) SELECT id, ${usd}::numeric FROM owner
      ON CONFLICT ("userId") DO UPDATE SET ${col} = "AffiliateOwnerStats".${col} + EXCLUDED.${col}, "updatedAt" = now()
    )
    INSERT INTO "AffiliateDailyStats" ("userId", day, ${col})
    SELECT id, (${at}::timestamptz AT TIME ZONE COALESCE(NULLIF(current_setting('rollover.business_time_zone', true), ''), 'UTC'))::date, ${usd}::numeric
    FROM owner
    ON CONFLICT ("userId", day) DO UPDATE SET ${col} = "AffiliateDailyStats".${col} + EXCLUDED.${col}, "updatedAt" = now()`;
}

/**
 * Granted bonus value: on the player's own stats (UserStatsUsd.bonusUsdAmount) and — for a referred
 * player — on their referrer's rollups, since it counts against the referrer in AffiliateStreamer's
 * profit/loss.
 */
export async function recordBonusGranted(tx: TTx, userId: number, usd: string, at: Date) {
  await tx.$executeRaw`
    INSERT INTO "UserStatsUsd" ("userId", "bonusUsdAmount") VALUES (${userId}, ${usd}::numeric)
    ON CONFLICT ("userId") DO UPDATE SET "bonusUsdAmount" = "UserStatsUsd"."bonusUsdAmount" + EXCLUDED."bonusUsdAmount", "updatedAt" = now()`;
  await addToReferrerRollups(tx, userId, "bonusUsdAmount", usd, at);
}
